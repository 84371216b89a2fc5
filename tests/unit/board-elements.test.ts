import { describe, expect, it } from "vitest";
import {
  BOARD_FULL_MESSAGES,
  BOARD_LIMITS,
  boardElementProblem,
  boardSizeProblem,
  checkBoardElement,
  toBoardElement,
} from "../../app/modules/board/board-elements";
import { arrow, freedraw, rectangle, text } from "../support/board-fixtures";

// Elements as Excalidraw 0.18 writes them, and the ways a hostile client could bend them.

describe("boardElementProblem", () => {
  it("accepts the shapes a diagram needs", () => {
    expect(boardElementProblem("r1", rectangle())).toBeNull();
    expect(boardElementProblem("e1", rectangle("e1", { type: "ellipse" }))).toBeNull();
    expect(
      boardElementProblem("d1", rectangle("d1", { type: "diamond", roundness: null })),
    ).toBeNull();
    expect(boardElementProblem("t1", text())).toBeNull();
    expect(boardElementProblem("a1", arrow())).toBeNull();
    expect(
      boardElementProblem("l1", arrow("l1", { type: "line", elbowed: undefined })),
    ).not.toBeNull();
    const { elbowed: _, ...line } = arrow("l1");
    expect(boardElementProblem("l1", { ...line, type: "line" })).toBeNull();
    expect(boardElementProblem("f1", freedraw(50))).toBeNull();
  });

  it("wants the element under its own id", () => {
    expect(boardElementProblem("other", rectangle("r1"))).toMatch(/own id/);
    expect(boardElementProblem("bad id!", rectangle("bad id!"))).toMatch(/id/);
  });

  it("refuses images, embeds, iframes and frames", () => {
    for (const type of ["image", "embeddable", "iframe", "frame", "magicframe", "selection"]) {
      expect(boardElementProblem("x1", rectangle("x1", { type }))).toMatch(/kind of element/);
    }
  });

  it("refuses numbers that are not finite or out of bounds", () => {
    expect(boardElementProblem("r1", rectangle("r1", { x: Number.NaN }))).toMatch(/x must/);
    expect(boardElementProblem("r1", rectangle("r1", { width: 1e12 }))).toMatch(/width must/);
    expect(boardElementProblem("r1", rectangle("r1", { opacity: 1000 }))).toMatch(/opacity/);
    expect(boardElementProblem("r1", rectangle("r1", { version: 1.5 }))).toMatch(/version/);
    expect(boardElementProblem("r1", rectangle("r1", { y: "3" }))).toMatch(/y must/);
  });

  it("refuses unknown fields at any depth", () => {
    expect(boardElementProblem("r1", rectangle("r1", { customData: { a: 1 } }))).toMatch(
      /unknown field customData/,
    );
    expect(
      boardElementProblem("r1", rectangle("r1", { roundness: { type: 3, evil: "x" } })),
    ).toMatch(/unknown field evil/);
    expect(
      boardElementProblem(
        "a1",
        arrow("a1", { startBinding: { elementId: "r1", focus: 0, gap: 0, x: {} } }),
      ),
    ).toMatch(/unknown field x/);
  });

  it("refuses missing fields and wrong kinds", () => {
    const { seed: _, ...noSeed } = rectangle();
    expect(boardElementProblem("r1", noSeed)).toMatch(/lacks seed/);
    expect(boardElementProblem("r1", rectangle("r1", { groupIds: [{}] }))).toMatch(/groupIds/);
    expect(
      boardElementProblem("r1", rectangle("r1", { strokeColor: "url(javascript:x)" })),
    ).toMatch(/strokeColor/);
    expect(boardElementProblem("r1", rectangle("r1", { link: "javascript:alert(1)" }))).toMatch(
      /link/,
    );
    expect(
      boardElementProblem("r1", rectangle("r1", { link: "https://example.com/x" })),
    ).toBeNull();
    expect(boardElementProblem("r1", null)).toMatch(/object/);
    expect(boardElementProblem("r1", [rectangle()])).toMatch(/object/);
    expect(boardElementProblem("r1", "rectangle")).toMatch(/object/);
  });

  it("bounds text, points and lists", () => {
    const long = "x".repeat(BOARD_LIMITS.textLength + 1);
    expect(boardElementProblem("t1", text("t1", { text: long }))).toMatch(/text must/);
    expect(boardElementProblem("f1", freedraw(BOARD_LIMITS.points + 1))).toMatch(/points/);
    expect(
      boardElementProblem(
        "a1",
        arrow("a1", {
          points: [
            [0, 0],
            [1, 2, 3],
          ],
        }),
      ),
    ).toMatch(/point/);
    const groups = Array.from({ length: BOARD_LIMITS.listLength + 1 }, (_, i) => `g${i}`);
    expect(boardElementProblem("r1", rectangle("r1", { groupIds: groups }))).toMatch(/at most/);
  });

  it("bounds an element's size", () => {
    // Under every field's own limit, over the element's: long text in each of two fields
    // plus a long link.
    const big = "y".repeat(BOARD_LIMITS.textLength);
    const many = Array.from(
      { length: BOARD_LIMITS.listLength },
      (_, i) => `group-${"g".repeat(50)}-${i}`,
    );
    const verdict = checkBoardElement(
      "t1",
      text("t1", {
        text: big,
        originalText: big,
        groupIds: many,
        link: `https://x.dev/${"z".repeat(1900)}`,
      }),
    );
    expect(verdict.ok).toBe(true);
    const huge = freedraw(BOARD_LIMITS.points);
    (huge as Record<string, unknown>).points = Array.from({ length: BOARD_LIMITS.points }, () => [
      123456.789012, -123456.789012,
    ]);
    expect(checkBoardElement("f1", huge)).toEqual({
      ok: false,
      reason: BOARD_FULL_MESSAGES.element,
    });
  });

  it("measures an accepted element as its JSON text", () => {
    const element = rectangle();
    expect(checkBoardElement("r1", element)).toEqual({
      ok: true,
      bytes: JSON.stringify(element).length,
    });
  });
});

describe("boardSizeProblem", () => {
  it("says which limit a board is over", () => {
    expect(boardSizeProblem(BOARD_LIMITS.elementsPerBoard, BOARD_LIMITS.bytesPerBoard)).toBeNull();
    expect(boardSizeProblem(BOARD_LIMITS.elementsPerBoard + 1, 10)).toBe(
      BOARD_FULL_MESSAGES.elements,
    );
    expect(boardSizeProblem(1, BOARD_LIMITS.bytesPerBoard + 1)).toBe(BOARD_FULL_MESSAGES.bytes);
  });
});

describe("toBoardElement", () => {
  it("keeps the shared fields and drops Excalidraw's private ones", () => {
    const stored = toBoardElement({ ...rectangle(), customData: { x: 1 }, extra: undefined });
    expect(stored).toEqual(rectangle());
    expect(boardElementProblem("r1", stored)).toBeNull();
  });

  it("leaves out element types the board does not take", () => {
    expect(toBoardElement({ ...rectangle(), type: "image" })).toBeNull();
  });
});
