import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BOARD_FULL_MESSAGES, BOARD_LIMITS } from "../../app/modules/board/board-elements";
import {
  CLIENT_LIMIT_SHARE,
  isNewer,
  sceneFromBoard,
  writeLocalChanges,
} from "../../app/modules/board/board-sync";
import { rectangle } from "../support/board-fixtures";

// Two people's boards bound to two Yjs documents that exchange updates as the realtime
// server relays them: they must end with the same elements.

function connectedPair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(b, update, "remote");
  });
  b.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(a, update, "remote");
  });
  return { a, b, boardA: a.getMap<unknown>("board"), boardB: b.getMap<unknown>("board") };
}

describe("isNewer", () => {
  it("prefers the higher version, then the lower nonce", () => {
    expect(isNewer({ version: 3, versionNonce: 9 }, { version: 2, versionNonce: 1 })).toBe(true);
    expect(isNewer({ version: 3, versionNonce: 1 }, { version: 3, versionNonce: 9 })).toBe(true);
    expect(isNewer({ version: 3, versionNonce: 9 }, { version: 3, versionNonce: 1 })).toBe(false);
  });
});

describe("writeLocalChanges and sceneFromBoard", () => {
  it("converge two boards drawing at once, in one update per write", () => {
    const { a, boardA, boardB } = connectedPair();
    let updates = 0;
    a.on("update", () => {
      updates += 1;
    });
    writeLocalChanges(boardA, [rectangle("r1"), rectangle("r2", { index: "a1" })], "local");
    expect(updates).toBe(1);
    writeLocalChanges(boardB, [rectangle("r3", { index: "a2" })], "local");
    // A concurrent edit of the same element: the higher version wins on both sides.
    writeLocalChanges(boardA, [rectangle("r1", { version: 5, x: 1 })], "local");
    writeLocalChanges(boardB, [rectangle("r1", { version: 4, x: 2 })], "local");
    const sceneA = sceneFromBoard(boardA, []);
    const sceneB = sceneFromBoard(boardB, []);
    expect(sceneA).toEqual(sceneB);
    expect(sceneA.map((element) => element.id)).toEqual(["r1", "r2", "r3"]);
    expect(sceneA[0]).toMatchObject({ x: 1, version: 5 });
  });

  it("removes deleted elements from the board and from the peer's scene", () => {
    const { boardA, boardB } = connectedPair();
    writeLocalChanges(boardA, [rectangle("r1"), rectangle("r2", { index: "a1" })], "local");
    const local = sceneFromBoard(boardB, []);
    writeLocalChanges(boardA, [rectangle("r1", { isDeleted: true, version: 4 })], "local");
    expect(boardB.has("r1")).toBe(false);
    expect(sceneFromBoard(boardB, local).map((element) => element.id)).toEqual(["r2"]);
  });

  it("keeps a local element still being drawn, and a newer local copy", () => {
    const { boardA } = connectedPair();
    writeLocalChanges(boardA, [rectangle("r1")], "local");
    const drawing = rectangle("new", { index: "a5" });
    const edited = rectangle("r1", { version: 7, x: 99 });
    const scene = sceneFromBoard(boardA, [edited, drawing], new Set(["new"]));
    expect(scene).toEqual([edited, drawing]);
  });

  it("does not share what the board refuses, and says why", () => {
    const { boardA } = connectedPair();
    const outcome = writeLocalChanges(
      boardA,
      [
        rectangle("ok"),
        rectangle("bad", { x: Number.POSITIVE_INFINITY }),
        { ...rectangle("img"), type: "image" },
      ],
      "local",
    );
    expect(outcome.written).toBe(1);
    expect(outcome.problem).toMatch(/x must/);
    expect([...boardA.keys()]).toEqual(["ok"]);
  });

  it("stops short of the server's limit with the board-full message", () => {
    const { boardA } = connectedPair();
    const room = Math.floor(BOARD_LIMITS.elementsPerBoard * CLIENT_LIMIT_SHARE);
    const many = Array.from({ length: room + 5 }, (_, i) => rectangle(`e${i}`));
    const outcome = writeLocalChanges(boardA, many, "local");
    expect(outcome.written).toBe(room);
    expect(outcome.problem).toBe(BOARD_FULL_MESSAGES.elements);
    expect(boardA.size).toBe(room);
  });
});
