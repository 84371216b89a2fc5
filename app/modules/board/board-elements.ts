// The whiteboard's elements as the shared document stores them: one JSON value per
// Excalidraw element under the `board` map (shared-doc.ts), keyed by the element's id.
// Pure. The realtime server runs `boardElementProblem` on every element a client writes
// (realtime/doc-guard.ts) and the browser runs it before writing (board-sync.ts), so one
// participant can never put something in the board that the other's Excalidraw, the
// stored pad or the feedback page's renderer (board-svg.ts) would choke on.
//
// Only the shapes a design diagram needs are accepted: no images (their files would live
// outside the document), no embeds or iframes (other origins), no frames. Every field is
// one Excalidraw 0.18 writes; anything else, at any depth, is refused.

/** Element types the board accepts. */
export const BOARD_ELEMENT_TYPES = [
  "rectangle",
  "ellipse",
  "diamond",
  "arrow",
  "line",
  "text",
  "freedraw",
] as const;

export type BoardElementType = (typeof BOARD_ELEMENT_TYPES)[number];

/**
 * How big a board may grow. A whole board travels in one realtime frame when a client
 * syncs (the server takes frames up to 512 KiB), so the board stays well under that.
 */
export const BOARD_LIMITS = {
  /** Live elements on one board (about what the byte limit holds of plain boxes). */
  elementsPerBoard: 800,
  /** One element as JSON text. */
  bytesPerElement: 24 * 1024,
  /** All the board's elements as JSON text. */
  bytesPerBoard: 384 * 1024,
  /** Characters of a text element. */
  textLength: 4000,
  /** Points of a line, arrow or freehand stroke. */
  points: 1000,
  /** Group memberships and bound elements of one element. */
  listLength: 64,
  /** Ids, colours, fractional indices. */
  shortString: 64,
  /** A link on an element. */
  linkLength: 2000,
  /** Coordinates and sizes stay within this, in both directions. */
  coordinate: 1_000_000,
} as const;

/** What a person is told when the board cannot take more. */
export const BOARD_FULL_MESSAGES = {
  elements: `The board is full: it holds at most ${BOARD_LIMITS.elementsPerBoard} shapes. Delete some to draw more.`,
  bytes:
    "The board is full: it is too large to share. Delete some shapes (long freehand strokes take the most room) to draw more.",
  element: "That shape is too large for the board (a very long stroke or text). Draw it in parts.",
} as const;

export type BoardElement = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly type: BoardElementType;
  readonly version: number;
  readonly versionNonce: number;
  readonly isDeleted: boolean;
};

type Check = (value: unknown) => string | null;

const TYPES: ReadonlySet<string> = new Set(BOARD_ELEMENT_TYPES);
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOR = /^(transparent|#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/;

const finite =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max
      ? null
      : `must be a number from ${min} to ${max}`;

const integer =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : `must be a whole number from ${min} to ${max}`;

const oneOf =
  (...options: readonly (string | null)[]): Check =>
  (value) =>
    options.includes(value as string | null) ? null : `must be one of ${options.join(", ")}`;

const bool: Check = (value) => (typeof value === "boolean" ? null : "must be true or false");
const id: Check = (value) =>
  typeof value === "string" && ID.test(value) ? null : "must be an element id";
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null ? null : check(value);

const color: Check = (value) =>
  typeof value === "string" && COLOR.test(value) ? null : "must be a colour";

const coordinate = finite(-BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate);
const size = finite(0, BOARD_LIMITS.coordinate);

const point: Check = (value) =>
  Array.isArray(value) && value.length === 2 && !coordinate(value[0]) && !coordinate(value[1])
    ? null
    : "must be a point [x, y]";

const listOf =
  (check: Check, max: number): Check =>
  (value) => {
    if (!Array.isArray(value)) return "must be a list";
    if (value.length > max) return `must hold at most ${max} items`;
    for (const item of value) {
      const problem = check(item);
      if (problem) return problem;
    }
    return null;
  };

/** An object with exactly these fields (those marked optional may be absent). */
const shape =
  (fields: Record<string, Check>, optional: readonly string[] = []): Check =>
  (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return "must be an object";
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!(key in fields)) return `has an unknown field ${key}`;
    for (const [key, check] of Object.entries(fields)) {
      if (!(key in record)) {
        if (optional.includes(key)) continue;
        return `lacks ${key}`;
      }
      const problem = check(record[key]);
      if (problem) return `${key} ${problem}`;
    }
    return null;
  };

const binding = nullable(
  shape(
    {
      elementId: id,
      focus: finite(-10, 10),
      gap: finite(-BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate),
      fixedPoint: nullable(point),
    },
    ["fixedPoint"],
  ),
);

const link: Check = (value) =>
  typeof value === "string" &&
  value.length <= BOARD_LIMITS.linkLength &&
  /^https?:\/\/[^\s]+$/i.test(value)
    ? null
    : "must be an http(s) address";

/** Ends an arrow or line may have (null: none). */
export const ARROWHEADS = [
  null,
  "arrow",
  "bar",
  "dot",
  "circle",
  "circle_outline",
  "triangle",
  "triangle_outline",
  "diamond",
  "diamond_outline",
  "crowfoot_one",
  "crowfoot_many",
  "crowfoot_one_or_many",
] as const;

