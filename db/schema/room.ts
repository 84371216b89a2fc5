import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Exercise } from "../catalog/question-types";
import { mockSessions } from "./booking";
import { dimensions, loops, rounds } from "./catalog";
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
 * A question an interviewer wrote for themselves. Only its owner ever reads it: no
 * query joins it for anyone else, and a session can use it only in a half its owner
 * interviews (see session_questions_own_question_fk). The length limits are the app's
 * (app/modules/sessions/kit.ts), repeated here as the last word.
 */
export const ownQuestions = pgTable(
  "own_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    prompt: text("prompt").notNull(),
    followUps: text("follow_ups").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lets session_questions say "a question of this interviewer" with a composite key.
    unique("own_questions_id_owner_key").on(t.id, t.ownerId),
    index("own_questions_owner_idx").on(t.ownerId, t.createdAt),
    check("own_questions_title_length", sql`char_length(${t.title}) between 1 and 120`),
    check("own_questions_prompt_length", sql`char_length(${t.prompt}) between 1 and 4000`),
    check(
      "own_questions_follow_ups_count",
      sql`coalesce(array_length(${t.followUps}, 1), 0) <= 10`,
    ),
  ],
);

/**
 * The question asked in each half of a session: one of the bank's or one of the
 * interviewer's own, never both. A candidate never gets a bank question twice unless
 * the interviewer explicitly chose to ask it again (`repeat`, offered only once the bank
 * has run out for them): the partial unique key makes that a fact, not a hope.
 */
export const sessionQuestions = pgTable(
  "session_questions",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    questionId: integer("question_id").references(() => questions.id),
    ownQuestionId: uuid("own_question_id"),
    /** The interviewer chose to ask again a question this candidate had before. */
    repeat: boolean("repeat").notNull().default(false),
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
    uniqueIndex("session_questions_candidate_question_key")
      .on(t.candidateId, t.questionId)
      .where(sql`not ${t.repeat}`),
    // In a swap the second candidate held the first half's kit: never the same question.
    unique("session_questions_session_question_key").on(t.sessionId, t.questionId),
    foreignKey({
      name: "session_questions_own_question_fk",
      columns: [t.ownQuestionId, t.interviewerId],
      foreignColumns: [ownQuestions.id, ownQuestions.ownerId],
    }),
    check("session_questions_half", sql`${t.half} in (1, 2)`),
    check("session_questions_two_people", sql`${t.interviewerId} <> ${t.candidateId}`),
    check(
      "session_questions_one_source",
      sql`(${t.questionId} is null) <> (${t.ownQuestionId} is null)`,
    ),
    check("session_questions_repeat_is_bank", sql`not ${t.repeat} or ${t.questionId} is not null`),
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

/**
 * One story the candidate told, noted by the interviewer as situation, task, action and
 * result, tagged with the value (a dimension of the round) it evidences. Private to its
 * author until a submitted scorecard cites it (feedback_scores.story_id); then the
 * recipient reads it with the scorecard, after the reveal. Limits: app/modules/sessions/kit.ts.
 */
export const storyNotes = pgTable(
  "story_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dimensionId: integer("dimension_id").references(() => dimensions.id),
    title: text("title").notNull().default(""),
    situation: text("situation").notNull().default(""),
    task: text("task").notNull().default(""),
    action: text("action").notNull().default(""),
    result: text("result").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("story_notes_session_idx").on(t.sessionId, t.half, t.authorId),
    check("story_notes_half", sql`${t.half} in (1, 2)`),
    check(
      "story_notes_length",
      sql`char_length(${t.title}) <= 120 and char_length(${t.situation}) <= 2000
        and char_length(${t.task}) <= 2000 and char_length(${t.action}) <= 2000
        and char_length(${t.result}) <= 2000`,
    ),
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
