import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { mockSessions, sessionEscrows } from "#db/schema";
import { bookSuggestedMock } from "~/modules/booking/book-suggestion.server";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { transitionSession } from "~/modules/booking/transition-session.server";
import { disputeNoShow, resolveDispute } from "~/modules/credits/disputes.server";
import { openNoShowWindow, quoteOneWayPrice } from "~/modules/credits/escrow.server";
import { sweepEscrows } from "~/modules/credits/escrow-sweep.server";
import { getAccount, postEntry, takeBack } from "~/modules/credits/ledger.server";
import { repaymentOf, splitDebit } from "~/modules/credits/rules";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { createAvailableUser, LOOP, offerToInterview } from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { ledgerAddsUp } from "../support/escrow-fixtures";
import { dimensionsOf, scorecardPayload } from "../support/feedback-fixtures";

// A model of the credit economy, run against the real database: random operations
// (grant, buy, book one-way, cancel early or late by either side, hold, no-show of
// either side or both, dispute a no-show and resolve it, feedback earned, refund,
// charge-back, the settlement sweep) go through our modules, and an in-memory model
// says what each person's balance and debt must be. After every step each balance is
// the sum of its entries and none is negative; at the end the database agrees with the
// model, person by person and escrow by escrow.
//
// Full size (10,000 operations, PostgreSQL) with LONG_TESTS=1 (`npm run test:long`);
// the normal suite runs 1,000 on PostgreSQL and 200 on PGlite.

setupFreshDatabase();

const OPERATIONS = process.env.LONG_TESTS === "1" ? 10_000 : usingPostgres ? 1_000 : 200;
const PEOPLE = 5;
const HOUR = 3_600_000;
/** Booking k is made at BASE + 2h·k for a slot 48 h later: every slot is its own. */
const BASE = new Date("2027-06-07T00:00:00Z").getTime();

