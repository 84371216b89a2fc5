import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client";
import {
  dimensions,
  feedback,
  feedbackReveals,
  feedbackScores,
  levels,
  mockOnsiteSessions,
  mockOnsites,
  mockSessions,
  profiles,
  rounds,
  sessionParticipants,
  tracks,
  users,
} from "#db/schema";
import { addDaysToLocalDate, localDateOf } from "~/modules/availability/zoned-time";
import { getLoopCatalogs, type LoopCatalog } from "~/modules/catalog/catalog.server";
import { type LoopChoice, loopChoices } from "~/modules/catalog/loop-choices";
import { loopShapeAt, onsiteSittings } from "~/modules/catalog/loop-shape";
import { pieceReveal } from "~/modules/feedback/reveal.server";
import { getProfile } from "~/modules/identity/profile.server";
import { type OnsiteDayView, proposeOnsiteDays } from "~/modules/matching/onsite.server";
import { parseUuid } from "~/utils/ids";
import { type DebriefScorecard, type LoopDebrief, loopDebrief } from "./debrief";
import { ONSITE_HORIZON_DAYS } from "./onsite-day";
import type { OnsiteSearch } from "./onsite-form";

// What the mock onsite pages read: the target a search is for, the proposed days, the
// person's onsites, and one onsite with its sessions and, once revealed, its debrief.

export interface OnsiteTarget {
  loop: { id: number; slug: string; name: string };
  track: { id: number; slug: string; name: string };
  level: { id: number; code: string; title: string };
  sittings: { key: string; roundId: number; roundSlug: string; roundName: string }[];
}

export interface TargetChoices {
  loops: LoopChoice[];
}

export function targetChoices(catalogs: LoopCatalog[]): TargetChoices {
  return { loops: loopChoices(catalogs) };
}

export type TargetResult =
  | { ok: true; target: OnsiteTarget }
  | { ok: false; field: "loop" | "track" | "level"; message: string };

/**
 * The loop, track and level a search is for: each asked for, or else the person's
 * profile target, or else the catalog's first. A name that does not exist is an error
 * on its field, never silently replaced.
 */
export async function resolveTarget(userId: string, asked: OnsiteSearch): Promise<TargetResult> {
  const [catalogs, profile] = await Promise.all([getLoopCatalogs(), getProfile(userId)]);
  const loopSlug = asked.loop ?? profile?.targetLoop;
  const loop = catalogs.find((l) => l.slug === loopSlug) ?? (asked.loop ? null : catalogs[0]);
  if (!loop) return { ok: false, field: "loop", message: "That loop does not exist." };
  const fromProfile = loop.slug === profile?.targetLoop;
  const trackSlug = asked.track ?? (fromProfile ? profile?.targetTrack : undefined);
  const track =
    loop.tracks.find((t) => t.slug === trackSlug) ?? (asked.track ? null : loop.tracks[0]);
  if (!track) return { ok: false, field: "track", message: "That track is not part of this loop." };
  const levelCode = asked.level ?? (fromProfile ? profile?.targetLevel : undefined);
  const level =
    loop.levels.find((l) => l.code === levelCode) ?? (asked.level ? null : loop.levels[0]);
  if (!level) return { ok: false, field: "level", message: "That level is not part of this loop." };
  const sittings = onsiteSittings(loopShapeAt(loop, track.slug, level.rank) ?? []).map((s) => ({
    key: s.key,
    roundId: s.round.id,
    roundSlug: s.round.slug,
    roundName: s.round.name,
  }));
  return {
    ok: true,
    target: {
      loop: { id: loop.id, slug: loop.slug, name: loop.name },
      track: { id: track.id, slug: track.slug, name: track.name },
      level: { id: level.id, code: level.code, title: level.title },
      sittings,
    },
  };
}

/**
 * How many days ahead to search: what was asked (at most the onsite horizon), and never
 * past `before` (the real onsite's date: a mock the day before it or later is no use).
 * Zero when `before` leaves no day.
 */
export function searchHorizon(
  asked: { horizonDays?: number; before?: string },
  timeZone: string,
  now: Date,
): number {
  const wanted = Math.min(asked.horizonDays ?? ONSITE_HORIZON_DAYS, ONSITE_HORIZON_DAYS);
  if (!asked.before) return wanted;
  const today = localDateOf(timeZone, now.getTime());
  let days = 0;
  // Whole days from now whose local date is still before `before`.
  while (days < wanted && addDaysToLocalDate(today, days + 1) < asked.before) days += 1;
  return days;
}

