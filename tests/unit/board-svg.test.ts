import { describe, expect, it } from "vitest";
import { BOARD_LIMITS, boardElementProblem } from "../../app/modules/board/board-elements";
import {
  type BoardPicture,
  cornerRadius,
  elementBounds,
  escapeXml,
  HATCH_FILL_OPACITY,
  measureBoard,
  renderBoardSvg,
} from "../../app/modules/board/board-svg";
import { arrow, freedraw, rectangle, text } from "../support/board-fixtures";

// The feedback page's picture of a board: each kind of element, its paint, rotation, the
// picture's bounds, and what hostile content turns into.

const TAGS = new Set([
  "svg",
  "title",
  "rect",
  "g",
  "ellipse",
  "polygon",
  "path",
  "circle",
  "text",
  "tspan",
]);

/**
 * The picture's tags, checked for well-formedness and for what may be inlined into a
 * page: only drawing tags, no event handlers, links, styles sheets or references.
 */
function tagsOf(svg: string): string[] {
  const open: string[] = [];
  const seen: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<>]*")*)\s*(\/?)>/g)) {
    const [, closing, name, attributes, selfClosing] = match as unknown as string[];
    expect(TAGS.has(name!), `tag ${name}`).toBe(true);
    for (const [, attribute] of attributes!.matchAll(/([a-zA-Z:-]+)="/g)) {
      expect(attribute!.toLowerCase().startsWith("on"), attribute).toBe(false);
      expect(attribute!.toLowerCase()).not.toContain("href");
    }
    if (closing) expect(open.pop(), `closing ${name}`).toBe(name);
    else {
      if (!selfClosing) open.push(name!);
      seen.push(name!);
    }
  }
  expect(open).toEqual([]);
  // Nothing but tags and text: every "<" opens one of the tags counted above.
  expect((svg.match(/</g) ?? []).length).toBe(
    [...svg.matchAll(/<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<>]*")*)\s*(\/?)>/g)].length,
  );
  expect(svg).not.toMatch(/url\(|@import|javascript:|<script|<foreignObject|<style/i);
  return seen;
}

function picture(elements: unknown[]): Extract<BoardPicture, { empty: false }> {
  const result = renderBoardSvg(elements, { title: "Board" });
  if (result.empty) throw new Error("expected a picture");
  tagsOf(result.svg);
  return result;
}

function viewBox(svg: string): number[] {
  return svg
    .match(/viewBox="([^"]+)"/)![1]!
    .split(" ")
    .map(Number);
}

const line = (id: string, extra: Record<string, unknown> = {}) => {
  const { elbowed: _, ...rest } = arrow(id, { startBinding: null, ...extra });
  return { ...rest, type: "line", startArrowhead: null, endArrowhead: null };
};