type Person = number;
type Op =
  | { kind: "grant"; who: Person; amount: number }
  | { kind: "buy"; who: Person; amount: number }
  | { kind: "refund"; who: Person; amount: number }
  | { kind: "chargeback"; who: Person; amount: number }
  | { kind: "book"; candidate: Person; interviewer: Person }
  | { kind: "cancel"; pick: number; byInterviewer: boolean; late: boolean }
  | { kind: "hold"; pick: number }
  | { kind: "feedback"; pick: number }
  | { kind: "noShow"; pick: number; absent: "candidate" | "interviewer" | "both" }
  | { kind: "dispute"; pick: number; byInterviewer: boolean }
  | { kind: "resolve"; pick: number; payout: boolean }
  | { kind: "sweep" };

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const pick = fc.nat();
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      who: person,
      amount: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("buy" as const),
      who: person,
      amount: fc.constantFrom(5, 10),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("refund" as const),
      who: person,
      amount: fc.constantFrom(5, 10),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("chargeback" as const),
      who: person,
      amount: fc.constantFrom(5, 10),
    }),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({ candidate: person, offset: fc.integer({ min: 1, max: PEOPLE - 1 }) })
      .map(({ candidate, offset }) => ({
        kind: "book" as const,
        candidate,
        interviewer: (candidate + offset) % PEOPLE,
      })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("cancel" as const),
      pick,
      byInterviewer: fc.boolean(),
      late: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hold" as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("feedback" as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("noShow" as const),
      pick,
      absent: fc.constantFrom("candidate" as const, "interviewer" as const, "both" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("dispute" as const),
      pick,
      byInterviewer: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("resolve" as const), pick, payout: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sweep" as const) }) },
);

type ModelState = "scheduled" | "completed" | "pending" | "disputed" | "released" | "paid";
interface ModelSession {
  id: string;
  candidate: Person;
  interviewer: Person;
  price: number;
  startsAt: Date;
  endsAt: Date;
  state: ModelState;
  /** While pending or disputed: the way a closed window would settle it. */
  pendingOutcome?: "release" | "payout";
}

class Model {
  balance: number[];
  owed: number[];
  sessions: ModelSession[] = [];
  constructor(start: number[]) {
    this.balance = [...start];
    this.owed = start.map(() => 0);
  }
  credit(who: Person, amount: number) {
    const repay = repaymentOf(this.owed[who]!, amount);
    this.owed[who]! -= repay;
    this.balance[who]! += amount - repay;
  }
  takeBack(who: Person, amount: number) {
    const { debit, owed } = splitDebit(this.balance[who]!, amount);
    this.balance[who]! -= debit;
    this.owed[who]! += owed;
  }
  settle(s: ModelSession, outcome: "release" | "payout") {
    s.state = outcome === "release" ? "released" : "paid";
    this.credit(outcome === "release" ? s.candidate : s.interviewer, s.price);
  }
  inState(states: ModelState[], n: number): ModelSession | undefined {
    const matching = this.sessions.filter((s) => states.includes(s.state));
    return matching.length === 0 ? undefined : matching[n % matching.length];
  }
}

describe("the credit model", () => {
  it(`agrees with the database over ${OPERATIONS} random operations`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const p = await createAvailableUser(`Model ${i}`);
      await offerToInterview(p.id, "coding", "L7");
      ids.push(p.id);
    }
    const start = await Promise.all(ids.map(async (id) => (await getAccount(getDb(), id)).balance));
    const dims = await dimensionsOf("coding");
    const card = scorecardPayload(dims);
    const [coding] = await getDb()
      .execute(sql`select r.id, l.rank from rounds r, levels l
      join loops lo on lo.id = l.loop_id where r.slug = 'coding' and l.code = 'L5' and lo.slug = ${LOOP}`)
      .then((r) => ((r as { rows?: unknown[] }).rows ?? r) as { id: number; rank: number }[]);
    const quote = () =>
      quoteOneWayPrice({ roundId: Number(coding!.id), targetLevelRank: Number(coding!.rank) });

    let bookings = 0;
    let reference = 0;
    const counts: Record<string, number> = {};
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: OPERATIONS, maxLength: OPERATIONS }),
        async (ops) => {
          const model = new Model(start);
          for (const [step, op] of ops.entries()) {
            counts[op.kind] = (counts[op.kind] ?? 0) + 1;
            await apply(op, model);
            const check = await ledgerAddsUp();
            if (check.mismatched !== 0 || check.negative !== 0) {
              throw new Error(`step ${step} (${JSON.stringify(op)}): ${JSON.stringify(check)}`);
            }
          }
          // The end state: every person, every escrow.
          for (const [i, id] of ids.entries()) {
            const account = await getAccount(getDb(), id);
            expect(account, `person ${i}`).toEqual({
              balance: model.balance[i],
              owed: model.owed[i],
            });
          }
          const escrows = await getDb()
            .select({ sessionId: sessionEscrows.sessionId, state: sessionEscrows.state })
            .from(sessionEscrows);
          const expected = new Map<ModelState, string>([
            ["scheduled", "held"],
            ["completed", "held"],
            ["pending", "no_show_pending"],
            ["disputed", "disputed"],
            ["released", "released"],
            ["paid", "paid"],
          ]);
          expect(escrows.length).toBe(model.sessions.length);
          for (const s of model.sessions) {
            expect(escrows.find((e) => e.sessionId === s.id)?.state, s.id).toBe(
              expected.get(s.state),
            );
          }
        },
      ),
      { numRuns: 1, endOnFailure: true },
    );
    const ms = Math.round(performance.now() - started);
    console.log(
      `credit model: ${OPERATIONS} operations (${bookings} one-way bookings) in ${ms} ms on ${usingPostgres ? "PostgreSQL" : "PGlite"}; ${JSON.stringify(counts)}`,
    );

    async function apply(op: Op, model: Model) {
      const db = getDb();
      switch (op.kind) {
        case "grant":
        case "buy": {
          await db.transaction((tx) =>
            postEntry(tx, {
              userId: ids[op.who]!,
              amount: op.amount,
              reason: op.kind === "grant" ? "admin_grant" : "purchase",
              reference: `model:${op.kind}:${reference++}`,
            }),
          );
          model.credit(op.who, op.amount);
          return;
        }
        case "refund":
        case "chargeback": {
          await db.transaction((tx) =>
            takeBack(tx, {
              userId: ids[op.who]!,
              amount: op.amount,
              reason: op.kind === "refund" ? "purchase_refund" : "purchase_dispute",
              reference: `model:${op.kind}:${reference++}`,
            }),
          );
          model.takeBack(op.who, op.amount);
          return;
        }
        case "book": {
          const k = bookings++;
          const now = new Date(BASE + 2 * HOUR * k);
          const start = new Date(now.getTime() + 48 * HOUR);
          const price = await quote();
          const result = await bookSuggestedMock(
            ids[op.candidate]!,
            {
              loopSlug: LOOP,
              roundSlug: "coding",
              levelCode: "L5",
              format: "one_way",
              peerId: ids[op.interviewer]!,
              start,
              idempotencyKey: randomUUID(),
              expectedPrice: price,
            },
            now,
          );
          if (model.balance[op.candidate]! < price) {
            expect(result).toEqual({ ok: false, error: "insufficient_credits" });
            return;
          }
          if (!result.ok) throw new Error(`booking ${k} refused: ${result.error}`);
          const [row] = await db
            .select({ endsAt: mockSessions.endsAt })
            .from(mockSessions)
            .where(eq(mockSessions.id, result.sessionId));
          model.balance[op.candidate]! -= price;
          model.sessions.push({
            id: result.sessionId,
            candidate: op.candidate,
            interviewer: op.interviewer,
            price,
            startsAt: start,
            endsAt: row!.endsAt,
            state: "scheduled",
          });
          return;
        }
        case "cancel": {
          const s = model.inState(["scheduled"], op.pick);
          if (!s) return;
          const by = op.byInterviewer ? s.interviewer : s.candidate;
          const now = new Date(s.startsAt.getTime() - (op.late ? 2 : 30) * HOUR);
          const result = await cancelSession({ userId: ids[by]!, sessionId: s.id, now });
          expect(result).toEqual({ ok: true, late: op.late });
          model.settle(s, op.late && !op.byInterviewer ? "payout" : "release");
          return;
        }
        case "hold": {
          const s = model.inState(["scheduled"], op.pick);
          if (!s) return;
          expect(await transitionSession(s.id, "scheduled", "in_progress")).toBe(true);
          expect(await transitionSession(s.id, "in_progress", "completed")).toBe(true);
          s.state = "completed";
          return;
        }
        case "feedback": {
          const s = model.inState(["completed"], op.pick);
          if (!s) return;
          const result = await submitFeedback(
            s.id,
            1,
            ids[s.interviewer]!,
            card,
            new Date(s.endsAt.getTime() + HOUR),
          );
          expect(result.ok).toBe(true);
          model.settle(s, "payout");
          return;
        }
        case "noShow": {
          const s = model.inState(["scheduled"], op.pick);
          if (!s) return;
          const absent =
            op.absent === "both"
              ? [ids[s.candidate]!, ids[s.interviewer]!]
              : [ids[op.absent === "candidate" ? s.candidate : s.interviewer]!];
          expect(await transitionSession(s.id, "scheduled", "no_show")).toBe(true);
          const opened = await db.transaction((tx) =>
            openNoShowWindow(tx, {
              sessionId: s.id,
              absentUserIds: absent,
              now: new Date(s.startsAt.getTime() + 11 * 60_000),
            }),
          );
          expect(opened).toBe(true);
          s.state = "pending";
          s.pendingOutcome = op.absent === "candidate" ? "payout" : "release";
          return;
        }
        case "dispute": {
          const s = model.inState(["pending"], op.pick);
          if (!s) return;
          const result = await disputeNoShow({
            sessionId: s.id,
            userId: ids[op.byInterviewer ? s.interviewer : s.candidate]!,
            reason: "It did not happen that way.",
            now: new Date(s.startsAt.getTime() + HOUR),
          });
          expect(result).toEqual({ ok: true });
          s.state = "disputed";
          return;
        }
        case "resolve": {
          const s = model.inState(["disputed"], op.pick);
          if (!s) return;
          const outcome = op.payout ? "payout" : "release";
          expect(
            await resolveDispute({ sessionId: s.id, adminId: ids[0]!, outcome, note: null }),
          ).toEqual({ ok: true });
          model.settle(s, outcome);
          return;
        }
        case "sweep": {
          // Far enough ahead that every dispute window and scorecard window has closed.
          await sweepEscrows(new Date(BASE + 10 * 365 * 24 * HOUR));
          for (const s of model.sessions) {
            if (s.state === "pending") model.settle(s, s.pendingOutcome!);
            else if (s.state === "completed") model.settle(s, "release");
          }
          return;
        }
      }
    }
  }, 1_800_000);
});
