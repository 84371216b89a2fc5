import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { getDb } from "#db/client";
import { attendanceEvents, replayUpdates, roomEvents } from "#db/schema";
import { compactReplay, toUpdate } from "~/modules/replay/replay.server";
import type { RecordedUpdate } from "~/modules/replay/timeline";
import type { RunRecord } from "~/modules/runs/run-records";
import { DOC_ROOTS, META_KEYS } from "~/modules/sessions/shared-doc";
import { arrow, rectangle, text } from "./board-fixtures";

// A recorded session written straight into the replay's tables, as the realtime
// server's recorder would leave it: two people typing for `minutes` (one update per
// keystroke, in bursts, as CodeMirror sends them), drawing on the board, running code,
// joining and leaving. Deterministic (a seeded generator). Used by the replay page's
// integration test, its e2e test and its benchmark.

export const REPLAY_MINUTES_DEFAULT = 60;

/** A session's replay log as stored, in order, read the way the replay reads it. */
export async function loadRecordedUpdates(sessionId: string): Promise<RecordedUpdate[]> {
  const rows = await getDb()
    .select()
    .from(replayUpdates)
    .where(eq(replayUpdates.sessionId, sessionId))
    .orderBy(asc(replayUpdates.seq));
  return rows.map(toUpdate);
}

export interface SyntheticSession {
  updates: number;
  /** The pad's text at the end. */
  finalCode: string;
  /** The pad's text at a whole second `atMs` after the start, for the checks that seek. */
  codeAt: (atMs: number) => string;
  runs: number;
}

function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const LINES = [
  "def merge_intervals(intervals):",
  "    intervals.sort(key=lambda i: i[0])",
  "    merged = []",
  "    for start, end in intervals:",
  "        if merged and start <= merged[-1][1]:",
  "            merged[-1][1] = max(merged[-1][1], end)",
  "        else:",
  "            merged.append([start, end])",
  "    return merged",
  "",
  "# why: sorting first makes every overlap adjacent",
  "print(merge_intervals([[1, 3], [2, 6], [8, 10]]))",
];

function runRecord(by: string, byName: string, n: number, at: number, code: string): RunRecord {
  return {
    id: `run-${n}`,
    by,
    byName,
    kind: "code",
    language: "python",
    code: code.slice(0, 2000),
    input: "",
    stdout: `[[1, 6], [8, 10]]\n`,
    stderr: n % 3 === 2 ? "Traceback: IndexError <list index out of range>\n" : "",
    exit: n % 3 === 2 ? "error" : "ok",
    ms: 40 + n,
    at,
    truncated: false,
  };
}

/**
 * Records a synthetic session of `minutes` from `startsAt` by `typist` (most of the
 * typing) and `other`, then compacts it (snapshots) unless `compact` is false.
 */
