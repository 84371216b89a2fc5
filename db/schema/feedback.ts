import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { mockSessions } from "./booking";
import { dimensions, levels, rounds } from "./catalog";
import { users } from "./identity";
import { storyNotes } from "./room";
import { bankStories } from "./stories";

/**
 * What one person writes about the other after a half of a session:
 * - a scorecard: the interviewer grades the candidate on the round's dimensions;
 * - a rating: the candidate rates the interviewer.
 */
export const FEEDBACK_KINDS = ["scorecard", "rating"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** The four-point overall call, judged against the candidate's target level. */
export const OVERALL_CALLS = ["strong_no_hire", "no_hire", "hire", "strong_hire"] as const;
export type OverallCall = (typeof OVERALL_CALLS)[number];

export const FEEDBACK_TEXT_MAX = 4000;
export const FEEDBACK_TOPIC_MAX = 120;

/**
 * Submitted feedback, one row per half and kind. A row is written once, on submit,
 * and never edited: drafts live in feedback_drafts. Who may read it is decided by
 * author, recipient and the session's reveal (feedback_reveals).
 */
export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    kind: text("kind", { enum: FEEDBACK_KINDS }).notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    /** Scorecards: the level the candidate was graded against. */
    targetLevelId: integer("target_level_id").references(() => levels.id),
    overall: text("overall", { enum: OVERALL_CALLS }),
    strengths: text("strengths"),
    improvements: text("improvements"),
    practiseRoundId: integer("practise_round_id").references(() => rounds.id),
    practiseTopic: text("practise_topic"),
    /** Ratings: 1–5 each. */
    preparation: smallint("preparation"),
    helpfulness: smallint("helpfulness"),
    clarity: smallint("clarity"),
    wouldPractiseAgain: boolean("would_practise_again"),
    comment: text("comment"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("feedback_session_half_kind_key").on(t.sessionId, t.half, t.kind),
    index("feedback_recipient_idx").on(t.recipientId, t.kind),
    index("feedback_author_idx").on(t.authorId),
    check("feedback_half", sql`${t.half} in (1, 2)`),
    check("feedback_two_people", sql`${t.authorId} <> ${t.recipientId}`),
    check(
      "feedback_scorecard_shape",
      sql`${t.kind} <> 'scorecard' or (
        ${t.overall} is not null and ${t.targetLevelId} is not null
        and ${t.practiseRoundId} is not null
        and char_length(${t.strengths}) between 1 and 4000
        and char_length(${t.improvements}) between 1 and 4000
        and coalesce(char_length(${t.practiseTopic}), 0) <= 120
        and ${t.preparation} is null and ${t.helpfulness} is null and ${t.clarity} is null
        and ${t.wouldPractiseAgain} is null and ${t.comment} is null)`,
    ),
    check(
      "feedback_rating_shape",
      sql`${t.kind} <> 'rating' or (
        ${t.preparation} between 1 and 5 and ${t.helpfulness} between 1 and 5
        and ${t.clarity} between 1 and 5 and ${t.wouldPractiseAgain} is not null
        and coalesce(char_length(${t.comment}), 0) <= 4000
        and ${t.overall} is null and ${t.strengths} is null and ${t.improvements} is null
        and ${t.practiseRoundId} is null and ${t.practiseTopic} is null)`,
    ),
  ],
);

/** One scored dimension of a scorecard: a 1–4 score and the evidence behind it. */
export const feedbackScores = pgTable(
  "feedback_scores",
  {
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedback.id, { onDelete: "cascade" }),
    dimensionId: integer("dimension_id")
      .notNull()
      .references(() => dimensions.id),
    score: smallint("score").notNull(),
    evidence: text("evidence").notNull(),
    /** The interviewer's story note this score cites, shown with it to the recipient. */
    storyId: uuid("story_id").references(() => storyNotes.id, { onDelete: "set null" }),
    /**
     * Value dimensions: the candidate's bank story (shared into this session) the score
     * refers to. Deleting the story keeps the score and drops the link.
     */
    bankStoryId: uuid("bank_story_id").references(() => bankStories.id, { onDelete: "set null" }),
    /**
     * A moment of the session's replay the evidence points at, in ms from the session's
     * start. Never negative (CHECK); within the session's length (trigger
     * feedback_scores_moment_in_session, migration 0019).
     */
    momentMs: integer("moment_ms"),
  },
  (t) => [
    primaryKey({ columns: [t.feedbackId, t.dimensionId] }),
    check("feedback_scores_range", sql`${t.score} between 1 and 4`),
    check("feedback_scores_evidence", sql`char_length(${t.evidence}) between 1 and 4000`),
    check("feedback_scores_moment", sql`${t.momentMs} >= 0`),
  ],
);

/**
 * The form as its author left it, saved while typing so a reload loses nothing.
 * Only the author ever reads it; it is deleted when the feedback is submitted.
 */
export const feedbackDrafts = pgTable(
  "feedback_drafts",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    half: smallint("half").notNull(),
    kind: text("kind", { enum: FEEDBACK_KINDS }).notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    values: jsonb("values").$type<Record<string, string>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.half, t.kind] }),
    check("feedback_drafts_size", sql`octet_length(${t.values}::text) <= 100000`),
  ],
);

export const REVEAL_REASONS = ["both_submitted", "deadline"] as const;

/**
 * The moment one half's feedback became readable by its recipients: when both its
 * pieces (scorecard and rating) were in, or when the deadline passed with one of them.
 */
export const feedbackReveals = pgTable(
  "feedback_reveals",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => mockSessions.id, { onDelete: "cascade" }),
    /** Each half reveals on its own: its scorecard and rating together (decision 0009). */
    half: smallint("half").notNull(),
    revealedAt: timestamp("revealed_at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason", { enum: REVEAL_REASONS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.half] }),
    check("feedback_reveals_half", sql`${t.half} in (1, 2)`),
  ],
);
