import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/env.server";
import { formatPrice } from "~/modules/credits/labels";
import { DEFAULT_CREDIT_PACKS, findPack, parseCreditPacks } from "~/modules/credits/packs";
import { planReversal } from "~/modules/credits/reversals";
import {
  interpretStripeEvent,
  MalformedStripeEventError,
  type StripeEventEnvelope,
} from "~/modules/credits/stripe-events";

const USER = "0b8e6f3a-5c1d-4e2f-9a7b-1c2d3e4f5a6b";

describe("credit packs configuration", () => {
  it("defaults to three packs with distinct ids", () => {
    const packs = parseCreditPacks(undefined);
    expect(packs.map((p) => p.id)).toEqual(["starter", "regular", "loop"]);
    expect(findPack(packs, "regular")).toMatchObject({ credits: 12, amount: 1000 });
    expect(findPack(packs, "nope")).toBeUndefined();
  });

  it("reads CREDIT_PACKS as JSON, lower-casing the currency", () => {
    const packs = parseCreditPacks(
      JSON.stringify([{ id: "one", name: "One", credits: 1, amount: 199, currency: "EUR" }]),
    );
    expect(packs).toEqual([{ id: "one", name: "One", credits: 1, amount: 199, currency: "eur" }]);
  });

  it.each([
    ["not json", "is not valid JSON"],
    ["[]", "must list at least one pack"],
    [
      JSON.stringify([{ id: "Bad Id", name: "x", credits: 1, amount: 100, currency: "usd" }]),
      "[0.id]",
    ],
    [
      JSON.stringify([{ id: "a", name: "x", credits: 0, amount: 100, currency: "usd" }]),
      "[0.credits]",
    ],
    [
      JSON.stringify([{ id: "a", name: "x", credits: 1, amount: 10, currency: "usd" }]),
      "[0.amount]",
    ],
    [
      JSON.stringify([
        { id: "a", name: "x", credits: 1, amount: 100, currency: "usd" },
        { id: "a", name: "y", credits: 2, amount: 200, currency: "usd" },
      ]),
      "pack ids must be unique",
    ],
  ])("refuses %s with a message", (json, message) => {
    expect(() => parseCreditPacks(json)).toThrow(message);
  });

  it("is part of the environment, and the Stripe secrets come both or neither", () => {
    expect(parseEnv({}).CREDIT_PACKS).toEqual(DEFAULT_CREDIT_PACKS);
    expect(() => parseEnv({ CREDIT_PACKS: "[]" })).toThrow(/CREDIT_PACKS must list/);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_1" })).toThrow(
      /STRIPE_WEBHOOK_SECRET must be set too/,
    );
    expect(() => parseEnv({ STRIPE_WEBHOOK_SECRET: "whsec_1" })).toThrow(EnvError);
    expect(() =>
      parseEnv({ STRIPE_SECRET_KEY: "pk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" }),
    ).toThrow(/STRIPE_SECRET_KEY must be a Stripe secret key/);
    const env = parseEnv({
      STRIPE_SECRET_KEY: "sk_test_1",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    });
    expect(env.STRIPE_API_BASE).toBe("http://127.0.0.1:12111");
  });

  it("formats prices in the currency's minor unit", () => {
    expect(formatPrice(1000, "usd")).toBe("$10.00");
    expect(formatPrice(500, "jpy")).toBe("¥500");
  });
});

