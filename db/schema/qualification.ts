import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { levels, rounds } from "./catalog";
import { users } from "./identity";

export const GRANT_NOTE_MAX = 500;

/**
 * An admin's permission for a person to interview one round one-way, up to a target
 * level, without having earned it by a hire call (seed experts, known interviewers).
 * Rows are never deleted: a revoke stamps revoked_at, so the history of who could
 * interview when, and on whose word, stays readable. At most one grant per person and
 * round is live at a time.
 */
export const interviewerGrants = pgTable(
  "interviewer_grants",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    loopId: integer("loop_id").notNull(),
    roundId: integer("round_id").notNull(),
    maxLevelId: integer("max_level_id").notNull(),
    /** Null for grants made by the demo seed, or by an admin account since deleted. */
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // The level must belong to the round's loop: composite keys, as interviewer_rounds.
    foreignKey({
      name: "interviewer_grants_round_fk",
      columns: [t.roundId, t.loopId],
      foreignColumns: [rounds.id, rounds.loopId],
    }).onDelete("cascade"),
    foreignKey({
      name: "interviewer_grants_level_fk",
      columns: [t.maxLevelId, t.loopId],
      foreignColumns: [levels.id, levels.loopId],
    }).onDelete("cascade"),
    uniqueIndex("interviewer_grants_one_live")
      .on(t.userId, t.roundId)
      .where(sql`${t.revokedAt} is null`),
    index("interviewer_grants_round_idx").on(t.roundId),
    check(
      "interviewer_grants_note_length",
      sql`char_length(${t.note}) <= ${sql.raw(String(GRANT_NOTE_MAX))}`,
    ),
    check(
      "interviewer_grants_revoke_order",
      sql`${t.revokedAt} is null or ${t.revokedAt} >= ${t.grantedAt}`,
    ),
    check(
      "interviewer_grants_revoker_needs_time",
      sql`${t.revokedBy} is null or ${t.revokedAt} is not null`,
    ),
  ],
);
