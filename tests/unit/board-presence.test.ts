import { describe, expect, it } from "vitest";
import { ownOriginFontSources } from "~/modules/board/board-assets";
import {
  BOARD_POINTER_FIELD,
  collaboratorsOf,
  readBoardPointer,
  summarizeBoard,
} from "~/modules/board/board-presence";

const ORIGIN = "https://peerloop.example";

describe("the board's pointers", () => {
  it("lists everyone else with a name, with their pointer when it is on the board", () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: "Me", color: "#112233" }, [BOARD_POINTER_FIELD]: { x: 1, y: 2 } }],
      [
        2,
        {
          user: { name: "Ada", color: "#aa3300" },
          [BOARD_POINTER_FIELD]: { x: 10, y: 20, tool: "laser", button: "down" },
        },
      ],
      [3, { user: { name: "Grace", color: "#0000ff" }, [BOARD_POINTER_FIELD]: null }],
      [4, { cursor: { anchor: 1 } }],
    ]);
    const collaborators = collaboratorsOf(states, 1);
    expect([...collaborators.keys()]).toEqual(["2", "3"]);
    expect(collaborators.get("2")).toEqual({
      username: "Ada",
      color: { background: "#aa3300", stroke: "#aa3300" },
      pointer: { x: 10, y: 20, tool: "laser" },
      button: "down",
    });
    expect(collaborators.get("3")?.pointer).toBeUndefined();
  });

  it("treats a peer's presence as input: odd colours, long names and bad points", () => {
    const states = new Map<number, Record<string, unknown>>([
      [
        7,
        {
          user: { name: "x".repeat(500), color: "red;background:url(//evil)" },
          [BOARD_POINTER_FIELD]: { x: Number.NaN, y: 3 },
        },
      ],
      [8, { user: { name: "   " } }],
      [9, { user: { name: 42 } }],
    ]);
    const collaborators = collaboratorsOf(states, 1);
    expect([...collaborators.keys()]).toEqual(["7"]);
    const peer = collaborators.get("7")!;
    expect(peer.username).toHaveLength(80);
    expect(peer.color.stroke).toBe("#5b6477");
    expect(peer.pointer).toBeUndefined();
    expect(readBoardPointer({ x: 1, y: Number.POSITIVE_INFINITY })).toBeNull();
    expect(readBoardPointer("1,2")).toBeNull();
    expect(readBoardPointer({ x: 1, y: 2, tool: "pen", button: 1 })).toEqual({
      x: 1,
      y: 2,
      tool: "pointer",
      button: "up",
    });
  });

  it("sums the board up in words: live shapes, the words in reading order, who is drawing", () => {
    const summary = summarizeBoard(
      [
        { type: "rectangle", isDeleted: false },
        { type: "text", text: "Queue", x: 300, y: 100, isDeleted: false },
        { type: "text", text: "API", x: 10, y: 100, isDeleted: false },
        { type: "text", text: "Clients", x: 500, y: 0, isDeleted: false },
        { type: "text", text: "gone", x: 0, y: 0, isDeleted: true },
        { type: "text", text: "   ", x: 0, y: 0, isDeleted: false },
      ],
      new Map([
        [
          "2",
          {
            username: "Ada",
            color: { background: "#000", stroke: "#000" },
            pointer: { x: 0, y: 0, tool: "pointer" as const },
          },
        ],
        ["3", { username: "Grace", color: { background: "#000", stroke: "#000" } }],
      ]),
    );
    expect(summary).toEqual({ shapes: 5, labels: ["Clients", "API", "Queue"], drawing: ["Ada"] });
  });
});

describe("the board's fonts", () => {
  it("keeps only our own origin's sources of a font face", () => {
    const source =
      `url(${ORIGIN}/runtimes/excalidraw-0.18.1/fonts/Excalifont/a.woff2) format('woff2'), ` +
      "url(https://esm.sh/@excalidraw/excalidraw@0.18.1/dist/prod/fonts/Excalifont/a.woff2) format('woff2')";
    expect(ownOriginFontSources(source, ORIGIN)).toBe(
      `url(${ORIGIN}/runtimes/excalidraw-0.18.1/fonts/Excalifont/a.woff2) format('woff2')`,
    );
  });

  it("keeps relative and data sources, and a list with nothing of ours as it was", () => {
    expect(
      ownOriginFontSources("url(/fonts/a.woff2), url(data:font/woff2;base64,AA)", ORIGIN),
    ).toBe("url(/fonts/a.woff2), url(data:font/woff2;base64,AA)");
    const foreign = "url(https://esm.sh/a.woff2) format('woff2')";
    expect(ownOriginFontSources(foreign, ORIGIN)).toBe(foreign);
  });
});
