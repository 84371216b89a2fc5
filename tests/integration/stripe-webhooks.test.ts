import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  creditAccounts,
  creditEntries,
  creditPurchases,
  paymentReversals,
  stripeEvents,
  users,
} from "#db/schema";
import { getAccount, isInsufficientCredits, postEntry } from "~/modules/credits/ledger.server";
import { type CreditPack, DEFAULT_CREDIT_PACKS } from "~/modules/credits/packs";
import { makeDatabaseUnreachable, setupFreshDatabase, usingPostgres } from "../support/database";
import { setupTestServer } from "../support/http";
import { createRandom } from "../support/seeded-random";
import { setupStripeStandIn, TEST_STRIPE_WEBHOOK_SECRET } from "../support/stripe";

// The webhook over real HTTP, with events signed as Stripe signs them. The randomised
// part plays Stripe at its worst: every event may come more than once, in any order,
// several at a time, while the person spends credits in between.

setupFreshDatabase();
let appUrl = "";
const { env } = await setupStripeStandIn(() => appUrl);
const server = setupTestServer(env);

const LONG = process.env.LONG_TESTS === "1";
/** 1,000 sequences on PostgreSQL (and in the long run); fewer on PGlite's one connection. */
const SEQUENCES = usingPostgres || LONG ? 1000 : 50;
const SEED = Number(process.env.STRIPE_WEBHOOK_SEED ?? 20261130);

const uid = (prefix: string) => `${prefix}_test_${randomBytes(10).toString("hex")}`;

function eventBody(type: string, object: unknown, id = uid("evt")) {
  return JSON.stringify({
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

async function deliver(
  payload: string,
  options: { secret?: string; timestamp?: number; header?: string | null } = {},
) {
  const header =
    options.header === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? TEST_STRIPE_WEBHOOK_SECRET,
          ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
        })
      : options.header;
  const response = await fetch(`${server.baseUrl()}/webhooks/stripe`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(header === null ? {} : { "stripe-signature": header }),
    },
    body: payload,
  });
  return { status: response.status, text: await response.text() };
}

interface Session {
  id: string;
  pi: string;
  pack: CreditPack;
  userId: string;
}

function sessionObject(s: Session, paymentStatus: "paid" | "unpaid", withPi = true) {
  return {
    id: s.id,
    object: "checkout.session",
    mode: "payment",
    client_reference_id: s.userId,
    metadata: { pack: s.pack.id },
    payment_status: paymentStatus,
    payment_intent: withPi ? s.pi : null,
    amount_total: s.pack.amount,
    currency: s.pack.currency,
  };
}
const chargeObject = (s: Session, refunded: number) => ({
  id: `ch_${s.pi.slice(3)}`,
  object: "charge",
  amount: s.pack.amount,
  amount_refunded: refunded,
  payment_intent: s.pi,
  refunded: refunded >= s.pack.amount,
});
const disputeObject = (s: Session, amount: number) => ({
  id: `dp_${s.pi.slice(3)}`,
  object: "dispute",
  amount,
  charge: `ch_${s.pi.slice(3)}`,
  payment_intent: s.pi,
  status: "needs_response",
});

/** What a refund/charge-back takes back, computed independently of the code under test. */
function expectedTakeBack(pack: CreditPack, refunded: number, disputed: number) {
  const money = Math.min(pack.amount, refunded + disputed);
  return Math.min(pack.credits, Math.ceil((pack.credits * money) / pack.amount));
}

async function newUsers(count: number): Promise<string[]> {
  const rows = await getDb()
    .insert(users)
    .values(
      Array.from({ length: count }, () => ({
        email: `${randomBytes(8).toString("hex")}@example.test`,
        name: "Webhook Person",
        passwordHash: "not-a-login",
      })),
    )
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}

