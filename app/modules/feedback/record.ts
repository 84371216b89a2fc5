// A person's record: how reliably they turn up and how their partners rate them. Pure
// functions over counts, so the matcher, the proposals page and the progress page all
// read the same figures the same way.

/** What revealed ratings say about a person, each figure a mean over `count` ratings. */
export interface RatingSummary {
  count: number;
  /** 1–5. */
  preparation: number;
  /** 1–5. */
  helpfulness: number;
  /** 1–5. */
  clarity: number;
  /** Mean of the three, 1–5. */
  average: number;
  /** Share of ratings that would practise with them again, 0–1. */
  wouldPractiseAgainShare: number;
}

export interface PersonRecord {
  /** Completed sessions they took part in. */
  held: number;
  /** Sessions that ended as a no-show with them among the absent. */
  noShows: number;
  /** Sessions they cancelled within the late-change window. */
  lateCancels: number;
  /** held / (held + noShows + lateCancels); null before any of those happened. */
  reliability: number | null;
  /** Only ratings whose session has been revealed; null when there are none. */
  ratings: RatingSummary | null;
}

/** Sums over a person's revealed ratings, as one grouped query returns them. */
export interface RatingTotals {
  count: number;
  preparationSum: number;
  helpfulnessSum: number;
  claritySum: number;
  wouldPractiseAgainCount: number;
}

export interface RatingRow {
  preparation: number;
  helpfulness: number;
  clarity: number;
  wouldPractiseAgain: boolean;
}

export interface RecordCounts {
  held: number;
  noShows: number;
  lateCancels: number;
}

export const EMPTY_RECORD: PersonRecord = {
  held: 0,
  noShows: 0,
  lateCancels: 0,
  reliability: null,
  ratings: null,
};

export function totalRatings(rows: readonly RatingRow[]): RatingTotals {
  const totals: RatingTotals = {
    count: 0,
    preparationSum: 0,
    helpfulnessSum: 0,
    claritySum: 0,
    wouldPractiseAgainCount: 0,
  };
  for (const row of rows) {
    totals.count++;
    totals.preparationSum += row.preparation;
    totals.helpfulnessSum += row.helpfulness;
    totals.claritySum += row.clarity;
    if (row.wouldPractiseAgain) totals.wouldPractiseAgainCount++;
  }
  return totals;
}

function summariseRatings(totals: RatingTotals | null | undefined): RatingSummary | null {
  if (!totals || totals.count <= 0) return null;
  const { count } = totals;
  const preparation = totals.preparationSum / count;
  const helpfulness = totals.helpfulnessSum / count;
  const clarity = totals.claritySum / count;
  return {
    count,
    preparation,
    helpfulness,
    clarity,
    average: (preparation + helpfulness + clarity) / 3,
    wouldPractiseAgainShare: totals.wouldPractiseAgainCount / count,
  };
}

/** The record from session counts and the totals (or rows) of revealed ratings. */
export function buildPersonRecord(
  counts: RecordCounts,
  ratings: RatingTotals | readonly RatingRow[] | null = null,
): PersonRecord {
  const held = Math.max(0, counts.held);
  const noShows = Math.max(0, counts.noShows);
  const lateCancels = Math.max(0, counts.lateCancels);
  const counted = held + noShows + lateCancels;
  return {
    held,
    noShows,
    lateCancels,
    reliability: counted > 0 ? held / counted : null,
    ratings: summariseRatings(
      ratings === null || "count" in ratings ? ratings : totalRatings(ratings),
    ),
  };
}

/**
 * How much the share of "would practise again" weighs in the quality score. The stars
 * say how a session went; "again" is the blunter verdict people give more honestly, but
 * as a yes/no it says less per rating, so it weighs a little less.
 */
export const WOULD_PRACTISE_AGAIN_WEIGHT = 0.4;

/** 0–1 from the revealed ratings: 0 for all 1s and nobody coming back; null without ratings. */
export function qualityScore(record: PersonRecord): number | null {
  const { ratings } = record;
  if (!ratings) return null;
  const stars = (ratings.average - 1) / 4;
  const score =
    (1 - WOULD_PRACTISE_AGAIN_WEIGHT) * stars +
    WOULD_PRACTISE_AGAIN_WEIGHT * ratings.wouldPractiseAgainShare;
  return Math.min(1, Math.max(0, score));
}

export function hasHistory(record: PersonRecord): boolean {
  return record.held + record.noShows + record.lateCancels > 0 || record.ratings !== null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One decimal: tells 4.6 from 4.4, and no handful of ratings supports more. */
export function formatRating(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/**
 * One line, e.g. "12 held · 1 no-show · 0 late cancels · rated 4.6/5 by 7 · 86% would
 * practise again". Zeros are kept: "0 no-shows" is the reassuring part.
 */
export function summarizeRecord(record: PersonRecord): string {
  if (!hasHistory(record)) return "No sessions yet";
  const parts = [
    `${record.held} held`,
    plural(record.noShows, "no-show", "no-shows"),
    plural(record.lateCancels, "late cancel", "late cancels"),
  ];
  if (record.ratings) {
    parts.push(
      `rated ${formatRating(record.ratings.average)}/5 by ${record.ratings.count}`,
      `${Math.round(record.ratings.wouldPractiseAgainShare * 100)}% would practise again`,
    );
  }
  return parts.join(" · ");
}
