import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BOARD_LIMITS } from "~/modules/board/board-elements";
import { RUN_LIMITS, type RunRecord } from "~/modules/runs/run-records";
import { padDocumentName } from "~/modules/sessions/realtime-token";
import { boardSize } from "../../realtime/doc-guard";
import { INVALID_MESSAGE_CODE } from "../../realtime/server";
import { freedraw, rectangle } from "../support/board-fixtures";
import { setupFreshDatabase } from "../support/database";
import {
  bookPadSession,
  openPad,
  type PadClient,
  type PadSession,
  padFrames,
  padToken,
  type RunningRealtime,
  rawPad,
  sleep,
  startRealtime,
  waitFor,
} from "../support/realtime";

// The realtime server refuses any update that would put something the room does not
// share into the session's document (realtime/doc-guard.ts): forged frames from an
// authenticated participant, each a different way to break the document for the peer.
// The refused update is not applied at all, the sender's socket closes with 1007, the
// peer's connection carries on, and honest edits keep flowing.

setupFreshDatabase();

let pad: PadSession;
let name: string;
let server: RunningRealtime;
const lines: string[] = [];
const clients: PadClient[] = [];
const sockets: Array<{ ws: { terminate(): void } }> = [];

function candidateToken() {
  return padToken({ sub: pad.candidateId, sid: pad.sessionId });
}

function serverDocument() {
  return server.realtime.hocuspocus.documents.get(name);
}

/** A server of its own per group of tests: its hostile-frame log allows 10 lines a minute. */
async function freshServer() {
  await server?.stop();
  server = await startRealtime({
    log: { warn: (...parts: unknown[]) => lines.push(parts.join(" ")), error: () => {} },
  });
}

beforeAll(async () => {
  pad = await bookPadSession("Doc guard", 30);
  name = padDocumentName(pad.sessionId);
  await freshServer();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await waitFor(() => (serverDocument()?.getConnectionsCount() ?? 0) === 0, "the pad to empty");
});

afterAll(async () => {
  await server?.stop();
});

/** An honest peer (the interviewer's provider) and what the server holds before. */
async function watchedPad() {
  const peer = openPad(
    server.url,
    pad.sessionId,
    padToken({ sub: pad.interviewerId, sid: pad.sessionId }),
  );
  clients.push(peer);
  await waitFor(() => peer.events.synced, "the peer to sync");
  return peer;
}

/** Sends `update` as the candidate over a raw socket; resolves with the close code. */
async function sendAsCandidate(update: Uint8Array, step: "update" | "sync" = "update") {
  const socket = await rawPad(server.url);
  sockets.push(socket);
  expect(await socket.authenticate(name, candidateToken())).toBe("authenticated:read-write");
  socket.send(step === "update" ? padFrames.update(name, update) : syncStep2(update));
  return socket;
}

function syncStep2(update: Uint8Array): Uint8Array {
  // A sync step 2 frame differs from an update frame in its step number only.
  const frame = padFrames.update(name, update);
  const at = frame.indexOf(2, name.length + 2);
  const copy = frame.slice();
  copy[at] = 1;
  return copy;
}

type Build = (doc: Y.Doc) => void;

