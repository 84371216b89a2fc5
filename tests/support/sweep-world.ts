import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { mockOnsiteSessions, mockOnsites, users } from "#db/schema";
import { addDaysToLocalDate, localDateOf } from "~/modules/availability/zoned-time";
import { getFeedToken } from "~/modules/booking/calendar-feed.server";
import { getLoopCatalog } from "~/modules/catalog/catalog.server";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { createPlan } from "~/modules/plan/plans.server";
import { createStory } from "~/modules/stories/stories.server";
import { rectangle } from "./board-fixtures";
import { LOOP, offerToInterview, openRequest, setWeek } from "./booking-fixtures";
import { createUser } from "./factories";
import {
  dimensionsOf,
  HOUR,
  insertSession,
  MINUTE,
  RATING_PAYLOAD,
  scorecardPayload,
  seedPadDocument,
} from "./feedback-fixtures";
import { recordSyntheticSession } from "./replay-fixtures";

// One person's records in every state the routes show differently, for the tests that
// are generated from the route table (security sweep, forms fuzz): the owner sees them,
// a stranger must not. A route's parameter takes each of the values listed for its name
// in turn, so a route that only shows a form for an upcoming session, and another that
// only answers for a finished one, both meet a record they act on.

export interface SweepWorld {
  owner: { id: string; email: string };
  peer: { id: string; email: string };
  stranger: { id: string; email: string };
  /** An admin, for the routes only admins reach (others get 404). */
  admin: { id: string; email: string };
  /** Per route parameter name, the owner's values, each in a different state. */
  values: Record<string, string[]>;
}

export async function createSweepWorld(): Promise<SweepWorld> {
  const owner = await createUser({ name: "Olive Owner" });
  const peer = await createUser({ name: "Piet Peer" });
  const stranger = await createUser({ name: "Sid Stranger" });
  const admin = await createUser({ name: "Ada Admin" });
  await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
  // Both free every hour and the peer qualified, so the booking and reschedule pages
  // propose times (each proposal is a form).
  await setWeek(owner.id);
  await setWeek(peer.id);
  await offerToInterview(peer.id, "coding", "L7");
  const now = Date.now();
  const session = (startOffsetMin: number, status: "scheduled" | "in_progress" | "completed") =>
    insertSession({
      candidateId: owner.id,
      interviewerId: peer.id,
      startsAt: new Date(now + startOffsetMin * MINUTE),
      endsAt: new Date(now + startOffsetMin * MINUTE + HOUR),
      status,
    });

  // Upcoming: the room's waiting page, cancel and reschedule.
  const upcoming = await session(2 * 24 * 60, "scheduled");
  // Running now: the room open, the pad and video tokens.
  const live = await session(-10, "in_progress");
  // Finished, the peer's scorecard in but not the owner's rating: the feedback form and
  // the replay.
  const finished = await session(-3 * 60, "completed");
  const dims = await dimensionsOf("coding");
  await submitFeedback(finished, 1, peer.id, scorecardPayload(dims));
  await recordSyntheticSession({
    sessionId: finished,
    startsAt: new Date(now - 3 * HOUR),
    typist: { id: owner.id, name: "Olive Owner" },
    other: { id: peer.id, name: "Piet Peer" },
    minutes: 2,
  });
  // Finished earlier with both sides in: the feedback revealed to the owner, with a board.
  const revealed = await session(-26 * 60, "completed");
  await seedPadDocument(revealed, { code: "print('hello')", board: [rectangle()] });
  const scorecard = await submitFeedback(revealed, 1, peer.id, scorecardPayload(dims));
  await submitFeedback(revealed, 1, owner.id, RATING_PAYLOAD);
  if (!scorecard.ok) throw new Error(`the world's scorecard was refused: ${scorecard.error}`);

  const requestId = await openRequest(owner.id, {}, new Date());

  // The whole-loop records: a plan, a story, and a mock onsite day holding the upcoming
  // session (written directly: the sweep needs the day to exist, not the booking path,
  // which tests/integration/mock-onsite.test.ts covers).
  const catalog = (await getLoopCatalog(LOOP))!;
  const track = catalog.tracks[0]!;
  const level = catalog.levels[1]!;
  const today = localDateOf("UTC", now);
  const plan = await createPlan(owner.id, {
    loop: catalog.slug,
    track: track.slug,
    level: level.code,
    onsiteDate: addDaysToLocalDate(today, 35),
    hoursPerWeek: 6,
  });
  if (!plan.ok) throw new Error(`the world's plan was refused: ${plan.error}`);
  const valueIds = catalog.rounds.flatMap((r) =>
    r.dimensions.filter((d) => d.isValue).map((d) => d.id),
  );
  const story = await createStory(owner.id, {
    title: "Shipped the migration with half the data",
    situation: "A deadline moved up.",
    task: "Move the jobs without losing any.",
    action: "Split the move and checked each half.",
    result: "Done a day early.",
    values: valueIds.slice(0, 1),
  });
  if (!story.ok) throw new Error(`the world's story was refused: ${story.error}`);
  const [onsite] = await getDb()
    .insert(mockOnsites)
    .values({
      candidateId: owner.id,
      loopId: catalog.id,
      trackId: track.id,
      targetLevelId: level.id,
      localDate: addDaysToLocalDate(today, 2),
      timeZone: "UTC",
      idempotencyKey: `sweep-world-${randomBytes(8).toString("hex")}`,
    })
    .returning({ id: mockOnsites.id });
  await getDb().insert(mockOnsiteSessions).values({
    onsiteId: onsite!.id,
    candidateId: owner.id,
    position: 1,
    sittingKey: "coding#1",
    sessionId: upcoming,
  });

  return {
    owner,
    peer,
    stranger,
    admin,
    values: {
      sessionId: [upcoming, live, finished, revealed],
      feedbackId: [scorecard.feedbackId],
      requestId: [requestId],
      token: [await getFeedToken(owner.id)],
      planId: [plan.id],
      storyId: [story.id],
      onsiteId: [onsite!.id],
      half: ["1"],
      "*": ["no-such-page"],
    },
  };
}

/** A value of the same shape as a capability token, which no one holds. */
export function madeUpToken(real: string): string {
  return randomBytes(Math.ceil((real.length * 3) / 4))
    .toString("base64url")
    .slice(0, real.length);
}