/** Each person's ledger sums, and their account, read in one go. */
async function ledgersOf(userIds: string[]) {
  const db = getDb();
  const sums = await db
    .select({
      userId: creditEntries.userId,
      amount: sql<number>`coalesce(sum(${creditEntries.amount}), 0)::int`.mapWith(Number),
      owed: sql<number>`coalesce(sum(${creditEntries.owedDelta}), 0)::int`.mapWith(Number),
      purchased:
        sql<number>`coalesce(sum(${creditEntries.amount}) filter (where ${creditEntries.reason} = 'purchase'), 0)::int`.mapWith(
          Number,
        ),
      purchases:
        sql<number>`count(*) filter (where ${creditEntries.reason} = 'purchase')::int`.mapWith(
          Number,
        ),
      takenBack:
        sql<number>`coalesce(sum(${creditEntries.owedDelta} - ${creditEntries.amount}) filter (where ${creditEntries.reason} in ('purchase_refund', 'purchase_dispute')), 0)::int`.mapWith(
          Number,
        ),
    })
    .from(creditEntries)
    .where(inArray(creditEntries.userId, userIds))
    .groupBy(creditEntries.userId);
  const accounts = await db
    .select()
    .from(creditAccounts)
    .where(inArray(creditAccounts.userId, userIds));
  const empty = { amount: 0, owed: 0, purchased: 0, purchases: 0, takenBack: 0 };
  return new Map(
    userIds.map((id) => {
      const account = accounts.find((a) => a.userId === id);
      return [
        id,
        {
          ledger: sums.find((row) => row.userId === id) ?? { userId: id, ...empty },
          account: { balance: account?.balance ?? 0, owed: account?.owed ?? 0 },
        },
      ];
    }),
  );
}

async function writtenCounts() {
  const db = getDb();
  const count = async (
    table:
      | typeof stripeEvents
      | typeof creditPurchases
      | typeof paymentReversals
      | typeof creditEntries,
  ) => (await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(table))[0]!.n;
  return {
    events: await count(stripeEvents),
    purchases: await count(creditPurchases),
    reversals: await count(paymentReversals),
    entries: await count(creditEntries),
  };
}

describe("POST /webhooks/stripe refuses what Stripe did not sign", () => {
  it("answers 400 and writes nothing for a bad signature, the wrong secret, an old timestamp, no header or a bad body", async () => {
    appUrl = server.baseUrl();
    const [userId] = await newUsers(1);
    const session: Session = {
      id: uid("cs"),
      pi: uid("pi"),
      pack: DEFAULT_CREDIT_PACKS[0]!,
      userId: userId!,
    };
    const payload = eventBody("checkout.session.completed", sessionObject(session, "paid"));
    const before = await writtenCounts();
    const goodHeader = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: TEST_STRIPE_WEBHOOK_SECRET,
    });
    const refusals = [
      // The body changed after signing (more credits, someone else's id…).
      await deliver(payload.replace(session.pack.id, "loop"), { header: goodHeader }),
      await deliver(payload, {
        header: goodHeader.replace(/v1=([0-9a-f])/, "v1=0$1").slice(0, -1),
      }),
      await deliver(payload, { secret: "whsec_someone_elses_secret" }),
      // Older than the default tolerance (300 s): a replayed delivery.
      await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      await deliver(payload, { header: null }),
      await deliver(payload, { header: "garbage" }),
      await deliver("not json at all"),
      await deliver(JSON.stringify({ hello: "world" })),
      await deliver(eventBody("checkout.session.completed", { id: 42 })),
    ];
    expect(refusals.map((r) => r.status)).toEqual(Array(refusals.length).fill(400));
    expect(await writtenCounts()).toEqual(before);
    expect((await getAccount(getDb(), session.userId)).balance).toBe(0);

    // The same event, properly signed, is accepted (so the refusals were about the signature).
    const accepted = await deliver(payload);
    expect(accepted.status).toBe(200);
    expect((await getAccount(getDb(), session.userId)).balance).toBe(session.pack.credits);
  });

  it("refuses a body over the size limit", async () => {
    const payload = eventBody("checkout.session.completed", { padding: "x".repeat(300 * 1024) });
    const response = await deliver(payload);
    expect(response.status).toBe(413);
  });

  it("answers 503 when our database fails, so Stripe retries; the retry credits once", async () => {
    const [userId] = await newUsers(1);
    const session: Session = {
      id: uid("cs"),
      pi: uid("pi"),
      pack: DEFAULT_CREDIT_PACKS[1]!,
      userId: userId!,
    };
    const payload = eventBody("checkout.session.completed", sessionObject(session, "paid"));
    const restore = makeDatabaseUnreachable();
    let failed: { status: number };
    try {
      failed = await deliver(payload);
    } finally {
      restore();
    }
    expect(failed.status).toBe(503);
    expect((await deliver(payload)).status).toBe(200);
    const again = await deliver(payload);
    expect(again).toEqual({ status: 200, text: expect.stringContaining('"outcome":"known"') });
    expect((await getAccount(getDb(), session.userId)).balance).toBe(session.pack.credits);
  });
});

