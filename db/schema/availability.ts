import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";

/**
 * The zone the weekly rules are written in, and personal limits. Rules are local
 * wall-clock times: they are expanded date by date in this zone, never stored as UTC.
 */
export const availabilitySettings = pgTable(
  "availability_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    timeZone: text("time_zone").notNull(),
    minNoticeMinutes: smallint("min_notice_minutes").notNull().default(720),
    maxSessionsPerDay: smallint("max_sessions_per_day").notNull().default(2),
    bufferMinutes: smallint("buffer_minutes").notNull().default(15),
    /** Background pairing may book open swap requests for this person. */
    autoBook: boolean("auto_book").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("availability_notice_range", sql`${t.minNoticeMinutes} between 0 and 10080`),
    check("availability_cap_range", sql`${t.maxSessionsPerDay} between 1 and 12`),
    check("availability_buffer_range", sql`${t.bufferMinutes} between 0 and 240`),
  ],
);

export const availabilityRules = pgTable(
  "availability_rules",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: smallint("weekday").notNull(),
    startMinute: smallint("start_minute").notNull(),
    endMinute: smallint("end_minute").notNull(),
  },
  (t) => [
    index("availability_rules_user_idx").on(t.userId),
    check("availability_rules_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "availability_rules_minutes",
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

export const availabilityOverrides = pgTable(
  "availability_overrides",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A date in the person's zone. */
    date: date("date", { mode: "string" }).notNull(),
    kind: text("kind", { enum: ["off", "extra"] }).notNull(),
    startMinute: smallint("start_minute"),
    endMinute: smallint("end_minute"),
  },
  (t) => [
    index("availability_overrides_user_idx").on(t.userId, t.date),
    check(
      "availability_overrides_shape",
      sql`(${t.kind} = 'off' and ${t.startMinute} is null and ${t.endMinute} is null)
        or (${t.kind} = 'extra' and ${t.startMinute} >= 0 and ${t.endMinute} <= 1440
            and ${t.startMinute} < ${t.endMinute})`,
    ),
  ],
);
