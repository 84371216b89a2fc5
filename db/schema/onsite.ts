import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { mockSessions } from "./booking";
import { levels, loops, tracks } from "./catalog";
import { users } from "./identity";

// A mock onsite: every round of a person's onsite day booked together, all or nothing
// (decision 0031). The day is one row; its sessions are ordinary one-way mock sessions,
// each linked to the day in its order. What the day's sessions must agree on is kept
// by the database: a session belongs to at most one day, and only to a day of the
// person who booked it (composite keys below).

/** The most sittings a day may hold: loops describe 4–5, the data could say a few more. */
export const MAX_ONSITE_SITTINGS = 8;

export const mockOnsites = pgTable(
  "mock_onsites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id),
    trackId: integer("track_id").notNull(),
    targetLevelId: integer("target_level_id").notNull(),
    /** The day in the candidate's zone when it was booked (the zone is kept beside it). */
    localDate: date("local_date").notNull(),
    timeZone: text("time_zone").notNull(),
    /** A retried or double-submitted "Book this day" carries the same key and finds this row. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mock_onsites_idempotency_key").on(t.idempotencyKey),
    index("mock_onsites_candidate_idx").on(t.candidateId, t.localDate),
    // Lets a day's sessions say "a session of this candidate's day" (mock_onsite_sessions).
    unique("mock_onsites_id_candidate_key").on(t.id, t.candidateId),
    foreignKey({
      name: "mock_onsites_track_fk",
      columns: [t.trackId, t.loopId],
      foreignColumns: [tracks.id, tracks.loopId],
    }),
    foreignKey({
      name: "mock_onsites_level_fk",
      columns: [t.targetLevelId, t.loopId],
      foreignColumns: [levels.id, levels.loopId],
    }),
    check("mock_onsites_time_zone", sql`char_length(${t.timeZone}) between 1 and 64`),
    check("mock_onsites_key_length", sql`char_length(${t.idempotencyKey}) between 16 and 100`),
  ],
);

export const mockOnsiteSessions = pgTable(
  "mock_onsite_sessions",
  {
    onsiteId: uuid("onsite_id").notNull(),
    /** The candidate again, so the keys below can tie the session to the day's owner. */
    candidateId: uuid("candidate_id").notNull(),
    /** 1-based order of the sitting in the day. */
    position: smallint("position").notNull(),
    /** The sitting as the loop shape names it ("coding#2"). */
    sittingKey: text("sitting_key").notNull(),
    sessionId: uuid("session_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.onsiteId, t.position] }),
    unique("mock_onsite_sessions_session_key").on(t.sessionId),
    unique("mock_onsite_sessions_sitting_key").on(t.onsiteId, t.sittingKey),
    foreignKey({
      name: "mock_onsite_sessions_onsite_fk",
      columns: [t.onsiteId, t.candidateId],
      foreignColumns: [mockOnsites.id, mockOnsites.candidateId],
    }).onDelete("cascade"),
    // The session was booked by the day's candidate (mock_sessions_id_booked_by_key).
    foreignKey({
      name: "mock_onsite_sessions_session_fk",
      columns: [t.sessionId, t.candidateId],
      foreignColumns: [mockSessions.id, mockSessions.bookedBy],
    }).onDelete("cascade"),
    check(
      "mock_onsite_sessions_position",
      sql`${t.position} between 1 and ${sql.raw(String(MAX_ONSITE_SITTINGS))}`,
    ),
    check(
      "mock_onsite_sessions_sitting_key_length",
      sql`char_length(${t.sittingKey}) between 1 and 80`,
    ),
  ],
);