describe("renderBoardSvg", () => {
  it("says a board with nothing on it is empty", () => {
    expect(renderBoardSvg([])).toEqual({ empty: true });
    // Deleted and invalid elements are nothing to show either.
    expect(
      renderBoardSvg([rectangle("r1", { isDeleted: true }), { id: "x", type: "image" }, null, 7]),
    ).toEqual({ empty: true });
  });

  it("draws a rectangle with Excalidraw's corner radius, its fill and stroke", () => {
    const result = picture([
      rectangle("r1", { backgroundColor: "#a5d8ff", strokeColor: "#1971c2", strokeWidth: 4 }),
    ]);
    expect(result.drawn).toBe(1);
    // 200×80, adaptive roundness: a quarter of 80 is under the 32 cap.
    expect(result.svg).toContain(
      '<rect x="10" y="20" width="200" height="80" rx="20" ry="20" fill="#a5d8ff" stroke="#1971c2" stroke-width="4"',
    );
    expect(tagsOf(result.svg)).toEqual(["svg", "title", "rect", "g", "rect"]);
  });

  it("follows Excalidraw's corner radius rules", () => {
    expect(cornerRadius(rectangle("r", { roundness: null }) as never)).toBe(0);
    expect(cornerRadius(rectangle("r", { width: 400, height: 300 }) as never)).toBe(32);
    expect(cornerRadius(rectangle("r", { roundness: { type: 3, value: 10 } }) as never)).toBe(10);
    expect(cornerRadius(rectangle("r", { roundness: { type: 2 } }) as never)).toBe(20);
  });

  it("draws ellipses and diamonds", () => {
    const result = picture([
      rectangle("e1", { type: "ellipse", roundness: null, x: 0, y: 0, width: 100, height: 60 }),
      rectangle("d1", { type: "diamond", roundness: null, x: 200, y: 0, width: 100, height: 60 }),
    ]);
    expect(result.svg).toContain('<ellipse cx="50" cy="30" rx="50" ry="30"');
    expect(result.svg).toContain('<polygon points="250,0 300,30 250,60 200,30"');
  });

  it("fills solid shapes fully and hatched ones lighter, and leaves transparent ones open", () => {
    const solid = picture([rectangle("r1", { backgroundColor: "#ffc9c9", fillStyle: "solid" })]);
    expect(solid.svg).toContain('fill="#ffc9c9" stroke');
    expect(solid.svg).not.toContain("fill-opacity");
    for (const fillStyle of ["hachure", "cross-hatch", "zigzag"]) {
      const hatched = picture([rectangle("r1", { backgroundColor: "#ffc9c9", fillStyle })]);
      expect(hatched.svg).toContain(`fill="#ffc9c9" fill-opacity="${HATCH_FILL_OPACITY}"`);
    }
    expect(picture([rectangle("r1")]).svg).toContain('rx="20" ry="20" fill="none"');
  });

  it("dashes and dots strokes, and draws none for a zero width or transparent stroke", () => {
    expect(picture([rectangle("r1", { strokeStyle: "dashed" })]).svg).toContain(
      'stroke-dasharray="8 10"',
    );
    expect(picture([rectangle("r1", { strokeStyle: "dotted" })]).svg).toContain(
      'stroke-dasharray="1.5 8"',
    );
    expect(picture([rectangle("r1", { strokeWidth: 0 })]).svg).toContain('stroke="none"');
    expect(picture([rectangle("r1", { strokeColor: "transparent" })]).svg).toContain(
      'stroke="none"',
    );
  });

  it("applies opacity and rotates around the element's centre", () => {
    const result = picture([rectangle("r1", { opacity: 40, angle: Math.PI / 2 })]);
    // Centre of 10,20 200×80 is 110,60.
    expect(result.svg).toContain('<g opacity="0.4" transform="rotate(90 110 60)">');
  });

  it("fits the view box to the rotated bounds, with padding", () => {
    const flat = picture([rectangle("r1", { x: 0, y: 0, width: 200, height: 80, strokeWidth: 2 })]);
    // 1 for half the stroke, 24 of padding.
    expect(viewBox(flat.svg)).toEqual([-25, -25, 250, 130]);
    expect([flat.width, flat.height]).toEqual([250, 130]);
    const turned = picture([
      rectangle("r1", { x: 0, y: 0, width: 200, height: 80, strokeWidth: 2, angle: Math.PI / 2 }),
    ]);
    // Turned a quarter around 100,40: 80 wide, 200 high, from 60,-60.
    const [x, y, w, h] = viewBox(turned.svg);
    expect(x).toBeCloseTo(60 - 25, 5);
    expect(y).toBeCloseTo(-60 - 25, 5);
    expect(w).toBeCloseTo(130, 5);
    expect(h).toBeCloseTo(250, 5);
    // Far-apart elements are both inside.
    const spread = picture([
      rectangle("r1", { x: -500, y: -300, width: 10, height: 10 }),
      rectangle("r2", { x: 900, y: 700, width: 10, height: 10 }),
    ]);
    const [sx, sy, sw, sh] = viewBox(spread.svg);
    expect(sx).toBeLessThanOrEqual(-500);
    expect(sy).toBeLessThanOrEqual(-300);
    expect(sx! + sw!).toBeGreaterThanOrEqual(910);
    expect(sy! + sh!).toBeGreaterThanOrEqual(710);
  });

  it("measures the picture without drawing it, to the same size", () => {
    const elements = [rectangle("r1", { angle: 0.3 }), arrow("a1"), text("t1"), freedraw(30)];
    const drawn = picture(elements);
    expect(measureBoard(elements)).toEqual({
      empty: false,
      width: drawn.width,
      height: drawn.height,
      drawn: 4,
    });
    expect(measureBoard([rectangle("r1", { isDeleted: true })])).toEqual({ empty: true });
  });

  it("bounds lines by their points, not their x and y alone", () => {
    const bounds = elementBounds(
      line("l1", {
        x: 100,
        y: 100,
        strokeWidth: 2,
        points: [
          [0, 0],
          [-50, 80],
          [30, -20],
        ],
      }) as never,
    );
    expect(bounds).toEqual({ minX: 49, minY: 79, maxX: 131, maxY: 181 });
  });

  it("draws an arrow with arrowheads at the ends its element asks for", () => {
    const endOnly = picture([
      arrow("a1", {
        x: 0,
        y: 0,
        points: [
          [0, 0],
          [100, 0],
        ],
      }),
    ]);
    // The line, and an open head of two strokes ending at the tip (100,0).
    expect(endOnly.svg).toContain('<path d="M0 0L100 0" fill="none"');
    expect(endOnly.svg).toMatch(/<path d="M75 -?[\d.]+L100 0L75 -?[\d.]+" fill="none"/);
    expect(endOnly.svg.match(/<path/g)).toHaveLength(2);

    const both = picture([
      arrow("a1", {
        x: 0,
        y: 0,
        points: [
          [0, 0],
          [100, 0],
        ],
        startArrowhead: "triangle",
        endArrowhead: "dot",
      }),
    ]);
    // A filled triangle pointing at the start (0,0), a dot at the end.
    expect(both.svg).toMatch(/<path d="M0 0L15 -?[\d.]+L15 -?[\d.]+Z" fill="#1e1e1e"/);
    expect(both.svg).toContain('<circle cx="92.5" cy="0" r="7.5" fill="#1e1e1e"');

    const none = picture([arrow("a1", { endArrowhead: null })]);
    expect(none.svg.match(/<path/g)).toHaveLength(1);
  });

  it("draws every arrowhead kind as valid markup", () => {
    for (const head of [
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
    ]) {
      const element = arrow("a1", { startArrowhead: head, endArrowhead: head });
      expect(boardElementProblem("a1", element)).toBeNull();
      const result = picture([element]);
      expect(result.svg.match(/<(path|circle)/g)!.length, head).toBe(3);
    }
  });

  it("draws curved lines as curves, straight and elbowed ones as segments, polygons closed", () => {
    const points = [
      [0, 0],
      [50, 40],
      [100, 0],
    ];
    expect(picture([line("l1", { points, roundness: { type: 2 } })]).svg).toMatch(/d="M10 20C/);
    expect(picture([line("l1", { points, roundness: null })]).svg).toContain(
      'd="M10 20L60 60L110 20"',
    );
    expect(
      picture([arrow("a1", { points, roundness: null, elbowed: true, endArrowhead: null })]).svg,
    ).toContain('d="M10 20L60 60L110 20"');
    const closed = picture([
      line("l1", { points, roundness: null, polygon: true, backgroundColor: "#b2f2bb" }),
    ]);
    expect(closed.svg).toContain('d="M10 20L60 60L110 20Z" fill="#b2f2bb"');
  });

  it("draws a freehand stroke as a smooth round-capped path, and a single point as a dot", () => {
    const result = picture([freedraw(20)]);
    expect(result.svg).toMatch(
      /<path d="M10 20Q[^"]+" fill="none" stroke="#1e1e1e" stroke-width="6" stroke-linecap="round"/,
    );
    const dot = picture([freedraw(1)]);
    expect(dot.svg).toContain('<circle cx="10" cy="20" r="3" fill="#1e1e1e"/>');
  });

  it("writes text line by line, with its size, alignment, colour and a system font", () => {
    const result = picture([
      text("t1", {
        x: 0,
        y: 0,
        width: 200,
        height: 75,
        text: "Load balancer\nround robin\n\nthird",
        textAlign: "center",
        fontSize: 20,
        lineHeight: 1.25,
        strokeColor: "#e03131",
        containerId: null,
      }),
    ]);
    expect(result.svg).toContain('font-size="20" text-anchor="middle" fill="#e03131"');
    expect(result.svg).toContain('font-family="system-ui, -apple-system, &#39;Segoe UI&#39;');
    expect(result.svg).toContain('<tspan x="100" y="18.5">Load balancer</tspan>');
    expect(result.svg).toContain('<tspan x="100" y="43.5">round robin</tspan>');
    // The empty line keeps its place: the fourth line sits three line heights down.
    expect(result.svg).toContain('<tspan x="100" y="93.5">third</tspan>');
    for (const [textAlign, anchor, x] of [
      ["left", "start", "0"],
      ["right", "end", "200"],
    ]) {
      const aligned = picture([text("t1", { x: 0, y: 0, width: 200, textAlign })]);
      expect(aligned.svg).toContain(`text-anchor="${anchor}"`);
      expect(aligned.svg).toContain(`<tspan x="${x}"`);
    }
    const code = picture([text("t1", { fontFamily: 3 })]);
    expect(code.svg).toContain('font-family="ui-monospace');
  });

  it("escapes hostile text so it stays text", () => {
    const hostile = "</svg><script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" 'a'";
    const result = picture([text("t1", { text: hostile, originalText: hostile })]);
    expect(result.svg).not.toContain("<script");
    expect(result.svg).not.toContain("</svg><");
    expect(result.svg).not.toContain("<img");
    expect(result.svg).toContain(
      "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot; &#39;a&#39;",
    );
    expect(result.svg.endsWith("</tspan></text></g></svg>")).toBe(true);
    // The title is the caller's text: escaped the same way.
    const titled = renderBoardSvg([rectangle()], { title: "<b>Board</b>" });
    expect(titled.empty === false && titled.svg).toContain(
      "<title>&lt;b&gt;Board&lt;/b&gt;</title>",
    );
  });

  it("replaces characters XML cannot hold, which would make the picture unreadable", () => {
    const bad = `nul\u0000 bell\u0007 lone\uD800 end\uFFFF emoji 😀 tab\tok`;
    const result = picture([text("t1", { text: bad, originalText: bad })]);
    expect(result.svg).toContain("nul\uFFFD bell\uFFFD lone\uFFFD end\uFFFD emoji 😀 tab\tok");
    expect(escapeXml("a\u001Fb")).toBe("a\uFFFDb");
  });

  it("skips elements the board would refuse instead of drawing what they carry", () => {
    const result = picture([
      rectangle("r1"),
      rectangle("r2", { strokeColor: 'red" onload="alert(1)' }),
      rectangle("r3", { backgroundColor: "url(#x)" }),
      { ...rectangle("r4"), href: "https://example.com" },
      rectangle("r5", { x: Number.NaN }),
      rectangle("r6", { type: "image" }),
      rectangle("r7", { isDeleted: true }),
    ]);
    expect(result.drawn).toBe(1);
    expect(result.svg).not.toContain("onload");
    expect(result.svg).not.toContain("example.com");
  });

  it("stacks elements by their fractional index, in code-point order", () => {
    const result = picture([
      rectangle("top", { index: "a1", strokeColor: "#000003" }),
      rectangle("bottom", { index: "Zz", strokeColor: "#000001" }),
      rectangle("middle", { index: "a0", strokeColor: "#000002" }),
    ]);
    const order = [...result.svg.matchAll(/stroke="(#00000\d)"/g)].map((m) => m[1]);
    expect(order).toEqual(["#000001", "#000002", "#000003"]);
  });

  it("draws a full board of mixed elements", () => {
    const kinds = [
      (i: number) => rectangle(`r${i}`),
      (i: number) => rectangle(`e${i}`, { type: "ellipse", roundness: null }),
      (i: number) => rectangle(`d${i}`, { type: "diamond", roundness: null }),
      (i: number) => arrow(`a${i}`),
      (i: number) => text(`t${i}`, { text: `label ${i}` }),
      (i: number) => freedraw(100, `f${i}`),
    ];
    const elements = Array.from({ length: BOARD_LIMITS.elementsPerBoard }, (_, i) => {
      const element = kinds[i % kinds.length]!(i);
      return { ...element, x: (i % 40) * 250, y: Math.floor(i / 40) * 150, angle: (i % 7) / 10 };
    });
    const result = picture(elements);
    expect(result.drawn).toBe(BOARD_LIMITS.elementsPerBoard);
    expect(result.svg.match(/<g[ >]/g)).toHaveLength(BOARD_LIMITS.elementsPerBoard);
    expect(result.width).toBeGreaterThan(39 * 250);
  });
});
