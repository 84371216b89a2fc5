import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  feedback,
  feedbackReveals,
  loops,
  mockSessions,
  rounds,
  type SessionStatus,
  sessionParticipants,
} from "#db/schema";
import { getRequest, proposeForRequest } from "~/modules/booking/requests.server";
import { EMPTY_RECORD, qualityScore } from "~/modules/feedback/record";
import { loadPersonRecords } from "~/modules/feedback/record.server";
import { loadPeerStats } from "~/modules/matching/matching.server";
import {
  createAvailableUser,
  LOOP,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";

setupFreshDatabase();

const HOUR = 60 * 60 * 1000;
const BASE = Date.parse("2026-01-05T09:00:00Z");
let loopId: number;
let roundId: number;
// Each session gets its own hour, so no one is ever in two overlapping active sessions.
let slot = 0;

beforeAll(async () => {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP));
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, "coding"));
  loopId = loop!.id;
  roundId = round!.id;
});

interface SessionSpec {
  status: SessionStatus;
  cancelledBy?: string;
  lateCancel?: boolean;
  noShowUserIds?: string[];
}

/** A one-way session between two people, inserted as it would stand after the fact. */
async function insertSession(interviewer: string, candidate: string, spec: SessionSpec) {
  const db = getDb();
  const startsAt = new Date(BASE + 2 * HOUR * slot++);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const cancelled = spec.status === "cancelled";
  const [session] = await db
    .insert(mockSessions)
    .values({
      loopId,
      roundId,
      format: "one_way",
      startsAt,
      endsAt,
      status: spec.status,
      bookedBy: candidate,
      idempotencyKey: randomUUID(),
      cancelledBy: cancelled ? (spec.cancelledBy ?? candidate) : null,
      cancelledAt: cancelled ? new Date(startsAt.getTime() - HOUR) : null,
      lateCancel: spec.lateCancel ?? false,
      noShowUserIds: spec.noShowUserIds ?? null,
    })
    .returning({ id: mockSessions.id });
  const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
  const active = spec.status === "completed" || spec.status === "scheduled";
  await db.insert(sessionParticipants).values([
    { sessionId: session!.id, userId: interviewer, role: "interviewer", during, active },
    { sessionId: session!.id, userId: candidate, role: "candidate", during, active },
  ]);
  return session!.id;
}

async function rate(
  sessionId: string,
  authorId: string,
  recipientId: string,
  stars: [number, number, number],
  again: boolean,
) {
  await getDb().insert(feedback).values({
    sessionId,
    half: 1,
    kind: "rating",
    authorId,
    recipientId,
    roundId,
    preparation: stars[0],
    helpfulness: stars[1],
    clarity: stars[2],
    wouldPractiseAgain: again,
  });
}

async function reveal(sessionId: string) {
  await getDb().insert(feedbackReveals).values({ sessionId, half: 1, reason: "both_submitted" });
}

