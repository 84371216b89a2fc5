import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedBoardElements } from "~/modules/board/board-snapshot";
import { renderBoardSvg } from "~/modules/board/board-svg";
import { formatMoment, momentFromQuery, parseMoment } from "~/modules/feedback/moments";
import { CHECKPOINT_EVERY, ReplayPlayer } from "~/modules/replay/player";
import { decodeReplayLog, encodeReplayLog } from "~/modules/replay/replay-log";
import { planSnapshots, type RecordedUpdate, seek } from "~/modules/replay/timeline";
import { rectangle } from "../support/board-fixtures";

const START = Date.UTC(2027, 2, 1, 10, 0, 0);
const ALICE = "00000000-0000-4000-8000-00000000000a";
const BOB = "00000000-0000-4000-8000-00000000000b";

/** Two people typing into their own docs, synced; every update logged with its author. */
function session(steps: number) {
  const docs: Record<string, Y.Doc> = { [ALICE]: new Y.Doc(), [BOB]: new Y.Doc() };
  const log: RecordedUpdate[] = [];
  let at = START;
  let author = ALICE;
  for (const [id, doc] of Object.entries(docs)) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "sync") return;
      log.push({ seq: log.length + 1, at, userId: id, update, mark: null });
      const other = docs[id === ALICE ? BOB : ALICE]!;
      Y.applyUpdate(other, update, "sync");
    });
  }
  for (let step = 0; step < steps; step++) {
    author = step % 7 < 4 ? ALICE : BOB;
    // Mostly rising times, with a few out of order (two writers racing).
    at = START + step * 900 - (step % 50 === 3 ? 2_000 : 0);
    const doc = docs[author]!;
    const code = doc.getText("code");
    if (step % 9 === 8) code.delete(Math.max(0, code.length - 2), Math.min(2, code.length));
    else code.insert(Math.floor(code.length / (author === ALICE ? 1 : 2)), step % 5 ? "ab" : "\n");
    if (step % 40 === 0) doc.getMap("board").set(`r${step}`, rectangle(`r${step}`, { x: step }));
    if (step % 97 === 0) doc.getArray("runs").push([{ id: `run${step}`, by: author }]);
  }
  return { log, final: docs[ALICE]! };
}

describe("the replay player", () => {
  const { log } = session(2_000);
  const snapshots = planSnapshots(null, log, 5 * 60_000, { final: true, origin: START });

  it("round-trips the log through its binary form", () => {
    const bytes = encodeReplayLog({ origin: START, snapshots, updates: log });
    const decoded = decodeReplayLog(bytes);
    expect(decoded.origin).toBe(START);
    expect(decoded.updates.map((u) => [u.seq, u.at, u.userId])).toEqual(
      log.map((u) => [u.seq, u.at, u.userId]),
    );
    expect(decoded.updates.every((u, i) => Buffer.compare(u.update!, log[i]!.update!) === 0)).toBe(
      true,
    );
    expect(decoded.snapshots.map((s) => [s.seq, s.at, s.state.length])).toEqual(
      snapshots.map((s) => [s.seq, s.at, s.state.length]),
    );
  });

  it("shows what the timeline rebuilds, at any moment, forward and backward, before and after indexing", () => {
    const player = new ReplayPlayer({ origin: START, snapshots, updates: log });
    const moments = [0, 5, 17, 400, 401, 1_999, 1_200, 3, 900, 901, 902, 1_500, 60].map(
      (step) => START + step * 900,
    );
    const check = (t: number) => {
      const frame = player.frameAt(t);
      const rebuilt = seek(snapshots, log, t);
      const expected = rebuilt.doc;
      expect(frame.code).toBe(expected.getText("code").toString());
      expect(frame.runs).toEqual(expected.getArray("runs").toJSON());
      expect(frame.board).toEqual(
        renderBoardSvg(storedBoardElements(expected.getMap("board")), {
          title: "The whiteboard at this moment",
        }),
      );
      expect(frame.incomplete).toBe(rebuilt.incomplete);
    };
    for (const t of moments) check(t);
    player.index();
    for (const t of moments) check(t);
    // Playing: many small steps forward.
    for (let t = START; t < START + 200 * 900; t += 450) check(t);
  });

  it("puts each person's cursor where they last edited", () => {
    const player = new ReplayPlayer({ origin: START, snapshots: [], updates: log });
    player.index();
    const frame = player.frameAt(START + 10 * 900);
    const byUser = Object.fromEntries(frame.cursors.map((c) => [c.userId, c]));
    expect(Object.keys(byUser).sort()).toEqual([ALICE, BOB]);
    // Alice appends at the end of the text: her cursor is there.
    const lastAlice = [...log.slice(0, 11)].reverse().find((u) => u.userId === ALICE)!;
    expect(lastAlice).toBeDefined();
    expect(byUser[ALICE]!.index).toBeLessThanOrEqual(frame.code.length);
    expect(byUser[ALICE]!.line).toBeGreaterThanOrEqual(1);
  });

  it("takes its own checkpoints when the server has none", () => {
    const player = new ReplayPlayer({ origin: START, snapshots: [], updates: log });
    player.index();
    const t = START + 1_990 * 900;
    expect(player.frameAt(t).code).toBe(seek([], log, t).doc.getText("code").toString());
    expect(log.length / CHECKPOINT_EVERY).toBeGreaterThan(4);
  });
});

describe("moments", () => {
  it("reads mm:ss and h:mm:ss, within the session", () => {
    expect(parseMoment("23:14")).toEqual({ ok: true, ms: (23 * 60 + 14) * 1000 });
    expect(parseMoment(" 1:02:03 ")).toEqual({ ok: true, ms: 3723_000 });
    expect(parseMoment("75:10")).toEqual({ ok: true, ms: (75 * 60 + 10) * 1000 });
    for (const bad of [
      "",
      "23",
      "-1:00",
      "1:60",
      "1:75:00",
      "abc",
      "1e3:00",
      "12:34\u0000",
      "9".repeat(40),
    ]) {
      expect(parseMoment(bad).ok, bad).toBe(false);
    }
    expect(parseMoment("61:00", 60 * 60_000)).toMatchObject({ ok: false });
    expect(formatMoment(1394_000)).toBe("23:14");
    expect(formatMoment(3723_000)).toBe("1:02:03");
  });

  it("reads the replay's ?t= as seconds or a moment, ignoring what does not fit", () => {
    expect(momentFromQuery("1394", 3_600_000)).toBe(1394_000);
    expect(momentFromQuery("23:14", 3_600_000)).toBe(1394_000);
    expect(momentFromQuery("99999", 3_600_000)).toBeNull();
    expect(momentFromQuery("x", 3_600_000)).toBeNull();
    expect(momentFromQuery(null, 3_600_000)).toBeNull();
  });
});

describe("the replay player's cursors after indexing", () => {
  it("shows them at a moment already drawn before the index existed", () => {
    const { log } = session(300);
    const player = new ReplayPlayer({ origin: START, snapshots: [], updates: log });
    const t = START + 299 * 900;
    expect(player.frameAt(t).cursors).toEqual([]);
    player.index();
    expect(
      player
        .frameAt(t)
        .cursors.map((c) => c.userId)
        .sort(),
    ).toEqual([ALICE, BOB]);
  });
});
