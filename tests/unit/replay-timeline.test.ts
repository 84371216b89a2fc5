import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { gapMarkers, mergeMarkers, phaseMarkers } from "~/modules/replay/markers";
import {
  type DocContent,
  docContent,
  documentAt,
  editCursors,
  nearestSnapshot,
  planSnapshots,
  type RecordedUpdate,
  recorderGaps,
  scanTimeline,
  seek,
} from "~/modules/replay/timeline";

const START = Date.UTC(2027, 2, 1, 10, 0, 0);

/** A document edited step by step, with its log and its content after each step. */
function record(steps: number, edit: (doc: Y.Doc, step: number) => void) {
  const doc = new Y.Doc();
  const log: RecordedUpdate[] = [];
  const moments: { at: number; content: DocContent }[] = [];
  let at = START;
  doc.on("update", (update: Uint8Array) => {
    log.push({ seq: log.length + 1, at, userId: "u1", update, mark: null });
  });
  for (let step = 0; step < steps; step++) {
    at = START + step * 7_000;
    edit(doc, step);
    moments.push({ at, content: docContent(doc) });
  }
  return { doc, log, moments };
}

const typing = (doc: Y.Doc, step: number) => {
  const code = doc.getText("code");
  if (step % 9 === 8) code.delete(Math.max(0, code.length - 3), Math.min(3, code.length));
  else code.insert(code.length, step % 5 === 0 ? "\n" : `x${step}`);
  if (step % 11 === 0) doc.getMap("board").set(`e${step}`, { id: `e${step}`, x: step });
  if (step % 37 === 0) doc.getArray("runs").push([{ id: `r${step}` }]);
};

describe("the document at a moment", () => {
  const { log, moments } = record(600, typing);

  it("equals the live document at every recorded moment, from the start", () => {
    for (const moment of moments.filter((_, i) => i % 25 === 0)) {
      const rebuilt = documentAt(null, log, moment.at);
      expect(rebuilt.incomplete).toBe(false);
      expect(docContent(rebuilt.doc)).toEqual(moment.content);
    }
  });

  it("equals it too when seeking from the nearest snapshot", () => {
    const snapshots = planSnapshots(null, log, 5 * 60_000, { final: true, origin: START });
    expect(snapshots.length).toBeGreaterThanOrEqual(13);
    for (const moment of moments) {
      expect(docContent(seek(snapshots, log, moment.at).doc)).toEqual(moment.content);
    }
    // A second compaction from the last snapshot plans nothing new.
    expect(planSnapshots(snapshots.at(-1)!, log, 5 * 60_000, { final: true })).toEqual([]);
  });

  it("picks the latest snapshot at or before the moment", () => {
    const snapshots = [
      { seq: 0, at: START, state: new Uint8Array() },
      { seq: 40, at: START + 300_000, state: new Uint8Array() },
      { seq: 90, at: START + 600_000, state: new Uint8Array() },
    ];
    expect(nearestSnapshot(snapshots, START + 599_999)?.seq).toBe(40);
    expect(nearestSnapshot(snapshots, START + 600_000)?.seq).toBe(90);
    expect(nearestSnapshot(snapshots, START - 1)).toBeNull();
  });
});

describe("gaps", () => {
  it("marks where a recorder died without its last flush", () => {
    const row = (seq: number, at: number, mark: RecordedUpdate["mark"] = null): RecordedUpdate => ({
      seq,
      at,
      userId: null,
      update: mark ? null : new Uint8Array([0, 0]),
      mark,
    });
    const rows = [
      row(1, 100, "opened"),
      row(2, 110),
      row(3, 120, "closed"),
      row(4, 200, "opened"),
      row(5, 210),
      row(6, 400, "opened"),
      row(7, 410),
    ];
    expect(recorderGaps(rows)).toEqual([
      { from: 210, to: 400, afterSeq: 5, kind: "recorder_lost" },
    ]);
    const [marker] = mergeMarkers(gapMarkers(recorderGaps(rows)));
    expect(marker).toMatchObject({ at: 210, kind: "gap", detail: { to: 400 } });
  });

  it("shows a consistent older state, never a corrupt one, while content is missing", () => {
    const { doc, log, moments } = record(60, (d, step) =>
      d.getText("code").insert(d.getText("code").length, `${step};`),
    );
    // A lost flush: updates 20–24 never reached the log.
    const kept = log.filter((row) => row.seq < 20 || row.seq > 24);
    const during = documentAt(null, kept, moments[40]!.at);
    expect(during.incomplete).toBe(true);
    expect(docContent(during.doc).code).toBe(moments[18]!.content.code);
    // The providers give the lost content back when they reconnect (a sync step).
    const resync: RecordedUpdate = {
      seq: 61,
      at: moments[59]!.at + 5_000,
      userId: "u1",
      update: Y.encodeStateAsUpdate(doc),
      mark: null,
    };
    const after = documentAt(null, [...kept, resync], resync.at);
    expect(after.incomplete).toBe(false);
    expect(docContent(after.doc)).toEqual(docContent(doc));
    const { gaps } = scanTimeline(null, [...kept, resync]);
    expect(gaps).toEqual([
      { from: moments[18]!.at, to: resync.at, afterSeq: 19, kind: "missing_content" },
    ]);
  });

  it("skips an update that does not decode instead of failing the whole replay", () => {
    const { log, moments } = record(5, typing);
    const broken = [
      ...log,
      { seq: 99, at: START, userId: null, update: new Uint8Array([255, 1]), mark: null },
    ];
    const rebuilt = documentAt(null, broken, moments[4]!.at);
    expect(rebuilt.incomplete).toBe(true);
    expect(docContent(rebuilt.doc)).toEqual(moments[4]!.content);
  });
});

describe("phase markers", () => {
  it("puts each phase cue of both halves of a swap on the clock", () => {
    const startsAt = new Date(START);
    const markers = phaseMarkers({
      format: "swap",
      startsAt,
      endsAt: new Date(START + 120 * 60_000),
      halfTwoStartedAt: new Date(START + 58 * 60_000),
      roundMinutes: 60,
      kind: "coding",
    });
    expect(markers).toHaveLength(8);
    expect(markers[0]).toMatchObject({ at: START, detail: { half: 1, name: "Introductions" } });
    expect(markers[4]).toMatchObject({ at: START + 58 * 60_000, detail: { half: 2 } });
  });
});

describe("edit cursors", () => {
  it("puts each person's caret after their last edit, moved by the other's", () => {
    const doc = new Y.Doc();
    const log: RecordedUpdate[] = [];
    let who = "ada";
    doc.on("update", (update: Uint8Array) => {
      log.push({ seq: log.length + 1, at: START + log.length, userId: who, update, mark: null });
    });
    const code = doc.getText("code");
    code.insert(0, "hello world");
    who = "bruno";
    code.insert(5, ",");
    who = "ada";
    code.insert(0, ">> ");
    const cursors = editCursors(null, log, START + 100);
    expect(cursors.get("ada")).toBe(3);
    expect(cursors.get("bruno")).toBe(9);
    // Before Ada's second edit, her caret was at the end of "hello world".
    expect(editCursors(null, log, START).get("ada")).toBe(11);
  });
});
