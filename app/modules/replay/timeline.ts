import * as Y from "yjs";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";

// The replay's timeline, as plain data in and out (no I/O): the shared document as it
// was at any moment, rebuilt from the nearest snapshot and the updates recorded after
// it; the gaps a crashed recorder left; and the snapshots a compaction should take.
// The server uses it to compact and check; the replay page uses it to seek.
//
// Yjs updates commute, so applying every update recorded up to a moment gives the
// document of that moment whatever their order. An update whose causes are missing (a
// lost flush) is held back by Yjs itself, not half-applied: the document stays a
// consistent, older state, and the moment is reported as incomplete.

/** One row of the update log (db replay_updates), times as epoch ms. */
export interface RecordedUpdate {
  seq: number;
  at: number;
  userId: string | null;
  /** Null for a recorder's mark. */
  update: Uint8Array | null;
  mark: "opened" | "closed" | null;
}

/** The whole document after update `seq` (0: before any). */
export interface ReplaySnapshot {
  seq: number;
  at: number;
  state: Uint8Array;
}

/** Content the timeline cannot show between two moments. */
export interface TimelineGap {
  /** When the last update before the gap was recorded. */
  from: number;
  /** When recording (or the content) resumed; what changed meanwhile appears here at once. */
  to: number;
  /** The last seq before the gap. */
  afterSeq: number;
  /**
   * recorder_lost: a server stopped without its final flush (an "opened" mark with no
   * "closed" before it). missing_content: updates refer to content the log lacks.
   */
  kind: "recorder_lost" | "missing_content";
}

/** What a replayed document holds, root by root (what the room shows). */
export interface DocContent {
  code: string;
  meta: Record<string, unknown>;
  board: Record<string, unknown>;
  runs: unknown[];
}

export function docContent(doc: Y.Doc): DocContent {
  return {
    code: doc.getText(DOC_ROOTS.code).toString(),
    meta: doc.getMap(DOC_ROOTS.meta).toJSON(),
    board: doc.getMap(DOC_ROOTS.board).toJSON(),
    runs: doc.getArray(DOC_ROOTS.runs).toJSON(),
  };
}

/** The latest snapshot taken at or before `t` (they come in any order), or null. */
export function nearestSnapshot(
  snapshots: readonly ReplaySnapshot[],
  t: number,
): ReplaySnapshot | null {
  let best: ReplaySnapshot | null = null;
  for (const snapshot of snapshots) {
    if (snapshot.at <= t && (!best || snapshot.seq > best.seq)) best = snapshot;
  }
  return best;
}

/** True while Yjs holds back updates whose causes it has not seen. */
function isIncomplete(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Applies one recorded update; false if its bytes do not decode (skipped, not applied). */
function applyRecorded(doc: Y.Doc, row: RecordedUpdate): boolean {
  if (!row.update) return true;
  try {
    Y.applyUpdate(doc, row.update);
    return true;
  } catch {
    return false;
  }
}

export interface DocumentAt {
  doc: Y.Doc;
  /** The highest seq applied. */
  seq: number;
  /** Some update up to `t` waits for content the log lacks: the document shows without it. */
  incomplete: boolean;
}

/**
 * The document at moment `t`: `snapshot` (or an empty document) plus every update after
 * its seq recorded at or before `t`. `updates` in seq order; rows at or before the
 * snapshot's seq are skipped, so the caller may pass more than it needs.
 */
export function documentAt(
  snapshot: ReplaySnapshot | null,
  updates: readonly RecordedUpdate[],
  t: number,
): DocumentAt {
  const doc = new Y.Doc();
  let seq = 0;
  if (snapshot) {
    Y.applyUpdate(doc, snapshot.state);
    seq = snapshot.seq;
  }
  let unreadable = false;
  for (const row of updates) {
    if (row.seq <= (snapshot?.seq ?? 0) || row.at > t) continue;
    if (!applyRecorded(doc, row)) unreadable = true;
    seq = Math.max(seq, row.seq);
  }
  return { doc, seq, incomplete: unreadable || isIncomplete(doc) };
}

/** Seeks with the nearest snapshot: what the replay page does on every scrub. */
export function seek(
  snapshots: readonly ReplaySnapshot[],
  updates: readonly RecordedUpdate[],
  t: number,
): DocumentAt {
  return documentAt(nearestSnapshot(snapshots, t), updates, t);
}

/**
 * The gaps of a log (rows in seq order), without replaying it: a recorder writes
 * "opened" when its server loads the document and "closed" after its last flush, so an
 * "opened" while the previous recorder never closed means that one died with a buffer
 * (at most a flush interval of updates) that never reached the log.
 */
export function recorderGaps(rows: readonly RecordedUpdate[]): TimelineGap[] {
  const gaps: TimelineGap[] = [];
  let open = false;
  let last: RecordedUpdate | null = null;
  for (const row of rows) {
    if (row.mark === "opened") {
      if (open && last) {
        gaps.push({ from: last.at, to: row.at, afterSeq: last.seq, kind: "recorder_lost" });
      }
      open = true;
    } else if (row.mark === "closed") {
      open = false;
    }
    last = row;
  }
  return gaps;
}

/**
 * Replays a whole log once (from `base` or empty): every gap, the recorder's and the
 * content's (a stretch during which Yjs held updates back), in order of time.
 */
export function scanTimeline(
  base: ReplaySnapshot | null,
  rows: readonly RecordedUpdate[],
): { gaps: TimelineGap[]; final: DocumentAt } {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base.state);
  const gaps = recorderGaps(rows);
  let seq = base?.seq ?? 0;
  let held: { from: number; afterSeq: number } | null = null;
  let lastAt = base?.at ?? 0;
  for (const row of rows) {
    if (row.seq <= (base?.seq ?? 0)) continue;
    const readable = applyRecorded(doc, row);
    const incomplete = !readable || isIncomplete(doc);
    if (incomplete && !held) held = { from: lastAt, afterSeq: seq };
    if (!incomplete && held) {
      gaps.push({ ...held, to: row.at, kind: "missing_content" });
      held = null;
    }
    seq = row.seq;
    lastAt = row.at;
  }
  if (held) gaps.push({ ...held, to: lastAt, kind: "missing_content" });
  gaps.sort((a, b) => a.from - b.from || a.afterSeq - b.afterSeq);
  return { gaps, final: { doc, seq, incomplete: isIncomplete(doc) } };
}

