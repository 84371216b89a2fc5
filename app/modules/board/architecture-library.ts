import type { BoardElement } from "./board-elements";

// Shapes for architecture diagrams, for the whiteboard's library panel: offline (built
// here, nothing fetched), in Excalidraw's library item format, made only of what the board
// accepts (board-elements.ts: rectangles, ellipses, diamonds, lines, arrows, text; no
// images), so a shape dropped on the board is shared like any other drawing. Labels sit
// in their shape as bound text (containerId), so they move and wrap with it; each item's
// parts share a group, so it moves as one. Excalidraw gives the elements fresh ids when
// an item is placed.

/** One item of the library panel: Excalidraw's `LibraryItem`, with the board's elements. */
export interface BoardLibraryItem {
  readonly id: string;
  readonly status: "published";
  /** When the item was made, in epoch milliseconds. */
  readonly created: number;
  readonly name: string;
  readonly elements: readonly BoardElement[];
}

/** The library's date, fixed so the items (and their ids) are the same on every load. */
const CREATED = Date.UTC(2026, 11, 1);

const INK = "#1e1e1e";
const COLORS = {
  service: "#a5d8ff",
  queue: "#ffd8a8",
  storage: "#b2f2bb",
  cache: "#ffec99",
  network: "#d0bfff",
  client: "#e9ecef",
  stream: "#ffc9c9",
  compute: "#96f2d7",
  ml: "#fcc2d7",
  spark: "#ffe8cc",
} as const;

/** Fractional-index digits, in the order Excalidraw compares them. */
const INDEX_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

type Shape = Record<string, unknown> & { id: string; type: BoardElement["type"] };

/** Builds one item's elements: ids, stacking order and group are handed out in order. */
class ItemBuilder {
  readonly elements: Shape[] = [];
  constructor(readonly key: string) {}

  private base(type: BoardElement["type"], x: number, y: number, width: number, height: number) {
    const n = this.elements.length;
    const id = `arch-${this.key}-${n}`;
    return {
      id,
      type,
      x,
      y,
      width,
      height,
      angle: 0,
      strokeColor: INK,
      backgroundColor: "transparent",
      fillStyle: "solid",
      strokeWidth: 2,
      strokeStyle: "solid",
      roundness: null as { type: number } | null,
      roughness: 1,
      opacity: 100,
      seed: seedOf(id),
      version: 1,
      versionNonce: seedOf(`${id}:nonce`),
      index: `a${INDEX_DIGITS[n]}`,
      isDeleted: false,
      groupIds: [`arch-${this.key}`],
      frameId: null,
      boundElements: null as { id: string; type: "text" | "arrow" }[] | null,
      updated: CREATED,
      link: null,
      locked: false,
    };
  }

  private add<T extends Shape>(element: T): T {
    this.elements.push(element);
    return element;
  }

  rectangle(
    x: number,
    y: number,
    width: number,
    height: number,
    style: { fill?: string; rounded?: boolean; stroke?: string; dashed?: boolean } = {},
  ) {
    return this.add({
      ...this.base("rectangle", x, y, width, height),
      backgroundColor: style.fill ?? "transparent",
      strokeColor: style.stroke ?? INK,
      strokeStyle: style.dashed ? "dashed" : "solid",
      roundness: style.rounded === false ? null : { type: 3 },
    });
  }

  ellipse(x: number, y: number, width: number, height: number, fill = "transparent") {
    return this.add({ ...this.base("ellipse", x, y, width, height), backgroundColor: fill });
  }

  diamond(x: number, y: number, width: number, height: number, fill = "transparent") {
    return this.add({ ...this.base("diamond", x, y, width, height), backgroundColor: fill });
  }

  /** A straight line through `points` (relative to the first), closed and filled if asked. */
  line(points: [number, number][], style: { fill?: string; closed?: boolean } = {}) {
    return this.add({
      ...this.linear("line", points),
      backgroundColor: style.fill ?? "transparent",
      polygon: style.closed ?? false,
    });
  }

  arrow(points: [number, number][], style: { dashed?: boolean } = {}) {
    return this.add({
      ...this.linear("arrow", points),
      strokeStyle: style.dashed ? "dashed" : "solid",
      endArrowhead: "arrow",
      elbowed: false,
    });
  }

  private linear(type: "line" | "arrow", points: [number, number][]) {
    const [x0, y0] = points[0]!;
    const relative = points.map(([px, py]) => [px - x0, py - y0] as [number, number]);
    const xs = relative.map(([px]) => px);
    const ys = relative.map(([, py]) => py);
    return {
      ...this.base(
        type,
        x0,
        y0,
        Math.max(...xs) - Math.min(...xs),
        Math.max(...ys) - Math.min(...ys),
      ),
      points: relative,
      lastCommittedPoint: null,
      startBinding: null,
      endBinding: null,
      startArrowhead: null,
      endArrowhead: null,
    };
  }

