import { randomUUID } from "node:crypto";
import { bookProposal, cancelRequest, createRequest } from "~/modules/booking/booking.server";
import type { BookingErrorCode } from "~/modules/booking/booking-errors";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { getProfile } from "~/modules/identity/profile.server";
import { allowedFormats } from "~/modules/matching/formats";
import {
  buildMatchInputs,
  type ProposalView,
  type RequestContext,
  rankProposals,
  requestBase,
  selectPeers,
} from "~/modules/matching/matching.server";
import type { MockFormat } from "~/modules/matching/types";
import { loadReceivedScorecards } from "./feedback.server";
import { callValue } from "./forms";
import {
  type NextMockSuggestion,
  type Readiness,
  type ReceivedScorecard,
  readinessFor,
  suggestNextMock,
} from "./readiness";

const SUGGESTION_HORIZON_DAYS = 14;

export interface TrendPoint {
  feedbackId: string;
  at: string;
  levelCode: string;
  overall: number;
  /** Dimension slug → score. */
  scores: Record<string, number>;
}

export interface RoundProgress {
  slug: string;
  name: string;
  dimensions: { slug: string; name: string }[];
  readiness: Readiness;
  trend: TrendPoint[];
}

export interface Progress {
  target: { loopSlug: string; trackName: string | null; levelCode: string } | null;
  rounds: RoundProgress[];
  /** Rounds outside the track that still have feedback. */
  otherRounds: RoundProgress[];
  suggestion:
    | (NextMockSuggestion & {
        roundName: string;
        levelCode: string;
        format: MockFormat | null;
        proposals: (ProposalView & { idempotencyKey: string })[];
      })
    | null;
}

function trendOf(cards: ReceivedScorecard[], roundSlug: string): TrendPoint[] {
  return cards
    .filter((c) => c.roundSlug === roundSlug)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((c) => ({
      feedbackId: c.feedbackId,
      at: c.startsAt.toISOString(),
      levelCode: c.levelCode,
      overall: callValue(c.overall),
      scores: Object.fromEntries(c.scores.map((s) => [s.slug, s.score])),
    }));
}

/** Proposals for a mock nobody has requested yet: the matcher, run on an unsaved request. */
async function proposalsFor(
  userId: string,
  loopId: number,
  round: { id: number; slug: string; name: string; durationMinutes: number },
  level: { id: number; code: string; rank: number },
  format: MockFormat,
  now: Date,
): Promise<ProposalView[]> {
  const ctx: RequestContext = {
    id: "suggestion",
    userId,
    loopId,
    roundId: round.id,
    roundSlug: round.slug,
    roundName: round.name,
    roundMinutes: round.durationMinutes,
    targetLevelId: level.id,
    targetLevelCode: level.code,
    targetLevelRank: level.rank,
    format,
    horizonDays: SUGGESTION_HORIZON_DAYS,
    status: "open",
    sessionId: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SUGGESTION_HORIZON_DAYS * 24 * 60 * 60 * 1000),
  };
  const peers = await selectPeers(ctx, now);
  if (peers.length === 0) return [];
  const inputs = await buildMatchInputs(requestBase(ctx), peers, now);
  return rankProposals(inputs, 3, 1);
}

/** Readiness and trends per round of the person's track, and the mock to book next. */
export async function getProgress(userId: string, now: Date = new Date()): Promise<Progress> {
  const [profile, catalogs, cards] = await Promise.all([
    getProfile(userId),
    getLoopCatalogs(),
    loadReceivedScorecards(userId),
  ]);
  const loop = catalogs.find((l) => l.slug === profile?.targetLoop) ?? catalogs[0];
  const level = loop?.levels.find((l) => l.code === profile?.targetLevel);
  if (!loop || !level) return { target: null, rounds: [], otherRounds: [], suggestion: null };
  const track = loop.tracks.find((t) => t.slug === profile?.targetTrack);
  const trackSlugs = new Set(track ? track.roundSlugs : loop.rounds.map((r) => r.slug));

  const build = (round: (typeof loop.rounds)[number]): RoundProgress => ({
    slug: round.slug,
    name: round.name,
    dimensions: round.dimensions.map((d) => ({ slug: d.slug, name: d.name })),
    readiness: readinessFor(round.slug, level, cards),
    trend: trendOf(cards, round.slug),
  });
  const rounds = loop.rounds.filter((r) => trackSlugs.has(r.slug)).map(build);
  const otherRounds = loop.rounds
    .filter((r) => !trackSlugs.has(r.slug) && cards.some((c) => c.roundSlug === r.slug))
    .map(build);

  const advice = suggestNextMock(
    rounds.map((r) => ({ slug: r.slug, name: r.name })),
    new Map(rounds.map((r) => [r.slug, r.readiness])),
    cards,
  );
  let suggestion: Progress["suggestion"] = null;
  const suggested = advice ? loop.rounds.find((r) => r.slug === advice.roundSlug) : undefined;
  if (advice && suggested) {
    let format: MockFormat | null = null;
    let proposals: ProposalView[] = [];
    for (const candidate of allowedFormats(suggested, level.rank)) {
      format ??= candidate;
      proposals = await proposalsFor(userId, loop.id, suggested, level, candidate, now);
      if (proposals.length > 0) {
        format = candidate;
        break;
      }
    }
    suggestion = {
      ...advice,
      roundName: suggested.name,
      levelCode: level.code,
      format,
      // A fresh key per proposal and page view: a double click books once.
      proposals: proposals.map((p) => ({ ...p, idempotencyKey: randomUUID() })),
    };
  }
  return {
    target: { loopSlug: loop.slug, trackName: track?.name ?? null, levelCode: level.code },
    rounds,
    otherRounds,
    suggestion,
  };
}

export type BookSuggestionResult =
  | { ok: true; sessionId: string }
  | { ok: false; error: BookingErrorCode | "not_found" };

/**
 * Books a suggested mock in one step: a request for the suggestion, then the chosen
 * proposal of it, through the normal booking path. A failed booking leaves no open
 * request behind; a replayed one (double click) reuses the first booking.
 */
export async function bookSuggestedMock(
  userId: string,
  input: {
    loopSlug: string;
    roundSlug: string;
    levelCode: string;
    format: MockFormat;
    peerId: string;
    start: Date;
    idempotencyKey: string;
  },
  now: Date = new Date(),
): Promise<BookSuggestionResult> {
  const request = await createRequest(
    userId,
    {
      loopSlug: input.loopSlug,
      roundSlug: input.roundSlug,
      levelCode: input.levelCode,
      format: input.format,
      horizonDays: SUGGESTION_HORIZON_DAYS,
    },
    now,
  );
  if (!request.ok) return { ok: false, error: request.error };
  const booked = await bookProposal({
    userId,
    requestId: request.requestId,
    peerId: input.peerId,
    start: input.start,
    idempotencyKey: input.idempotencyKey,
    now,
  });
  if (!booked.ok || booked.replayed) await cancelRequest(userId, request.requestId);
  return booked.ok ? { ok: true, sessionId: booked.sessionId } : booked;
}
