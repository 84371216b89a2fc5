import { and, eq, isNull, or, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { creditPurchases, paymentReversals, stripeEvents, users } from "#db/schema";
import { postEntry, takeBack } from "./ledger.server";
import { type CreditPack, findPack } from "./packs";
import { planReversal } from "./reversals";
import { getPayments } from "./stripe-client.server";
import {
  type CheckoutFacts,
  eventEnvelopeSchema,
  interpretStripeEvent,
  MalformedStripeEventError,
  type StripeEventAction,
  type StripeEventEnvelope,
} from "./stripe-events";

// POST /webhooks/stripe. Nothing is written before the signature is verified. Each event
// is handled in one transaction that first records its id, so a redelivery is "known";
// the ledger's unique references make each paid session credit once whoever retries.
// Fulfilment reads only the verified event and our own rows: no call to Stripe.

/** The body or its signature is not a valid Stripe event (answered 400, nothing written). */
export class InvalidStripeWebhookError extends Error {
  override name = "InvalidStripeWebhookError";
}

/** The Stripe secrets are not set: nothing can be verified (answered 503). */
export class PaymentsNotConfiguredError extends Error {
  override name = "PaymentsNotConfiguredError";
}

export async function receiveStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<{ outcome: string }> {
  const payments = getPayments();
  if (!payments) throw new PaymentsNotConfiguredError("payments are not configured");
  if (!signature) throw new InvalidStripeWebhookError("no Stripe-Signature header");
  let verified: unknown;
  try {
    // The default tolerance (300 s) refuses replays of old deliveries.
    verified = payments.stripe.webhooks.constructEvent(rawBody, signature, payments.webhookSecret);
  } catch (err) {
    // Stripe's message runs to several lines of advice; its first sentence says it all.
    const message = err instanceof Error ? (err.message.split(/\.\s/)[0] ?? "") : "";
    throw new InvalidStripeWebhookError(message || "signature not verified");
  }
  const envelope = eventEnvelopeSchema.safeParse(verified);
  if (!envelope.success) throw new InvalidStripeWebhookError("not a Stripe event");
  let action: StripeEventAction;
  try {
    action = interpretStripeEvent(envelope.data);
  } catch (err) {
    if (err instanceof MalformedStripeEventError) throw new InvalidStripeWebhookError(err.message);
    throw err;
  }
  return handleStripeEvent(envelope.data, action, payments.packs);
}

async function handleStripeEvent(
  event: StripeEventEnvelope,
  action: StripeEventAction,
  packs: readonly CreditPack[],
): Promise<{ outcome: string }> {
  return getDb().transaction(async (tx) => {
    // A concurrent delivery of the same event waits here until this one commits (then
    // finds it known) or rolls back (then handles it itself).
    const [recorded] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, outcome: "received" })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!recorded) return { outcome: "known" };
    const outcome = (await apply(tx, action, packs)).slice(0, 200);
    await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, event.id));
    return { outcome };
  });
}

async function apply(
  tx: Database,
  action: StripeEventAction,
  packs: readonly CreditPack[],
): Promise<string> {
  switch (action.kind) {
    case "ignore":
      return `ignored: ${action.why}`;
    case "fulfil":
      return fulfil(tx, action, packs);
    case "processing":
      return markProcessing(tx, action, packs);
    case "close":
      return close(tx, action, packs);
    case "refund":
    case "dispute":
      return recordReversal(tx, action);
  }
}

