import { type BoardElement, checkBoardElement } from "./board-elements";

// A board (the elements of the session document's `board` map) drawn as one
// self-contained SVG string, for the feedback page and its downloads. Pure: no DOM and no
// Excalidraw (it runs on the server), so it draws the clean geometry of each shape, not
// Excalidraw's hand-drawn look.
//
// The output is safe to inline into HTML: every tag and attribute is written here, every
// element passes `checkBoardElement` first (so colours are colour words or hex, numbers
// finite and bounded), every number is formatted here, and text is escaped (and cleared of
// characters XML cannot hold). Nothing refers outside the SVG: no links, images, scripts,
// styles sheets or web fonts (text uses a system font stack), not even internal `url(#…)`
// references, so two pictures on one page cannot clash.
//
// Approximations, said plainly: hachure, cross-hatch and zigzag fills are drawn as a
// lighter solid fill (fill-opacity HATCH_FILL_OPACITY); curved lines and arrows are smooth
// curves through their points (Catmull-Rom), close to Excalidraw's; a freehand stroke is
// a smoothed line of even width (Excalidraw varies it with pressure); diamond corners are
// not rounded; fonts are the system's.

/** What the feedback page shows: a picture, or nothing to show. */
export type BoardPicture =
  | { empty: true }
  | {
      empty: false;
      svg: string;
      /** The picture's size in SVG units (the board's, plus padding). */
      width: number;
      height: number;
      /** Elements drawn. */
      drawn: number;
    };

export interface BoardSvgOptions {
  /** The picture's accessible name (its <title>). */
  title?: string;
  /** Space around the drawing, in board units. */
  padding?: number;
  /** Painted behind the drawing (PNG exports need one); null for none. */
  background?: string | null;
}

/** The accessible name of a session's board, wherever its picture is shown. */
export const SESSION_BOARD_TITLE = "The whiteboard at the end of the session";

/** How much lighter a hatched fill is drawn than a solid one. */
export const HATCH_FILL_OPACITY = 0.35;

const DEFAULT_PADDING = 24;
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
/** Excalidraw's code fonts (Cascadia, Comic Shanns); the rest draw in the sans stack. */
const MONO_FAMILIES = new Set([3, 8]);

type El = BoardElement & {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
};
type Point = readonly [number, number];
type Box = { minX: number; minY: number; maxX: number; maxY: number };

/**
 * The board as an SVG picture, or `{ empty: true }` when nothing is drawn on it. Elements
 * that fail the board's element check are skipped, as are deleted ones.
 */
export function renderBoardSvg(
  elements: readonly unknown[],
  options: BoardSvgOptions = {},
): BoardPicture {
  const live = drawableElements(elements);
  if (live.length === 0) return { empty: true };
  const { x, y, width, height } = frameOf(live, options.padding ?? DEFAULT_PADDING);
  const background = options.background === undefined ? "#ffffff" : options.background;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(x)} ${num(y)} ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img">`,
  ];
  if (options.title) parts.push(`<title>${escapeXml(options.title)}</title>`);
  if (background && isColor(background)) {
    parts.push(
      `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${background}"/>`,
    );
  }
  for (const element of live) parts.push(drawElement(element));
  parts.push("</svg>");
  return { empty: false, svg: parts.join(""), width, height, drawn: live.length };
}

/** What `renderBoardSvg` would draw, without drawing it: whether, how large, how many. */
export type BoardPictureSize =
  | { empty: true }
  | { empty: false; width: number; height: number; drawn: number };

/** The size of the board's picture (the page lays it out before the picture loads). */
export function measureBoard(
  elements: readonly unknown[],
  options: Pick<BoardSvgOptions, "padding"> = {},
): BoardPictureSize {
  const live = drawableElements(elements);
  if (live.length === 0) return { empty: true };
  const { width, height } = frameOf(live, options.padding ?? DEFAULT_PADDING);
  return { empty: false, width, height, drawn: live.length };
}

