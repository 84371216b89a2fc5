import type * as Y from "yjs";
import {
  BOARD_FULL_MESSAGES,
  BOARD_LIMITS,
  type BoardElement,
  boardElementProblem,
  toBoardElement,
} from "./board-elements";

// The binding between Excalidraw's scene and the shared document's `board` map. Pure of
// the DOM: the whiteboard component hands it Excalidraw's elements on change and applies
// what `sceneFromBoard` returns with updateScene. Elements reconcile as Excalidraw's own
// collaboration does: the higher version wins, and on a tie the lower versionNonce.

/** The browser stops this far short of the server's limits, so two people drawing at
 * once near the limit are not both refused (the server closes the socket on a refusal). */
export const CLIENT_LIMIT_SHARE = 0.95;

type Versioned = { readonly version: number; readonly versionNonce: number };

/** Whether `a` should replace `b`. */
export function isNewer(a: Versioned, b: Versioned): boolean {
  return a.version > b.version || (a.version === b.version && a.versionNonce < b.versionNonce);
}

/** What one call to `writeLocalChanges` did, and the message to show if it stopped. */
export interface WriteOutcome {
  written: number;
  removed: number;
  /** Why some changes were not shared (board full, element too large…), else null. */
  problem: string | null;
}

/**
 * Writes the elements that changed locally into `board`, in one transaction (one update
 * for the server to check). Deleted elements leave the map; elements the board does not
 * take are skipped with a message.
 */
export function writeLocalChanges(
  board: Y.Map<unknown>,
  elements: readonly Readonly<Record<string, unknown>>[],
  origin: unknown,
): WriteOutcome {
  const outcome: WriteOutcome = { written: 0, removed: 0, problem: null };
  let count = board.size;
  let bytes = 0;
  for (const value of board.values()) bytes += JSON.stringify(value).length;
  const doc = board.doc;
  const run = () => {
    for (const element of elements) {
      const id = element.id as string;
      const stored = board.get(id) as BoardElement | undefined;
      if (element.isDeleted === true) {
        if (stored && !isNewer(stored, element as unknown as Versioned)) {
          board.delete(id);
          count -= 1;
          bytes -= JSON.stringify(stored).length;
          outcome.removed += 1;
        }
        continue;
      }
      if (stored && !isNewer(element as unknown as Versioned, stored)) continue;
      const candidate = toBoardElement(element);
      const problem = candidate ? boardElementProblem(id, candidate) : "not shared";
      if (!candidate || problem) {
        outcome.problem ??= problem;
        continue;
      }
      const size = JSON.stringify(candidate).length;
      const nextCount = count + (stored ? 0 : 1);
      const nextBytes = bytes + size - (stored ? JSON.stringify(stored).length : 0);
      const full =
        nextCount > BOARD_LIMITS.elementsPerBoard * CLIENT_LIMIT_SHARE
          ? BOARD_FULL_MESSAGES.elements
          : nextBytes > BOARD_LIMITS.bytesPerBoard * CLIENT_LIMIT_SHARE
            ? BOARD_FULL_MESSAGES.bytes
            : null;
      if (full && (nextCount > count || nextBytes > bytes)) {
        outcome.problem ??= full;
        continue;
      }
      board.set(id, candidate);
      count = nextCount;
      bytes = nextBytes;
      outcome.written += 1;
    }
  };
  if (doc) doc.transact(run, origin);
  else run();
  return outcome;
}

/**
 * The scene after the board changed remotely: every element the board holds, the local
 * copy where it is newer (an edit not written yet), and local elements the board no
 * longer holds dropped unless they are newer than anything shared (still being drawn).
 */
export function sceneFromBoard(
  board: Y.Map<unknown>,
  local: readonly Readonly<Record<string, unknown>>[],
  unsharedIds: ReadonlySet<string> = new Set(),
): Readonly<Record<string, unknown>>[] {
  const scene: Readonly<Record<string, unknown>>[] = [];
  const seen = new Set<string>();
  for (const element of local) {
    const id = element.id as string;
    seen.add(id);
    const stored = board.get(id) as BoardElement | undefined;
    if (stored) scene.push(isNewer(element as unknown as Versioned, stored) ? element : stored);
    else if (unsharedIds.has(id)) scene.push(element);
  }
  for (const [id, stored] of board.entries()) {
    if (!seen.has(id)) scene.push(stored as BoardElement);
  }
  return scene.sort((a, b) => orderKey(a).localeCompare(orderKey(b)));
}

/** Excalidraw orders by fractional index; elements without one go last. */
function orderKey(element: Readonly<Record<string, unknown>>): string {
  return typeof element.index === "string" ? element.index : "\u{10FFFF}";
}
