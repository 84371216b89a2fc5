import {
  type CatalogLevel,
  type CatalogRound,
  getLoopCatalogs,
} from "~/modules/catalog/catalog.server";
import { getTarget } from "~/modules/identity/profile.server";
import { loadReceivedScorecards } from "./feedback.server";
import { callValue } from "./forms";
import {
  type NextMockSuggestion,
  type Readiness,
  type ReceivedScorecard,
  readinessFor,
  suggestNextMock,
} from "./readiness";

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
  /** What to practise next; booking offers the times for it (proposeSuggestedMock). */
  suggestion:
    | (NextMockSuggestion & {
        roundName: string;
        levelCode: string;
        round: CatalogRound;
        level: CatalogLevel;
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

/** Readiness and trends per round of the person's track, and the mock to book next. */
export async function getProgress(userId: string): Promise<Progress> {
  const [profile, catalogs, allCards] = await Promise.all([
    getTarget(userId),
    getLoopCatalogs(),
    loadReceivedScorecards(userId),
  ]);
  const loop = catalogs.find((l) => l.slug === profile?.targetLoop) ?? catalogs[0];
  // Only the target loop's scorecards: another loop may have a round of the same name,
  // and its levels are a different ladder.
  const cards = allCards.filter((c) => c.loopSlug === loop?.slug);
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
  const suggested = advice ? loop.rounds.find((r) => r.slug === advice.roundSlug) : undefined;
  const suggestion: Progress["suggestion"] =
    advice && suggested
      ? { ...advice, roundName: suggested.name, levelCode: level.code, round: suggested, level }
      : null;
  return {
    target: { loopSlug: loop.slug, trackName: track?.name ?? null, levelCode: level.code },
    rounds,
    otherRounds,
    suggestion,
  };
}
