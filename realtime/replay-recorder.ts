import type { Connection, Document, Extension } from "@hocuspocus/server";
import { eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import { sessionIdFromDocumentName } from "../app/modules/sessions/realtime-token";
import { DOC_ROOTS } from "../app/modules/sessions/shared-doc";
import { getDb } from "../db/client";
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from "../db/errors";
import { type ReplayMark, replayUpdates, roomEvents } from "../db/schema";

// Records every update applied to a session's shared document, for the replay (see
// docs/decisions/0025-replay-recording.md). Typing must not wait on it: an update is
// copied into memory where Yjs applies it, and a timer writes what has gathered in one
// multi-row INSERT per flush (every second, or sooner once 200 rows wait). The
// database numbers the rows (migration 0018), so numbers stay gap-free across racing
// flushes, restarts and instances without this process reading anything first.
//
// What a crash can lose is what waits in memory: at most a flush interval of updates.
// The recorder marks each stretch it records ("opened" before its first row of a loaded
// document, "closed" after its last flush of it), so the replay shows where a recorder
// died instead of pretending nothing happened (app/modules/replay/timeline.ts).

export interface ReplayRecorderOptions {
  /** A batch waits at most this long in memory. */
  flushIntervalMs?: number;
  /**
   * A batch this large is written at once rather than at the next tick; larger backlogs go
   * in statements of this many rows, yielding between them (with PGlite the database runs
   * on this thread, and one long statement would hold every socket up).
   */
  maxBatchRows?: number;
  /** Rows kept while the database refuses them; past this the oldest go (a gap). */
  maxBufferedRows?: number;
  /** The realtime server's clock (tests move it). */
  now?: () => number;
  log?: Pick<Console, "warn">;
}

export interface ReplayRecorder extends Extension {
  /** Writes everything buffered so far; resolves when the buffer is empty (or a write failed). */
  flush(): Promise<void>;
  /** Rows waiting in memory. */
  buffered(): number;
}

interface UpdateRow {
  sessionId: string;
  at: Date;
  userId: string | null;
  update: Uint8Array | null;
  mark: ReplayMark | null;
}

interface EventRow {
  sessionId: string;
  at: Date;
  userId: string | null;
  kind: "code_run";
  detail: Record<string, string | number | boolean>;
}

/** What the recorder keeps about a loaded document. */
interface Recording {
  sessionId: string;
  /** The next row of this document must be preceded by an "opened" mark. */
  needsOpen: boolean;
  /** This load has written rows, so its unload owes a "closed" mark. */
  recorded: boolean;
}

/** Where an update came from: the participant of a connection, or null for the server. */
function senderOf(origin: unknown): { remote: boolean; userId: string | null } {
  if (typeof origin !== "object" || origin === null) return { remote: false, userId: null };
  const { source, connection } = origin as {
    source?: unknown;
    connection?: Connection<{ userId?: string }>;
  };
  // Another instance's update (Redis fan-out) is recorded by the instance that took it.
  if (source === "redis") return { remote: true, userId: null };
  if (source === "connection") {
    return { remote: false, userId: connection?.context?.userId ?? null };
  }
  return { remote: false, userId: null };
}

export function replayRecorder(options: ReplayRecorderOptions = {}): ReplayRecorder {
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBatchRows = options.maxBatchRows ?? 200;
  const maxBufferedRows = options.maxBufferedRows ?? 200_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? console;
  const recordings = new WeakMap<Document, Recording>();
  /** Recordings that have written an "opened" and owe a "closed". */
  const open = new Set<Recording>();
  let rows: UpdateRow[] = [];
  let events: EventRow[] = [];
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const ensureTimer = () => {
    timer ??= setInterval(() => {
      if (rows.length > 0 || events.length > 0) void flush();
    }, flushIntervalMs).unref();
  };

  const push = (recording: Recording, row: Omit<UpdateRow, "sessionId">) => {
    if (recording.needsOpen) {
      recording.needsOpen = false;
      open.add(recording);
      rows.push({
        sessionId: recording.sessionId,
        at: row.at,
        userId: null,
        update: null,
        mark: "opened",
      });
    }
    recording.recorded = true;
    rows.push({ sessionId: recording.sessionId, ...row });
    if (rows.length > maxBufferedRows) {
      const dropped = rows.length - maxBufferedRows;
      rows = rows.slice(dropped);
      log.warn(`replay: the database refuses the log; dropped the ${dropped} oldest updates`);
    }
    if (rows.length >= maxBatchRows) void flush();
    else ensureTimer();
  };

  /** One INSERT of updates (and one of events, when a run happened). */
  async function write(batch: UpdateRow[], batchEvents: EventRow[]) {
    const db = getDb();
    if (batch.length > 0) await db.execute(insertUpdates(batch));
    if (batchEvents.length > 0) await db.insert(roomEvents).values(batchEvents);
  }

  /** A session that is gone (deleted with its rows) must not hold the others' rows back. */
  async function writeSessionBySession(batch: UpdateRow[], batchEvents: EventRow[]) {
    for (const sessionId of new Set([...batch, ...batchEvents].map((row) => row.sessionId))) {
      try {
        await write(
          batch.filter((row) => row.sessionId === sessionId),
          batchEvents.filter((row) => row.sessionId === sessionId),
        );
      } catch (err) {
        if (pgErrorCode(err) !== PG_FOREIGN_KEY_VIOLATION) throw err;
        log.warn(`replay: session ${sessionId} is gone; its buffered updates are dropped`);
      }
    }
  }

  async function drain() {
    while (rows.length > 0 || events.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const batch = rows.splice(0, maxBatchRows);
      const batchEvents = events.splice(0);
      try {
        try {
          await write(batch, batchEvents);
        } catch (err) {
          if (pgErrorCode(err) !== PG_FOREIGN_KEY_VIOLATION) throw err;
          await writeSessionBySession(batch, batchEvents);
        }
      } catch (err) {
        // Kept, in order, for the next tick: the numbers are given at insert, so a
        // retried batch is numbered as if it had gone through the first time.
        rows = batch.concat(rows);
        events = batchEvents.concat(events);
        log.warn("replay: writing the update log failed; retrying:", errorText(err));
        return;
      }
    }
  }

  function flush(): Promise<void> {
    // One flush at a time keeps a session's rows in the order Yjs applied them; a flush
    // asked for meanwhile is served by the running one, which drains until empty.
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  const closeRecording = (recording: Recording) => {
    open.delete(recording);
    if (!recording.recorded || recording.needsOpen) return;
    rows.push({
      sessionId: recording.sessionId,
      at: new Date(now()),
      userId: null,
      update: null,
      mark: "closed",
    });
    recording.needsOpen = true;
    recording.recorded = false;
  };

  return {
    extensionName: "peerloop-replay-recorder",
    flush,
    buffered: () => rows.length,

    async afterLoadDocument({ documentName, document }) {
      const sessionId = sessionIdFromDocumentName(documentName);
      if (!sessionId) return;
      const recording: Recording = { sessionId, needsOpen: true, recorded: false };
      recordings.set(document, recording);
      // A pad stored before it was ever recorded (recording turned on mid-session, or
      // sessions older than the replay) starts its log with what it held then, so later
      // updates never refer to content the log lacks. One read per load, none per keystroke.
      if (document.store.clients.size > 0 && !(await hasLog(sessionId, log))) {
        push(recording, {
          at: new Date(now()),
          userId: null,
          update: Y.encodeStateAsUpdate(document),
          mark: null,
        });
      }
      // The document's own update event, not Hocuspocus' onChange hook: it fires in the
      // transaction's order, synchronously, with nothing queued per keystroke.
      document.on("update", (update: Uint8Array, origin: unknown) => {
        const sender = senderOf(origin);
        if (sender.remote) return;
        push(recording, { at: new Date(now()), userId: sender.userId, update, mark: null });
      });
      // A run is an event of the room too (a marker on the timeline), on the server's clock.
      document.getArray(DOC_ROOTS.runs).observe((event: Y.YArrayEvent<unknown>) => {
        const sender = senderOf(event.transaction.origin);
        if (sender.remote) return;
        for (const item of event.changes.added) {
          for (const value of item.content.getContent()) {
            const run = (value ?? {}) as { id?: unknown; kind?: unknown; exit?: unknown };
            events.push({
              sessionId,
              at: new Date(now()),
              userId: sender.userId,
              kind: "code_run",
              detail: {
                runId: String(run.id ?? ""),
                runKind: String(run.kind ?? ""),
                exit: String(run.exit ?? ""),
              },
            });
          }
        }
        ensureTimer();
      });
    },

    async beforeUnloadDocument({ document }) {
      const recording = recordings.get(document);
      if (!recording) return;
      // Should the unload be called off, the next update opens a new stretch.
      closeRecording(recording);
      await flush();
    },

    async afterUnloadDocument() {
      // Documents are gone from memory; nothing of theirs may wait in the buffer.
      await flush();
    },

    async onDestroy() {
      clearInterval(timer);
      timer = undefined;
      for (const recording of [...open]) closeRecording(recording);
      await flush();
      if (rows.length > 0) {
        log.warn(`replay: ${rows.length} updates could not be written at shutdown`);
      }
    },
  };
}

/** Whether the session has a log already; on a failed read, assume so (never a duplicate). */
async function hasLog(sessionId: string, log: Pick<Console, "warn">): Promise<boolean> {
  try {
    const rows = await getDb()
      .select({ seq: replayUpdates.seq })
      .from(replayUpdates)
      .where(eq(replayUpdates.sessionId, sessionId))
      .limit(1);
    return rows.length > 0;
  } catch (err) {
    log.warn("replay: could not check for an existing log:", errorText(err));
    return true;
  }
}

/**
 * The rows as five array parameters, unnested in order: one statement text whatever the
 * batch's size. A VALUES list per size would be a new prepared statement (and a parse and
 * plan) for every size of batch, cached per connection (db/client.ts prepares them all).
 * Text arrays with "" for null bind the same way on postgres.js (which cannot serialise a
 * null inside an array) and PGlite; updates travel as hex.
 */
function insertUpdates(batch: UpdateRow[]) {
  const column = (value: (row: UpdateRow) => string | null) =>
    sql.param(batch.map((row) => value(row) ?? ""));
  return sql`insert into ${replayUpdates} (session_id, at, user_id, update, mark)
    select s::uuid, a::timestamptz, nullif(u, '')::uuid, decode(nullif(h, ''), 'hex'), nullif(m, '')
    from unnest(
      ${column((row) => row.sessionId)}::text[],
      ${column((row) => row.at.toISOString())}::text[],
      ${column((row) => row.userId)}::text[],
      ${column((row) => (row.update ? Buffer.from(row.update).toString("hex") : null))}::text[],
      ${column((row) => row.mark)}::text[]
    ) as t(s, a, u, h, m)`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
