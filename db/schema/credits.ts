import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { mockSessions } from "./booking";
import { users } from "./identity";

/**
 * Why a ledger entry exists. Positive reasons bring credits into a balance, negative
 * ones take them out; the sign is the entry's own (a grant may be corrected by a
 * negative admin grant).
 */
export const ENTRY_REASONS = [
  /** Every account starts with it (reference `welcome:<user>`). */
  "welcome_grant",
  /** Granted or taken back by an admin. */
  "admin_grant",
  /** A credit pack paid through Stripe Checkout (reference: the Checkout Session). */
  "purchase",
  /** A one-way booking's price, taken from the candidate into escrow. */
  "escrow_hold",
  /** The escrow given back to the candidate (early cancel, interviewer absent, …). */
  "escrow_release",
  /** The escrow paid to the interviewer (scorecard in, late cancel, candidate absent). */
  "escrow_payout",
  /** A purchase refunded through Stripe: what is left is debited, the rest is owed. */
  "purchase_refund",
  /** A purchase disputed (charge-back): same as a refund. */
  "purchase_dispute",
  /** Credits that came in paid back what was owed first. */
  "debt_repayment",
] as const;
export type EntryReason = (typeof ENTRY_REASONS)[number];

/**
 * The ledger: append-only (triggers refuse UPDATE, DELETE and TRUNCATE, migration 0010).
 * `amount` moves the balance, `owed_delta` moves what the person owes (credits a refund
 * took back that were already spent). Each row's `reference` names the one event it
 * records and is unique, so no event applies twice, whoever retries it.
 */
export const creditEntries = pgTable(
  "credit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amount: integer("amount").notNull(),
    owedDelta: integer("owed_delta").notNull().default(0),
    reason: text("reason", { enum: ENTRY_REASONS }).notNull(),
    reference: text("reference").notNull(),
    sessionId: uuid("session_id").references(() => mockSessions.id),
    /** A short line for the person's ledger ("Mock: coding, Tue 3 Dec"). */
    memo: text("memo"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("credit_entries_reference_key").on(t.reference),
    index("credit_entries_user_idx").on(t.userId, t.id),
    index("credit_entries_session_idx").on(t.sessionId),
    check("credit_entries_moves_something", sql`${t.amount} <> 0 or ${t.owedDelta} <> 0`),
    check(
      "credit_entries_reason",
      sql`${t.reason} in ('welcome_grant', 'admin_grant', 'purchase', 'escrow_hold', 'escrow_release', 'escrow_payout', 'purchase_refund', 'purchase_dispute', 'debt_repayment')`,
    ),
    check("credit_entries_reference_shape", sql`char_length(${t.reference}) between 1 and 200`),
    check("credit_entries_memo_length", sql`char_length(${t.memo}) <= 200`),
  ],
);

/**
 * Each person's balance and debt, written only by the ledger's insert trigger (a direct
 * write is refused), so both always equal the sums of that person's entries.
 */
export const creditAccounts = pgTable(
  "credit_accounts",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    balance: integer("balance").notNull().default(0),
    owed: integer("owed").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("credit_accounts_balance_not_negative", sql`${t.balance} >= 0`),
    check("credit_accounts_owed_not_negative", sql`${t.owed} >= 0`),
  ],
);
