import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import { addOverride } from "~/modules/availability/availability.server";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { buildBooking } from "~/modules/booking/build-booking";
import { getRequest, requestSearch } from "~/modules/booking/requests.server";
import { saveBooking } from "~/modules/booking/save-booking.server";
import {
  isBookableSlot,
  loadPeerStanding,
  loadPeopleFacts,
} from "~/modules/booking/slot-facts.server";
import { validateSlot } from "~/modules/matching/matching.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  grantCredits,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { balanceOf, ledgerAddsUp } from "../support/escrow-fixtures";

// book_session (migration 0014): the locked half of a booking in one call. On the real
// PostgreSQL the racers are real parallel connections; PGlite has one connection, so
// there a smaller form runs (the calls queue, the answers must be the same).

setupFreshDatabase();

const RACERS = usingPostgres ? 24 : 4;

/** Every row a booking writes, for these people: a booking exists whole or not at all. */
async function rowsOfPeople(userIds: string[]) {
  const ids = sql.join(
    userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const result = await getDb().execute(sql`
    select
      (select count(*) from mock_sessions where booked_by in (${ids}))::int as sessions,
      (select count(*) from session_participants p join mock_sessions s on s.id = p.session_id
         where s.booked_by in (${ids}))::int as participants,
      (select count(*) from session_escrows where candidate_id in (${ids}))::int as escrows,
      (select count(*) from credit_entries
         where user_id in (${ids}) and reason = 'escrow_hold')::int as holds,
      (select count(*) from outbox_emails o join mock_sessions s on s.id = o.session_id
         where s.booked_by in (${ids}) and o.kind = 'booked')::int as invites,
      (select count(*) from mock_requests
         where user_id in (${ids}) and status = 'booked')::int as booked_requests`);
  const row = rowsOf<Record<string, number>>(result)[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

async function oneWayCandidates(count: number, credits: number) {
  const people: { id: string; requestId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const person = await createAvailableUser(`Racing candidate ${i}`);
    const balance = await balanceOf(person.id);
    if (balance !== credits) await grantCredits(person.id, credits - balance);
    people.push({ id: person.id, requestId: await openRequest(person.id, { format: "one_way" }) });
  }
  return people;
}

describe("book_session under concurrency", () => {
  it(`${RACERS} candidates book one interviewer's slot at once: one wins, whole`, async () => {
    const interviewer = await createAvailableUser("Sought-after interviewer");
    await offerToInterview(interviewer.id, "coding", "L7");
    const candidates = await oneWayCandidates(RACERS, 5);
    const start = at(30);

    const results = await Promise.all(
      candidates.map((c) =>
        bookProposal({
          userId: c.id,
          requestId: c.requestId,
          peerId: interviewer.id,
          start,
          idempotencyKey: randomUUID(),
          now: NOW,
        }),
      ),
    );

    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(
      Array(RACERS - 1).fill("slot_taken"),
    );
    // The winner's booking is whole; the losers left nothing behind.
    expect(await rowsOfPeople(candidates.map((c) => c.id))).toEqual({
      sessions: 1,
      participants: 2,
      escrows: 1,
      holds: 1,
      invites: 2,
      booked_requests: 1,
    });
    const winner = candidates[results.findIndex((r) => r.ok)]!;
    const [session] = rowsOf<{ price_credits: number }>(
      await getDb().execute(
        sql`select price_credits from mock_sessions where booked_by = ${winner.id}`,
      ),
    );
    const price = Number(session!.price_credits);
    expect(price).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(await balanceOf(c.id)).toBe(c === winner ? 5 - price : 5);
    }
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
  }, 120_000);

  it("direct calls from stale snapshots: the locked re-check refuses all but one", async () => {
    // Every caller validated the slot before anyone booked it (the snapshot step), then
    // all call the function at once: the function alone must keep the calendar right.
    const interviewer = await createAvailableUser("Stale interviewer");
    await offerToInterview(interviewer.id, "coding", "L7");
    const candidates = await oneWayCandidates(RACERS, 3);
    const start = at(50);
    const outcomes = await Promise.all(
      candidates.map(async (c) => {
        const ctx = (await getRequest(c.requestId))!;
        const booking = buildBooking({
          sessionId: randomUUID(),
          request: ctx,
          peerId: interviewer.id,
          start,
          idempotencyKey: randomUUID(),
          priceCredits: 1,
        });
        return saveBooking(getDb(), booking, { now: NOW, newRequest: null, emails: [] });
      }),
    );
    expect(outcomes.filter((o) => o.kind === "booked")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind !== "booked")).toEqual(
      Array(RACERS - 1).fill({ kind: "refused", error: "slot_taken" }),
    );
    const rows = await rowsOfPeople(candidates.map((c) => c.id));
    expect(rows).toMatchObject({ sessions: 1, participants: 2, escrows: 1, holds: 1 });
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
  }, 120_000);

  it("one candidate's parallel bookings never spend more than the balance", async () => {
    const [candidate] = await oneWayCandidates(1, 2);
    const interviewers: string[] = [];
    for (let i = 0; i < RACERS; i++) {
      const person = await createAvailableUser(`Parallel interviewer ${i}`);
      await offerToInterview(person.id, "coding", "L7");
      interviewers.push(person.id);
    }
    // One request per attempt, so only the credits can stop them.
    const requests: string[] = [];
    for (let i = 0; i < RACERS; i++) {
      const ctx = await getRequest(candidate!.requestId);
      requests.push(
        i === 0 ? ctx!.id : await openRequestDirect(candidate!.id, ctx!.loopId, ctx!.roundId),
      );
    }
    const outcomes = await Promise.all(
      interviewers.map(async (peerId, i) => {
        const ctx = (await getRequest(requests[i]!))!;
        return saveBooking(
          getDb(),
          buildBooking({
            sessionId: randomUUID(),
            request: ctx,
            peerId,
            start: at(70 + 2 * i),
            idempotencyKey: randomUUID(),
            priceCredits: 1,
          }),
          { now: NOW, newRequest: null, emails: [] },
        );
      }),
    );
    expect(outcomes.filter((o) => o.kind === "booked")).toHaveLength(2);
    expect(outcomes.filter((o) => o.kind !== "booked")).toEqual(
      Array(RACERS - 2).fill({ kind: "refused", error: "insufficient_credits" }),
    );
    expect(await balanceOf(candidate!.id)).toBe(0);
    expect(await rowsOfPeople([candidate!.id])).toMatchObject({
      sessions: 2,
      participants: 4,
      escrows: 2,
      holds: 2,
    });
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
  }, 120_000);

  it("a double submit books once and answers both with the same session", async () => {
    const interviewer = await createAvailableUser("Double interviewer");
    await offerToInterview(interviewer.id, "coding", "L7");
    const [candidate] = await oneWayCandidates(1, 5);
    const key = randomUUID();
    const submit = () =>
      bookProposal({
        userId: candidate!.id,
        requestId: candidate!.requestId,
        peerId: interviewer.id,
        start: at(90),
        idempotencyKey: key,
        now: NOW,
      });
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => r.ok && r.sessionId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await rowsOfPeople([candidate!.id])).toMatchObject({ sessions: 1, holds: 1 });
  }, 60_000);
});