// One payment's events (completion, refunds, charge-backs) are applied one at a time:
// they all lock this key first, so two of them never see the same purchase state.
const PAYMENT_LOCK_CLASS = 7_412_392;
async function lockPayment(tx: Database, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${PAYMENT_LOCK_CLASS}, hashtext(${key}))`);
}

type PurchaseRow = typeof creditPurchases.$inferSelect;

/** Our purchase row for this session, found or (for a session we have no row of) created. */
async function purchaseFor(
  tx: Database,
  facts: CheckoutFacts,
  packs: readonly CreditPack[],
  /** The state a row created from this event starts in. */
  initialStatus: "processing" | "expired" | "failed" = "processing",
): Promise<PurchaseRow | string> {
  const [bySession] = await tx
    .select()
    .from(creditPurchases)
    .where(eq(creditPurchases.checkoutSessionId, facts.sessionId))
    .for("update");
  let row = bySession;
  if (!row && facts.purchaseId) {
    // Our row, when saving the session id after Stripe answered did not happen.
    [row] = await tx
      .select()
      .from(creditPurchases)
      .where(
        and(
          eq(creditPurchases.id, facts.purchaseId),
          or(
            isNull(creditPurchases.checkoutSessionId),
            eq(creditPurchases.checkoutSessionId, facts.sessionId),
          ),
        ),
      )
      .for("update");
  }
  if (row) {
    if (row.userId !== facts.userId || row.packId !== facts.packId) {
      console.error(
        `peerloop: Checkout Session ${facts.sessionId} does not match purchase ${row.id}`,
      );
      return "ignored: the session does not match our purchase";
    }
    return row;
  }
  // No row of ours: the event alone says who bought which pack.
  const pack = findPack(packs, facts.packId);
  if (!pack) {
    console.error(`peerloop: Checkout Session ${facts.sessionId} names an unknown pack`);
    return `ignored: unknown pack ${facts.packId}`;
  }
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, facts.userId));
  if (!user) return "ignored: unknown user";
  const now = new Date();
  const [created] = await tx
    .insert(creditPurchases)
    .values({
      userId: facts.userId,
      packId: pack.id,
      packName: pack.name,
      credits: pack.credits,
      amount: facts.amount ?? pack.amount,
      currency:
        facts.currency && /^[a-z]{3}$/.test(facts.currency) ? facts.currency : pack.currency,
      status: initialStatus,
      checkoutSessionId: facts.sessionId,
      paymentIntentId: facts.paymentIntentId,
      expiresAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: creditPurchases.checkoutSessionId })
    .returning();
  if (created) return created;
  // Another event of this session (locked by another key) created it meanwhile.
  const [existing] = await tx
    .select()
    .from(creditPurchases)
    .where(eq(creditPurchases.checkoutSessionId, facts.sessionId))
    .for("update");
  return existing ?? "ignored: the purchase could not be recorded";
}

async function fulfil(
  tx: Database,
  facts: CheckoutFacts,
  packs: readonly CreditPack[],
): Promise<string> {
  await lockPayment(tx, facts.paymentIntentId ?? facts.sessionId);
  const purchase = await purchaseFor(tx, facts, packs);
  if (typeof purchase === "string") return purchase;
  // A payment beats an earlier "expired" or "failed": the money is there, so are the credits.
  if (purchase.status === "paid") return "already fulfilled";
  await postEntry(tx, {
    userId: purchase.userId,
    amount: purchase.credits,
    reason: "purchase",
    reference: facts.sessionId,
    memo: `${purchase.packName} pack`,
  });
  const now = new Date();
  const [paid] = await tx
    .update(creditPurchases)
    .set({
      status: "paid",
      paidAt: now,
      updatedAt: now,
      checkoutSessionId: facts.sessionId,
      paymentIntentId: purchase.paymentIntentId ?? facts.paymentIntentId,
    })
    .where(eq(creditPurchases.id, purchase.id))
    .returning();
  const taken = await applyReversals(tx, paid!);
  return taken > 0 ? `fulfilled, ${taken} taken back` : "fulfilled";
}

async function markProcessing(
  tx: Database,
  facts: CheckoutFacts,
  packs: readonly CreditPack[],
): Promise<string> {
  await lockPayment(tx, facts.paymentIntentId ?? facts.sessionId);
  const purchase = await purchaseFor(tx, facts, packs);
  if (typeof purchase === "string") return purchase;
  if (purchase.status === "paid" || purchase.status === "failed")
    return `already ${purchase.status}`;
  await tx
    .update(creditPurchases)
    .set({
      status: "processing",
      checkoutSessionId: facts.sessionId,
      paymentIntentId: purchase.paymentIntentId ?? facts.paymentIntentId,
      updatedAt: new Date(),
    })
    .where(eq(creditPurchases.id, purchase.id));
  return "processing";
}

async function close(
  tx: Database,
  action: Extract<StripeEventAction, { kind: "close" }>,
  packs: readonly CreditPack[],
): Promise<string> {
  await lockPayment(tx, action.paymentIntentId ?? action.sessionId);
  const purchase = await purchaseFor(tx, action, packs, action.status);
  if (typeof purchase === "string") return purchase;
  // Only a purchase still waiting closes: a paid one stays paid, whatever arrives late.
  if (purchase.status !== "open" && purchase.status !== "processing") {
    return `already ${purchase.status}`;
  }
  await tx
    .update(creditPurchases)
    .set({ status: action.status, checkoutSessionId: action.sessionId, updatedAt: new Date() })
    .where(eq(creditPurchases.id, purchase.id));
  return action.status;
}

async function recordReversal(
  tx: Database,
  action: Extract<StripeEventAction, { kind: "refund" | "dispute" }>,
): Promise<string> {
  await lockPayment(tx, action.paymentIntentId);
  const refunded = action.kind === "refund" ? action.refundedAmount : 0;
  const disputed = action.kind === "dispute" ? action.disputedAmount : 0;
  // Refunds are cumulative on the charge: keep the largest seen, so an older event
  // arriving late changes nothing.
  await tx
    .insert(paymentReversals)
    .values({
      paymentIntentId: action.paymentIntentId,
      refundedAmount: refunded,
      disputedAmount: disputed,
    })
    .onConflictDoUpdate({
      target: paymentReversals.paymentIntentId,
      set: {
        refundedAmount: sql`greatest(${paymentReversals.refundedAmount}, excluded.refunded_amount)`,
        disputedAmount: sql`greatest(${paymentReversals.disputedAmount}, excluded.disputed_amount)`,
        updatedAt: sql`now()`,
      },
    });
  const [purchase] = await tx
    .select()
    .from(creditPurchases)
    .where(eq(creditPurchases.paymentIntentId, action.paymentIntentId))
    .for("update");
  // Not fulfilled yet (or not ours): kept, and applied if the payment's completion comes.
  if (purchase?.status !== "paid") return `${action.kind} recorded for later`;
  const taken = await applyReversals(tx, purchase);
  return `${action.kind}: ${taken} taken back`;
}

/**
 * Takes back what the recorded refunds and charge-backs of a paid purchase call for and
 * was not taken yet: debits what the balance holds, records the rest as owed.
 */
async function applyReversals(tx: Database, purchase: PurchaseRow): Promise<number> {
  if (purchase.status !== "paid" || !purchase.paymentIntentId || !purchase.checkoutSessionId) {
    return 0;
  }
  const [reversal] = await tx
    .select()
    .from(paymentReversals)
    .where(eq(paymentReversals.paymentIntentId, purchase.paymentIntentId));
  if (!reversal) return 0;
  const plan = planReversal({
    credits: purchase.credits,
    amount: purchase.amount,
    refundedAmount: reversal.refundedAmount,
    disputedAmount: reversal.disputedAmount,
    takenForRefunds: purchase.creditsRefunded,
    takenForDisputes: purchase.creditsDisputed,
  });
  if (plan.refund === 0 && plan.dispute === 0) return 0;
  const creditsRefunded = purchase.creditsRefunded + plan.refund;
  const creditsDisputed = purchase.creditsDisputed + plan.dispute;
  // References carry the running totals: each total is reached once, under the lock.
  if (plan.refund > 0) {
    await takeBack(tx, {
      userId: purchase.userId,
      amount: plan.refund,
      reason: "purchase_refund",
      reference: `${purchase.checkoutSessionId}:refund:${creditsRefunded}`,
      memo: `${purchase.packName} pack`,
    });
  }
  if (plan.dispute > 0) {
    await takeBack(tx, {
      userId: purchase.userId,
      amount: plan.dispute,
      reason: "purchase_dispute",
      reference: `${purchase.checkoutSessionId}:dispute:${creditsDisputed}`,
      memo: `${purchase.packName} pack`,
    });
  }
  await tx
    .update(creditPurchases)
    .set({ creditsRefunded, creditsDisputed, updatedAt: new Date() })
    .where(eq(creditPurchases.id, purchase.id));
  return plan.refund + plan.dispute;
}
