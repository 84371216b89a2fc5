import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  integer,
  numeric,
  pgTable,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { levels, loops, tracks } from "./catalog";
import { users } from "./identity";

/**
 * A person's loop planner: one plan per loop they prepare for, several loops at once
 * (DOMAIN.md: candidates juggle several processes). Dates are the person's own calendar
 * dates; the schedule itself is computed on every read (plan-schedule.ts), never stored,
 * so it follows the feedback as it arrives. A person keeps at most MAX_PLANS_PER_PERSON
 * (plan-form.ts) plans: the trigger loop_plans_cap (migration 0022) enforces it.
 */
export const loopPlans = pgTable(
  "loop_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    loopId: integer("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    trackId: integer("track_id").notNull(),
    targetLevelId: integer("target_level_id").notNull(),
    onsiteDate: date("onsite_date", { mode: "string" }).notNull(),
    phoneScreenDate: date("phone_screen_date", { mode: "string" }),
    hoursPerWeek: numeric("hours_per_week", { precision: 3, scale: 1, mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The track and level must be the plan's loop's own: composite keys make a mismatch
    // impossible (as on profiles).
    foreignKey({
      name: "loop_plans_track_fk",
      columns: [t.trackId, t.loopId],
      foreignColumns: [tracks.id, tracks.loopId],
    }).onDelete("cascade"),
    foreignKey({
      name: "loop_plans_level_fk",
      columns: [t.targetLevelId, t.loopId],
      foreignColumns: [levels.id, levels.loopId],
    }).onDelete("cascade"),
    unique("loop_plans_user_loop_key").on(t.userId, t.loopId),
    check(
      "loop_plans_phone_screen_before_onsite",
      sql`${t.phoneScreenDate} is null or ${t.phoneScreenDate} < ${t.onsiteDate}`,
    ),
    // Half-hour steps, within a working week (MAX_PLAN_HOURS_PER_WEEK in plan-form.ts).
    check(
      "loop_plans_hours_per_week",
      sql`${t.hoursPerWeek} between 0 and 40 and ${t.hoursPerWeek} * 2 = trunc(${t.hoursPerWeek} * 2)`,
    ),
    // Dates a person could mean; the form is stricter (relative to their today).
    check(
      "loop_plans_dates_in_range",
      sql`${t.onsiteDate} between '2000-01-01' and '2199-12-31' and (${t.phoneScreenDate} is null or ${t.phoneScreenDate} >= '2000-01-01')`,
    ),
  ],
);
