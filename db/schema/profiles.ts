import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { levels, loops, rounds, tracks } from "./catalog";
import { users } from "./identity";

export const profiles = pgTable(
  "profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** IANA zone name, validated by the app (the database has no portable check for it). */
    timeZone: text("time_zone").notNull(),
    targetLoopId: integer("target_loop_id").references(() => loops.id),
    currentLevelId: integer("current_level_id"),
    targetTrackId: integer("target_track_id"),
    targetLevelId: integer("target_level_id"),
    /** Programming languages the person codes and interviews in (codes from the app). */
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    /**
     * The person lets a hiring-manager mock's interviewer see which areas their earlier
     * revealed scorecards scored lowest (dimension, score, round and date; never the text).
     */
    shareFlaggedAreas: boolean("share_flagged_areas").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Levels and track must belong to the target loop: composite keys make a mismatch
    // impossible rather than merely unlikely.
    foreignKey({
      name: "profiles_current_level_fk",
      columns: [t.currentLevelId, t.targetLoopId],
      foreignColumns: [levels.id, levels.loopId],
    }),
    foreignKey({
      name: "profiles_target_level_fk",
      columns: [t.targetLevelId, t.targetLoopId],
      foreignColumns: [levels.id, levels.loopId],
    }),
    foreignKey({
      name: "profiles_target_track_fk",
      columns: [t.targetTrackId, t.targetLoopId],
      foreignColumns: [tracks.id, tracks.loopId],
    }),
    // Composite keys with a null column are not checked, so a level or track without
    // a loop would slip through them; forbid that shape outright.
    check(
      "profiles_target_needs_loop",
      sql`${t.targetLoopId} is not null or (${t.currentLevelId} is null and ${t.targetTrackId} is null and ${t.targetLevelId} is null)`,
    ),
    check("profiles_time_zone_shape", sql`char_length(${t.timeZone}) between 1 and 64`),
    check("profiles_languages_count", sql`coalesce(array_length(${t.languages}, 1), 0) <= 12`),
  ],
);

/** The rounds a person will interview others for, and the highest target level they take. */
export const interviewerRounds = pgTable(
  "interviewer_rounds",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    loopId: integer("loop_id").notNull(),
    roundId: integer("round_id").notNull(),
    maxLevelId: integer("max_level_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roundId] }),
    foreignKey({
      name: "interviewer_rounds_round_fk",
      columns: [t.roundId, t.loopId],
      foreignColumns: [rounds.id, rounds.loopId],
    }).onDelete("cascade"),
    foreignKey({
      name: "interviewer_rounds_level_fk",
      columns: [t.maxLevelId, t.loopId],
      foreignColumns: [levels.id, levels.loopId],
    }).onDelete("cascade"),
  ],
);
