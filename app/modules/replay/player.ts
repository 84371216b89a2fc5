import * as Y from "yjs";
import { storedBoardElements } from "~/modules/board/board-snapshot";
import { type BoardPicture, renderBoardSvg } from "~/modules/board/board-svg";
import type { RunRecord } from "~/modules/runs/run-records";
import { DOC_ROOTS, META_KEYS } from "~/modules/sessions/shared-doc";
import type { ReplayLog } from "./replay-log";
import type { RecordedUpdate, ReplaySnapshot } from "./timeline";

// The replay page's engine, in the browser (pure: no DOM). It holds the log it was
// given once and answers "what did the session look like at t" without the server:
// the nearest checkpoint (a server snapshot, or one it took itself while indexing the
// log) plus the updates after it, applied with Yjs; moving forward (playing) applies
// only the new updates to the document it already has.
//
// Cursors: awareness (the live carets) is not recorded, so a person's cursor is where
// they last edited the pad: the end of their last insertion, or the place of their last
// deletion, kept as a Yjs relative position so it follows the text edited after it.

export interface ReplayCursor {
  userId: string;
  /** Offset in the pad's text. */
  index: number;
  /** 1-based, for the page's labels. */
  line: number;
  column: number;
  /** When they made that edit (epoch ms). */
  at: number;
}

export interface ReplayFrame {
  t: number;
  /** The highest seq applied. */
  seq: number;
  code: string;
  language: string | null;
  board: BoardPicture;
  runs: RunRecord[];
  cursors: ReplayCursor[];
  /** Some update up to t waits for content the log lacks (a gap). */
  incomplete: boolean;
}

/** Updates between two checkpoints the player takes itself when the server's are sparse. */
export const CHECKPOINT_EVERY = 400;

interface Edit {
  seq: number;
  at: number;
  position: Y.RelativePosition;
}

interface Checkpoint {
  seq: number;
  state: Uint8Array;
  /** Index in the update list of the first update it does not hold. */
  next: number;
  /** The latest time among the updates it holds: usable for any t from then on. */
  validFrom: number;
}

interface Current {
  doc: Y.Doc;
  checkpoint: Checkpoint | null;
  t: number;
  seq: number;
  boardDirty: boolean;
  /** An update up to t did not decode. */
  unreadable: boolean;
  frame: ReplayFrame | null;
}

/** Where a text change happened: the end of an insertion, or the place of a deletion. */
function changeIndex(delta: { retain?: number; insert?: unknown; delete?: number }[]): number {
  let index = 0;
  let last = -1;
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (op.insert !== undefined) {
      index += typeof op.insert === "string" ? op.insert.length : 1;
      last = index;
    } else if (op.delete !== undefined) last = index;
  }
  return last;
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

function applyRow(doc: Y.Doc, row: RecordedUpdate): boolean {
  if (!row.update) return true;
  try {
    Y.applyUpdate(doc, row.update);
    return true;
  } catch {
    return false;
  }
}

export class ReplayPlayer {
  readonly updates: readonly RecordedUpdate[];
  private readonly checkpoints: Checkpoint[];
  /** suffixMinAt[i]: the earliest time among updates i…end (times need not rise with seq). */
  private readonly suffixMinAt: Float64Array;
  /** prefixMaxAt[i]: the latest time among updates 0…i-1. */
  private readonly prefixMaxAt: Float64Array;
  private edits = new Map<string, Edit[]>();
  private current: Current | null = null;
  indexed = false;