/** The picture's view box: the elements' bounds with padding around them. */
function frameOf(live: readonly El[], padding: number) {
  const box = emptyBox();
  for (const element of live) growBox(box, elementBounds(element));
  return {
    x: box.minX - padding,
    y: box.minY - padding,
    width: box.maxX - box.minX + 2 * padding,
    height: box.maxY - box.minY + 2 * padding,
  };
}

/** Live, valid elements in Excalidraw's stacking order (fractional index, then id). */
export function drawableElements(elements: readonly unknown[]): El[] {
  const live: El[] = [];
  for (const value of elements) {
    if (typeof value !== "object" || value === null) continue;
    const key = (value as { id?: unknown }).id;
    if (typeof key !== "string" || !checkBoardElement(key, value).ok) continue;
    const element = value as El;
    if (element.isDeleted) continue;
    live.push(element);
  }
  // Code-point order, as fractional indices are meant to compare (not the locale's).
  return live.sort((a, b) => compare(orderKey(a), orderKey(b)) || compare(a.id, b.id));
}

function orderKey(element: El): string {
  return typeof element.index === "string" ? element.index : "\u{10FFFF}";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// Geometry

function emptyBox(): Box {
  return { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

function growBox(box: Box, other: Box) {
  box.minX = Math.min(box.minX, other.minX);
  box.minY = Math.min(box.minY, other.minY);
  box.maxX = Math.max(box.maxX, other.maxX);
  box.maxY = Math.max(box.maxY, other.maxY);
}

function isLinear(element: El): boolean {
  return element.type === "arrow" || element.type === "line" || element.type === "freedraw";
}

function pointsOf(element: El): Point[] {
  return (element.points as Point[] | undefined) ?? [];
}

/** The element's own box before rotation, in board coordinates. */
function localBox(element: El): Box {
  if (isLinear(element)) {
    const box = emptyBox();
    for (const [px, py] of pointsOf(element)) {
      growBox(box, { minX: px, minY: py, maxX: px, maxY: py });
    }
    if (box.minX === Infinity)
      return { minX: element.x, minY: element.y, maxX: element.x, maxY: element.y };
    return {
      minX: element.x + box.minX,
      minY: element.y + box.minY,
      maxX: element.x + box.maxX,
      maxY: element.y + box.maxY,
    };
  }
  return {
    minX: element.x,
    minY: element.y,
    maxX: element.x + element.width,
    maxY: element.y + element.height,
  };
}

/** Where Excalidraw rotates an element: the centre of its own box. */
function centreOf(element: El): Point {
  const box = localBox(element);
  return [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
}

/** The box the element covers once rotated, with room for its stroke and arrowheads. */
export function elementBounds(element: BoardElement): Box {
  const el = element as El;
  const box = localBox(el);
  const strokeWidth = el.strokeWidth as number;
  const extra =
    strokeWidth / 2 +
    (el.type === "freedraw" ? strokeWidth : 0) +
    (el.type === "arrow" && (el.startArrowhead || el.endArrowhead) ? ARROWHEAD_MAX : 0);
  const angle = el.angle as number;
  if (angle === 0) {
    return {
      minX: box.minX - extra,
      minY: box.minY - extra,
      maxX: box.maxX + extra,
      maxY: box.maxY + extra,
    };
  }
  const [cx, cy] = centreOf(el);
  const rotated = emptyBox();
  for (const [px, py] of [
    [box.minX, box.minY],
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
    [box.minX, box.maxY],
  ] as const) {
    const [rx, ry] = rotate(px, py, cx, cy, angle);
    growBox(rotated, { minX: rx, minY: ry, maxX: rx, maxY: ry });
  }
  return {
    minX: rotated.minX - extra,
    minY: rotated.minY - extra,
    maxX: rotated.maxX + extra,
    maxY: rotated.maxY + extra,
  };
}

function rotate(x: number, y: number, cx: number, cy: number, angle: number): Point {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos];
}

// ---------------------------------------------------------------------------------------
// Drawing

function drawElement(element: El): string {
  const body = drawBody(element);
  const attributes: string[] = [];
  const opacity = (element.opacity as number) / 100;
  if (opacity < 1) attributes.push(`opacity="${num(opacity)}"`);
  const angle = element.angle as number;
  if (angle !== 0) {
    const [cx, cy] = centreOf(element);
    attributes.push(`transform="rotate(${num((angle * 180) / Math.PI)} ${num(cx)} ${num(cy)})"`);
  }
  return `<g${attributes.length ? ` ${attributes.join(" ")}` : ""}>${body}</g>`;
}

function drawBody(element: El): string {
  switch (element.type) {
    case "rectangle":
      return drawRectangle(element);
    case "ellipse":
      return `<ellipse cx="${num(element.x + element.width / 2)}" cy="${num(element.y + element.height / 2)}" rx="${num(element.width / 2)}" ry="${num(element.height / 2)}"${fillAttributes(element)}${strokeAttributes(element)}/>`;
    case "diamond": {
      const { x, y, width: w, height: h } = element;
      const points = [
        [x + w / 2, y],
        [x + w, y + h / 2],
        [x + w / 2, y + h],
        [x, y + h / 2],
      ]
        .map(([px, py]) => `${num(px!)},${num(py!)}`)
        .join(" ");
      return `<polygon points="${points}"${fillAttributes(element)}${strokeAttributes(element)} stroke-linejoin="round"/>`;
    }
    case "line":
    case "arrow":
      return drawLinear(element);
    case "freedraw":
      return drawFreedraw(element);
    case "text":
      return drawText(element);
    default:
      return "";
  }
}

function drawRectangle(element: El): string {
  const radius = cornerRadius(element);
  const corners = radius > 0 ? ` rx="${num(radius)}" ry="${num(radius)}"` : "";
  return `<rect x="${num(element.x)}" y="${num(element.y)}" width="${num(element.width)}" height="${num(element.height)}"${corners}${fillAttributes(element)}${strokeAttributes(element)}/>`;
}

/** Excalidraw's corner radius: a quarter of the short side, capped for adaptive roundness. */
export function cornerRadius(element: BoardElement): number {
  const roundness = element.roundness as { type: number; value?: number } | null;
  if (!roundness) return 0;
  const side = Math.min(element.width as number, element.height as number);
  if (roundness.type !== 3) return side * 0.25;
  const fixed = roundness.value ?? 32;
  return side <= fixed / 0.25 ? side * 0.25 : fixed;
}

function drawLinear(element: El): string {
  const points = pointsOf(element).map(([px, py]) => [element.x + px, element.y + py] as Point);
  if (points.length === 0) return "";
  const closed = element.type === "line" && element.polygon === true;
  const curved = element.roundness !== null && element.elbowed !== true && points.length > 2;
  const d = curved ? curvePath(points, closed) : straightPath(points, closed);
  const parts = [
    `<path d="${d}"${closed ? fillAttributes(element) : ' fill="none"'}${strokeAttributes(element)} stroke-linejoin="round"/>`,
  ];
  if (element.type === "arrow" && points.length >= 2) {
    const start = element.startArrowhead as string | null;
    const end = element.endArrowhead as string | null;
    if (start) parts.push(drawArrowhead(element, start, points[0]!, points[1]!));
    if (end) parts.push(drawArrowhead(element, end, points.at(-1)!, points.at(-2)!));
  }
  return parts.join("");
}

function straightPath(points: readonly Point[], closed: boolean): string {
  const [first, ...rest] = points;
  const d = `M${pt(first!)}${rest.map((p) => `L${pt(p)}`).join("")}`;
  return closed ? `${d}Z` : d;
}

/** A smooth curve through every point (Catmull-Rom as cubic Béziers). */
function curvePath(points: readonly Point[], closed: boolean): string {
  const at = (i: number): Point =>
    closed
      ? points[(i + points.length) % points.length]!
      : points[Math.max(0, Math.min(points.length - 1, i))]!;
  const segments = closed ? points.length : points.length - 1;
  let d = `M${pt(points[0]!)}`;
  for (let i = 0; i < segments; i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += `C${pt(c1)} ${pt(c2)} ${pt(p2)}`;
  }
  return closed ? `${d}Z` : d;
}

/** The largest arrowhead, for the picture's bounds. */
const ARROWHEAD_MAX = 30;

/**
 * An arrowhead at `tip`, pointing away from `from` (the neighbouring point). Sizes and
 * angles follow Excalidraw's: never longer than half the last segment.
 */
function drawArrowhead(element: El, kind: string, tip: Point, from: Point): string {
  const dx = tip[0] - from[0];
  const dy = tip[1] - from[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return "";
  const ux = dx / length;
  const uy = dy / length;
  const nominal =
    kind === "arrow" ? 25 : kind.startsWith("diamond") ? 12 : kind.startsWith("crowfoot") ? 20 : 15;
  const size = Math.min(nominal, length * (kind.startsWith("diamond") ? 0.25 : 0.5));
  const stroke = strokeAttributes(element, false);
  const color = paint(element.strokeColor as string);
  // A point `back` along the line from the tip, `side` across it.
  const at = (back: number, side: number): Point => [
    tip[0] - ux * back - uy * side,
    tip[1] - uy * back + ux * side,
  ];
  const wing = (degrees: number) => Math.tan((degrees * Math.PI) / 180) * size;
  switch (kind) {
    case "arrow": {
      const w = wing(20);
      return `<path d="M${pt(at(size, w))}L${pt(tip)}L${pt(at(size, -w))}" fill="none"${stroke} stroke-linejoin="round"/>`;
    }
    case "bar":
      return `<path d="M${pt(at(0, size / 2))}L${pt(at(0, -size / 2))}" fill="none"${stroke}/>`;
    case "triangle":
    case "triangle_outline": {
      const w = wing(25);
      const fill = kind === "triangle" ? color : "#ffffff";
      return `<path d="M${pt(tip)}L${pt(at(size, w))}L${pt(at(size, -w))}Z" fill="${fill}"${stroke} stroke-linejoin="round"/>`;
    }
    case "dot":
    case "circle":
    case "circle_outline": {
      const r = size / 2;
      const [cx, cy] = at(r, 0);
      const fill = kind === "circle_outline" ? "#ffffff" : color;
      return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${fill}"${stroke}/>`;
    }
    case "diamond":
    case "diamond_outline": {
      const fill = kind === "diamond" ? color : "#ffffff";
      return `<path d="M${pt(tip)}L${pt(at(size, size / 2))}L${pt(at(size * 2, 0))}L${pt(at(size, -size / 2))}Z" fill="${fill}"${stroke} stroke-linejoin="round"/>`;
    }
    case "crowfoot_one":
    case "crowfoot_many":
    case "crowfoot_one_or_many": {
      const parts: string[] = [];
      const half = size / 2;
      if (kind !== "crowfoot_one") {
        parts.push(`M${pt(at(size, 0))}L${pt(at(0, half))}M${pt(at(size, 0))}L${pt(at(0, -half))}`);
      }
      if (kind !== "crowfoot_many") {
        parts.push(`M${pt(at(size, half))}L${pt(at(size, -half))}`);
      }
      return `<path d="${parts.join("")}" fill="none"${stroke}/>`;
    }
    default:
      return "";
  }
}

function drawFreedraw(element: El): string {
  const points = pointsOf(element).map(([px, py]) => [element.x + px, element.y + py] as Point);
  if (points.length === 0) return "";
  const color = paint(element.strokeColor as string);
  // Excalidraw's pen is about three stroke widths wide on average.
  const width = Math.max(1, (element.strokeWidth as number) * 3);
  if (points.length === 1) {
    return `<circle cx="${num(points[0]![0])}" cy="${num(points[0]![1])}" r="${num(width / 2)}" fill="${color}"/>`;
  }
  const d = smoothPath(points);
  const parts: string[] = [];
  if (hasFill(element)) parts.push(`<path d="${d}Z"${fillAttributes(element)} stroke="none"/>`);
  parts.push(
    `<path d="${d}" fill="none" stroke="${color}" stroke-width="${num(width)}" stroke-linecap="round" stroke-linejoin="round"/>`,
  );
  return parts.join("");
}

/** A hand-drawn stroke smoothed through the midpoints of its samples. */
function smoothPath(points: readonly Point[]): string {
  let d = `M${pt(points[0]!)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    d += `Q${pt(p)} ${pt([(p[0] + next[0]) / 2, (p[1] + next[1]) / 2])}`;
  }
  return `${d}L${pt(points.at(-1)!)}`;
}

function drawText(element: El): string {
  const fontSize = element.fontSize as number;
  const lineHeight = fontSize * (element.lineHeight as number);
  const align = element.textAlign as "left" | "center" | "right";
  const anchor = align === "center" ? "middle" : align === "right" ? "end" : "start";
  const x =
    align === "center"
      ? element.x + element.width / 2
      : align === "right"
        ? element.x + element.width
        : element.x;
  const family = MONO_FAMILIES.has(element.fontFamily as number) ? MONO : SANS;
  const lines = (element.text as string).replace(/\r\n?/g, "\n").split("\n");
  // Each line's baseline, about where Excalidraw puts it inside its line box.
  const baseline = (i: number) =>
    element.y + i * lineHeight + (lineHeight - fontSize) / 2 + fontSize * 0.8;
  const spans = lines
    .map((line, i) =>
      line === "" ? "" : `<tspan x="${num(x)}" y="${num(baseline(i))}">${escapeXml(line)}</tspan>`,
    )
    .join("");
  return `<text font-family="${escapeXml(family)}" font-size="${num(fontSize)}" text-anchor="${anchor}" fill="${paint(element.strokeColor as string)}" style="white-space:pre" xml:space="preserve">${spans}</text>`;
}

// ---------------------------------------------------------------------------------------
// Paint

function hasFill(element: El): boolean {
  return element.backgroundColor !== "transparent";
}

function fillAttributes(element: El): string {
  if (!hasFill(element)) return ' fill="none"';
  const fill = ` fill="${paint(element.backgroundColor as string)}"`;
  return element.fillStyle === "solid" ? fill : `${fill} fill-opacity="${HATCH_FILL_OPACITY}"`;
}

function strokeAttributes(element: El, dashes = true): string {
  const width = element.strokeWidth as number;
  const color = element.strokeColor as string;
  if (width === 0 || color === "transparent") return ' stroke="none"';
  const parts = [` stroke="${paint(color)}" stroke-width="${num(width)}" stroke-linecap="round"`];
  if (dashes && element.strokeStyle === "dashed") {
    parts.push(` stroke-dasharray="8 ${num(8 + width)}"`);
  } else if (dashes && element.strokeStyle === "dotted") {
    parts.push(` stroke-dasharray="1.5 ${num(6 + width)}"`);
  }
  return parts.join("");
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/;

function isColor(value: string): boolean {
  return COLOR.test(value);
}

/**
 * A colour as an attribute value. The element check admits only hex and colour words;
 * anything else (which cannot reach here) paints black rather than reach the output.
 */
function paint(value: string): string {
  return value === "transparent" ? "none" : isColor(value) ? value : "#000000";
}

// ---------------------------------------------------------------------------------------
// Text out

/** A number as SVG writes it: at most two decimals, no exponent, never NaN. */
function num(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function pt([x, y]: Point): string {
  return `${num(x)} ${num(y)}`;
}

// Characters XML 1.0 cannot hold at all (C0 controls but tab and newline, lone
// surrogates, U+FFFE/U+FFFF): one of them would make the whole picture unreadable.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an SVG text node or attribute. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
