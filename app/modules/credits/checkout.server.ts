import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import Stripe from "stripe";
import { type Database, getDb } from "#db/client";
import { creditPurchases, type PurchaseStatus, stripeCustomers } from "#db/schema";
import { type CreditPack, findPack } from "./packs";
import { getPayments } from "./stripe-client.server";

// Buying a credit pack: a purchase row of ours first, then the Stripe customer and the
// Checkout Session, each created with an idempotency key derived from our row's id. A
// double-submitted buy finds the same open purchase (one open purchase per person and
// pack, a unique index) and so the same key: Stripe answers both with one session.
// Credits arrive only through the webhook (stripe-webhook.server.ts).

export type CheckoutError = "payments_not_configured" | "unknown_pack" | "payments_unavailable";
export type CheckoutResult = { ok: true; url: string } | { ok: false; error: CheckoutError };

export const CHECKOUT_ERROR_MESSAGES: Record<CheckoutError, string> = {
  payments_not_configured: "Payments are not configured on this server.",
  unknown_pack: "That credit pack is not on sale. Choose one of the packs below.",
  payments_unavailable:
    "The payment provider could not be reached, and nothing was charged. Please try again in a minute.",
};

/** Stripe keeps a Checkout Session open between 30 minutes and 24 hours; we ask for one hour. */
const SESSION_LIFETIME_MS = 60 * 60 * 1000;
/** An open session is offered again only while at least this much of it is left. */
const REUSE_MARGIN_MS = 15 * 60 * 1000;

export function customerIdempotencyKey(userId: string) {
  return `peerloop-customer:${userId}`;
}
export function checkoutIdempotencyKey(purchaseId: string) {
  return `peerloop-checkout:${purchaseId}`;
}

export interface Buyer {
  id: string;
  email: string;
  name: string;
}

/** Opens (or finds again) the Checkout Session for one pack; answers where to send the person. */
export async function startCheckout(input: {
  buyer: Buyer;
  packId: string;
  /** The app's public origin, for the success and cancel pages. */
  origin: string;
  now?: Date;
}): Promise<CheckoutResult> {
  const payments = getPayments();
  if (!payments) return { ok: false, error: "payments_not_configured" };
  const pack = findPack(payments.packs, input.packId);
  if (!pack) return { ok: false, error: "unknown_pack" };
  const db = getDb();
  const purchase = await claimPurchase(db, input.buyer.id, pack, input.now ?? new Date());
  if (purchase.checkoutUrl) return { ok: true, url: purchase.checkoutUrl };
  try {
    const customer = await ensureCustomer(db, payments.stripe, input.buyer);
    const metadata = { pack: pack.id, purchase: purchase.id, user: input.buyer.id };
    // Everything here is derived from the purchase row, so a retry with the same key
    // sends the same parameters (Stripe refuses a reused key with different ones).
    const session = await payments.stripe.checkout.sessions.create(
      {
        mode: "payment",
        customer,
        client_reference_id: input.buyer.id,
        metadata,
        payment_intent_data: { metadata },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: purchase.currency,
              unit_amount: purchase.amount,
              product_data: { name: `${purchase.credits} Peerloop credits (${purchase.packName})` },
            },
          },
        ],
        expires_at: Math.floor(purchase.expiresAt.getTime() / 1000),
        success_url: `${input.origin}/credits/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${input.origin}/credits/cancel?purchase=${purchase.id}`,
      },
      { idempotencyKey: checkoutIdempotencyKey(purchase.id) },
    );
    if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
    await db
      .update(creditPurchases)
      .set({ checkoutSessionId: session.id, checkoutUrl: session.url, updatedAt: new Date() })
      .where(and(eq(creditPurchases.id, purchase.id), isNull(creditPurchases.checkoutSessionId)));
    return { ok: true, url: session.url };
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) {
      console.error("peerloop: Stripe refused or failed a checkout request", err.message);
      return { ok: false, error: "payments_unavailable" };
    }
    throw err;
  }
}

type PurchaseRow = typeof creditPurchases.$inferSelect;