  constructor(
    log: ReplayLog,
    private readonly boardTitle = "The whiteboard at this moment",
  ) {
    this.updates = log.updates;
    const n = this.updates.length;
    this.suffixMinAt = new Float64Array(n + 1);
    this.suffixMinAt[n] = Number.POSITIVE_INFINITY;
    for (let i = n - 1; i >= 0; i--) {
      this.suffixMinAt[i] = Math.min(this.updates[i]!.at, this.suffixMinAt[i + 1]!);
    }
    this.prefixMaxAt = new Float64Array(n + 1);
    this.prefixMaxAt[0] = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      this.prefixMaxAt[i + 1] = Math.max(this.prefixMaxAt[i]!, this.updates[i]!.at);
    }
    this.checkpoints = log.snapshots.map((s) =>
      this.checkpoint(s.state, this.firstIndexAfterSeq(s.seq), s),
    );
    this.checkpoints.sort((a, b) => a.next - b.next);
  }

  private checkpoint(state: Uint8Array, next: number, snapshot?: ReplaySnapshot): Checkpoint {
    return {
      seq: snapshot?.seq ?? this.updates[next - 1]?.seq ?? 0,
      state,
      next,
      // A snapshot taken by the server before its first update (seq 0) holds nothing
      // timed: usable from its own time.
      validFrom: next === 0 ? (snapshot?.at ?? Number.NEGATIVE_INFINITY) : this.prefixMaxAt[next]!,
    };
  }

  private firstIndexAfterSeq(seq: number): number {
    let lo = 0;
    let hi = this.updates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.updates[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * One pass over the whole log: every person's pad edits (for cursors) and a checkpoint
   * every CHECKPOINT_EVERY updates (so no seek applies more than that many). Done once,
   * after the first paint; seeks before it use the server's snapshots alone.
   */
  index(): void {
    if (this.indexed) return;
    const doc = new Y.Doc();
    const text = doc.getText(DOC_ROOTS.code);
    let author: RecordedUpdate | null = null;
    const edits = new Map<string, Edit[]>();
    text.observe((event) => {
      if (!author?.userId) return;
      const index = changeIndex(event.delta as { retain?: number; insert?: unknown }[]);
      if (index < 0) return;
      const list = edits.get(author.userId) ?? [];
      list.push({
        seq: author.seq,
        at: author.at,
        position: Y.createRelativePositionFromTypeIndex(text, index),
      });
      edits.set(author.userId, list);
    });
    const own: Checkpoint[] = [];
    let sinceCheckpoint = 0;
    for (let i = 0; i < this.updates.length; i++) {
      author = this.updates[i]!;
      applyRow(doc, author);
      if (++sinceCheckpoint >= CHECKPOINT_EVERY && i + 1 < this.updates.length) {
        sinceCheckpoint = 0;
        own.push(this.checkpoint(Y.encodeStateAsUpdate(doc), i + 1));
      }
    }
    doc.destroy();
    this.edits = edits;
    this.checkpoints.push(...own);
    this.checkpoints.sort((a, b) => a.next - b.next);
    this.indexed = true;
    // The frame last shown had no cursors yet: the next call draws it again.
    if (this.current) this.current.frame = null;
  }

  /** The checkpoint holding the most updates among those usable at t. */
  private checkpointFor(t: number): Checkpoint | null {
    let best: Checkpoint | null = null;
    for (const c of this.checkpoints) if (c.validFrom <= t) best = c;
    return best;
  }

  /** The session at moment t (epoch ms). Repeated or forward calls reuse the work done. */
  frameAt(t: number): ReplayFrame {
    const checkpoint = this.checkpointFor(t);
    let current = this.current;
    // Forward from the document already built (playing, or a seek a little ahead):
    // apply only what happened since, unless a checkpoint saves many updates.
    const reusable =
      current !== null &&
      t >= current.t &&
      (checkpoint?.next ?? 0) - (current.checkpoint?.next ?? 0) < CHECKPOINT_EVERY;
    if (!reusable || !current) {
      current?.doc.destroy();
      const doc = new Y.Doc();
      if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
      const built: Current = {
        doc,
        checkpoint,
        t: Number.NEGATIVE_INFINITY,
        seq: checkpoint?.seq ?? 0,
        boardDirty: true,
        unreadable: false,
        frame: null,
      };
      doc.getMap(DOC_ROOTS.board).observeDeep(() => {
        built.boardDirty = true;
      });
      current = built;
      this.current = built;
    }
    // The document holds the checkpoint plus every later update timed up to current.t.
    const from = current.checkpoint?.next ?? 0;
    const previousT = current.t;
    let applied = 0;
    for (let i = from; i < this.updates.length && this.suffixMinAt[i]! <= t; i++) {
      const row = this.updates[i]!;
      if (row.at > t || row.at <= previousT) continue;
      if (!applyRow(current.doc, row)) current.unreadable = true;
      current.seq = Math.max(current.seq, row.seq);
      applied++;
    }
    current.t = t;
    if (current.frame && applied === 0) {
      current.frame = { ...current.frame, t };
      return current.frame;
    }
    current.frame = this.render(current, t);
    return current.frame;
  }

  private render(current: Current, t: number): ReplayFrame {
    const { doc } = current;
    const code = doc.getText(DOC_ROOTS.code).toString();
    const language = doc.getMap(DOC_ROOTS.meta).get(META_KEYS.language);
    const board =
      !current.boardDirty && current.frame
        ? current.frame.board
        : renderBoardSvg(storedBoardElements(doc.getMap(DOC_ROOTS.board)), {
            title: this.boardTitle,
          });
    current.boardDirty = false;
    const runs = doc
      .getArray(DOC_ROOTS.runs)
      .toJSON()
      .filter((r): r is RunRecord => typeof r === "object" && r !== null && "id" in r);
    const cursors: ReplayCursor[] = [];
    for (const [userId, list] of this.edits) {
      const edit = lastAtOrBefore(list, current.seq);
      if (!edit) continue;
      const absolute = Y.createAbsolutePositionFromRelativePosition(edit.position, doc);
      if (!absolute) continue;
      cursors.push({
        userId,
        index: absolute.index,
        at: edit.at,
        ...lineAndColumn(code, absolute.index),
      });
    }
    const store = doc.store;
    return {
      t,
      seq: current.seq,
      code,
      language: typeof language === "string" ? language : null,
      board,
      runs,
      cursors,
      incomplete: current.unreadable || store.pendingStructs !== null || store.pendingDs !== null,
    };
  }
}

function lastAtOrBefore(list: readonly Edit[], seq: number): Edit | null {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1]! : null;
}
