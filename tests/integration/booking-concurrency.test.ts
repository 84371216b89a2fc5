import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import { mockSessions, sessionParticipants } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { MAX_OPEN_REQUESTS } from "~/modules/booking/policy";
import { cancelRequest, createRequest, listOpenRequests } from "~/modules/booking/requests.server";
import { transitionSession } from "~/modules/booking/transition-session.server";
import {
  at,
  createAvailableUser,
  grantCredits,
  LOOP,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";

setupFreshDatabase();

// The real proof needs real connections: 64 transactions in flight at once. PGlite has
// one connection and serialises them, so there the race is rehearsed a few times only.
// 20 rounds in the normal suite; 50 with LONG_TESTS=1 (`npm run test:long`).
const ROUNDS = usingPostgres ? (process.env.LONG_TESTS === "1" ? 50 : 20) : 3;
const CONTENDERS = 64;

describe("racing bookings for one slot", () => {
  let peerId = "";
  let requesters: string[] = [];

  beforeAll(async () => {
    const peer = await createAvailableUser("Popular Peer", { maxSessionsPerDay: 12 });
    await offerToInterview(peer.id, "coding", "L7");
    peerId = peer.id;
    requesters = [];
    for (let i = 0; i < CONTENDERS; i++) {
      const contender = await createAvailableUser(`Contender ${i}`, { maxSessionsPerDay: 12 });
      // Enough credits for every round: this race is about the slot, not the balance.
      await grantCredits(contender.id, 3 * ROUNDS);
      requesters.push(contender.id);
    }
  }, 180_000);

  it(`lets exactly one of ${CONTENDERS} win, ${ROUNDS} times over`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Distinct, non-overlapping hours: day (round % 10), one of five two-hour steps.
      const start = at(24 * (1 + (round % 10)) + 2 * Math.floor(round / 10));
      const requestIds = await Promise.all(requesters.map((id) => openRequest(id)));
      const results = await Promise.all(
        requesters.map((userId, i) =>
          bookProposal({
            userId,
            requestId: requestIds[i]!,
            peerId,
            start,
            idempotencyKey: randomUUID(),
            now: NOW,
          }),
        ),
      );
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(
        losers.every((r) => !r.ok && r.error === "slot_taken"),
        `round ${round}`,
      ).toBe(true);
      // Losers withdraw their requests, as people would: each may hold only a few open.
      await Promise.all(requesters.map((userId, i) => cancelRequest(userId, requestIds[i]!)));
    }
    // And the database agrees: the peer holds exactly ROUNDS active sessions, none overlapping.
    const overlaps = await getDb().execute(sql`
      select count(*)::int as n from session_participants a
      join session_participants b
        on a.user_id = b.user_id and a.session_id < b.session_id and a.during && b.during
      where a.active and b.active`);
    expect(Number(rowsOf<{ n: number }>(overlaps)[0]?.n)).toBe(0);
    expect(
      await getDb().$count(
        sessionParticipants,
        sql`${sessionParticipants.userId} = ${peerId} and ${sessionParticipants.active}`,
      ),
    ).toBe(ROUNDS);
  }, 600_000);
});