export interface ProposedDay extends Omit<OnsiteDayView, "rounds"> {
  rounds: (OnsiteDayView["rounds"][number] & { roundSlug: string })[];
  /** A fresh key per day and page view: a double click books once. */
  idempotencyKey: string;
}

/** The best few days for the target, within the horizon; [] when nothing fits. */
export async function findOnsiteDays(
  userId: string,
  target: OnsiteTarget,
  horizonDays: number,
  now: Date = new Date(),
): Promise<ProposedDay[]> {
  if (horizonDays < 1 || target.sittings.length === 0) return [];
  const found = await proposeOnsiteDays({
    userId,
    loopId: target.loop.id,
    roundIds: target.sittings.map((s) => s.roundId),
    targetLevelId: target.level.id,
    horizonDays,
    now,
  });
  if (!found.ok) return [];
  const slugOf = new Map(target.sittings.map((s) => [s.roundId, s.roundSlug]));
  return found.days.map((day) => ({
    ...day,
    rounds: day.rounds.map((r) => ({ ...r, roundSlug: slugOf.get(r.roundId) ?? "" })),
    idempotencyKey: randomUUID(),
  }));
}

export interface OnsiteSummary {
  id: string;
  localDate: string;
  trackName: string;
  levelCode: string;
  startsAt: string;
  endsAt: string;
  rounds: number;
  held: number;
  cancelled: number;
}

/** The person's mock onsites, newest day first, split into upcoming and past. */
export async function listOnsites(
  userId: string,
  now: Date = new Date(),
): Promise<{ upcoming: OnsiteSummary[]; past: OnsiteSummary[] }> {
  const rows = await getDb()
    .select({
      id: mockOnsites.id,
      localDate: mockOnsites.localDate,
      trackName: tracks.name,
      levelCode: levels.code,
      startsAt: sql<string>`min(${mockSessions.startsAt})`,
      endsAt: sql<string>`max(${mockSessions.endsAt})`,
      rounds: sql<number>`count(*)::int`,
      cancelled: sql<number>`count(*) filter (where ${mockSessions.status} in ('cancelled', 'no_show'))::int`,
    })
    .from(mockOnsites)
    .innerJoin(tracks, eq(tracks.id, mockOnsites.trackId))
    .innerJoin(levels, eq(levels.id, mockOnsites.targetLevelId))
    .innerJoin(mockOnsiteSessions, eq(mockOnsiteSessions.onsiteId, mockOnsites.id))
    .innerJoin(mockSessions, eq(mockSessions.id, mockOnsiteSessions.sessionId))
    .where(eq(mockOnsites.candidateId, userId))
    .groupBy(mockOnsites.id, tracks.name, levels.code)
    .orderBy(desc(mockOnsites.localDate));
  const summaries = rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    rounds: Number(r.rounds),
    cancelled: Number(r.cancelled),
    held: Number(r.rounds) - Number(r.cancelled),
  }));
  return {
    upcoming: summaries.filter((s) => Date.parse(s.endsAt) > now.getTime()).reverse(),
    past: summaries.filter((s) => Date.parse(s.endsAt) <= now.getTime()),
  };
}

export interface OnsiteSittingView {
  position: number;
  sittingKey: string;
  sessionId: string;
  roundName: string;
  startsAt: string;
  endsAt: string;
  status: string;
  peer: { name: string; timeZone: string | null };
}

export interface OnsiteDetail {
  id: string;
  localDate: string;
  timeZone: string;
  loopName: string;
  trackName: string;
  levelCode: string;
  sittings: OnsiteSittingView[];
  debrief: LoopDebrief;
}

/**
 * One mock onsite, for its candidate only (anyone else: null, and the page says 404).
 * Its debrief reads only scorecards addressed to the candidate whose half is revealed,
 * the rule every feedback page keeps (feedback_reveals joined on the piece's half).
 */