describe("refunds and charge-backs as credits", () => {
  const base = { credits: 12, amount: 1000, takenForRefunds: 0, takenForDisputes: 0 };

  it("takes back in proportion to the money, rounded up, and all of it for a full refund", () => {
    expect(planReversal({ ...base, refundedAmount: 100, disputedAmount: 0 })).toEqual({
      refund: 2,
      dispute: 0,
    });
    expect(planReversal({ ...base, refundedAmount: 500, disputedAmount: 0 })).toEqual({
      refund: 6,
      dispute: 0,
    });
    expect(planReversal({ ...base, refundedAmount: 1000, disputedAmount: 0 })).toEqual({
      refund: 12,
      dispute: 0,
    });
  });

  it("takes back only what was not taken yet, the charge-back on top of refunds", () => {
    expect(
      planReversal({ ...base, refundedAmount: 500, disputedAmount: 500, takenForRefunds: 6 }),
    ).toEqual({ refund: 0, dispute: 6 });
    expect(
      planReversal({ ...base, refundedAmount: 1000, disputedAmount: 0, takenForDisputes: 12 }),
    ).toEqual({ refund: 0, dispute: 0 });
  });

  it("never takes back more than the pack, and is monotone in the money returned", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 50, max: 100_000 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 200_000 })), { maxLength: 8 }),
        (credits, amount, events) => {
          let refunded = 0;
          let disputed = 0;
          let takenForRefunds = 0;
          let takenForDisputes = 0;
          for (const [isRefund, money] of events) {
            if (isRefund) refunded = Math.max(refunded, money);
            else disputed = Math.max(disputed, money);
            const plan = planReversal({
              credits,
              amount,
              refundedAmount: refunded,
              disputedAmount: disputed,
              takenForRefunds,
              takenForDisputes,
            });
            expect(plan.refund).toBeGreaterThanOrEqual(0);
            expect(plan.dispute).toBeGreaterThanOrEqual(0);
            takenForRefunds += plan.refund;
            takenForDisputes += plan.dispute;
          }
          const total = takenForRefunds + takenForDisputes;
          const money = Math.min(amount, refunded + disputed);
          expect(total).toBe(Math.min(credits, Math.ceil((credits * money) / amount)));
        },
      ),
    );
  });
});

function event(type: string, object: Record<string, unknown>): StripeEventEnvelope {
  return { id: "evt_1", type, data: { object } };
}

const session = (extra: Record<string, unknown> = {}) => ({
  id: "cs_test_a1",
  client_reference_id: USER,
  metadata: { pack: "starter" },
  payment_status: "paid",
  payment_intent: "pi_1",
  amount_total: 500,
  currency: "usd",
  ...extra,
});

describe("reading a verified Stripe event", () => {
  it("fulfils a paid completion and a delayed payment's success, from the event alone", () => {
    expect(interpretStripeEvent(event("checkout.session.completed", session()))).toMatchObject({
      kind: "fulfil",
      sessionId: "cs_test_a1",
      userId: USER,
      packId: "starter",
      paymentIntentId: "pi_1",
    });
    expect(
      interpretStripeEvent(
        event(
          "checkout.session.async_payment_succeeded",
          session({ payment_intent: { id: "pi_2" } }),
        ),
      ),
    ).toMatchObject({ kind: "fulfil", paymentIntentId: "pi_2" });
    expect(
      interpretStripeEvent(
        event("checkout.session.completed", session({ payment_status: "unpaid" })),
      ),
    ).toMatchObject({ kind: "processing" });
  });

  it("ignores sessions that are not ours and events we do not use", () => {
    expect(
      interpretStripeEvent(
        event("checkout.session.completed", session({ client_reference_id: null })),
      ),
    ).toMatchObject({ kind: "ignore" });
    expect(
      interpretStripeEvent(event("checkout.session.completed", session({ metadata: {} }))),
    ).toMatchObject({ kind: "ignore" });
    expect(interpretStripeEvent(event("customer.created", {}))).toMatchObject({ kind: "ignore" });
  });

  it("reads refunds (cumulative) and charge-backs by payment intent", () => {
    expect(
      interpretStripeEvent(
        event("charge.refunded", { payment_intent: "pi_1", amount_refunded: 250 }),
      ),
    ).toEqual({ kind: "refund", paymentIntentId: "pi_1", refundedAmount: 250 });
    expect(
      interpretStripeEvent(
        event("charge.dispute.created", { payment_intent: "pi_1", amount: 500 }),
      ),
    ).toEqual({ kind: "dispute", paymentIntentId: "pi_1", disputedAmount: 500 });
  });

  it("calls a known event with the wrong shape malformed", () => {
    expect(() =>
      interpretStripeEvent(event("charge.refunded", { amount_refunded: "a lot" })),
    ).toThrow(MalformedStripeEventError);
    expect(() => interpretStripeEvent(event("checkout.session.completed", { id: 7 }))).toThrow(
      MalformedStripeEventError,
    );
  });
});
