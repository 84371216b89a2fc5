import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SHIPPED_LOOPS } from "#db/catalog/seed-catalog";
import { SHIPPED_QUESTION_BANKS } from "#db/catalog/seed-questions";
import { getDb } from "#db/client";
import { dimensions, feedbackScores, loops, mockSessions, questions, rounds } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { createRequest, getRequest, proposeForRequest } from "~/modules/booking/requests.server";
import { getLoopCatalog } from "~/modules/catalog/catalog.server";
import { loopShapeAt } from "~/modules/catalog/loop-shape";
import { loadReceivedScorecards, submitFeedback } from "~/modules/feedback/feedback.server";
import { getProgress } from "~/modules/feedback/progress.server";
import { makeProfileSchema } from "~/modules/identity/profile";
import { getProfileOptions, getTarget, saveProfile } from "~/modules/identity/profile.server";
import { getInterviewerKit, getRoomAccess, syncRoom } from "~/modules/sessions/room.server";
import {
  at,
  createAvailableUser,
  grantCredits,
  NOW,
  offerToInterview,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { RATING_PAYLOAD } from "../support/feedback-fixtures";

// Loops are data (decision 0027): the second shipped loop walks through every feature
// (catalog, profile, loop shape, requests, matching, booking, the room's kit, scorecards,
// readiness) with nothing in the app that names it. The test names it only to pick it out
// of the data, and reads every expectation from the same data.

setupFreshDatabase();

const SLUG = "bigtech-swe";
const definition = SHIPPED_LOOPS.find((l) => l.slug === SLUG)!;
const bank = SHIPPED_QUESTION_BANKS.find((b) => b.loopSlug === SLUG)!;
const rankOf = (code: string) => definition.levels.find((l) => l.code === code)!.rank;
const MINUTE = 60_000;

/** A profile for the second loop, through the same schema the profile form uses. */
async function profileInput(fields: Record<string, unknown>) {
  const schema = makeProfileSchema(await getProfileOptions());
  return schema.safeParse({
    name: "Second Loop Person",
    timeZone: "UTC",
    languages: ["go"],
    interviewRounds: [],
    targetLoop: SLUG,
    ...fields,
  });
}

describe("a second loop, shipped as data", () => {
  it("is seeded with its company, levels, rounds, dimensions and question bank", async () => {
    expect(definition.company.name).toBe("Generic big tech");
    const loop = (await getLoopCatalog(SLUG))!;
    expect(loop.company).toEqual(definition.company);
    expect(loop.levels.map((l) => [l.code, l.rank, l.title])).toEqual(
      definition.levels.map((l) => [l.code, l.rank, l.title]),
    );
    expect(loop.rounds.map((r) => [r.slug, r.stage])).toEqual(
      definition.rounds.map((r) => [r.slug, r.stage]),
    );
    for (const round of definition.rounds) {
      const seeded = loop.rounds.find((r) => r.slug === round.slug)!;
      expect(seeded.dimensions.map((d) => d.slug)).toEqual(round.dimensions.map((d) => d.slug));
      expect(seeded.levelBars).toEqual(round.levelBars);
    }
    // Its own values, with their probe ladders, in the leadership round.
    const values = loop.rounds.flatMap((r) => r.dimensions).filter((d) => d.isValue);
    expect(values.length).toBeGreaterThanOrEqual(3);
    for (const value of values) expect(value.probes.length).toBeGreaterThanOrEqual(3);

    const [row] = await getDb().select({ id: loops.id }).from(loops).where(eq(loops.slug, SLUG));
    const seededQuestions = await getDb()
      .select({ slug: questions.slug })
      .from(questions)
      .where(eq(questions.loopId, row!.id));
    expect(seededQuestions.length).toBe(Object.values(bank.rounds).flat().length);
  });

  it("lets a profile target it by its own track and level codes", async () => {
    const me = await createAvailableUser("Target Person");
    const parsed = await profileInput({
      targetTrack: "infrastructure",
      targetLevel: "E5",
      currentLevel: "E4",
    });
    expect(parsed.success).toBe(true);
    await saveProfile(me.id, parsed.data!);
    expect(await getTarget(me.id)).toEqual({
      targetLoop: SLUG,
      targetTrack: "infrastructure",
      targetLevel: "E5",
    });
    // Another loop's codes are no level of this one; the message names this ladder.
    const wrong = await profileInput({ targetLevel: "L5" });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map((i) => i.message)).toContain("Choose a level from E3 to E7.");
  });

  it("lays out its onsite day by level, as its tracks say", async () => {
    const loop = (await getLoopCatalog(SLUG))!;
    const shape = (track: string, code: string) =>
      loopShapeAt(loop, track, rankOf(code))!.map((s) => `${s.stage}:${s.round.slug}×${s.count}`);
    expect(shape("infrastructure", "E4")).toEqual([
      "screen:recruiter-call×1",
      "screen:coding-phone-screen×1",
      "onsite:onsite-coding×2",
      "onsite:system-design×1",
      "onsite:behavioral-leadership×1",
    ]);
    // From senior up, a second design round takes the place of a coding round.
    expect(shape("infrastructure", "E5")).toEqual([
      "screen:recruiter-call×1",
      "screen:coding-phone-screen×1",
      "onsite:onsite-coding×1",
      "onsite:system-design×2",
      "onsite:behavioral-leadership×1",
    ]);
    // The generalist track meets no design round at entry level.
    expect(shape("generalist", "E3").filter((s) => s.startsWith("onsite"))).toEqual([
      "onsite:onsite-coding×2",
      "onsite:behavioral-leadership×1",
    ]);
  });

  it("follows its own swap rules and names its levels in the reasons of a swap", async () => {
    const me = await createAvailableUser("Swap Me");
    const other = await createAvailableUser("Swap Other");
    const request = (userId: string, levelCode: string) =>
      createRequest(
        userId,
        { loopSlug: SLUG, roundSlug: "system-design", levelCode, format: "swap", horizonDays: 7 },
        NOW,
      );
    // System design is one-way from E6 (oneWayFromLevel in the data).
    expect(await request(me.id, "E6")).toEqual({ ok: false, error: "format_not_allowed" });
    const mine = await request(me.id, "E5");
    expect((await request(other.id, "E4")).ok).toBe(true);
    if (!mine.ok) throw new Error(mine.error);
    const proposals = await proposeForRequest((await getRequest(mine.requestId))!, NOW);
    const withOther = proposals.find((p) => p.peerId === other.id)!;
    expect(withOther.reasons).toContain("Targets E4, one level from your E5");
  });

  it("books one of its rounds with a qualified peer, picks a question of its bank for the kit, scores it and reads readiness", async () => {
    const peer = await createAvailableUser("Qualified Peer");
    await offerToInterview(peer.id, "onsite-coding", "E6", SLUG);
    const me = await createAvailableUser("Candidate");
    await grantCredits(me.id, 10);
    const profile = await profileInput({ targetTrack: "infrastructure", targetLevel: "E5" });
    await saveProfile(me.id, profile.data!);

    // The request matches the qualified peer, whose reasons use the loop's codes.
    const created = await createRequest(
      me.id,
      {
        loopSlug: SLUG,
        roundSlug: "onsite-coding",
        levelCode: "E5",
        format: "one_way",
        horizonDays: 7,
      },
      NOW,
    );
    if (!created.ok) throw new Error(created.error);
    const proposals = await proposeForRequest((await getRequest(created.requestId))!, NOW);
    const withPeer = proposals.find((p) => p.peerId === peer.id);
    expect(withPeer?.reasons).toContain("Interviews up to E6");
    const booked = await bookProposal({
      userId: me.id,
      requestId: created.requestId,
      peerId: peer.id,
      start: new Date(withPeer!.start),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    if (!booked.ok) throw new Error(booked.error);
    const { sessionId } = booked;
    const [session] = await getDb()
      .select({ roundId: mockSessions.roundId, startsAt: mockSessions.startsAt })
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    const [round] = await getDb()
      .select({ slug: rounds.slug, loopSlug: loops.slug })
      .from(rounds)
      .innerJoin(loops, eq(loops.id, rounds.loopId))
      .where(eq(rounds.id, session!.roundId));
    expect(round).toEqual({ slug: "onsite-coding", loopSlug: SLUG });
    expect(session!.startsAt.getTime()).toBeGreaterThanOrEqual(at(0).getTime());

    // The room opens now: the kit holds a question of this round's bank that fits E5, the
    // round's own rubric and its bar at E5, and a code pad (a coding round).
    const now = new Date();
    await getDb()
      .update(mockSessions)
      .set({
        startsAt: new Date(now.getTime() - 5 * MINUTE),
        endsAt: new Date(now.getTime() + 40 * MINUTE),
      })
      .where(eq(mockSessions.id, sessionId));
    await syncRoom((await getRoomAccess(sessionId, peer.id, now))!, now);
    const kit = (await getInterviewerKit(
      (await getRoomAccess(sessionId, peer.id, now))!,
      peer.id,
    ))!;
    const fitting = bank.rounds["onsite-coding"]!.filter(
      (q) => rankOf(q.minLevel) <= rankOf("E5") && rankOf("E5") <= rankOf(q.maxLevel),
    );
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting.map((q) => q.title)).toContain(kit.question?.title);
    expect(kit.question?.exercise?.language).toBe("python");
    const roundDefinition = definition.rounds.find((r) => r.slug === "onsite-coding")!;
    expect(kit.targetLevel).toBe("E5");
    expect(kit.levelBar).toBe(roundDefinition.levelBars.E5);
    expect(kit.rubric.map((d) => d.slug)).toEqual(roundDefinition.dimensions.map((d) => d.slug));
    expect(kit.roundKind).toBe("coding");

    // After the session: a scorecard on the round's own dimensions, and the candidate's
    // rating, reveal it; readiness for the track's rounds reads it at E5.
    await getDb()
      .update(mockSessions)
      .set({
        startsAt: new Date(now.getTime() - 2 * 60 * MINUTE),
        endsAt: new Date(now.getTime() - 60 * MINUTE),
        status: "completed",
      })
      .where(eq(mockSessions.id, sessionId));
    const dims = roundDefinition.dimensions;
    const scorecard = {
      kind: "scorecard" as const,
      value: {
        score: Object.fromEntries(dims.map((d, i) => [d.slug, i === 0 ? 2 : 4])),
        evidence: Object.fromEntries(dims.map((d) => [d.slug, `Seen in the ${d.name} part.`])),
        overall: "hire" as const,
        strengths: "Clear structure and tests.",
        improvements: "Reach the efficient approach sooner.",
        practiseRound: "system-design",
      },
    };
    expect(await submitFeedback(sessionId, 1, peer.id, scorecard)).toMatchObject({ ok: true });
    expect(await submitFeedback(sessionId, 1, me.id, RATING_PAYLOAD)).toMatchObject({ ok: true });

    const scored = await getDb()
      .select({ slug: dimensions.slug })
      .from(feedbackScores)
      .innerJoin(dimensions, eq(dimensions.id, feedbackScores.dimensionId))
      .innerJoin(rounds, and(eq(rounds.id, dimensions.roundId), eq(rounds.slug, "onsite-coding")));
    expect(scored.map((s) => s.slug).sort()).toEqual(dims.map((d) => d.slug).sort());

    const cards = await loadReceivedScorecards(me.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      loopSlug: SLUG,
      roundSlug: "onsite-coding",
      levelCode: "E5",
      practiseRoundSlug: "system-design",
    });

    const progress = await getProgress(me.id);
    const track = definition.tracks.find((t) => t.slug === "infrastructure")!;
    expect(progress.target).toEqual({
      loopSlug: SLUG,
      trackName: track.name,
      levelCode: "E5",
    });
    expect(progress.rounds.map((r) => r.slug)).toEqual(track.roundSlugs);
    const coding = progress.rounds.find((r) => r.slug === "onsite-coding")!;
    expect(coding.readiness.status).not.toBe("no_evidence");
    expect(coding.readiness.basis.map((b) => b.levelCode)).toEqual(["E5"]);
    expect(coding.readiness.focus.map((f) => f.slug)).toEqual([dims[0]!.slug]);
    expect(progress.suggestion?.round.slug).toBeDefined();
    expect(track.roundSlugs).toContain(progress.suggestion!.round.slug);
  });
});