  /** Text bound to `container`: centred in it, moving and wrapping with it. */
  label(container: Shape, text: string, options: { fontSize?: number; top?: boolean } = {}) {
    const fontSize = options.fontSize ?? 20;
    const { width, height } = textSize(text, fontSize);
    const box = container as unknown as { x: number; y: number; width: number; height: number };
    const element = this.add({
      ...this.base(
        "text",
        box.x + (box.width - width) / 2,
        options.top ? box.y + 6 : box.y + (box.height - height) / 2,
        width,
        height,
      ),
      strokeColor: INK,
      fontSize,
      fontFamily: 5,
      text,
      originalText: text,
      textAlign: "center",
      verticalAlign: options.top ? "top" : "middle",
      containerId: container.id,
      autoResize: true,
      lineHeight: 1.25,
    });
    container.boundElements = [
      ...((container.boundElements as { id: string; type: string }[] | null) ?? []),
      { id: element.id, type: "text" },
    ];
    return element;
  }

  /** Text on its own, its top-left at x, y. */
  text(x: number, y: number, text: string, fontSize = 16) {
    const { width, height } = textSize(text, fontSize);
    return this.add({
      ...this.base("text", x, y, width, height),
      fontSize,
      fontFamily: 5,
      text,
      originalText: text,
      textAlign: "left",
      verticalAlign: "top",
      containerId: null,
      autoResize: true,
      lineHeight: 1.25,
    });
  }

  /** A cylinder (storage): a body with an elliptic top and bottom, labelled inside. */
  cylinder(x: number, y: number, width: number, height: number, fill: string, text: string) {
    const rim = Math.min(24, height / 4);
    this.ellipse(x, y + height - rim, width, rim, fill);
    const body = this.rectangle(x, y + rim / 2, width, height - rim, {
      fill,
      rounded: false,
      stroke: "transparent",
    });
    this.line([
      [x, y + rim / 2],
      [x, y + height - rim / 2],
    ]);
    this.line([
      [x + width, y + rim / 2],
      [x + width, y + height - rim / 2],
    ]);
    this.ellipse(x, y, width, rim, fill);
    this.label(body, text);
    return body;
  }
}

/** A stable 31-bit number from a string (Excalidraw's seeds only shape the hand-drawn look). */
function seedOf(value: string): number {
  let hash = 2166136261;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 1) % 2 ** 31;
}

/** About the size Excalidraw measures for this text (it measures again when it loads). */
function textSize(text: string, fontSize: number): { width: number; height: number } {
  const lines = text.split("\n");
  const longest = Math.max(...lines.map((line) => line.length));
  return { width: Math.ceil(longest * fontSize * 0.55), height: lines.length * fontSize * 1.25 };
}

function item(key: string, name: string, draw: (b: ItemBuilder) => void): BoardLibraryItem {
  const builder = new ItemBuilder(key);
  draw(builder);
  return {
    id: `arch-${key}`,
    status: "published",
    created: CREATED,
    name,
    elements: builder.elements as unknown as BoardElement[],
  };
}