/** A client's update on top of what `base` (a synced provider's copy) holds. */
function updateFrom(base: Y.Doc, build: Build): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  build(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

async function expectRefused(build: Build, why: RegExp, step: "update" | "sync" = "update") {
  const peer = await watchedPad();
  const update = updateFrom(peer.doc, build);
  peer.text.insert(peer.text.length, "a");
  await waitFor(
    () => serverDocument()!.getText("code").toString().endsWith("a"),
    "the peer's edit",
  );
  const before = Y.encodeStateAsUpdate(serverDocument()!);
  const logged = lines.length;
  const socket = await sendAsCandidate(update, step);
  expect((await socket.closed).code).toBe(INVALID_MESSAGE_CODE);
  expect(socket.received.filter((message) => message.saved === true)).toEqual([]);
  expect(Y.encodeStateAsUpdate(serverDocument()!)).toEqual(before);
  expect(lines.slice(logged).join("\n")).toMatch(why);
  expect(lines.length - logged).toBe(1);
  // The peer is still connected and still heard.
  peer.text.insert(peer.text.length, "b");
  await waitFor(() => serverDocument()!.getText("code").toString().endsWith("ab"), "a later edit");
  expect(peer.events.closes).toEqual([]);
}

describe("updates the shared document does not take", () => {
  it("refuses an unknown root", async () => {
    await expectRefused((doc) => doc.getText("notes").insert(0, "hidden"), /unknown root "notes"/);
  });

  it("refuses a nested type, in any root", async () => {
    await expectRefused((doc) => doc.getMap("board").set("r1", new Y.Map()), /nested types/);
    await expectRefused((doc) => doc.getArray("runs").push([new Y.Text("x")]), /nested types/);
  });

  it("refuses the wrong kind of value under a root", async () => {
    await expectRefused(
      (doc) => doc.getMap("meta").set("language", { nested: "object" }),
      /meta values/,
    );
    await expectRefused((doc) => doc.getMap("code").set("x", "y"), /code is text/);
  });

  it("refuses a malformed board element, also in a sync step", async () => {
    await expectRefused(
      (doc) => doc.getMap("board").set("r1", rectangle("r1", { x: "far" })),
      /x must be a number/,
    );
    await expectRefused(
      (doc) => doc.getMap("board").set("other", rectangle("r1")),
      /own id/,
      "sync",
    );
    await expectRefused(
      (doc) => doc.getMap("board").set("i1", rectangle("i1", { type: "image" })),
      /kind of element/,
    );
  });

  it("refuses a run record in the peer's name", async () => {
    await expectRefused(
      (doc) => doc.getArray("runs").push([honestRun(pad.interviewerId)]),
      /sender's own/,
    );
  });

  it("finds the place of an item written next to another (no parent in the update)", async () => {
    // The peer's text is in the document; a forged item placed inside it carries only an
    // origin, no parent of its own, and still must be text.
    await expectRefused((doc) => {
      const code = doc.getText("code");
      expect(code.length).toBeGreaterThan(0);
      code.insertEmbed(code.length, { image: "x" });
    }, /only text/);
  });
});

describe("board limits", () => {
  beforeAll(freshServer);

  it(`refuses an update that takes the board over ${BOARD_LIMITS.elementsPerBoard} elements`, async () => {
    const keeper = await watchedPad();
    const filled = updateFrom(keeper.doc, (doc) => {
      const board = doc.getMap("board");
      doc.transact(() => {
        for (let i = 0; i < BOARD_LIMITS.elementsPerBoard; i++)
          board.set(`e${i}`, rectangle(`e${i}`));
      });
    });
    const writer = await sendAsCandidate(filled);
    await waitFor(
      () => keeper.doc.getMap("board").size === BOARD_LIMITS.elementsPerBoard,
      "a full board",
    );
    writer.ws.terminate();
    expect(boardSize(serverDocument()!).count).toBe(BOARD_LIMITS.elementsPerBoard);
    await expectRefused(
      (doc) => doc.getMap("board").set("one-more", rectangle("one-more")),
      /board is full/,
    );
    // Changing an element already there still works on a full board.
    const socket = await sendAsCandidate(
      updateFrom(keeper.doc, (doc) =>
        doc.getMap("board").set("e1", rectangle("e1", { x: 500, version: 9 })),
      ),
    );
    await waitFor(
      () => (keeper.doc.getMap("board").get("e1") as { x: number }).x === 500,
      "the change",
    );
    socket.ws.terminate();
    // So does deleting, which makes room again.
    const again = await sendAsCandidate(
      updateFrom(keeper.doc, (doc) => {
        doc.getMap("board").delete("e1");
        doc.getMap("board").set("fresh", rectangle("fresh"));
      }),
    );
    await waitFor(() => keeper.doc.getMap("board").has("fresh"), "room made");
    again.ws.terminate();
    // Empty the board again for the next test.
    keeper.doc.transact(() => {
      for (const key of [...keeper.doc.getMap("board").keys()])
        keeper.doc.getMap("board").delete(key);
    });
    await waitFor(() => boardSize(serverDocument()!).count === 0, "an empty board");
  });

  it("refuses an update that takes the board over its bytes", async () => {
    const perStroke = JSON.stringify(freedraw(600, "s0")).length;
    const strokes = Math.floor(BOARD_LIMITS.bytesPerBoard / perStroke) + 1;
    expect(strokes).toBeLessThan(BOARD_LIMITS.elementsPerBoard);
    expect(perStroke).toBeLessThan(BOARD_LIMITS.bytesPerElement);
    await expectRefused((doc) => {
      for (let i = 0; i < strokes; i++) doc.getMap("board").set(`s${i}`, freedraw(600, `s${i}`));
    }, /too large to share/);
  });
});

describe("run limits", () => {
  beforeAll(freshServer);

  it(`keeps at most ${RUN_LIMITS.perSession} runs a session`, async () => {
    const keeper = await watchedPad();
    const runs = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        ...honestRun(pad.candidateId),
        id: `run-${from + i}`,
      }));
    // More than the limit in one update: refused whole.
    await expectRefused(
      (doc) => doc.getArray("runs").push(runs(0, RUN_LIMITS.perSession + 1)),
      /at most 300 runs/,
    );
    // Up to the limit, in two updates, is taken; one more is not.
    for (const [from, count] of [
      [0, RUN_LIMITS.perSession - 1],
      [RUN_LIMITS.perSession - 1, 1],
    ] as const) {
      const socket = await sendAsCandidate(
        updateFrom(keeper.doc, (doc) => doc.getArray("runs").push(runs(from, count))),
      );
      await waitFor(
        () => keeper.doc.getArray("runs").length === from + count,
        `${from + count} runs`,
      );
      socket.ws.terminate();
    }
    await expectRefused(
      (doc) => doc.getArray("runs").push(runs(RUN_LIMITS.perSession, 1)),
      /at most 300 runs/,
    );
    expect(serverDocument()!.getArray("runs").length).toBe(RUN_LIMITS.perSession);
    // Empty the runs again for the next tests.
    keeper.doc.getArray("runs").delete(0, keeper.doc.getArray("runs").length);
    await waitFor(() => serverDocument()!.getArray("runs").length === 0, "no runs");
  });
});

