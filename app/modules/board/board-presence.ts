// Pointers on the whiteboard travel as presence (the pad's awareness), not in the
// document: they change on every mouse move and mean nothing once the person leaves.
// Pure: the board component publishes `boardPointer` and turns the others' states into
// Excalidraw's collaborators with `collaboratorsOf`.

/** The awareness field a person's board pointer lives under (null: not on the board). */
export const BOARD_POINTER_FIELD = "boardPointer";

export interface BoardPointer {
  x: number;
  y: number;
  tool: "pointer" | "laser";
  button: "up" | "down";
}

/** What Excalidraw draws for one other person (its Collaborator, the fields we set). */
export interface BoardCollaborator {
  username: string;
  color: { background: string; stroke: string };
  pointer?: { x: number; y: number; tool: "pointer" | "laser" };
  button?: "up" | "down";
}

const COLOR = /^#[0-9a-fA-F]{3,8}$/;
const NAME_LENGTH = 80;

/** A pointer as a peer's presence holds it, or null when it is not one. */
export function readBoardPointer(value: unknown): BoardPointer | null {
  if (typeof value !== "object" || value === null) return null;
  const { x, y, tool, button } = value as Record<string, unknown>;
  if (typeof x !== "number" || typeof y !== "number") return null;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  return {
    x,
    y,
    tool: tool === "laser" ? "laser" : "pointer",
    button: button === "down" ? "down" : "up",
  };
}

/**
 * Excalidraw's collaborators from the presence states of everyone in the room, keyed by
 * awareness client id: everyone but `ownClientId` who has a name. People whose pointer is
 * not on the board are listed without one (Excalidraw shows them, no cursor). A peer's
 * state is someone else's input: a name is cut to length and an odd colour replaced.
 */
export function collaboratorsOf(
  states: ReadonlyMap<number, Record<string, unknown>>,
  ownClientId: number,
): Map<string, BoardCollaborator> {
  const collaborators = new Map<string, BoardCollaborator>();
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const user = state.user as { name?: unknown; color?: unknown } | undefined;
    if (typeof user?.name !== "string" || user.name.trim() === "") continue;
    const color = typeof user.color === "string" && COLOR.test(user.color) ? user.color : "#5b6477";
    const pointer = readBoardPointer(state[BOARD_POINTER_FIELD]);
    collaborators.set(String(clientId), {
      username: user.name.slice(0, NAME_LENGTH),
      color: { background: color, stroke: color },
      ...(pointer
        ? { pointer: { x: pointer.x, y: pointer.y, tool: pointer.tool }, button: pointer.button }
        : {}),
    });
  }
  return collaborators;
}

/** What a person who cannot see the canvas is told about the board, and what the footer shows. */
export interface BoardSummary {
  shapes: number;
  /** The words written on the board, in reading order (top to bottom, left to right). */
  labels: string[];
  /** Others whose pointer is on the board now. */
  drawing: string[];
}

const SUMMARY_LABELS = 40;

export function summarizeBoard(
  elements: Iterable<Readonly<Record<string, unknown>>>,
  collaborators: ReadonlyMap<string, BoardCollaborator>,
): BoardSummary {
  let shapes = 0;
  const texts: { text: string; x: number; y: number }[] = [];
  for (const element of elements) {
    if (element.isDeleted === true) continue;
    shapes += 1;
    if (element.type === "text" && typeof element.text === "string" && element.text.trim()) {
      texts.push({ text: element.text.trim(), x: Number(element.x), y: Number(element.y) });
    }
  }
  texts.sort((a, b) => a.y - b.y || a.x - b.x);
  return {
    shapes,
    labels: texts.slice(0, SUMMARY_LABELS).map((t) => t.text),
    drawing: [...collaborators.values()].filter((c) => c.pointer).map((c) => c.username),
  };
}
