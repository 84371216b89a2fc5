import { and, asc, eq, inArray, isNull, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  creditAccounts,
  creditEntries,
  dimensions,
  feedback,
  feedbackReveals,
  feedbackScores,
  interviewerGrants,
  loops,
  mockSessions,
  padDocuments,
  rounds,
  sessionEscrows,
  sessionParticipants,
  sessionQuestions,
  users,
} from "#db/schema";
import { DEMO_ADMIN_EMAIL, DEMO_PEOPLE, DEMO_USERS, seedDemoData } from "#db/seed/demo-data";
import { DEMO_HISTORY_PLAN, seedDemoHistory } from "#db/seed/demo-history";
import { loadOneWayInterviewers } from "~/modules/credits/qualification.server";
import {
  listFeedbackToWrite,
  loadReceivedScorecards,
  padSnapshot,
} from "~/modules/feedback/feedback.server";
import { setupFreshDatabase } from "../support/database";
import { ledgerAddsUp } from "../support/escrow-fixtures";

setupFreshDatabase();

const HOUR = 60 * 60 * 1000;
const now = new Date();
let firstRun = 0;
let idByEmail = new Map<string, string>();

async function historySessions() {
  return getDb()
    .select({
      id: mockSessions.id,
      key: mockSessions.idempotencyKey,
      status: mockSessions.status,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
    })
    .from(mockSessions)
    .where(like(mockSessions.idempotencyKey, "demo-history:%"))
    .orderBy(asc(mockSessions.startsAt));
}

async function counts() {
  const db = getDb();
  return {
    sessions: (await historySessions()).length,
    feedback: (await db.select({ id: feedback.id }).from(feedback)).length,
    scores: (await db.select({ id: feedbackScores.feedbackId }).from(feedbackScores)).length,
    questions: (await db.select({ id: sessionQuestions.sessionId }).from(sessionQuestions)).length,
    reveals: (await db.select({ id: feedbackReveals.sessionId }).from(feedbackReveals)).length,
  };
}

beforeAll(async () => {
  // seedDemoData ends by calling seedDemoHistory: this run creates the history.
  await seedDemoData(now);
  const rows = await getDb().select({ id: users.id, email: users.email }).from(users);
  idByEmail = new Map(rows.map((r) => [r.email, r.id]));
  firstRun = (await historySessions()).length;
});