describe("honest edits", () => {
  it("flow between two providers: code, meta, board and runs", async () => {
    const peer = await watchedPad();
    const candidate = openPad(server.url, pad.sessionId, candidateToken());
    clients.push(candidate);
    await waitFor(() => candidate.events.synced, "the candidate to sync");
    candidate.doc.transact(() => {
      candidate.text.insert(0, "print(1)\n");
      candidate.doc.getMap("meta").set("language", "python");
      candidate.doc.getMap("board").set("box", rectangle("box"));
      candidate.doc.getArray("runs").push([honestRun(pad.candidateId)]);
    });
    await waitFor(
      () =>
        peer.doc.getMap("board").has("box") &&
        peer.doc.getArray("runs").length > 0 &&
        peer.text.toString().includes("print(1)"),
      "the peer to see it all",
    );
    expect(peer.doc.getMap("meta").get("language")).toBe("python");
    expect(candidate.events.closes).toEqual([]);
    await sleep(50);
  });
});

/** A run record as the room's run panel writes it (app/modules/runs/run-records.ts). */
function honestRun(by: string): RunRecord {
  return {
    id: "run-1",
    by,
    byName: "Ada",
    kind: "code",
    language: "python",
    code: "print(1)",
    input: "",
    stdout: "1\n",
    stderr: "",
    exit: "ok",
    ms: 12,
    at: Date.now(),
    truncated: false,
  };
}
