import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedBoardElements } from "../../app/modules/board/board-snapshot";
import { DOC_ROOTS } from "../../app/modules/sessions/shared-doc";
import { arrow, rectangle, text } from "../support/board-fixtures";

// Reading a stored board back for the feedback page: what the guard would refuse is left
// out rather than drawn.

describe("storedBoardElements", () => {
  it("keeps the live, valid elements of the board map", () => {
    const doc = new Y.Doc();
    const board = doc.getMap<unknown>(DOC_ROOTS.board);
    board.set("r1", rectangle("r1"));
    board.set("t1", text("t1"));
    board.set("a1", arrow("a1"));
    board.set("gone", rectangle("gone", { isDeleted: true }));
    board.set("elsewhere", rectangle("r9")); // stored under another id
    board.set("img", rectangle("img", { type: "image" }));
    board.set("extra", { ...rectangle("extra"), onclick: "alert(1)" });
    board.set("text", "not an element");
    board.set("nested", new Y.Map());
    expect(
      storedBoardElements(board)
        .map((e) => e.id)
        .sort(),
    ).toEqual(["a1", "r1", "t1"]);
    doc.destroy();
  });

  it("reads an empty or missing board as no elements", () => {
    const doc = new Y.Doc();
    expect(storedBoardElements(doc.getMap(DOC_ROOTS.board))).toEqual([]);
    doc.destroy();
  });
});