describe("the demo history", () => {
  it("creates every planned session, completed and in the past", async () => {
    const sessions = await historySessions();
    expect(firstRun).toBe(DEMO_HISTORY_PLAN.length);
    for (const s of sessions) {
      expect(s.status).toBe("completed");
      expect(s.endsAt.getTime()).toBeLessThanOrEqual(now.getTime() - 2 * HOUR);
      expect(s.startsAt.getTime()).toBeGreaterThan(now.getTime() - 60 * 24 * HOUR);
    }
    const revealed = new Set(
      (
        await getDb()
          .select({ id: feedbackReveals.sessionId, reason: feedbackReveals.reason })
          .from(feedbackReveals)
      )
        .filter((r) => r.reason === "both_submitted")
        .map((r) => r.id),
    );
    for (const s of sessions) {
      if (revealed.has(s.id))
        expect(s.endsAt.getTime()).toBeLessThanOrEqual(now.getTime() - 24 * HOUR);
    }
    expect(revealed.size).toBe(DEMO_HISTORY_PLAN.filter((m) => !m.pending).length);
  });

  it("gives each session a question per half and a pad", async () => {
    const db = getDb();
    const sessions = await historySessions();
    const asked = await db
      .select({ sessionId: sessionQuestions.sessionId, half: sessionQuestions.half })
      .from(sessionQuestions)
      .where(
        inArray(
          sessionQuestions.sessionId,
          sessions.map((s) => s.id),
        ),
      );
    const formats = await db
      .select({ id: mockSessions.id, format: mockSessions.format })
      .from(mockSessions)
      .where(
        inArray(
          mockSessions.id,
          sessions.map((s) => s.id),
        ),
      );
    const halves = formats.reduce((n, s) => n + (s.format === "swap" ? 2 : 1), 0);
    expect(asked).toHaveLength(halves);
    const pads = await db.select({ id: padDocuments.sessionId }).from(padDocuments);
    expect(pads.length).toBeGreaterThanOrEqual(sessions.length);
    const pad = await padSnapshot(sessions[0]!.id);
    expect(pad?.code.length).toBeGreaterThan(20);
    expect(["python", "text"]).toContain(pad?.language);
  });

  it("shows every demo user revealed scorecards that cover their rounds and climb", async () => {
    const db = getDb();
    // The history's loop: another loop may name a round the same way.
    const dims = await db
      .select({ slug: dimensions.slug, round: rounds.slug })
      .from(dimensions)
      .innerJoin(rounds, eq(rounds.id, dimensions.roundId))
      .innerJoin(loops, eq(loops.id, rounds.loopId))
      .where(eq(loops.slug, "databricks-ic"));
    for (const demo of DEMO_USERS) {
      const cards = await loadReceivedScorecards(idByEmail.get(demo.email)!);
      expect(cards.length, demo.email).toBeGreaterThanOrEqual(8);
      const byRound = new Map<string, typeof cards>();
      for (const card of cards)
        byRound.set(card.roundSlug, [...(byRound.get(card.roundSlug) ?? []), card]);
      const charted = [...byRound.values()].filter((series) => series.length >= 3);
      expect(charted.length, demo.email).toBeGreaterThanOrEqual(2);
      for (const card of cards) {
        const expected = dims.filter((d) => d.round === card.roundSlug).map((d) => d.slug);
        expect(card.scores.map((s) => s.slug).sort()).toEqual(expected.sort());
        expect(card.levelCode).toBe(demo.targetLevel);
      }
      for (const series of charted) {
        const mean = (c: (typeof series)[number]) =>
          c.scores.reduce((a, s) => a + s.score, 0) / c.scores.length;
        expect(mean(series.at(-1)!), demo.email).toBeGreaterThan(mean(series[0]!));
      }
      const calls = new Set(cards.map((c) => c.overall));
      expect(calls.size, demo.email).toBeGreaterThanOrEqual(2);
    }
  });

  it("leaves recent unrevealed sessions for the first two demo users", async () => {
    const db = getDb();
    const unrevealed = await db
      .select({ id: mockSessions.id, endsAt: mockSessions.endsAt })
      .from(mockSessions)
      .leftJoin(feedbackReveals, eq(feedbackReveals.sessionId, mockSessions.id))
      .where(
        and(like(mockSessions.idempotencyKey, "demo-history:%"), isNull(feedbackReveals.sessionId)),
      );
    expect(unrevealed).toHaveLength(DEMO_HISTORY_PLAN.filter((m) => m.pending).length);
    for (const s of unrevealed) {
      const ago = now.getTime() - s.endsAt.getTime();
      expect(ago).toBeGreaterThanOrEqual(2 * HOUR);
      expect(ago).toBeLessThanOrEqual(20 * HOUR);
    }
    for (const demo of DEMO_USERS.slice(0, 2)) {
      const me = idByEmail.get(demo.email)!;
      const mine = await db
        .select({ sessionId: sessionParticipants.sessionId })
        .from(sessionParticipants)
        .where(
          and(
            eq(sessionParticipants.userId, me),
            inArray(
              sessionParticipants.sessionId,
              unrevealed.map((s) => s.id),
            ),
          ),
        );
      const authors = await Promise.all(
        mine.map(async ({ sessionId }) =>
          (
            await db
              .select({ authorId: feedback.authorId })
              .from(feedback)
              .where(eq(feedback.sessionId, sessionId))
          ).map((f) => f.authorId),
        ),
      );
      // One session nobody has written on; one where only the peer has (both their pieces).
      expect(
        authors.some((a) => a.length === 0),
        demo.email,
      ).toBe(true);
      expect(
        authors.some((a) => a.length === 2 && a.every((id) => id !== me)),
        demo.email,
      ).toBe(true);
    }
  });

  it("lists that feedback through the app's own query", async () => {
    for (const demo of DEMO_USERS.slice(0, 2)) {
      const pending = await listFeedbackToWrite(idByEmail.get(demo.email)!, now);
      // A swap: a scorecard and a rating each, on the untouched and the waiting session.
      expect(
        pending.filter((p) => !p.peerSubmitted),
        demo.email,
      ).toHaveLength(2);
      expect(
        pending.filter((p) => p.peerSubmitted),
        demo.email,
      ).toHaveLength(2);
      expect(new Set(pending.map((p) => p.kind))).toEqual(new Set(["scorecard", "rating"]));
    }
  });

  it("keeps everyone's sessions apart", async () => {
    const rows = await getDb()
      .select({
        userId: sessionParticipants.userId,
        startsAt: mockSessions.startsAt,
        endsAt: mockSessions.endsAt,
      })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .orderBy(asc(sessionParticipants.userId), asc(mockSessions.startsAt));
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.userId === b.userId)
        expect(b.startsAt.getTime()).toBeGreaterThanOrEqual(a.endsAt.getTime());
    }
  });

  it("adds nothing when run again", async () => {
    const before = await counts();
    expect(await seedDemoHistory(now)).toBe(0);
    expect(await seedDemoHistory(new Date(now.getTime() + 36 * HOUR))).toBe(0);
    await seedDemoData(now);
    expect(await counts()).toEqual(before);
  });

  it("offers one-way mocks: the seed experts are qualified and unpaused, once each", async () => {
    // The history's loop: another loop may name a round the same way.
    const roundRows = await getDb()
      .select({ id: rounds.id, slug: rounds.slug })
      .from(rounds)
      .innerJoin(loops, eq(loops.id, rounds.loopId))
      .where(eq(loops.slug, "databricks-ic"));
    const roundId = (slug: string) => roundRows.find((r) => r.slug === slug)!.id;
    const experts = DEMO_USERS.filter((u) => u.expert).map((u) => idByEmail.get(u.email));
    for (const [slug, rank] of [
      ["coding", 5],
      ["system-design", 6],
      ["hiring-manager", 6],
    ] as const) {
      const people = await loadOneWayInterviewers(getDb(), {
        roundId: roundId(slug),
        targetLevelRank: rank,
      });
      const unpaused = people.filter((p) => p.upToRank !== null).map((p) => p.userId);
      expect(unpaused).toEqual(expect.arrayContaining(experts));
    }
    await seedDemoData(now);
    const live = await getDb()
      .select({ id: interviewerGrants.id })
      .from(interviewerGrants)
      .where(isNull(interviewerGrants.revokedAt));
    const offeredByExperts = DEMO_PEOPLE.filter((u) => u.expert).reduce(
      (n, u) => n + u.interviews.rounds.length,
      0,
    );
    expect(live).toHaveLength(offeredByExperts);
  });
});