/** The architecture shapes, in the order the library panel lists them. */
export const ARCHITECTURE_LIBRARY: readonly BoardLibraryItem[] = [
  item("service", "Service", (b) => {
    b.label(b.rectangle(0, 0, 200, 80, { fill: COLORS.service }), "Service");
  }),

  item("client", "Client (browser or app)", (b) => {
    const frame = b.rectangle(0, 0, 200, 130, { fill: COLORS.client, rounded: false });
    b.line([
      [0, 26],
      [200, 26],
    ]);
    for (const [i, dx] of [10, 28, 46].entries()) {
      b.ellipse(dx, 8, 10, 10, i === 0 ? "#ffc9c9" : "transparent");
    }
    b.label(frame, "Client");
  }),

  item("load-balancer", "Load balancer", (b) => {
    b.label(b.ellipse(0, 20, 140, 80, COLORS.network), "Load\nbalancer", { fontSize: 16 });
    for (const dy of [10, 60, 110]) {
      b.arrow([
        [142, 60],
        [220, dy],
      ]);
    }
  }),

  item("api-gateway", "API gateway", (b) => {
    b.arrow([
      [0, 80],
      [50, 80],
    ]);
    b.label(b.rectangle(56, 0, 120, 160, { fill: COLORS.network }), "API\ngateway");
    for (const dy of [30, 80, 130]) {
      b.arrow([
        [182, dy],
        [240, dy],
      ]);
    }
  }),

  item("queue", "Queue", (b) => {
    const body = b.rectangle(0, 0, 240, 64, { fill: COLORS.queue, rounded: false });
    // Messages waiting at the head of the queue.
    for (const dx of [176, 196, 216]) {
      b.line([
        [dx, 0],
        [dx, 64],
      ]);
    }
    b.label(body, "Queue");
  }),

  item("topic", "Stream topic (partitioned log)", (b) => {
    const topic = b.rectangle(0, 0, 260, 176, { fill: COLORS.stream, rounded: false });
    b.label(topic, "Topic", { top: true });
    for (const [p, dy] of [40, 86, 132].entries()) {
      b.rectangle(16, dy, 228, 34, { fill: "#ffffff", rounded: false });
      b.text(22, dy + 8, `p${p}`, 14);
      // Records appended at the end of each partition.
      for (const dx of [64, 88, 112, 136, 160].slice(0, 5 - p)) {
        b.line([
          [16 + dx, dy],
          [16 + dx, dy + 34],
        ]);
      }
    }
  }),

  item("database", "Database", (b) => {
    b.cylinder(0, 0, 140, 140, COLORS.storage, "Database");
  }),

  item("cache", "Cache", (b) => {
    const outer = b.rectangle(0, 0, 180, 80, { fill: COLORS.cache });
    // A second outline: fast, in memory, in front of something slower.
    b.rectangle(8, 8, 164, 64, { dashed: true });
    b.label(outer, "Cache");
  }),

  item("object-store", "Object store (bucket)", (b) => {
    b.line(
      [
        [0, 12],
        [160, 12],
        [140, 150],
        [20, 150],
        [0, 12],
      ],
      { fill: COLORS.storage, closed: true },
    );
    b.ellipse(0, 0, 160, 24, COLORS.storage);
    const tag = b.rectangle(30, 64, 100, 44, { fill: "#ffffff" });
    b.label(tag, "Objects", { fontSize: 16 });
  }),

  item("warehouse", "Data warehouse", (b) => {
    b.cylinder(0, 0, 220, 140, "#a5d8ff", "Data\nwarehouse");
  }),

  item("worker-pool", "Worker pool", (b) => {
    b.rectangle(24, 0, 180, 70, { fill: COLORS.compute });
    b.rectangle(12, 12, 180, 70, { fill: COLORS.compute });
    b.label(b.rectangle(0, 24, 180, 70, { fill: COLORS.compute }), "Workers ×N");
  }),

  item("scheduler", "Scheduler", (b) => {
    const box = b.rectangle(0, 0, 200, 80, { fill: COLORS.compute });
    // A small clock in the corner.
    b.ellipse(8, 8, 28, 28, "#ffffff");
    b.line([
      [22, 22],
      [22, 12],
    ]);
    b.line([
      [22, 22],
      [30, 26],
    ]);
    b.label(box, "Scheduler");
  }),

  item("ml-model", "ML model", (b) => {
    const box = b.rectangle(0, 0, 200, 90, { fill: COLORS.ml });
    // A tiny network: two inputs into one output.
    b.line([
      [16, 18],
      [40, 30],
    ]);
    b.line([
      [16, 42],
      [40, 30],
    ]);
    for (const [x, y] of [
      [10, 12],
      [10, 36],
      [34, 24],
    ] as const) {
      b.ellipse(x, y, 12, 12, "#ffffff");
    }
    b.label(box, "Model");
  }),

  item("feature-store", "Feature store", (b) => {
    b.cylinder(0, 0, 160, 140, COLORS.ml, "Feature\nstore");
  }),

  item("spark", "Spark driver and executors", (b) => {
    b.label(b.rectangle(110, 0, 160, 64, { fill: COLORS.spark }), "Driver");
    for (const [i, x] of [0, 140, 280].entries()) {
      b.arrow([
        [190, 68],
        [x + 50, 136],
      ]);
      b.label(b.rectangle(x, 140, 100, 60, { fill: COLORS.spark }), `Executor ${i + 1}`, {
        fontSize: 16,
      });
    }
  }),

  item("spark-executor", "Spark executor (with tasks)", (b) => {
    const box = b.rectangle(0, 0, 200, 110, { fill: COLORS.spark });
    b.label(box, "Executor", { top: true });
    for (const x of [14, 74, 134]) {
      b.label(b.rectangle(x, 46, 52, 44, { fill: "#ffffff" }), "task", { fontSize: 14 });
    }
  }),
];
