import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { getDb } from "#db/client";
import { mockSessions, sessionParticipants } from "#db/schema";
import { localDateOf } from "~/modules/availability/zoned-time";
import { proposeSuggestedMock } from "~/modules/booking/book-suggestion.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { loopShapeAt } from "~/modules/catalog/loop-shape";
import { loadReceivedScorecards } from "~/modules/feedback/feedback.server";
import { readinessFor } from "~/modules/feedback/readiness";
import type { ProposalView } from "~/modules/matching/matching.server";
import type { MockFormat } from "~/modules/matching/types";
import { MAX_PLAN_WEEKS } from "./plan-schedule";
import { buildPlanView, type PlanSession, type PlanView } from "./plan-view";
import { listPlans, type StoredPlan } from "./plans.server";

const DAY_MS = 86_400_000;

export interface PlanTab {
  id: string;
  loopSlug: string;
  loopName: string;
  onsiteDate: string;
}

/** The best time a peer offers for one of the plan's rounds, bookable in one step. */
export interface PlanOffer {
  roundSlug: string;
  format: MockFormat | null;
  price: number;
  proposal: (ProposalView & { idempotencyKey: string }) | null;
}

export interface PlanPage {
  tabs: PlanTab[];
  plan: StoredPlan & {
    loopName: string;
    trackName: string;
    levelTitle: string;
    today: string;
  };
  view: PlanView;
  offers: PlanOffer[];
}

/** The person's plan tabs alone (the empty state and the new-plan form need no more). */
export async function listPlanTabs(userId: string): Promise<PlanTab[]> {
  const [plans, catalogs] = await Promise.all([listPlans(userId), getLoopCatalogs()]);
  return plans.map((p) => ({
    id: p.id,
    loopSlug: p.loopSlug,
    loopName: catalogs.find((l) => l.slug === p.loopSlug)?.name ?? p.loopSlug,
    onsiteDate: p.onsiteDate,
  }));
}

/**
 * One of the person's plans, computed now from the catalog, their readiness and their
 * sessions; null when the plan is not theirs (or not there).
 */
export async function loadPlanPage(
  userId: string,
  planId: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<PlanPage | null> {
  const [plans, catalogs] = await Promise.all([listPlans(userId), getLoopCatalogs()]);
  const plan = plans.find((p) => p.id === planId);
  const loop = catalogs.find((l) => l.slug === plan?.loopSlug);
  const track = loop?.tracks.find((t) => t.slug === plan?.trackSlug);
  const level = loop?.levels.find((l) => l.code === plan?.levelCode);
  if (!plan || !loop || !track || !level) return null;
  const shape = loopShapeAt(loop, track.slug, level.rank) ?? [];

  const [allCards, sessions] = await Promise.all([
    loadReceivedScorecards(userId),
    loadPlanSessions(userId, loop.id, timeZone, now),
  ]);
  // Two loops may name a round alike ("system-design"): only this loop's scorecards count.
  const cards = allCards.filter((card) => card.loopSlug === loop.slug);
  const roundSlugById = new Map(loop.rounds.map((r) => [r.id, r.slug]));
  const today = localDateOf(timeZone, now.getTime());
  const view = buildPlanView({
    today,
    onsiteDate: plan.onsiteDate,
    phoneScreenDate: plan.phoneScreenDate,
    hoursPerWeek: plan.hoursPerWeek,
    createdOn: localDateOf(timeZone, plan.createdAt.getTime()),
    shape,
    readiness: new Map(
      shape.map((line) => [line.round.slug, readinessFor(line.round.slug, level, cards)]),
    ),
    sessions: sessions.flatMap((s) => {
      const roundSlug = roundSlugById.get(s.roundId);
      return roundSlug ? [{ ...s, roundSlug }] : [];
    }),
  });

  // The matcher's best time for every round that still has a mock to book.
  const offers = await Promise.all(
    view.rounds
      .filter((r) => r.toBook.length > 0)
      .map(async (r): Promise<PlanOffer> => {
        const round = shape.find((line) => line.round.slug === r.slug)!.round;
        const offer = await proposeSuggestedMock(userId, round, level, now);
        return {
          roundSlug: r.slug,
          format: offer.format,
          price: offer.price,
          proposal: offer.proposals[0] ?? null,
        };
      }),
  );

  return {
    tabs: plans.map((p) => ({
      id: p.id,
      loopSlug: p.loopSlug,
      loopName: catalogs.find((l) => l.slug === p.loopSlug)?.name ?? p.loopSlug,
      onsiteDate: p.onsiteDate,
    })),
    plan: { ...plan, loopName: loop.name, trackName: track.name, levelTitle: level.title, today },
    view,
    offers,
  };
}

/**
 * The person's mocks as the candidate (a swap counts) in one loop: booked ones still to
 * come and held ones from the plan's horizon back, each with its day in their zone.
 */
async function loadPlanSessions(
  userId: string,
  loopId: number,
  timeZone: string,
  now: Date,
): Promise<(Omit<PlanSession, "roundSlug"> & { roundId: number })[]> {
  const rows = await getDb()
    .select({
      id: mockSessions.id,
      roundId: mockSessions.roundId,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      status: mockSessions.status,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .where(
      and(
        eq(sessionParticipants.userId, userId),
        isNotNull(sessionParticipants.targetLevelId),
        eq(mockSessions.loopId, loopId),
        inArray(mockSessions.status, ["scheduled", "in_progress", "completed"]),
        gte(mockSessions.startsAt, new Date(now.getTime() - 7 * MAX_PLAN_WEEKS * DAY_MS)),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    roundId: row.roundId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    date: localDateOf(timeZone, row.startsAt.getTime()),
    state: row.status === "completed" ? ("held" as const) : ("booked" as const),
  }));
}