describe("the demo users' ledgers", () => {
  it("add up: every balance is its entries' sum, none below zero, one admin", async () => {
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
    const admins = await getDb()
      .select({ email: users.email })
      .from(users)
      .where(eq(users.isAdmin, true));
    expect(admins.map((a) => a.email)).toEqual([DEMO_ADMIN_EMAIL]);
  });

  it("follow the history: each one-way session held its price, and paid it once scored", async () => {
    const db = getDb();
    const oneWay = await db
      .select({
        id: mockSessions.id,
        price: mockSessions.priceCredits,
        escrow: sessionEscrows.state,
        amount: sessionEscrows.amount,
      })
      .from(mockSessions)
      .leftJoin(sessionEscrows, eq(sessionEscrows.sessionId, mockSessions.id))
      .where(
        and(
          like(mockSessions.idempotencyKey, "demo-history:%"),
          eq(mockSessions.format, "one_way"),
        ),
      );
    expect(oneWay.length).toBeGreaterThan(0);
    const scored = new Set(
      (
        await db
          .select({ sessionId: feedback.sessionId })
          .from(feedback)
          .where(eq(feedback.kind, "scorecard"))
      ).map((r) => r.sessionId),
    );
    for (const s of oneWay) {
      expect(s.price, s.id).toBeGreaterThanOrEqual(1);
      expect(s.amount, s.id).toBe(s.price);
      expect(s.escrow, s.id).toBe(scored.has(s.id) ? "paid" : "held");
    }
    expect(oneWay.some((s) => s.escrow === "paid")).toBe(true);
    // Each person: welcome grant + grants + earnings − holds = balance.
    for (const demo of DEMO_USERS) {
      const id = idByEmail.get(demo.email)!;
      const entries = await db
        .select({ reason: creditEntries.reason, amount: creditEntries.amount })
        .from(creditEntries)
        .where(eq(creditEntries.userId, id));
      const [account] = await db.select().from(creditAccounts).where(eq(creditAccounts.userId, id));
      expect(
        entries.some((e) => e.reason === "welcome_grant"),
        demo.email,
      ).toBe(true);
      expect(account?.balance, demo.email).toBe(entries.reduce((sum, e) => sum + e.amount, 0));
      // Everyone can still try a one-way mock.
      expect(account?.balance, demo.email).toBeGreaterThanOrEqual(3);
    }
  });

  it("are not written twice by a second seeding", async () => {
    const before = await getDb().$count(creditEntries);
    await seedDemoData(now);
    expect(await getDb().$count(creditEntries)).toBe(before);
  });
});