describe("refunds and charge-backs", () => {
  it("takes back a partial refund in proportion, rounded up; a later full refund the rest", async () => {
    const [userId] = await newUsers(1);
    const pack = DEFAULT_CREDIT_PACKS.find((p) => p.id === "regular")!; // 12 credits, $10
    const s: Session = { id: uid("cs"), pi: uid("pi"), pack, userId: userId! };
    await deliver(eventBody("checkout.session.completed", sessionObject(s, "paid")));
    // $1 of $10 back: 1.2 credits, rounded up to 2.
    await deliver(eventBody("charge.refunded", chargeObject(s, 100)));
    expect(await getAccount(getDb(), s.userId)).toEqual({ balance: 10, owed: 0 });
    // An older, smaller refund event arriving late changes nothing.
    await deliver(eventBody("charge.refunded", chargeObject(s, 50)));
    await deliver(eventBody("charge.refunded", chargeObject(s, 1000)));
    expect(await getAccount(getDb(), s.userId)).toEqual({ balance: 0, owed: 0 });
    const [purchase] = await getDb()
      .select()
      .from(creditPurchases)
      .where(eq(creditPurchases.checkoutSessionId, s.id));
    expect(purchase).toMatchObject({ status: "paid", creditsRefunded: 12, creditsDisputed: 0 });
  });

  it("records what was already spent as owed, and the next purchase pays it back first", async () => {
    const [userId] = await newUsers(1);
    const pack = DEFAULT_CREDIT_PACKS[0]!; // 5 credits
    const s: Session = { id: uid("cs"), pi: uid("pi"), pack, userId: userId! };
    await deliver(eventBody("checkout.session.completed", sessionObject(s, "paid")));
    await getDb().transaction((tx) =>
      postEntry(tx, {
        userId: s.userId,
        amount: -4,
        reason: "escrow_hold",
        reference: uid("spend"),
      }),
    );
    const dispute = await deliver(
      eventBody("charge.dispute.created", disputeObject(s, pack.amount)),
    );
    expect(dispute.status).toBe(200);
    expect(await getAccount(getDb(), s.userId)).toEqual({ balance: 0, owed: 4 });
    const next: Session = { id: uid("cs"), pi: uid("pi"), pack, userId: s.userId };
    await deliver(eventBody("checkout.session.completed", sessionObject(next, "paid")));
    expect(await getAccount(getDb(), s.userId)).toEqual({ balance: 1, owed: 0 });
  });

  it("keeps a refund that arrives before the payment's completion and applies it at fulfilment", async () => {
    const [userId] = await newUsers(1);
    const pack = DEFAULT_CREDIT_PACKS[2]!;
    const s: Session = { id: uid("cs"), pi: uid("pi"), pack, userId: userId! };
    const early = await deliver(eventBody("charge.refunded", chargeObject(s, pack.amount / 2)));
    expect(early.text).toContain("recorded for later");
    expect(await getAccount(getDb(), s.userId)).toEqual({ balance: 0, owed: 0 });
    await deliver(eventBody("checkout.session.completed", sessionObject(s, "paid")));
    expect(await getAccount(getDb(), s.userId)).toEqual({
      balance: pack.credits - Math.ceil(pack.credits / 2),
      owed: 0,
    });
  });

  it("fulfils an unpaid completion only when the delayed payment succeeds", async () => {
    const [userId] = await newUsers(1);
    const pack = DEFAULT_CREDIT_PACKS[0]!;
    const s: Session = { id: uid("cs"), pi: uid("pi"), pack, userId: userId! };
    await deliver(eventBody("checkout.session.completed", sessionObject(s, "unpaid")));
    expect((await getAccount(getDb(), s.userId)).balance).toBe(0);
    await deliver(eventBody("checkout.session.async_payment_succeeded", sessionObject(s, "paid")));
    expect((await getAccount(getDb(), s.userId)).balance).toBe(pack.credits);
  });
});