/** Fields every element has. */
const BASE_FIELDS: Record<string, Check> = {
  id,
  type: oneOf(...BOARD_ELEMENT_TYPES),
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  angle: finite(-7, 7),
  strokeColor: color,
  backgroundColor: color,
  fillStyle: oneOf("hachure", "cross-hatch", "solid", "zigzag"),
  strokeWidth: finite(0, 100),
  strokeStyle: oneOf("solid", "dashed", "dotted"),
  roundness: nullable(shape({ type: integer(1, 3), value: finite(0, 10_000) }, ["value"])),
  roughness: finite(0, 10),
  opacity: finite(0, 100),
  seed: integer(0, 2 ** 31),
  version: integer(1, 2 ** 31),
  versionNonce: integer(-(2 ** 31), 2 ** 31),
  index: nullable((value) =>
    typeof value === "string" && /^[\x21-\x7e]{1,64}$/.test(value)
      ? null
      : "must be a fractional index",
  ),
  isDeleted: bool,
  groupIds: listOf(id, BOARD_LIMITS.listLength),
  frameId: oneOf(null),
  boundElements: nullable(
    listOf(shape({ id, type: oneOf("arrow", "text") }), BOARD_LIMITS.listLength),
  ),
  updated: finite(0, 1e15),
  link: nullable(link),
  locked: bool,
};

const points = listOf(point, BOARD_LIMITS.points);

const LINEAR_FIELDS: Record<string, Check> = {
  points,
  lastCommittedPoint: nullable(point),
  startBinding: binding,
  endBinding: binding,
  startArrowhead: oneOf(...ARROWHEADS),
  endArrowhead: oneOf(...ARROWHEADS),
};

/** Fields by type, beyond BASE_FIELDS; `optional` may be absent. */
const TYPE_FIELDS: Record<
  BoardElementType,
  { fields: Record<string, Check>; optional: readonly string[] }
> = {
  rectangle: { fields: {}, optional: [] },
  ellipse: { fields: {}, optional: [] },
  diamond: { fields: {}, optional: [] },
  line: { fields: { ...LINEAR_FIELDS, polygon: bool }, optional: ["polygon"] },
  arrow: {
    fields: {
      ...LINEAR_FIELDS,
      elbowed: bool,
      fixedSegments: nullable(
        listOf(
          shape({ start: point, end: point, index: integer(0, BOARD_LIMITS.points) }),
          BOARD_LIMITS.points,
        ),
      ),
      startIsSpecial: nullable(bool),
      endIsSpecial: nullable(bool),
    },
    optional: ["elbowed", "fixedSegments", "startIsSpecial", "endIsSpecial"],
  },
  text: {
    fields: {
      fontSize: finite(1, 1000),
      fontFamily: integer(1, 20),
      text: boundedText,
      originalText: boundedText,
      textAlign: oneOf("left", "center", "right"),
      verticalAlign: oneOf("top", "middle", "bottom"),
      containerId: nullable(id),
      autoResize: bool,
      lineHeight: finite(0.1, 10),
    },
    optional: ["autoResize"],
  },
  freedraw: {
    fields: {
      points,
      pressures: listOf(finite(0, 1), BOARD_LIMITS.points),
      simulatePressure: bool,
      lastCommittedPoint: nullable(point),
    },
    optional: [],
  },
};

function boundedText(value: unknown): string | null {
  return typeof value === "string" && value.length <= BOARD_LIMITS.textLength
    ? null
    : `must be text of at most ${BOARD_LIMITS.textLength} characters`;
}

const SHAPES = Object.fromEntries(
  BOARD_ELEMENT_TYPES.map((type) => {
    const { fields, optional } = TYPE_FIELDS[type];
    return [type, shape({ ...BASE_FIELDS, ...fields }, optional)];
  }),
) as Record<BoardElementType, Check>;

/** Every field the board keeps, for any type: what the browser copies off Excalidraw's elements. */
export const BOARD_ELEMENT_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(BASE_FIELDS),
  ...BOARD_ELEMENT_TYPES.flatMap((type) => Object.keys(TYPE_FIELDS[type].fields)),
]);

/** The verdict on one element: its size as stored, or why it is refused. */
export type ElementVerdict = { ok: true; bytes: number } | { ok: false; reason: string };

/** `boardElementProblem`, with the element's size (JSON text length) when it passes. */
export function checkBoardElement(key: string, value: unknown): ElementVerdict {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "an element is an object" };
  }
  const element = value as Record<string, unknown>;
  if (element.id !== key) return { ok: false, reason: "an element is stored under its own id" };
  if (typeof element.type !== "string" || !TYPES.has(element.type)) {
    return { ok: false, reason: "the board does not take this kind of element" };
  }
  const problem = SHAPES[element.type as BoardElementType](value);
  if (problem) return { ok: false, reason: `element ${problem}` };
  const bytes = JSON.stringify(value).length;
  if (bytes > BOARD_LIMITS.bytesPerElement)
    return { ok: false, reason: BOARD_FULL_MESSAGES.element };
  return { ok: true, bytes };
}

/** Null when `value` may be stored under `key` in the board, else the reason. */
export function boardElementProblem(key: string, value: unknown): string | null {
  const verdict = checkBoardElement(key, value);
  return verdict.ok ? null : verdict.reason;
}

/** Why a board of this many elements and bytes is over its limits, or null. */
export function boardSizeProblem(elements: number, bytes: number): string | null {
  if (elements > BOARD_LIMITS.elementsPerBoard) return BOARD_FULL_MESSAGES.elements;
  if (bytes > BOARD_LIMITS.bytesPerBoard) return BOARD_FULL_MESSAGES.bytes;
  return null;
}

/**
 * The stored form of an Excalidraw element: only the fields the board keeps (Excalidraw
 * carries a few of its own, like `customData`, that are not shared). Null for element
 * types the board does not take.
 */
export function toBoardElement(element: Readonly<Record<string, unknown>>): BoardElement | null {
  if (typeof element.type !== "string" || !TYPES.has(element.type)) return null;
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(element)) {
    if (BOARD_ELEMENT_FIELDS.has(key) && element[key] !== undefined) stored[key] = element[key];
  }
  return stored as BoardElement;
}
