import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { mockSessions, sessionParticipants } from "./booking";
import { bytea } from "./room";

// The replay of a session: every update applied to its shared document, on the realtime
// server's clock, plus the room's events on the same clock. The custom part of migration
// 0018 holds what Drizzle cannot say: the trigger that numbers updates (gap-free, per
// session, whoever inserts), the append-only guards, and the replay_events view.
// Decision record: docs/decisions/0025-replay-recording.md.

export const REPLAY_MARKS = ["opened", "closed"] as const;
export type ReplayMark = (typeof REPLAY_MARKS)[number];

/**
 * One update applied to a session's shared document, in the order the server applied
 * it. `seq` is assigned by the database (trigger replay_updates_number): whatever a
 * writer passes is replaced by the session's next number. A row without `update` is a
 * recorder's mark: "opened" when a server loads the document, "closed" after its last
 * flush; an "opened" not preceded by a "closed" means the previous recorder died with
 * updates in its buffer (a gap, see app/modules/replay/timeline.ts).
 */
export const replayUpdates = pgTable(
  "replay_updates",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    /** The participant whose connection sent it; null when the server made it. */
    userId: uuid("user_id"),
    update: bytea("update"),
    mark: text("mark", { enum: REPLAY_MARKS }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.seq] }),
    foreignKey({
      name: "replay_updates_participant_fk",
      columns: [t.sessionId, t.userId],
      foreignColumns: [sessionParticipants.sessionId, sessionParticipants.userId],
    }).onDelete("cascade"),
    check("replay_updates_seq_positive", sql`${t.seq} > 0`),
    check("replay_updates_update_or_mark", sql`(${t.update} is null) <> (${t.mark} is null)`),
  ],
);

/** The last number given to a session's updates (written only by the numbering trigger). */
export const replaySequences = pgTable("replay_sequences", {
  sessionId: uuid("session_id")
    .primaryKey()
    .references(() => mockSessions.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
});

/**
 * The whole document after update `seq` (0: before any), taken by the compaction job
 * every few minutes of the session, so a seek applies one snapshot and the updates
 * after it. The one with the highest seq is the final state, kept by retention.
 */
export const replaySnapshots = pgTable(
  "replay_snapshots",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    state: bytea("state").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.seq] }),
    check("replay_snapshots_seq", sql`${t.seq} >= 0`),
  ],
);

export const ROOM_EVENT_KINDS = ["code_run"] as const;
export type RoomEventKind = (typeof ROOM_EVENT_KINDS)[number];

/**
 * Room events that no other table keeps, on the realtime server's clock (a run's own
 * `at` is the runner's browser clock). Joins, leaves, the role switch and the end are
 * already kept elsewhere: replay_events shows them all together.
 */
export const roomEvents = pgTable(
  "room_events",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    userId: uuid("user_id"),
    kind: text("kind", { enum: ROOM_EVENT_KINDS }).notNull(),
    detail: jsonb("detail").$type<Record<string, string | number | boolean>>(),
  },
  (t) => [
    index("room_events_session_idx").on(t.sessionId, t.at),
    foreignKey({
      name: "room_events_participant_fk",
      columns: [t.sessionId, t.userId],
      foreignColumns: [sessionParticipants.sessionId, sessionParticipants.userId],
    }).onDelete("cascade"),
    check("room_events_kind", sql`${t.kind} in ('code_run')`),
  ],
);

export const REPLAY_REMOVALS = ["participant", "retention"] as const;
export type ReplayRemoval = (typeof REPLAY_REMOVALS)[number];

/**
 * Why (part of) a replay is gone: a participant deleted it (everything but this row), or
 * the retention period passed (the update log went, the final snapshot stays). Written
 * first, in the same transaction as the deletes: the append-only guards let rows of a
 * session go only once this row names it.
 */
export const replayRemovals = pgTable(
  "replay_removals",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: REPLAY_REMOVALS }).notNull(),
    /** The participant who deleted it; null for retention. */
    removedBy: uuid("removed_by"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.reason] }),
    foreignKey({
      name: "replay_removals_participant_fk",
      columns: [t.sessionId, t.removedBy],
      foreignColumns: [sessionParticipants.sessionId, sessionParticipants.userId],
    }).onDelete("cascade"),
    check("replay_removals_who", sql`(${t.reason} = 'participant') = (${t.removedBy} is not null)`),
  ],
);

export const REPLAY_EVENT_KINDS = [
  "pad_joined",
  "pad_left",
  "video_joined",
  "video_left",
  "roles_switched",
  "started",
  "ended",
  "code_run",
  "replay_deleted",
  "replay_expired",
] as const;
export type ReplayEventKind = (typeof REPLAY_EVENT_KINDS)[number];

/**
 * Every room event of a session on one clock, from where each is kept: attendance
 * (pad and video), the role switch and the times of mock_sessions, room_events, and
 * replay_removals. Phase cues are not stored anywhere: the timer computes them from the
 * half's clock (roles.ts), and so does the replay.
 */
export const replayEvents = pgView("replay_events", {
  sessionId: uuid("session_id").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  userId: uuid("user_id"),
  kind: text("kind", { enum: REPLAY_EVENT_KINDS }).notNull(),
  detail: jsonb("detail").$type<Record<string, string | number | boolean>>(),
}).existing();