// --- Randomised sequences ---------------------------------------------------------------

type Fate = "paid" | "async_paid" | "async_failed" | "expired";
interface PlannedSession extends Session {
  fate: Fate;
  refunded: number;
  disputed: number;
}
type Step = { kind: "event"; payload: string } | { kind: "spend"; amount: number };

function planSequence(random: () => number, userId: string, index: number) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sessions: PlannedSession[] = [];
  const events: string[] = [];
  // Short sequences keep 1,000 of them quick: one or two sessions of one person.
  const count = random() < 0.6 ? 1 : 2;
  for (let i = 0; i < count; i++) {
    const pack = pick(DEFAULT_CREDIT_PACKS);
    const s: PlannedSession = {
      id: `cs_test_seq${index}_${i}_${randomBytes(4).toString("hex")}`,
      pi: `pi_test_seq${index}_${i}_${randomBytes(4).toString("hex")}`,
      pack,
      userId,
      fate: pick(["paid", "paid", "paid", "async_paid", "async_failed", "expired"] as const),
      refunded: 0,
      disputed: 0,
    };
    sessions.push(s);
    if (s.fate === "expired") {
      events.push(eventBody("checkout.session.expired", sessionObject(s, "unpaid", false)));
      continue;
    }
    if (s.fate === "paid") {
      events.push(eventBody("checkout.session.completed", sessionObject(s, "paid")));
    } else {
      events.push(eventBody("checkout.session.completed", sessionObject(s, "unpaid")));
      events.push(
        s.fate === "async_paid"
          ? eventBody("checkout.session.async_payment_succeeded", sessionObject(s, "paid"))
          : eventBody("checkout.session.async_payment_failed", sessionObject(s, "unpaid")),
      );
    }
    if (s.fate === "async_failed") continue;
    // Refunds as Stripe reports them: each charge.refunded carries the running total.
    const refunds = Math.floor(random() * 3);
    for (let r = 0; r < refunds && s.refunded < pack.amount; r++) {
      const step = random() < 0.3 ? pack.amount : 1 + Math.floor(random() * pack.amount);
      s.refunded = Math.min(pack.amount, s.refunded + step);
      events.push(eventBody("charge.refunded", chargeObject(s, s.refunded)));
    }
    if (random() < 0.25 && s.refunded < pack.amount) {
      s.disputed = pack.amount - s.refunded;
      events.push(eventBody("charge.dispute.created", disputeObject(s, s.disputed)));
    }
  }
  // Duplicates (a third of the events come twice or three times), any order, spends in between.
  const steps: Step[] = [];
  for (const payload of events) {
    const copies = random() < 0.67 ? 1 : random() < 0.7 ? 2 : 3;
    for (let c = 0; c < copies; c++) steps.push({ kind: "event", payload });
  }
  const spends = random() < 0.5 ? 0 : 1 + Math.floor(random() * 2);
  for (let i = 0; i < spends; i++)
    steps.push({ kind: "spend", amount: 1 + Math.floor(random() * 8) });
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  }
  // Delivered in batches; the events of a batch arrive at the same time.
  const batches: Step[][] = [];
  for (let i = 0; i < steps.length; ) {
    const size = 1 + Math.floor(random() * 4);
    batches.push(steps.slice(i, i + size));
    i += size;
  }
  return { sessions, batches };
}

