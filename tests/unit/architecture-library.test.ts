import { describe, expect, it } from "vitest";
import { ARCHITECTURE_LIBRARY } from "../../app/modules/board/architecture-library";
import {
  BOARD_LIMITS,
  boardElementProblem,
  boardSizeProblem,
  checkBoardElement,
} from "../../app/modules/board/board-elements";
import { renderBoardSvg } from "../../app/modules/board/board-svg";

// The whiteboard's offline library of architecture shapes: every element is one the board
// accepts (so a placed shape is shared like any drawing), ids are unique, sizes in bounds.

type Loose = Record<string, unknown> & { id: string };

describe("ARCHITECTURE_LIBRARY", () => {
  it("offers the shapes a design round draws", () => {
    const names = ARCHITECTURE_LIBRARY.map((item) => item.name.toLowerCase()).join(" | ");
    for (const word of [
      "service",
      "queue",
      "database",
      "cache",
      "load balancer",
      "client",
      "object store",
      "topic",
      "worker pool",
      "api gateway",
      "scheduler",
      "warehouse",
      "ml model",
      "feature store",
      "spark driver",
      "executor",
    ]) {
      expect(names).toContain(word);
    }
  });

  it("is in Excalidraw's library item format", () => {
    for (const item of ARCHITECTURE_LIBRARY) {
      expect(Object.keys(item).sort()).toEqual(["created", "elements", "id", "name", "status"]);
      expect(item.status).toBe("published");
      expect(Number.isInteger(item.created)).toBe(true);
      expect(item.elements.length).toBeGreaterThan(0);
    }
  });

  it("holds only elements the board accepts", () => {
    for (const item of ARCHITECTURE_LIBRARY) {
      for (const element of item.elements) {
        expect(boardElementProblem(element.id, element), `${item.name}: ${element.id}`).toBeNull();
        expect(element.isDeleted).toBe(false);
      }
    }
  });

  it("has unique ids, for items and for every element across the library", () => {
    const itemIds = ARCHITECTURE_LIBRARY.map((item) => item.id);
    expect(new Set(itemIds).size).toBe(itemIds.length);
    const elementIds = ARCHITECTURE_LIBRARY.flatMap((item) => item.elements.map((e) => e.id));
    expect(new Set(elementIds).size).toBe(elementIds.length);
  });

  it("stays well inside the board's limits", () => {
    for (const item of ARCHITECTURE_LIBRARY) {
      let bytes = 0;
      for (const element of item.elements) {
        const verdict = checkBoardElement(element.id, element);
        expect(verdict.ok).toBe(true);
        if (verdict.ok) bytes += verdict.bytes;
        const { width, height } = element as unknown as { width: number; height: number };
        expect(width).toBeLessThanOrEqual(400);
        expect(height).toBeLessThanOrEqual(400);
      }
      expect(item.elements.length).toBeLessThanOrEqual(40);
      expect(boardSizeProblem(item.elements.length, bytes)).toBeNull();
      // A whole diagram of these fits: one item takes a small share of a board.
      expect(bytes).toBeLessThan(BOARD_LIMITS.bytesPerBoard / 20);
    }
  });

  it("binds each label to a shape of its own item, both ways, and groups each item", () => {
    for (const item of ARCHITECTURE_LIBRARY) {
      const byId = new Map(item.elements.map((e) => [e.id, e as unknown as Loose]));
      const groups = new Set(item.elements.map((e) => JSON.stringify(e.groupIds)));
      expect(groups.size, item.name).toBe(1);
      for (const element of byId.values()) {
        if (element.type === "text" && element.containerId) {
          const container = byId.get(element.containerId as string);
          expect(container, `${item.name}: container of ${element.id}`).toBeDefined();
          expect(container!.boundElements).toContainEqual({ id: element.id, type: "text" });
        }
        for (const bound of (element.boundElements as { id: string }[] | null) ?? []) {
          expect(byId.get(bound.id)?.containerId, `${item.name}: ${bound.id}`).toBe(element.id);
        }
      }
      // Stacked in the order they were drawn: increasing fractional indices.
      const indices = item.elements.map((e) => e.index as string);
      expect([...indices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(indices);
      expect(new Set(indices).size).toBe(indices.length);
    }
  });

  it("draws every item on the feedback page's renderer", () => {
    for (const item of ARCHITECTURE_LIBRARY) {
      const picture = renderBoardSvg(item.elements);
      expect(picture.empty, item.name).toBe(false);
      if (!picture.empty) expect(picture.drawn).toBe(item.elements.length);
    }
  });
});