describe("the booking's snapshot check", () => {
  it("accepts exactly the slots the matcher's validateSlot accepts", async () => {
    // Zones either side of UTC, buffers, a daily cap, notice, a day off, extra hours,
    // existing sessions: the two readings of the rules must agree on every start.
    const candidate = await createAvailableUser("Parity candidate", {
      timeZone: "America/New_York",
      ranges: [{ start: "07:00", end: "23:00" }],
      bufferMinutes: 30,
      maxSessionsPerDay: 2,
      minNoticeHours: 6,
    });
    await grantCredits(candidate.id, 20);
    const interviewers = [
      await createAvailableUser("Parity Kolkata", {
        timeZone: "Asia/Kolkata",
        ranges: [
          { start: "00:00", end: "03:00" },
          { start: "18:00", end: "00:00" },
        ],
        bufferMinutes: 15,
        maxSessionsPerDay: 1,
      }),
      await createAvailableUser("Parity Berlin", {
        timeZone: "Europe/Berlin",
        ranges: [{ start: "09:00", end: "17:00" }],
        minNoticeHours: 30,
      }),
      await createAvailableUser("Parity UTC"),
    ];
    for (const person of interviewers) await offerToInterview(person.id, "coding", "L7");
    await addOverride(interviewers[1]!.id, { date: "2027-03-02", kind: "off" }, NOW);
    await addOverride(
      interviewers[1]!.id,
      { date: "2027-03-03", kind: "extra", start: "20:00", end: "23:30" },
      NOW,
    );
    await bookOneWayAt(candidate.id, interviewers[2]!.id, at(20));
    await bookOneWayAt(candidate.id, interviewers[0]!.id, at(40));
    // A swap pair too: the peer's open swap request decides.
    const swapPeer = await createAvailableUser("Parity swap peer", { bufferMinutes: 45 });
    await openRequest(swapPeer.id, { format: "swap", level: "L6" });
    const oneWay = (await getRequest(await openRequest(candidate.id)))!;
    const swap = (await getRequest(await openRequest(candidate.id, { format: "swap" })))!;

    const starts = Array.from({ length: 56 }, (_, k) => at(4 + 1.5 * k));
    let accepted = 0;
    for (const [ctx, peers] of [
      [oneWay, interviewers.map((p) => p.id).concat(swapPeer.id)],
      [swap, [swapPeer.id, interviewers[2]!.id]],
    ] as const) {
      for (const peerId of peers) {
        const facts = await loadPeopleFacts(getDb(), {
          userIds: [candidate.id, peerId],
          idempotencyKey: randomUUID(),
          requestId: ctx.id,
          now: NOW,
        });
        expect(facts.request).toEqual(ctx);
        const { standing } = await loadPeerStanding(getDb(), ctx, peerId, NOW);
        for (const start of starts) {
          const ours = isBookableSlot(
            ctx,
            facts.people.get(candidate.id),
            facts.people.get(peerId),
            standing,
            start,
            NOW,
          );
          const matcher = await validateSlot(requestSearch(ctx), peerId, start, NOW);
          expect({ peerId, start: start.toISOString(), ours }).toEqual({
            peerId,
            start: start.toISOString(),
            ours: matcher,
          });
          if (ours) accepted++;
        }
      }
    }
    // Both verdicts occur, so the comparison could fail either way.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(6 * starts.length - 20);
  }, 180_000);
});

/** A second open one-way request of the same round (the open-request cap is not the point). */
async function openRequestDirect(userId: string, loopId: number, roundId: number) {
  const [row] = rowsOf<{ id: string }>(
    await getDb().execute(sql`
      insert into mock_requests (user_id, loop_id, round_id, target_level_id, format, expires_at)
      select ${userId}, ${loopId}, ${roundId}, target_level_id, 'one_way', expires_at
      from mock_requests where user_id = ${userId} limit 1
      returning id`),
  );
  return row!.id;
}
