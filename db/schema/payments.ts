import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";

// Credit packs bought through Stripe Checkout. The credits themselves live in the ledger
// (credit_entries, reason `purchase`, reference = the Checkout Session id); these tables
// hold what Stripe needs from us and what its webhooks told us.

/** One Stripe customer per person: created once (idempotency key from the user id), reused. */
export const stripeCustomers = pgTable(
  "stripe_customers",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    /** Null until Stripe has answered the first create. */
    stripeCustomerId: text("stripe_customer_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stripe_customers_customer_key").on(t.stripeCustomerId),
    check(
      "stripe_customers_customer_shape",
      sql`char_length(${t.stripeCustomerId}) between 1 and 255`,
    ),
  ],
);

export const PURCHASE_STATUSES = [
  /** A Checkout Session is (being) opened and may still be paid. */
  "open",
  /** Completed with a payment that has not cleared yet (bank debits). */
  "processing",
  /** Paid: the pack's credits are in the ledger. */
  "paid",
  /** The session expired unpaid (a payment that still arrives is honoured). */
  "expired",
  /** The delayed payment failed. */
  "failed",
] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

export const creditPurchases = pgTable(
  "credit_purchases",
  {
    /** Our id: the Checkout Session's idempotency key and `metadata.purchase`. */
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    packId: text("pack_id").notNull(),
    /** The pack as it was sold (configuration may change later). */
    packName: text("pack_name").notNull(),
    credits: integer("credits").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: PURCHASE_STATUSES }).notNull().default("open"),
    checkoutSessionId: text("checkout_session_id"),
    checkoutUrl: text("checkout_url"),
    paymentIntentId: text("payment_intent_id"),
    /** Credits taken back because of refunds and of charge-backs (see reversals.ts). */
    creditsRefunded: integer("credits_refunded").notNull().default(0),
    creditsDisputed: integer("credits_disputed").notNull().default(0),
    /** When the Checkout Session stops accepting payment. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The person came back through the success page: the session is not offered again. */
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("credit_purchases_session_key").on(t.checkoutSessionId),
    uniqueIndex("credit_purchases_payment_intent_key").on(t.paymentIntentId),
    // A double-submitted buy finds the open purchase instead of opening a second one.
    uniqueIndex("credit_purchases_one_open_per_pack")
      .on(t.userId, t.packId)
      .where(sql`${t.status} = 'open'`),
    index("credit_purchases_user_idx").on(t.userId, t.createdAt),
    check(
      "credit_purchases_status",
      sql`${t.status} in ('open', 'processing', 'paid', 'expired', 'failed')`,
    ),
    check("credit_purchases_pack_shape", sql`${t.packId} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`),
    check("credit_purchases_pack_name_length", sql`char_length(${t.packName}) between 1 and 60`),
    check("credit_purchases_credits_positive", sql`${t.credits} > 0`),
    check("credit_purchases_amount_not_negative", sql`${t.amount} >= 0`),
    check("credit_purchases_currency_shape", sql`${t.currency} ~ '^[a-z]{3}$'`),
    check(
      "credit_purchases_taken_back",
      sql`${t.creditsRefunded} >= 0 and ${t.creditsDisputed} >= 0 and ${t.creditsRefunded} + ${t.creditsDisputed} <= ${t.credits}`,
    ),
    check("credit_purchases_paid_at", sql`(${t.status} = 'paid') = (${t.paidAt} is not null)`),
    check(
      "credit_purchases_taken_back_only_when_paid",
      sql`${t.status} = 'paid' or (${t.creditsRefunded} = 0 and ${t.creditsDisputed} = 0)`,
    ),
    check(
      "credit_purchases_id_lengths",
      sql`char_length(${t.checkoutSessionId}) <= 255 and char_length(${t.paymentIntentId}) <= 255 and char_length(${t.checkoutUrl}) <= 5000`,
    ),
  ],
);

/**
 * Money Stripe reported returned for a payment (refunds cumulative, charge-backs), kept
 * by payment intent so that a refund arriving before the payment's completion event is
 * not lost: fulfilment applies whatever is recorded here.
 */
export const paymentReversals = pgTable(
  "payment_reversals",
  {
    paymentIntentId: text("payment_intent_id").primaryKey(),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    disputedAmount: integer("disputed_amount").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("payment_reversals_amounts", sql`${t.refundedAmount} >= 0 and ${t.disputedAmount} >= 0`),
    check(
      "payment_reversals_payment_intent_shape",
      sql`char_length(${t.paymentIntentId}) between 1 and 255`,
    ),
  ],
);

/** Every Stripe event handled, by id: a redelivery is known and applies nothing. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    /** What handling it did ("fulfilled", "ignored: …"), for whoever investigates. */
    outcome: text("outcome").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("stripe_events_id_shape", sql`char_length(${t.id}) between 1 and 255`),
    check("stripe_events_type_length", sql`char_length(${t.type}) between 1 and 255`),
    check("stripe_events_outcome_length", sql`char_length(${t.outcome}) between 1 and 200`),
  ],
);
