import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import {
  creditEntries,
  mockOnsiteSessions,
  mockOnsites,
  mockRequests,
  mockSessions,
  outboxEmails,
  sessionEscrows,
  sessionParticipants,
} from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { quoteOneWayPrice } from "~/modules/credits/escrow.server";
import { bookOnsite, type OnsiteSittingChoice } from "~/modules/onsite/book-onsite.server";
import {
  createAvailableUser,
  grantCredits,
  LOOP,
  NOW,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { balanceOf, ledgerAddsUp } from "../support/escrow-fixtures";
import {
  ONSITE_LEVEL,
  ONSITE_TRACK,
  onsitePeers,
  onsiteRounds,
  planDay,
} from "../support/onsite-fixtures";

setupFreshDatabase();

const DAY = "2027-03-03";
const NINE = new Date(`${DAY}T09:00:00Z`);

function book(userId: string, sittings: OnsiteSittingChoice[], key = randomUUID(), date = DAY) {
  return bookOnsite({
    userId,
    loopSlug: LOOP,
    trackSlug: ONSITE_TRACK,
    levelCode: ONSITE_LEVEL,
    date,
    sittings,
    idempotencyKey: key,
    now: NOW,
  });
}

async function candidate(label: string, credits = 20, cap = 12) {
  const user = await createAvailableUser(label, { maxSessionsPerDay: cap });
  await grantCredits(user.id, credits);
  return user.id;
}

/** Everything a day could have written for a person: none of it may survive a refusal. */
async function footprint(userId: string) {
  const db = getDb();
  const [onsites, sessions, requests, entries, emails] = await Promise.all([
    db.$count(mockOnsites, eq(mockOnsites.candidateId, userId)),
    db.$count(mockSessions, eq(mockSessions.bookedBy, userId)),
    db.$count(mockRequests, eq(mockRequests.userId, userId)),
    db.$count(creditEntries, eq(creditEntries.userId, userId)),
    db.$count(outboxEmails, eq(outboxEmails.userId, userId)),
  ]);
  return { onsites, sessions, requests, entries, emails, balance: await balanceOf(userId) };
}

let rounds: Awaited<ReturnType<typeof onsiteRounds>> = [];

beforeAll(async () => {
  rounds = await onsiteRounds();
}, 60_000);

describe("booking a mock onsite", () => {
  it("books every sitting as a one-way mock, in order, in one go", async () => {
    expect(rounds.map((r) => r.slug)).toEqual([
      "coding",
      "coding",
      "spark-deep-dive",
      "ml-system-design",
      "behavioral",
    ]);
    const peers = await onsitePeers(
      "Whole",
      rounds.map((r) => r.slug),
    );
    const me = await candidate("Whole day");
    const before = await balanceOf(me);
    const result = await book(me, planDay(rounds, peers, NINE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sessionIds).toHaveLength(5);

    const db = getDb();
    const links = await db
      .select()
      .from(mockOnsiteSessions)
      .where(eq(mockOnsiteSessions.onsiteId, result.onsiteId))
      .orderBy(mockOnsiteSessions.position);
    expect(links.map((l) => l.sittingKey)).toEqual([
      "coding#1",
      "coding#2",
      "spark-deep-dive#1",
      "ml-system-design#1",
      "behavioral#1",
    ]);
    const sessions = await db
      .select()
      .from(mockSessions)
      .where(inArray(mockSessions.id, result.sessionIds))
      .orderBy(mockSessions.startsAt);
    expect(sessions.map((s) => s.id)).toEqual(links.map((l) => l.sessionId));
    expect(sessions.every((s) => s.format === "one_way" && s.bookedBy === me)).toBe(true);

    // One escrow and one hold per session; the balance paid exactly the day's prices.
    const total = sessions.reduce((sum, s) => sum + s.priceCredits, 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(
      await db.$count(sessionEscrows, inArray(sessionEscrows.sessionId, result.sessionIds)),
    ).toBe(5);
    const holds = await db
      .select()
      .from(creditEntries)
      .where(inArray(creditEntries.sessionId, result.sessionIds));
    expect(holds.map((h) => h.reason)).toEqual(Array(5).fill("escrow_hold"));
    expect(await balanceOf(me)).toBe(before - total);

    // Each session's invites go to its own two people, never to the day's other peers.
    const mail = await db
      .select({ sessionId: outboxEmails.sessionId, userId: outboxEmails.userId })
      .from(outboxEmails)
      .where(inArray(outboxEmails.sessionId, result.sessionIds));
    for (const s of sessions) {
      const people = await db
        .select({ userId: sessionParticipants.userId })
        .from(sessionParticipants)
        .where(eq(sessionParticipants.sessionId, s.id));
      const to = mail.filter((m) => m.sessionId === s.id).map((m) => m.userId);
      expect(new Set(to)).toEqual(new Set(people.map((p) => p.userId)));
    }
  });

  it("returns the same day for a retry or a double submit, booking nothing new", async () => {
    const peers = await onsitePeers(
      "Retry",
      rounds.map((r) => r.slug),
    );
    const me = await candidate("Retry day");
    const day = planDay(rounds, peers, NINE);
    const key = randomUUID();
    const [a, b] = await Promise.all([book(me, day, key), book(me, day, key)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.onsiteId).toBe(b.onsiteId);
    expect([a.replayed, b.replayed].filter(Boolean)).toHaveLength(1);
    const after = await footprint(me);
    const again = await book(me, day, key);
    expect(again).toEqual({
      ok: true,
      onsiteId: a.onsiteId,
      sessionIds: a.sessionIds,
      replayed: true,
    });
    expect(await footprint(me)).toEqual(after);
    expect(after.sessions).toBe(5);
    expect(after.onsites).toBe(1);

    // Another person presenting the same key gets nothing of it.
    const other = await candidate("Key thief");
    expect(await book(other, day, key)).toEqual({ ok: false, error: "idempotency_conflict" });
  });

  it("refuses the whole day when one sitting is refused, and says which", async () => {
    const peers = await onsitePeers(
      "Partial",
      rounds.map((r) => r.slug),
    );
    const me = await candidate("Partial day");
    const day = planDay(rounds, peers, NINE);
    // The Spark interviewer is taken at the third sitting's time by someone else.
    const rival = await candidate("Rival");
    const taken = await bookProposal({
      userId: rival,
      requestId: await openRequest(rival, { round: "spark-deep-dive" }),
      peerId: day[2]!.peerId,
      start: day[2]!.start,
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    expect(taken.ok).toBe(true);
    const before = await footprint(me);
    const result = await book(me, day);
    expect(result).toEqual({
      ok: false,
      error: "slot_taken",
      sitting: { position: 3, roundName: rounds[2]!.name },
    });
    expect(await footprint(me)).toEqual(before);
    expect(before.sessions + before.onsites + before.requests).toBe(0);
    // The other peers were not left holding anything either.
    for (const s of [day[0]!, day[1]!, day[3]!, day[4]!]) {
      expect(
        await getDb().$count(sessionParticipants, eq(sessionParticipants.userId, s.peerId)),
      ).toBe(0);
    }
  });

  it("refuses a day that breaks a rule of the day, before writing anything", async () => {
    const peers = await onsitePeers(
      "Rules",
      rounds.map((r) => r.slug),
      2,
    );
    const me = await candidate("Rules day");
    const good = planDay(rounds, peers, NINE);
    const before = await footprint(me);

    const samePeer = good.map((s, i) => (i === 1 ? { ...s, peerId: good[0]!.peerId } : s));
    expect(await book(me, samePeer)).toEqual({ ok: false, error: "same_peer_twice" });

    const twoDays = good.map((s, i) =>
      i === 4 ? { ...s, start: new Date(s.start.getTime() + 24 * 3600_000) } : s,
    );
    expect(await book(me, twoDays)).toEqual({ ok: false, error: "not_one_day" });

    const overlapping = good.map((s, i) => (i === 1 ? { ...s, start: good[0]!.start } : s));
    expect(await book(me, overlapping)).toEqual({ ok: false, error: "sittings_overlap" });

    const wrongRounds = good.map((s, i) => (i === 4 ? { ...s, roundSlug: "hiring-manager" } : s));
    expect(await book(me, wrongRounds)).toEqual({ ok: false, error: "wrong_sittings" });
    expect(await book(me, good.slice(0, 4))).toEqual({ ok: false, error: "wrong_sittings" });

    expect(await book(me, good, randomUUID(), "2027-03-04")).toEqual({
      ok: false,
      error: "not_one_day",
    });
    expect(
      await bookOnsite({
        userId: me,
        loopSlug: LOOP,
        trackSlug: "no-such-track",
        levelCode: ONSITE_LEVEL,
        date: DAY,
        sittings: good,
        idempotencyKey: randomUUID(),
        now: NOW,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    // A price that changed since the page was shown is refused for its sitting.
    const stale = good.map((s, i) => (i === 3 ? { ...s, expectedPrice: 9 } : s));
    expect(await book(me, stale)).toMatchObject({
      ok: false,
      error: "price_changed",
      sitting: { position: 4 },
    });
    expect(await footprint(me)).toEqual(before);
  });

  it("counts the candidate's cap and buffer against their other sessions, not the day's own", async () => {
    const peers = await onsitePeers(
      "Cap",
      rounds.map((r) => r.slug),
      2,
    );
    // A cap of 2 and a 45-minute buffer: the day's five rounds, 15 minutes apart (off the
    // half-hour grid, as the matcher lays a day out), still fit.
    const capped = await createAvailableUser("Capped", {
      maxSessionsPerDay: 2,
      bufferMinutes: 45,
    });
    await grantCredits(capped.id, 20);
    const day = planDay(rounds, peers, NINE, 75);
    const booked = await book(capped.id, day);
    expect(booked.ok).toBe(true);
    // The next day already holds two sessions of theirs: its onsite is over the cap.
    const busy = await createAvailableUser("Busy", { maxSessionsPerDay: 2 });
    await grantCredits(busy.id, 20);
    const next = planDay(
      rounds,
      peers,
      new Date(NINE.getTime() + 24 * 3600_000),
      90,
      (_s, n, ids) => ids[ids.length - 1 - n]!,
    );
    for (const hour of [6, 7]) {
      const taken = await bookProposal({
        userId: busy.id,
        requestId: await openRequest(busy.id, { round: "coding" }),
        peerId: peers.get("coding")![0]!,
        start: new Date(`2027-03-04T0${hour}:00:00Z`),
        idempotencyKey: randomUUID(),
        now: NOW,
      });
      expect(taken.ok).toBe(true);
    }
    const before = await footprint(busy.id);
    expect(await book(busy.id, next, randomUUID(), "2027-03-04")).toMatchObject({
      ok: false,
      error: "slot_taken",
      sitting: { position: 1 },
    });
    expect(await footprint(busy.id)).toEqual(before);
  });

  it("refuses a day the balance cannot cover whole, though it covers some sittings", async () => {
    const peers = await onsitePeers(
      "Poor",
      rounds.map((r) => r.slug),
    );
    const user = await createAvailableUser("Poor day", { maxSessionsPerDay: 12 });
    const day = planDay(rounds, peers, NINE);
    // Exactly what the day costs, less one credit: enough for its first sittings.
    const prices = await Promise.all(
      rounds.map((r) => quoteOneWayPrice({ roundId: r.id, targetLevelRank: 4 })),
    );
    const total = prices.reduce((a, b) => a + b, 0);
    const start = await balanceOf(user.id);
    await grantCredits(user.id, Math.max(0, total - 1 - start));
    expect(await balanceOf(user.id)).toBe(total - 1);
    const before = await footprint(user.id);
    expect(await book(user.id, day)).toEqual({ ok: false, error: "day_insufficient_credits" });
    expect(await footprint(user.id)).toEqual(before);
  });
});

// 32 days requested at once over a small pool of peers: many share a peer at the same
// hour, so most must lose, and each must lose whole. PGlite has one connection and
// serialises them, which rehearses the logic but proves nothing about locks: there the
// race runs with 8.
const RACERS = usingPostgres ? 32 : 8;

describe(`${RACERS} onsite days racing for overlapping peers`, () => {
  it("books each day whole or not at all, nobody twice, credits once per session", async () => {
    const slugs = rounds.map((r) => r.slug);
    const peers = await onsitePeers("Race", slugs, 3);
    const racers: string[] = [];
    for (let i = 0; i < RACERS; i++) racers.push(await candidate(`Racer ${i}`, 30));
    const balancesBefore = await Promise.all(racers.map(balanceOf));

    // Four start times half an hour apart and random peers: days collide on some sittings only.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const days = racers.map((_, i) => {
      const first = new Date(NINE.getTime() + (i % 4) * 30 * 60_000);
      return planDay(rounds, peers, first, 90, (slug, nth, ids) => {
        // A repeated round takes distinct peers: the nth sitting picks from its half.
        const half = ids.length / slugs.filter((s) => s === slug).length;
        return ids[nth * half + Math.floor(random() * half)]!;
      });
    });
    const settled = await Promise.allSettled(racers.map((id, i) => book(id, days[i]!)));
    // No error escapes (a deadlock would surface here as a rejection, i.e. a 500).
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    const results = settled.map((s) => (s.status === "fulfilled" ? s.value : null)!);
    const winners = results.filter((r) => r.ok);
    expect(winners.length).toBeGreaterThan(0);
    expect(winners.length).toBeLessThan(RACERS);
    // Every lock is taken up front in one order: no deadlock, so no "busy" either.
    for (const r of results) if (!r.ok) expect(r.error).toBe("slot_taken");
    if (process.env.ONSITE_RACE_REPORT)
      console.info(`onsite race: ${winners.length}/${RACERS} days booked`);

    const db = getDb();
    for (const [i, id] of racers.entries()) {
      const r = results[i]!;
      const sessions = await db.select().from(mockSessions).where(eq(mockSessions.bookedBy, id));
      // All or nothing, per day.
      expect(sessions.length).toBe(r.ok ? 5 : 0);
      const paid = sessions.reduce((sum, s) => sum + s.priceCredits, 0);
      expect(await balanceOf(id)).toBe(balancesBefore[i]! - paid);
      if (!r.ok) expect(await db.$count(mockRequests, eq(mockRequests.userId, id))).toBe(0);
    }
    // Nobody in two overlapping active sessions.
    const overlaps = await db.execute(sql`
      select count(*)::int as n from session_participants a
      join session_participants b
        on a.user_id = b.user_id and a.session_id < b.session_id and a.during && b.during
      where a.active and b.active`);
    expect(Number(rowsOf<{ n: number }>(overlaps)[0]?.n)).toBe(0);
    // One escrow and one hold per session booked, and the ledger adds up.
    const booked = winners.flatMap((w) => (w.ok ? w.sessionIds : []));
    expect(booked).toHaveLength(winners.length * 5);
    expect(await db.$count(sessionEscrows, inArray(sessionEscrows.sessionId, booked))).toBe(
      booked.length,
    );
    expect(
      await db.$count(
        creditEntries,
        sql`${inArray(creditEntries.sessionId, booked)} and ${creditEntries.reason} = 'escrow_hold'`,
      ),
    ).toBe(booked.length);
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
    expect(await db.$count(mockOnsites, inArray(mockOnsites.candidateId, racers))).toBe(
      winners.length,
    );
  }, 600_000);
});
