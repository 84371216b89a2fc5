import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Exercise } from "../catalog/question-types";
import { mockSessions } from "./booking";
import { loops, rounds } from "./catalog";
import { users } from "./identity";

/** PostgreSQL bytea as bytes (postgres.js hands back a Buffer, PGlite a Uint8Array). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** The Yjs document of a session's code pad, stored as one encoded state. */
export const padDocuments = pgTable("pad_documents", {
  sessionId: uuid("session_id")
    .primaryKey()
    .references(() => mockSessions.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Questions of the bank, per round, written in our own words. */
export const questions = pgTable(
  "questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    /** What the candidate is told. */
    prompt: text("prompt").notNull(),
    followUps: text("follow_ups").array().notNull(),
    hints: text("hints").array().notNull(),
    goodAnswerL4: text("good_answer_l4").notNull(),
    goodAnswerL6: text("good_answer_l6").notNull(),
    minLevelRank: smallint("min_level_rank").notNull(),
    maxLevelRank: smallint("max_level_rank").notNull(),
    topics: text("topics").array().notNull(),
    /** Code the candidate can run, with tests (question-types.ts); null for talk-only rounds. */
    exercise: jsonb("exercise").$type<Exercise>(),
  },
  (t) => [
    unique("questions_round_slug_key").on(t.roundId, t.slug),
    check("questions_level_range", sql`${t.minLevelRank} <= ${t.maxLevelRank}`),
  ],
);

/**
 * The question asked in each half of a session. A candidate never gets the same
 * question twice: the unique key makes that a fact, not a hope.
 */
export const sessionQuestions = pgTable(
  "session_questions",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id),
    interviewerId: uuid("interviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.half] }),
    unique("session_questions_candidate_question_key").on(t.candidateId, t.questionId),
    // In a swap the second candidate held the first half's kit: never the same question.
    unique("session_questions_session_question_key").on(t.sessionId, t.questionId),
    check("session_questions_half", sql`${t.half} in (1, 2)`),
    check("session_questions_two_people", sql`${t.interviewerId} <> ${t.candidateId}`),
  ],
);

/** The interviewer's private notes for one half; never sent to the candidate. */
export const interviewerNotes = pgTable(
  "interviewer_notes",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.half, t.authorId] }),
    check("interviewer_notes_length", sql`char_length(${t.body}) <= 20000`),
  ],
);

export const ATTENDANCE_SOURCES = ["livekit", "realtime"] as const;

/** Who joined and left, from LiveKit webhooks and realtime connections. */
export const attendanceEvents = pgTable(
  "attendance_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source", { enum: ATTENDANCE_SOURCES }).notNull(),
    kind: text("kind", { enum: ["joined", "left"] }).notNull(),
    /** The sender's event id: a redelivered webhook is applied once. */
    externalId: text("external_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("attendance_events_external_id_key").on(t.externalId),
    index("attendance_events_session_idx").on(t.sessionId, t.userId),
  ],
);
