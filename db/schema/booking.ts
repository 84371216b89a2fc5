import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { levels, loops, rounds } from "./catalog";
import { users } from "./identity";

/** A PostgreSQL tstzrange, read and written as "[start,end)" text. */
export const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => "tstzrange",
});

export const MOCK_FORMATS = ["swap", "one_way"] as const;
export const REQUEST_STATUSES = ["open", "booked", "cancelled", "expired"] as const;
export const SESSION_STATUSES = [
  "scheduled",
  "in_progress",
  "completed",
  "cancelled",
  "no_show",
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** "I want to practise this round at this level": open until booked, cancelled or expired. */
export const mockRequests = pgTable(
  "mock_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    targetLevelId: integer("target_level_id")
      .notNull()
      .references(() => levels.id),
    format: text("format", { enum: MOCK_FORMATS }).notNull(),
    horizonDays: smallint("horizon_days").notNull().default(14),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("open"),
    sessionId: uuid("session_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("mock_requests_open_idx").on(t.roundId, t.status),
    index("mock_requests_user_idx").on(t.userId, t.status),
    check("mock_requests_horizon", sql`${t.horizonDays} between 1 and 60`),
  ],
);

/** A booked mock. Named mock_sessions to keep it apart from log-in sessions. */
export const mockSessions = pgTable(
  "mock_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    format: text("format", { enum: MOCK_FORMATS }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: SESSION_STATUSES }).notNull().default("scheduled"),
    bookedBy: uuid("booked_by")
      .notNull()
      .references(() => users.id),
    /** A retried or double-submitted booking carries the same key and finds this row. */
    idempotencyKey: text("idempotency_key").notNull(),
    requestId: uuid("request_id").references(() => mockRequests.id),
    /** RFC 5545 SEQUENCE of the invite; bumped on every reschedule or cancel. */
    icsSequence: integer("ics_sequence").notNull().default(0),
    cancelledBy: uuid("cancelled_by").references(() => users.id),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    lateCancel: boolean("late_cancel").notNull().default(false),
    /** Swap: which half runs now (1, then 2 after "switch roles"). */
    currentHalf: smallint("current_half").notNull().default(1),
    /**
     * Swap: when the roles were switched; the second half's clock runs from here (null on
     * rows switched before it was recorded: their second half runs from the midpoint).
     */
    halfTwoStartedAt: timestamp("half_two_started_at", { withTimezone: true }),
    /** Who did not turn up, when the session ended as a no-show. */
    noShowUserIds: uuid("no_show_user_ids").array(),
    /**
     * What the candidate paid into escrow for a one-way mock, fixed when it was booked
     * (session_escrows holds it). 0 for swaps, and for one-way mocks booked before credits.
     */
    priceCredits: smallint("price_credits").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mock_sessions_idempotency_key").on(t.idempotencyKey),
    // Lets a mock onsite's link rows require "a session this candidate booked" (0023).
    unique("mock_sessions_id_booked_by_key").on(t.id, t.bookedBy),
    index("mock_sessions_starts_idx").on(t.startsAt),
    check("mock_sessions_time_order", sql`${t.startsAt} < ${t.endsAt}`),
    check(
      "mock_sessions_price",
      sql`${t.priceCredits} = 0 or (${t.format} = 'one_way' and ${t.priceCredits} between 1 and 3)`,
    ),
    check(
      "mock_sessions_cancel_shape",
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
  ],
);

export const PARTICIPANT_ROLES = ["candidate", "interviewer", "swap"] as const;

/**
 * One row per person in a session. `during` repeats the session's time so that the
 * database itself refuses a person in two overlapping active sessions (EXCLUDE
 * constraint in the custom migration 0003).
 */
export const sessionParticipants = pgTable(
  "session_participants",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: PARTICIPANT_ROLES }).notNull(),
    /** The level this person is being interviewed against (null for a one-way interviewer). */
    targetLevelId: integer("target_level_id").references(() => levels.id),
    during: tstzrange("during").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    index("session_participants_user_idx").on(t.userId),
  ],
);

/** A private, revocable calendar feed per person: the token is the credential. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  token: text("token").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