describe("loadPersonRecords", () => {
  it("counts a rating only once its session is revealed", async () => {
    const interviewer = await createUser({ name: "Rated Interviewer" });
    const candidate = await createUser({ name: "Rating Candidate" });
    const revealed = await insertSession(interviewer.id, candidate.id, { status: "completed" });
    const hidden = await insertSession(interviewer.id, candidate.id, { status: "completed" });
    await rate(revealed, candidate.id, interviewer.id, [5, 4, 3], true);
    await rate(hidden, candidate.id, interviewer.id, [1, 1, 1], false);

    const before = await loadPersonRecords([interviewer.id]);
    expect(before.get(interviewer.id)).toEqual({ ...EMPTY_RECORD, held: 2, reliability: 1 });

    await reveal(revealed);
    const after = (await loadPersonRecords([interviewer.id])).get(interviewer.id)!;
    expect(after.ratings).toEqual({
      count: 1,
      preparation: 5,
      helpfulness: 4,
      clarity: 3,
      average: 4,
      wouldPractiseAgainShare: 1,
    });

    await reveal(hidden);
    const both = (await loadPersonRecords([interviewer.id])).get(interviewer.id)!;
    expect(both.ratings?.count).toBe(2);
    expect(both.ratings?.average).toBe(2.5);
    expect(both.ratings?.wouldPractiseAgainShare).toBe(0.5);
  });

  it("counts only ratings received, not ratings given", async () => {
    const a = await createUser({ name: "Giver" });
    const b = await createUser({ name: "Receiver" });
    const session = await insertSession(a.id, b.id, { status: "completed" });
    await rate(session, a.id, b.id, [5, 5, 5], true);
    await reveal(session);
    const records = await loadPersonRecords([a.id, b.id]);
    expect(records.get(a.id)?.ratings).toBeNull();
    expect(records.get(b.id)?.ratings?.count).toBe(1);
  });

  it("lowers reliability for the person's own no-shows and late cancels only", async () => {
    const flaky = await createUser({ name: "Flaky" });
    const partner = await createUser({ name: "Partner" });
    for (let k = 0; k < 3; k++) {
      await insertSession(flaky.id, partner.id, { status: "completed" });
    }
    await insertSession(flaky.id, partner.id, { status: "no_show", noShowUserIds: [flaky.id] });
    await insertSession(flaky.id, partner.id, {
      status: "cancelled",
      cancelledBy: flaky.id,
      lateCancel: true,
    });
    // Neither an early cancel nor a late one by the partner is held against Flaky.
    await insertSession(flaky.id, partner.id, { status: "cancelled", cancelledBy: flaky.id });
    await insertSession(flaky.id, partner.id, {
      status: "cancelled",
      cancelledBy: partner.id,
      lateCancel: true,
    });
    // Scheduled sessions are not history yet.
    await insertSession(flaky.id, partner.id, { status: "scheduled" });

    const records = await loadPersonRecords([flaky.id, partner.id]);
    expect(records.get(flaky.id)).toEqual({
      held: 3,
      noShows: 1,
      lateCancels: 1,
      reliability: 0.6,
      ratings: null,
    });
    expect(records.get(partner.id)).toEqual({
      held: 3,
      noShows: 0,
      lateCancels: 1,
      reliability: 0.75,
      ratings: null,
    });
  });

  it("gives an empty record to people without history, and nothing for nobody", async () => {
    const newcomer = await createUser({ name: "Newcomer" });
    const records = await loadPersonRecords([newcomer.id, newcomer.id]);
    expect([...records]).toEqual([[newcomer.id, EMPTY_RECORD]]);
    expect((await loadPersonRecords([])).size).toBe(0);
  });
});

describe("loadPeerStats", () => {
  it("ranks with the record: no-shows in reliability, revealed ratings as quality", async () => {
    const peer = await createUser({ name: "Peer With Record" });
    const requester = await createUser({ name: "Requester" });
    const held = await insertSession(peer.id, requester.id, { status: "completed" });
    await insertSession(peer.id, requester.id, { status: "no_show", noShowUserIds: [peer.id] });
    await rate(held, requester.id, peer.id, [4, 4, 4], true);

    const unrevealed = (await loadPeerStats([peer.id], requester.id)).get(peer.id)!;
    expect(unrevealed.reliability).toBe(0.5);
    expect(unrevealed.quality).toBeNull();
    expect(unrevealed.interviewsGiven).toBe(1);
    expect(unrevealed.interviewsReceived).toBe(0);
    expect(unrevealed.lastSessionWithRequesterAt).not.toBeNull();

    await reveal(held);
    const stats = (await loadPeerStats([peer.id], requester.id)).get(peer.id)!;
    expect(stats.quality).toBe(qualityScore(stats.record));
    expect(stats.quality).toBeCloseTo(0.6 * 0.75 + 0.4, 10);
    expect(stats.record.ratings?.count).toBe(1);
  });
});

describe("proposals", () => {
  it("carry the peer's record for the line under their name", async () => {
    const peer = await createAvailableUser("Proposed Peer");
    await offerToInterview(peer.id, "coding", "L6");
    const me = await createAvailableUser("Proposal Seeker");
    const past = await insertSession(peer.id, me.id, { status: "completed" });
    await rate(past, me.id, peer.id, [5, 5, 4], true);
    await reveal(past);
    const ctx = (await getRequest(await openRequest(me.id, { level: "L5" })))!;
    const [first] = await proposeForRequest(ctx, NOW, { maxProposals: 1 });
    expect(first?.peerId).toBe(peer.id);
    expect(first?.record).toMatchObject({ held: 1, noShows: 0, lateCancels: 0, reliability: 1 });
    expect(first?.record?.ratings?.count).toBe(1);
    expect(first?.reasons).toContain("Rated highly by past partners");
  });
});