/**
 * The snapshots a compaction takes after `base` (or from the start): one at the last
 * update before every `intervalMs` boundary of the recording's clock, counted from the
 * first update, and, if `final`, one of the last state. So a seek applies one snapshot
 * and at most an interval of updates.
 */
export function planSnapshots(
  base: ReplaySnapshot | null,
  rows: readonly RecordedUpdate[],
  intervalMs: number,
  options: { final: boolean; origin?: number },
): ReplaySnapshot[] {
  const after = rows.filter((row) => row.seq > (base?.seq ?? 0));
  if (after.length === 0) return [];
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base.state);
  const origin = options.origin ?? after[0]!.at;
  const boundaryAfter = (at: number) =>
    origin + (Math.floor((at - origin) / intervalMs) + 1) * intervalMs;
  let nextBoundary = boundaryAfter(base?.at ?? origin);
  const planned: ReplaySnapshot[] = [];
  let previous: RecordedUpdate | null = null;
  for (const row of after) {
    if (previous && row.at >= nextBoundary) {
      planned.push({ seq: previous.seq, at: previous.at, state: Y.encodeStateAsUpdate(doc) });
      nextBoundary = boundaryAfter(row.at);
    }
    applyRecorded(doc, row);
    previous = row;
  }
  const last = after[after.length - 1]!;
  if (options.final && planned[planned.length - 1]?.seq !== last.seq) {
    planned.push({ seq: last.seq, at: last.at, state: Y.encodeStateAsUpdate(doc) });
  }
  return planned;
}

/**
 * Where each participant last edited the pad, up to `t`: the index just after their last
 * insertion (or at their last deletion) in the code as it is at `t`'s end. The log has no
 * cursors (presence is not recorded); a caret at the last edit is what the replay shows.
 */
export function editCursors(
  snapshot: ReplaySnapshot | null,
  updates: readonly RecordedUpdate[],
  t: number,
): Map<string, number> {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const code = doc.getText(DOC_ROOTS.code);
  // Relative positions follow later edits of the other person.
  const cursors = new Map<string, Y.RelativePosition>();
  let sender: string | null = null;
  code.observe((event) => {
    if (!sender) return;
    let index = 0;
    let at: number | null = null;
    for (const op of event.delta) {
      if (op.retain !== undefined) index += op.retain;
      else if (typeof op.insert === "string") {
        index += op.insert.length;
        at = index;
      } else if (op.delete !== undefined) at = index;
    }
    if (at !== null) cursors.set(sender, Y.createRelativePositionFromTypeIndex(code, at));
  });
  for (const row of updates) {
    if (row.seq <= (snapshot?.seq ?? 0) || row.at > t) continue;
    sender = row.userId;
    applyRecorded(doc, row);
  }
  const absolute = new Map<string, number>();
  for (const [userId, position] of cursors) {
    const resolved = Y.createAbsolutePositionFromRelativePosition(position, doc);
    if (resolved) absolute.set(userId, resolved.index);
  }
  return absolute;
}
