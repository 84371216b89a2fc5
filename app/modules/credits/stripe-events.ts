import { z } from "zod";
import { parseUuid } from "~/utils/ids";

// What a verified Stripe event asks of us, read from the event alone (no call to Stripe):
// plain data in, plain data out. The webhook handler (stripe-webhook.server.ts) acts on
// the answer.

export type StripeEventAction =
  | ({ kind: "fulfil" } & CheckoutFacts)
  | ({ kind: "processing" } & CheckoutFacts)
  | ({ kind: "close"; status: "expired" | "failed" } & CheckoutFacts)
  | { kind: "refund"; paymentIntentId: string; refundedAmount: number }
  | { kind: "dispute"; paymentIntentId: string; disputedAmount: number }
  | { kind: "ignore"; why: string };

export interface CheckoutFacts {
  sessionId: string;
  userId: string;
  packId: string;
  /** Our purchase row, when the session was opened by us (metadata.purchase). */
  purchaseId: string | null;
  paymentIntentId: string | null;
  amount: number | null;
  currency: string | null;
}

/** A verified event whose object does not have the shape its type promises. */
export class MalformedStripeEventError extends Error {
  override name = "MalformedStripeEventError";
}

export const eventEnvelopeSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.unknown()) }),
});
export type StripeEventEnvelope = z.infer<typeof eventEnvelopeSchema>;

const idOf = z
  .union([z.string(), z.object({ id: z.string() }).passthrough()])
  .nullish()
  .transform((value) => (value == null ? null : typeof value === "string" ? value : value.id));

const sessionSchema = z.object({
  id: z.string().regex(/^cs_[A-Za-z0-9_]{1,150}$/),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string()).nullish(),
  payment_status: z.string().nullish(),
  payment_intent: idOf,
  amount_total: z.number().int().nonnegative().nullish(),
  currency: z.string().nullish(),
});

const chargeSchema = z.object({
  payment_intent: idOf,
  amount_refunded: z.number().int().nonnegative(),
});

const disputeSchema = z.object({
  payment_intent: idOf,
  amount: z.number().int().nonnegative(),
});

function parse<T extends z.ZodTypeAny>(schema: T, object: unknown, type: string): z.infer<T> {
  const result = schema.safeParse(object);
  if (!result.success) throw new MalformedStripeEventError(`${type}: unexpected object`);
  return result.data;
}

const PACK_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function checkoutFacts(object: unknown, type: string): CheckoutFacts | { why: string } {
  const session = parse(sessionSchema, object, type);
  const userId = parseUuid(session.client_reference_id);
  const packId = session.metadata?.pack;
  if (!userId || !packId || !PACK_ID.test(packId)) {
    return { why: "not a Peerloop credit pack checkout" };
  }
  return {
    sessionId: session.id,
    userId,
    packId,
    purchaseId: parseUuid(session.metadata?.purchase),
    paymentIntentId: session.payment_intent,
    amount: session.amount_total ?? null,
    currency: session.currency ? session.currency.toLowerCase() : null,
  };
}

export function interpretStripeEvent(event: StripeEventEnvelope): StripeEventAction {
  const { type } = event;
  const object = event.data.object;
  switch (type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const facts = checkoutFacts(object, type);
      if ("why" in facts) return { kind: "ignore", why: facts.why };
      const status = (object as { payment_status?: unknown }).payment_status;
      // An async payment method (a bank debit) completes the session unpaid; the money
      // is confirmed later by async_payment_succeeded.
      if (type === "checkout.session.async_payment_succeeded" || status === "paid") {
        return { kind: "fulfil", ...facts };
      }
      if (status === "unpaid") return { kind: "processing", ...facts };
      return { kind: "ignore", why: `payment_status ${String(status)}` };
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const facts = checkoutFacts(object, type);
      if ("why" in facts) return { kind: "ignore", why: facts.why };
      return {
        kind: "close",
        status: type === "checkout.session.expired" ? "expired" : "failed",
        ...facts,
      };
    }
    case "charge.refunded": {
      const charge = parse(chargeSchema, object, type);
      if (!charge.payment_intent) return { kind: "ignore", why: "charge without a payment" };
      return {
        kind: "refund",
        paymentIntentId: charge.payment_intent,
        refundedAmount: charge.amount_refunded,
      };
    }
    case "charge.dispute.created": {
      const dispute = parse(disputeSchema, object, type);
      if (!dispute.payment_intent) return { kind: "ignore", why: "dispute without a payment" };
      return {
        kind: "dispute",
        paymentIntentId: dispute.payment_intent,
        disputedAmount: dispute.amount,
      };
    }
    default:
      return { kind: "ignore", why: `event type ${type} is not used` };
  }
}
