import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { mockSessions } from "./booking";
import { users } from "./identity";

/**
 * Where a one-way mock's credits are:
 * - held: taken from the candidate at booking, waiting for the session;
 * - no_show_pending: a no-show was detected; the credits move the proposed way when the
 *   dispute window closes undisputed;
 * - disputed: a participant (or late, conflicting evidence) froze it until an admin decides;
 * - released: given back to the candidate; paid: paid to the interviewer (both final).
 */
export const ESCROW_STATES = ["held", "no_show_pending", "disputed", "released", "paid"] as const;
export type EscrowState = (typeof ESCROW_STATES)[number];

/** Which way the credits go: back to the candidate, or to the interviewer. */
export const ESCROW_OUTCOMES = ["release", "payout"] as const;
export type EscrowOutcome = (typeof ESCROW_OUTCOMES)[number];

/** Why an escrow settled the way it did (shown on the session and the admin pages). */
export const SETTLEMENT_REASONS = [
  "early_cancel",
  "late_cancel",
  "interviewer_cancel",
  "scorecard",
  "no_scorecard",
  "interviewer_absent",
  "candidate_absent",
  "both_absent",
  "dispute_refund",
  "dispute_payout",
] as const;
export type SettlementReason = (typeof SETTLEMENT_REASONS)[number];

/**
 * One row per priced one-way session, written in the booking's transaction with the
 * candidate's `hold:<session>` ledger entry (a deferred constraint trigger of migration
 * 0012 refuses a priced session without both). Every state change is compare-and-swap on
 * `state`; a settled row never changes again (trigger), and its credits move once, by
 * the one ledger reference `settle:<session>`.
 */
export const sessionEscrows = pgTable(
  "session_escrows",
  {
    sessionId: uuid("session_id")
      .primaryKey()
      .references(() => mockSessions.id),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => users.id),
    interviewerId: uuid("interviewer_id")
      .notNull()
      .references(() => users.id),
    amount: smallint("amount").notNull(),
    state: text("state", { enum: ESCROW_STATES }).notNull().default("held"),
    /** While a no-show waits or is disputed: the way it would settle. Once settled: the way it did. */
    outcome: text("outcome", { enum: ESCROW_OUTCOMES }),
    reason: text("reason", { enum: SETTLEMENT_REASONS }),
    /** The no-show evidence: who had no join (video or pad) within the grace window. */
    absentUserIds: uuid("absent_user_ids").array(),
    noShowAt: timestamp("no_show_at", { withTimezone: true }),
    disputeClosesAt: timestamp("dispute_closes_at", { withTimezone: true }),
    /** Null with a reason: frozen by the system (late, conflicting attendance evidence). */
    disputedBy: uuid("disputed_by").references(() => users.id),
    disputedAt: timestamp("disputed_at", { withTimezone: true }),
    disputeReason: text("dispute_reason"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolutionNote: text("resolution_note"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("session_escrows_state_idx").on(t.state),
    index("session_escrows_candidate_idx").on(t.candidateId),
    index("session_escrows_interviewer_idx").on(t.interviewerId),
    check("session_escrows_amount", sql`${t.amount} between 1 and 3`),
    check("session_escrows_two_people", sql`${t.candidateId} <> ${t.interviewerId}`),
    check(
      "session_escrows_state",
      sql`${t.state} in ('held', 'no_show_pending', 'disputed', 'released', 'paid')`,
    ),
    check(
      "session_escrows_outcome",
      sql`${t.outcome} is null or ${t.outcome} in ('release', 'payout')`,
    ),
    check(
      "session_escrows_reason",
      sql`${t.reason} is null or ${t.reason} in ('early_cancel', 'late_cancel', 'interviewer_cancel', 'scorecard', 'no_scorecard', 'interviewer_absent', 'candidate_absent', 'both_absent', 'dispute_refund', 'dispute_payout')`,
    ),
    // Settled exactly when final, and the final state says which way it went.
    check(
      "session_escrows_settled_shape",
      sql`(${t.state} in ('released', 'paid')) = (${t.settledAt} is not null)
        and (${t.state} <> 'released' or ${t.outcome} = 'release')
        and (${t.state} <> 'paid' or ${t.outcome} = 'payout')
        and (${t.state} <> 'held' or ${t.outcome} is null)`,
    ),
    // A no-show carries its evidence and its window, from detection on.
    check(
      "session_escrows_no_show_shape",
      sql`${t.state} not in ('no_show_pending', 'disputed')
        or (${t.outcome} is not null and ${t.noShowAt} is not null and ${t.disputeClosesAt} is not null
            and cardinality(${t.absentUserIds}) > 0)`,
    ),
    check(
      "session_escrows_dispute_shape",
      sql`${t.state} <> 'disputed' or (${t.disputedAt} is not null and ${t.disputeReason} is not null)`,
    ),
    check(
      "session_escrows_text_lengths",
      sql`char_length(${t.disputeReason}) <= 1000 and char_length(${t.resolutionNote}) <= 1000`,
    ),
  ],
);