export async function getOnsite(
  onsiteId: string | undefined,
  viewerId: string,
): Promise<OnsiteDetail | null> {
  const id = parseUuid(onsiteId);
  if (!id) return null;
  const db = getDb();
  const [head] = await db
    .select({
      id: mockOnsites.id,
      candidateId: mockOnsites.candidateId,
      localDate: mockOnsites.localDate,
      timeZone: mockOnsites.timeZone,
      loopId: mockOnsites.loopId,
      trackName: tracks.name,
      levelCode: levels.code,
    })
    .from(mockOnsites)
    .innerJoin(tracks, eq(tracks.id, mockOnsites.trackId))
    .innerJoin(levels, eq(levels.id, mockOnsites.targetLevelId))
    .where(and(eq(mockOnsites.id, id), eq(mockOnsites.candidateId, viewerId)));
  if (!head) return null;

  const peer = alias(sessionParticipants, "peer");
  const [sittings, catalogs] = await Promise.all([
    db
      .select({
        position: mockOnsiteSessions.position,
        sittingKey: mockOnsiteSessions.sittingKey,
        sessionId: mockOnsiteSessions.sessionId,
        roundName: rounds.name,
        startsAt: mockSessions.startsAt,
        endsAt: mockSessions.endsAt,
        status: mockSessions.status,
        peerName: users.name,
        peerTimeZone: profiles.timeZone,
      })
      .from(mockOnsiteSessions)
      .innerJoin(mockSessions, eq(mockSessions.id, mockOnsiteSessions.sessionId))
      .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
      .innerJoin(peer, and(eq(peer.sessionId, mockSessions.id), sql`${peer.userId} <> ${viewerId}`))
      .innerJoin(users, eq(users.id, peer.userId))
      .leftJoin(profiles, eq(profiles.userId, peer.userId))
      .where(eq(mockOnsiteSessions.onsiteId, id))
      .orderBy(asc(mockOnsiteSessions.position)),
    getLoopCatalogs(),
  ]);
  const sessionIds = sittings.map((s) => s.sessionId);
  const cards = sessionIds.length === 0 ? [] : await revealedScorecards(sessionIds, viewerId);
  const positionOf = new Map(sittings.map((s) => [s.sessionId, s.position]));
  return {
    id: head.id,
    localDate: head.localDate,
    timeZone: head.timeZone,
    loopName: catalogs.find((l) => l.id === head.loopId)?.name ?? "",
    trackName: head.trackName,
    levelCode: head.levelCode,
    sittings: sittings.map((s) => ({
      position: s.position,
      sittingKey: s.sittingKey,
      sessionId: s.sessionId,
      roundName: s.roundName,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      status: s.status,
      peer: { name: s.peerName, timeZone: s.peerTimeZone },
    })),
    debrief: loopDebrief({
      levelCode: head.levelCode,
      sittings: sittings.map((s) => ({
        position: s.position,
        roundName: s.roundName,
        held: s.status !== "cancelled" && s.status !== "no_show",
      })),
      scorecards: cards.map((c) => ({ ...c, position: positionOf.get(c.sessionId)! })),
    }),
  };
}

/** The revealed scorecards addressed to the viewer in these sessions, with their scores. */
async function revealedScorecards(
  sessionIds: string[],
  viewerId: string,
): Promise<(Omit<DebriefScorecard, "position"> & { sessionId: string })[]> {
  const score = alias(feedbackScores, "score");
  const dimension = alias(dimensions, "dimension");
  const rows = await getDb()
    .select({
      sessionId: feedback.sessionId,
      overall: feedback.overall,
      scores: sql<{ name: string; score: number }[] | string>`(
        select coalesce(json_agg(json_build_object(
          'name', ${dimension.name}, 'score', ${score.score}
        ) order by ${dimension.position}), '[]')
        from ${feedbackScores} ${score}
        inner join ${dimensions} ${dimension} on ${dimension.id} = ${score.dimensionId}
        where ${score.feedbackId} = ${feedback.id})`,
    })
    .from(feedback)
    .innerJoin(feedbackReveals, pieceReveal)
    .where(
      and(
        inArray(feedback.sessionId, sessionIds),
        eq(feedback.recipientId, viewerId),
        eq(feedback.kind, "scorecard"),
      ),
    );
  return rows.map((r) => ({
    sessionId: r.sessionId,
    overall: r.overall!,
    scores: typeof r.scores === "string" ? JSON.parse(r.scores) : r.scores,
  }));
}