describe("idempotency and compare-and-swap", () => {
  it("books once for a double submit with one key", async () => {
    const peer = await createAvailableUser("Idem Peer");
    await offerToInterview(peer.id, "coding", "L7");
    const me = await createAvailableUser("Idem Me");
    const requestId = await openRequest(me.id);
    const key = randomUUID();
    const book = () =>
      bookProposal({
        userId: me.id,
        requestId,
        peerId: peer.id,
        start: at(30),
        idempotencyKey: key,
        now: NOW,
      });
    const [a, b] = await Promise.all([book(), book()]);
    const third = await book();
    expect(a.ok && b.ok && third.ok).toBe(true);
    if (!a.ok || !b.ok || !third.ok) return;
    expect(new Set([a.sessionId, b.sessionId, third.sessionId]).size).toBe(1);
    expect([a.replayed, b.replayed].filter(Boolean)).toHaveLength(1);
    expect(third.replayed).toBe(true);
    expect(await getDb().$count(mockSessions, eq(mockSessions.idempotencyKey, key))).toBe(1);
  });

  it("refuses someone else's idempotency key", async () => {
    const peer = await createAvailableUser("Key Peer");
    await offerToInterview(peer.id, "coding", "L7");
    const alice = await createAvailableUser("Key Alice");
    const mallory = await createAvailableUser("Key Mallory");
    const key = randomUUID();
    const first = await bookProposal({
      userId: alice.id,
      requestId: await openRequest(alice.id),
      peerId: peer.id,
      start: at(50),
      idempotencyKey: key,
      now: NOW,
    });
    expect(first.ok).toBe(true);
    const stolen = await bookProposal({
      userId: mallory.id,
      requestId: await openRequest(mallory.id),
      peerId: peer.id,
      start: at(52),
      idempotencyKey: key,
      now: NOW,
    });
    expect(stolen).toEqual({ ok: false, error: "idempotency_conflict" });
  });

  async function bookedSession(label: string, hoursAhead: number) {
    const peer = await createAvailableUser(`${label} peer`);
    await offerToInterview(peer.id, "coding", "L7");
    const me = await createAvailableUser(`${label} me`);
    const result = await bookProposal({
      userId: me.id,
      requestId: await openRequest(me.id),
      peerId: peer.id,
      start: at(hoursAhead),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    if (!result.ok) throw new Error(result.error);
    return { sessionId: result.sessionId, me: me.id, peer: peer.id };
  }

  it("lets exactly one of two racing cancels win", async () => {
    for (let i = 0; i < 10; i++) {
      const s = await bookedSession(`cancel-race-${i}`, 72 + i * 3);
      const [a, b] = await Promise.all([
        cancelSession({ userId: s.me, sessionId: s.sessionId, now: NOW }),
        cancelSession({ userId: s.peer, sessionId: s.sessionId, now: NOW }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const loser = a.ok ? b : a;
      expect(loser).toEqual({ ok: false, error: "not_cancellable" });
      const [row] = await getDb()
        .select()
        .from(mockSessions)
        .where(eq(mockSessions.id, s.sessionId));
      expect(row?.status).toBe("cancelled");
      expect(row?.icsSequence).toBe(1);
    }
  });

  it("lets exactly one of cancel and start win", async () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const s = await bookedSession(`cancel-start-${i}`, 110 + i * 3);
      const [cancelled, started] = await Promise.all([
        cancelSession({ userId: s.me, sessionId: s.sessionId, now: NOW }),
        transitionSession(s.sessionId, "scheduled", "in_progress"),
      ]);
      expect(Number(cancelled.ok) + Number(started)).toBe(1);
      const [row] = await getDb()
        .select()
        .from(mockSessions)
        .where(eq(mockSessions.id, s.sessionId));
      expect(row?.status).toBe(cancelled.ok ? "cancelled" : "in_progress");
      outcomes.add(row!.status);
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe("the database itself", () => {
  it("holds the exclusion constraint on participants", async () => {
    const result = await getDb().execute(sql`
      select conname, contype, pg_get_constraintdef(oid) as def
      from pg_constraint where conname = 'session_participants_no_overlap'`);
    const rows = rowsOf<{ contype: string; def: string }>(result);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contype).toBe("x");
    expect(rows[0]!.def).toMatch(
      /EXCLUDE USING gist \(user_id WITH =, during WITH &&\) WHERE \(active\)/,
    );
  });

  it("refuses overlapping active rows written directly, and allows inactive ones", async () => {
    const s = await (async () => {
      const peer = await createAvailableUser("Raw peer");
      await offerToInterview(peer.id, "coding", "L7");
      const me = await createAvailableUser("Raw me");
      const r = await bookProposal({
        userId: me.id,
        requestId: await openRequest(me.id),
        peerId: peer.id,
        start: at(200),
        idempotencyKey: randomUUID(),
        now: NOW,
      });
      if (!r.ok) throw new Error(r.error);
      return { sessionId: r.sessionId, me: me.id };
    })();
    const [session] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, s.sessionId));
    const [other] = await getDb()
      .insert(mockSessions)
      .values({
        loopId: session!.loopId,
        roundId: session!.roundId,
        format: "one_way",
        startsAt: at(200.5),
        endsAt: at(201.5),
        bookedBy: s.me,
        idempotencyKey: randomUUID(),
      })
      .returning();
    const overlapping = `[${at(200.5).toISOString()},${at(201.5).toISOString()})`;
    const error = await getDb()
      .insert(sessionParticipants)
      .values({ sessionId: other!.id, userId: s.me, role: "candidate", during: overlapping })
      .catch((err: unknown) => err);
    const { pgErrorCode } = await import("#db/errors");
    expect(pgErrorCode(error)).toBe("23P01");
    await getDb().insert(sessionParticipants).values({
      sessionId: other!.id,
      userId: s.me,
      role: "candidate",
      during: overlapping,
      active: false,
    });
  });
});

describe("open requests per person", () => {
  it(`keeps at most ${MAX_OPEN_REQUESTS} open however many are sent at once`, async () => {
    const me = await createAvailableUser("Eager Requester");
    const attempts = 3 * MAX_OPEN_REQUESTS;
    const results = await Promise.all(
      Array.from({ length: attempts }, () =>
        createRequest(
          me.id,
          { loopSlug: LOOP, roundSlug: "coding", levelCode: "L5", format: "swap", horizonDays: 14 },
          NOW,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_OPEN_REQUESTS);
    expect(results.filter((r) => !r.ok && r.error === "too_many_requests")).toHaveLength(
      attempts - MAX_OPEN_REQUESTS,
    );
    expect(await listOpenRequests(me.id, NOW)).toHaveLength(MAX_OPEN_REQUESTS);
    // Closing one makes room for exactly one more.
    const first = results.find((r) => r.ok);
    await cancelRequest(me.id, first!.ok ? first!.requestId : "");
    const again = await Promise.all(
      [1, 2].map(() =>
        createRequest(
          me.id,
          { loopSlug: LOOP, roundSlug: "coding", levelCode: "L5", format: "swap", horizonDays: 14 },
          NOW,
        ),
      ),
    );
    expect(again.filter((r) => r.ok)).toHaveLength(1);
  });
});
