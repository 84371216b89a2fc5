import type * as Y from "yjs";
import { type BoardElement, checkBoardElement } from "./board-elements";

/**
 * The elements a stored board holds, as the feedback page shows them: live ones only,
 * and only those the board's element check accepts (a document written before the
 * server's guard, or by a bug, could hold anything; what fails is left out, not drawn).
 */
export function storedBoardElements(board: Y.Map<unknown>): BoardElement[] {
  const elements: BoardElement[] = [];
  for (const [key, value] of board.entries()) {
    if (!checkBoardElement(key, value).ok) continue;
    const element = value as BoardElement;
    if (!element.isDeleted) elements.push(element);
  }
  return elements;
}