/** The person's open purchase of this pack, or a new one. */
async function claimPurchase(
  db: Database,
  userId: string,
  pack: CreditPack,
  now: Date,
): Promise<PurchaseRow> {
  return db.transaction(async (tx) => {
    // A session about to expire, or one the person already came back from, is not
    // offered again: it is closed here (a payment that still arrives is honoured).
    await tx
      .update(creditPurchases)
      .set({ status: "expired", updatedAt: now })
      .where(
        and(
          eq(creditPurchases.userId, userId),
          eq(creditPurchases.packId, pack.id),
          eq(creditPurchases.status, "open"),
          or(
            lt(creditPurchases.expiresAt, new Date(now.getTime() + REUSE_MARGIN_MS)),
            sql`${creditPurchases.returnedAt} is not null`,
          ),
        ),
      );
    const [created] = await tx
      .insert(creditPurchases)
      .values({
        userId,
        packId: pack.id,
        packName: pack.name,
        credits: pack.credits,
        amount: pack.amount,
        currency: pack.currency,
        status: "open",
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({
        target: [creditPurchases.userId, creditPurchases.packId],
        where: sql`status = 'open'`,
      })
      .returning();
    if (created) return created;
    const [open] = await tx
      .select()
      .from(creditPurchases)
      .where(
        and(
          eq(creditPurchases.userId, userId),
          eq(creditPurchases.packId, pack.id),
          eq(creditPurchases.status, "open"),
        ),
      );
    if (!open) throw new Error("the open purchase vanished");
    return open;
  });
}

/** The person's Stripe customer: created once (keyed by our user id), then reused. */
async function ensureCustomer(db: Database, stripe: Stripe, buyer: Buyer): Promise<string> {
  await db.insert(stripeCustomers).values({ userId: buyer.id }).onConflictDoNothing();
  const known = await customerOf(db, buyer.id);
  if (known) return known;
  const customer = await stripe.customers.create(
    { email: buyer.email, name: buyer.name, metadata: { user: buyer.id } },
    { idempotencyKey: customerIdempotencyKey(buyer.id) },
  );
  await db
    .update(stripeCustomers)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(stripeCustomers.userId, buyer.id), isNull(stripeCustomers.stripeCustomerId)));
  return (await customerOf(db, buyer.id)) ?? customer.id;
}

async function customerOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(eq(stripeCustomers.userId, userId));
  return row?.id ?? null;
}

export interface PurchaseLine {
  id: string;
  packName: string;
  credits: number;
  amount: number;
  currency: string;
  status: PurchaseStatus;
  creditsRefunded: number;
  creditsDisputed: number;
  createdAt: Date;
  /** Where an unfinished checkout can be continued, while it can. */
  continueUrl: string | null;
}

const PURCHASES_SHOWN = 20;

/** A person's purchases, newest first (checkouts never opened at Stripe are left out). */
export async function listPurchases(userId: string, now = new Date()): Promise<PurchaseLine[]> {
  const rows = await getDb()
    .select()
    .from(creditPurchases)
    .where(
      and(
        eq(creditPurchases.userId, userId),
        or(
          sql`${creditPurchases.checkoutSessionId} is not null`,
          sql`${creditPurchases.status} <> 'open'`,
        ),
      ),
    )
    .orderBy(desc(creditPurchases.createdAt), desc(creditPurchases.id))
    .limit(PURCHASES_SHOWN);
  return rows.map((row) => ({
    id: row.id,
    packName: row.packName,
    credits: row.credits,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    creditsRefunded: row.creditsRefunded,
    creditsDisputed: row.creditsDisputed,
    createdAt: row.createdAt,
    continueUrl:
      row.status === "open" &&
      row.returnedAt === null &&
      row.expiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS
        ? row.checkoutUrl
        : null,
  }));
}

export interface ReturnedPurchase {
  packName: string;
  credits: number;
  status: PurchaseStatus;
}

/**
 * The purchase a person came back to from Checkout (the success page), only their own:
 * null for anyone else's session id. Marks it returned, so "Buy" opens a fresh session.
 */
export async function returnFromCheckout(
  userId: string,
  sessionId: string,
): Promise<ReturnedPurchase | null> {
  const [row] = await getDb()
    .update(creditPurchases)
    .set({ returnedAt: sql`coalesce(${creditPurchases.returnedAt}, now())` })
    .where(
      and(eq(creditPurchases.checkoutSessionId, sessionId), eq(creditPurchases.userId, userId)),
    )
    .returning({
      packName: creditPurchases.packName,
      credits: creditPurchases.credits,
      status: creditPurchases.status,
    });
  return row ?? null;
}

/** A Checkout Session id as Stripe writes them; anything else is not looked up. */
export function parseCheckoutSessionId(value: unknown): string | null {
  return typeof value === "string" && /^cs_[A-Za-z0-9_]{1,150}$/.test(value) ? value : null;
}

/** What /credits offers: the packs on sale, or nothing when payments are not configured. */
export function creditPacksOnSale(): { configured: boolean; packs: readonly CreditPack[] } {
  const payments = getPayments();
  return payments ? { configured: true, packs: payments.packs } : { configured: false, packs: [] };
}
