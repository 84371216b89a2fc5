import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  unique,
} from "drizzle-orm/pg-core";

// The loop catalog: companies → loops → levels, tracks, rounds → scorecard dimensions.
// It is reference data, seeded idempotently from db/catalog/*.ts; natural keys (slugs,
// level codes) are unique so the seed can upsert on them.

export const companies = pgTable("companies", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const loops = pgTable(
  "loops",
  {
    id: serial("id").primaryKey(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
  },
  (t) => [check("loops_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

export const levels = pgTable(
  "levels",
  {
    id: serial("id").primaryKey(),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    rank: smallint("rank").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
  },
  (t) => [
    unique("levels_loop_code_key").on(t.loopId, t.code),
    unique("levels_loop_rank_key").on(t.loopId, t.rank),
    // Lets other tables say "a level of this loop" with a composite foreign key.
    unique("levels_id_loop_key").on(t.id, t.loopId),
  ],
);

export const tracks = pgTable(
  "tracks",
  {
    id: serial("id").primaryKey(),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    /**
     * The onsite day by level, as the loop's data gives it (OnsiteEntryDefinition[]:
     * round slug, count, fromLevel, toLevel). Checked with the rest of the loop's data
     * before it is seeded (loop-schema.ts); read by the catalog's loop shape.
     */
    onsite: jsonb("onsite")
      .$type<{ round: string; count?: number; fromLevel?: string; toLevel?: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    check("tracks_onsite_is_array", sql`jsonb_typeof(${t.onsite}) = 'array'`),
    unique("tracks_loop_slug_key").on(t.loopId, t.slug),
    unique("tracks_id_loop_key").on(t.id, t.loopId),
  ],
);

export const rounds = pgTable(
  "rounds",
  {
    id: serial("id").primaryKey(),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    position: smallint("position").notNull(),
    /** A screen comes before the onsite day; the other rounds make up the day. */
    stage: text("stage", { enum: ["screen", "onsite"] })
      .notNull()
      .default("onsite"),
    durationMinutes: smallint("duration_minutes").notNull(),
    summary: text("summary").notNull(),
    allowsSwap: boolean("allows_swap").notNull(),
    /** From this level rank upward only one-way mocks are offered; null = no such limit. */
    oneWayFromRank: smallint("one_way_from_rank"),
  },
  (t) => [
    unique("rounds_loop_slug_key").on(t.loopId, t.slug),
    unique("rounds_id_loop_key").on(t.id, t.loopId),
    check("rounds_duration_positive", sql`${t.durationMinutes} between 10 and 240`),
    check("rounds_position_positive", sql`${t.position} > 0`),
    check("rounds_stage", sql`${t.stage} in ('screen', 'onsite')`),
  ],
);

/** How the bar of a round moves with the target level. */
export const roundLevelBars = pgTable(
  "round_level_bars",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    expectation: text("expectation").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.levelId] })],
);

export const trackRounds = pgTable(
  "track_rounds",
  {
    trackId: integer("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.roundId] })],
);

export const dimensions = pgTable(
  "dimensions",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    position: smallint("position").notNull(),
    anchor1: text("anchor_1").notNull(),
    anchor2: text("anchor_2").notNull(),
    anchor3: text("anchor_3").notNull(),
    anchor4: text("anchor_4").notNull(),
    /** The probe ladder: an opening question, then deeper follow-ups (may be empty). */
    probes: text("probes").array().notNull().default(sql`'{}'::text[]`),
    /** One of the company's values: stories in the story bank are tagged with these. */
    isValue: boolean("is_value").notNull().default(false),
  },
  (t) => [unique("dimensions_round_slug_key").on(t.roundId, t.slug)],
);