export async function recordSyntheticSession(options: {
  sessionId: string;
  startsAt: Date;
  typist: { id: string; name: string };
  other: { id: string; name: string };
  minutes?: number;
  seed?: number;
  compact?: boolean;
  /** Also a few marks in the pad: an "HOSTILE <script>" line to check escaping. */
  hostileLine?: string;
}): Promise<SyntheticSession> {
  const minutes = options.minutes ?? REPLAY_MINUTES_DEFAULT;
  const random = generator(options.seed ?? 7);
  const start = options.startsAt.getTime();
  const doc = new Y.Doc();
  const code = doc.getText(DOC_ROOTS.code);
  const board = doc.getMap(DOC_ROOTS.board);
  const runs = doc.getArray(DOC_ROOTS.runs);
  const rows: { sessionId: string; at: Date; userId: string; update: Uint8Array }[] = [];
  const history: { at: number; code: string }[] = [];
  let author = options.typist.id;
  let clock = start;
  doc.on("update", (update: Uint8Array) => {
    rows.push({ sessionId: options.sessionId, at: new Date(clock), userId: author, update });
  });
  doc.transact(() => doc.getMap(DOC_ROOTS.meta).set(META_KEYS.language, "python"));
  const text$ = [...LINES, ...(options.hostileLine ? [options.hostileLine] : [])].join("\n");
  let written = 0;
  let runCount = 0;
  for (let second = 0; second < minutes * 60; second++) {
    // The text as it stood at the start of this second, before its keystrokes (which
    // fall from 100 ms into it): what a seek to a whole second shows.
    history.push({ at: second * 1000, code: code.toString() });
    clock = start + second * 1000 + 100;
    const roll = random();
    author = roll < 0.9 ? options.typist.id : options.other.id;
    if (roll >= 0.985) {
      // The interviewer leaves a note at the start of a line a third of the way down,
      // one keystroke an update.
      const note = "# interviewer: what about empty input?\n";
      const lineStart = code.toString().lastIndexOf("\n", Math.floor(code.length / 3)) + 1;
      for (let k = 0; k < note.length; k++) {
        clock = start + second * 1000 + 100 + k * 20;
        code.insert(lineStart + k, note[k]!);
      }
    } else if (roll < 0.55) {
      // A burst of keystrokes: 1–4 a second, one update each, at the cursor's place
      // (the end of what is written so far), the text wrapping around to a new block.
      const keys = 1 + Math.floor(random() * 4);
      for (let k = 0; k < keys; k++) {
        clock = start + second * 1000 + 100 + k * 200;
        const ch = text$[written % text$.length]!;
        code.insert(code.length, written > 0 && written % text$.length === 0 ? `\n\n${ch}` : ch);
        written++;
      }
    } else if (roll < 0.62 && code.length > 10) {
      code.delete(code.length - 1, 1);
      written = Math.max(0, written - 1);
    } else if (roll < 0.66 && second > 5 * 60) {
      const id = `shape-${Math.floor(second / 90) % 12}`;
      const make = [rectangle, text, arrow][Math.floor(second / 90) % 3]!;
      board.set(id, make(id, { version: second, x: (second % 40) * 25, y: (second % 7) * 60 }));
    }
    if (second > 0 && second % (8 * 60) === 0) {
      runs.push([
        runRecord(
          author,
          author === options.typist.id ? options.typist.name : options.other.name,
          runCount++,
          clock,
          code.toString(),
        ),
      ]);
    }
  }
  history.push({ at: minutes * 60_000, code: code.toString() });

  const db = getDb();
  // The recorder's marks around the log: opened when the server loaded the document…
  await db.insert(replayUpdates).values({
    sessionId: options.sessionId,
    at: new Date(start - 60_000),
    userId: null,
    mark: "opened",
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insert(replayUpdates).values(rows.slice(i, i + 2000));
  }
  // …and closed after its last flush.
  await db.insert(replayUpdates).values({
    sessionId: options.sessionId,
    at: new Date(start + minutes * 60_000 + 1000),
    userId: null,
    mark: "closed",
  });
  const runTimes = (runs.toJSON() as RunRecord[]).map((r) => ({ at: r.at, by: r.by, id: r.id }));
  if (runTimes.length > 0) {
    await db.insert(roomEvents).values(
      runTimes.map((r) => ({
        sessionId: options.sessionId,
        at: new Date(r.at),
        userId: r.by,
        kind: "code_run" as const,
        detail: { runId: r.id },
      })),
    );
  }
  await db.insert(attendanceEvents).values(
    [options.typist, options.other].flatMap((person, i) => [
      {
        sessionId: options.sessionId,
        userId: person.id,
        source: "realtime" as const,
        kind: "joined" as const,
        at: new Date(start - (2 - i) * 30_000),
      },
      {
        sessionId: options.sessionId,
        userId: person.id,
        source: "livekit" as const,
        kind: "joined" as const,
        at: new Date(start - (2 - i) * 20_000),
      },
      {
        sessionId: options.sessionId,
        userId: person.id,
        source: "realtime" as const,
        kind: "left" as const,
        at: new Date(start + minutes * 60_000 + i * 5_000),
      },
    ]),
  );
  if (options.compact !== false) {
    await compactReplay(options.sessionId, { now: new Date(start + minutes * 60_000 + 3_600_000) });
  }
  const codeAt = (atMs: number) => {
    // After the recording's last keystroke the pad stays as it ended.
    const moment = history.find((h) => h.at === Math.min(atMs, minutes * 60_000));
    if (!moment) throw new Error(`codeAt: ${atMs} is not a whole second of the recording`);
    return moment.code;
  };
  return { updates: rows.length, finalCode: code.toString(), codeAt, runs: runCount };
}
