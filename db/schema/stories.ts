import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { sessionParticipants } from "./booking";
import { dimensions } from "./catalog";
import { users } from "./identity";

// The story bank (decision 0028): a person's own STAR stories, tagged with the values of
// a loop, shared by title into the mocks they are interviewed in. The limits are the
// app's (app/modules/stories/limits.ts), repeated here as the last word; the per-person
// cap and "at least one value, and only values" are triggers (migration 0021).

/** One story of a person's bank. Only its owner ever reads its text. */
export const bankStories = pgTable(
  "bank_stories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    situation: text("situation").notNull(),
    task: text("task").notNull(),
    action: text("action").notNull(),
    result: text("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lets session_story_shares say "a story of this candidate" with a composite key.
    unique("bank_stories_id_owner_key").on(t.id, t.ownerId),
    index("bank_stories_owner_idx").on(t.ownerId, t.updatedAt),
    check(
      "bank_stories_title",
      sql`char_length(${t.title}) between 1 and 120 and ${t.title} !~ '[\\x01-\\x1f\\x7f-\\x9f\\u2028\\u2029]'`,
    ),
    check(
      "bank_stories_parts",
      sql`char_length(${t.situation}) between 1 and 2000 and char_length(${t.task}) between 1 and 2000
        and char_length(${t.action}) between 1 and 2000 and char_length(${t.result}) between 1 and 2000`,
    ),
  ],
);

/** The values (dimensions with is_value) a story shows. At least one per story. */
export const bankStoryValues = pgTable(
  "bank_story_values",
  {
    storyId: uuid("story_id")
      .notNull()
      .references(() => bankStories.id, { onDelete: "cascade" }),
    dimensionId: integer("dimension_id")
      .notNull()
      .references(() => dimensions.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.dimensionId] }),
    index("bank_story_values_dimension_idx").on(t.dimensionId),
  ],
);

/**
 * A story whose TITLE the candidate shares with the interviewer of a mock. The composite
 * keys make it a database fact that the story is the candidate's own and that the
 * candidate takes part in the session; that they are its candidate (not a one-way
 * interviewer) is checked by the app (app/modules/stories/shares.server.ts).
 */
export const sessionStoryShares = pgTable(
  "session_story_shares",
  {
    sessionId: uuid("session_id").notNull(),
    storyId: uuid("story_id").notNull(),
    candidateId: uuid("candidate_id").notNull(),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.storyId] }),
    index("session_story_shares_candidate_idx").on(t.sessionId, t.candidateId),
    foreignKey({
      name: "session_story_shares_own_story_fk",
      columns: [t.storyId, t.candidateId],
      foreignColumns: [bankStories.id, bankStories.ownerId],
    }).onDelete("cascade"),
    foreignKey({
      name: "session_story_shares_participant_fk",
      columns: [t.sessionId, t.candidateId],
      foreignColumns: [sessionParticipants.sessionId, sessionParticipants.userId],
    }).onDelete("cascade"),
  ],
);