async function runSequence(random: () => number, userId: string, index: number) {
  const { sessions, batches } = planSequence(random, userId, index);
  let spent = 0;
  const statuses: number[] = [];
  for (const batch of batches) {
    await Promise.all(
      batch.map(async (step) => {
        if (step.kind === "event") {
          statuses.push((await deliver(step.payload)).status);
          return;
        }
        try {
          await getDb().transaction((tx) =>
            postEntry(tx, {
              userId,
              amount: -step.amount,
              reason: "escrow_hold",
              reference: `spend:${randomBytes(8).toString("hex")}`,
            }),
          );
          spent += step.amount;
        } catch (err) {
          if (!isInsufficientCredits(err)) throw err;
        }
      }),
    );
  }
  return { sessions, spent, statuses };
}

describe("randomised webhook sequences", () => {
  it(`credit each paid session once and never drive a balance below 0 (${SEQUENCES} sequences, seed ${SEED}, ${usingPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const random = createRandom(SEED).next;
    const userIds = await newUsers(SEQUENCES);
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    // Sequences run a few at a time (different people), each one's batches concurrently.
    const parallel = usingPostgres ? 8 : 1;
    const plans = userIds.map((userId, index) => ({ userId, index }));
    const results: Awaited<ReturnType<typeof runSequence>>[] = [];
    for (let i = 0; i < plans.length; i += parallel) {
      const group = plans.slice(i, i + parallel);
      // Plans are drawn in order from the one seeded generator, so a seed replays a run.
      const seeds = group.map(() => Math.floor(random() * 2 ** 32));
      results.push(
        ...(await Promise.all(
          group.map((p, k) => runSequence(createRandom(seeds[k]!).next, p.userId, p.index)),
        )),
      );
    }
    const elapsed = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);

    const ledgers = await ledgersOf(userIds);
    const purchaseRows = await getDb()
      .select()
      .from(creditPurchases)
      .where(inArray(creditPurchases.userId, userIds));
    let paidSessions = 0;
    let deliveries = 0;
    for (const [index, { sessions, spent, statuses }] of results.entries()) {
      const userId = userIds[index]!;
      const where = `sequence ${index} (seed ${SEED})`;
      deliveries += statuses.length;
      expect(
        statuses.filter((s) => s !== 200),
        where,
      ).toEqual([]);
      const paid = sessions.filter((s) => s.fate === "paid" || s.fate === "async_paid");
      paidSessions += paid.length;
      const purchased = paid.reduce((sum, s) => sum + s.pack.credits, 0);
      const takenBack = paid.reduce(
        (sum, s) => sum + expectedTakeBack(s.pack, s.refunded, s.disputed),
        0,
      );
      const { ledger, account } = ledgers.get(userId)!;
      expect({ purchased: ledger.purchased, purchases: ledger.purchases }, where).toEqual({
        purchased,
        purchases: paid.length,
      });
      expect(ledger.takenBack, where).toBe(takenBack);
      expect(account.balance, where).toBeGreaterThanOrEqual(0);
      expect({ balance: ledger.amount, owed: ledger.owed }, where).toEqual(account);
      // Nothing lost: what is there minus what is owed is what came in minus what went out.
      expect(account.balance - account.owed, where).toBe(purchased - spent - takenBack);
      // Debt is only ever left when the balance could not cover it.
      if (account.owed > 0) expect(account.balance, where).toBe(0);

      for (const s of sessions) {
        const row = purchaseRows.find((r) => r.checkoutSessionId === s.id);
        const status = {
          paid: "paid",
          async_paid: "paid",
          async_failed: "failed",
          expired: "expired",
        }[s.fate];
        expect(row?.status, `${where}, ${s.id}`).toBe(status);
        if (status === "paid") {
          expect(row!.creditsRefunded + row!.creditsDisputed, `${where}, ${s.id}`).toBe(
            expectedTakeBack(s.pack, s.refunded, s.disputed),
          );
        }
      }
    }
    console.info(
      `stripe webhooks: ${SEQUENCES} sequences, ${deliveries} deliveries, ${paidSessions} paid sessions in ${(elapsed / 1000).toFixed(1)} s (this process: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)`,
    );
    expect(paidSessions).toBeGreaterThan(SEQUENCES / 2);
  }, 300_000);
});
