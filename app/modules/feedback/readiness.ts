// Readiness per round against the target level, and the suggested next mock: pure
// functions over the scorecards a person has received (decision 0009).

import type { OverallCall } from "#db/schema";
import { callValue, OVERALL_CALL_LABELS } from "./forms";

/** How many of the latest scorecards a readiness figure rests on, newest weighing most. */
export const READINESS_WINDOW = 3;
const RECENCY_WEIGHTS = [3, 2, 1];
/** At or above this (and with a recent hire call on two sessions) a round reads "ready". */
export const READY_AT = 60;
export const CLOSE_AT = 45;
/** A dimension averaging under this is named as a focus area. */
export const FOCUS_BELOW = 2.5;

export interface ReceivedScorecard {
  feedbackId: string;
  roundSlug: string;
  startsAt: Date;
  levelCode: string;
  levelRank: number;
  overall: OverallCall;
  scores: { slug: string; name: string; score: number }[];
  practiseRoundSlug: string | null;
  practiseTopic: string | null;
}

export type ReadinessStatus = "ready" | "close" | "not_yet" | "no_evidence";

export interface Readiness {
  roundSlug: string;
  status: ReadinessStatus;
  /** 0–100, null without evidence at the target level. */
  percent: number | null;
  /** The scorecards the figure rests on, newest first, with what each contributed. */
  basis: {
    feedbackId: string;
    startsAt: Date;
    levelCode: string;
    result: number;
    weight: number;
  }[];
  /** Scorecards of this round left out, and why. */
  excluded: { feedbackId: string; startsAt: Date; why: string }[];
  focus: { slug: string; name: string; average: number }[];
  reasoning: string[];
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** One session's result on a 0–1 scale: the mean dimension score and the call, equally. */
export function sessionResult(card: Pick<ReceivedScorecard, "overall" | "scores">): number {
  const dimensionMean = card.scores.length > 0 ? average(card.scores.map((s) => s.score)) : 1;
  return (0.5 * (dimensionMean - 1)) / 3 + (0.5 * (callValue(card.overall) - 1)) / 3;
}

/**
 * Readiness for one round at a target level. Only scorecards graded at the target
 * level or above count (a bar cleared higher up is cleared here too); of those, the
 * latest three, weighted 3 : 2 : 1.
 */
export function readinessFor(
  roundSlug: string,
  target: { code: string; rank: number },
  cards: ReceivedScorecard[],
): Readiness {
  const ofRound = cards
    .filter((c) => c.roundSlug === roundSlug)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  const excluded: Readiness["excluded"] = [];
  const counted: ReceivedScorecard[] = [];
  for (const card of ofRound) {
    if (card.levelRank < target.rank) {
      excluded.push({
        feedbackId: card.feedbackId,
        startsAt: card.startsAt,
        why: `graded at ${card.levelCode}, below your ${target.code} target`,
      });
    } else if (counted.length >= READINESS_WINDOW) {
      excluded.push({
        feedbackId: card.feedbackId,
        startsAt: card.startsAt,
        why: `older than the latest ${READINESS_WINDOW} sessions`,
      });
    } else {
      counted.push(card);
    }
  }

  if (counted.length === 0) {
    return {
      roundSlug,
      status: "no_evidence",
      percent: null,
      basis: [],
      excluded,
      focus: [],
      reasoning: [
        excluded.length > 0
          ? `No scorecard at ${target.code} or above yet: practise this round at your target level.`
          : "No feedback for this round yet.",
      ],
    };
  }

  const basis = counted.map((card, i) => ({
    feedbackId: card.feedbackId,
    startsAt: card.startsAt,
    levelCode: card.levelCode,
    result: sessionResult(card),
    weight: RECENCY_WEIGHTS[i]!,
  }));
  const totalWeight = basis.reduce((sum, b) => sum + b.weight, 0);
  const percent = Math.round(
    (100 * basis.reduce((sum, b) => sum + b.result * b.weight, 0)) / totalWeight,
  );

  const byDimension = new Map<string, { name: string; scores: number[] }>();
  for (const card of counted) {
    for (const s of card.scores) {
      const entry = byDimension.get(s.slug) ?? { name: s.name, scores: [] };
      entry.scores.push(s.score);
      byDimension.set(s.slug, entry);
    }
  }
  const focus = [...byDimension]
    .map(([slug, { name, scores }]) => ({ slug, name, average: average(scores) }))
    .filter((d) => d.average < FOCUS_BELOW)
    .sort((a, b) => a.average - b.average);

  const latest = counted[0]!;
  const latestIsHire = callValue(latest.overall) >= callValue("hire");
  let status: ReadinessStatus;
  const reasoning = [
    `${percent}% from the latest ${counted.length === 1 ? "session" : `${counted.length} sessions`} at ${target.code} or above, newest weighing most.`,
    `Latest call: ${OVERALL_CALL_LABELS[latest.overall]} at ${latest.levelCode}.`,
  ];
  if (percent >= READY_AT && latestIsHire && counted.length >= 2) {
    status = "ready";
  } else if (percent >= CLOSE_AT) {
    status = "close";
    if (counted.length < 2) reasoning.push("One session is not enough evidence: do another.");
    else if (!latestIsHire) reasoning.push("The latest call was below hire.");
  } else {
    status = "not_yet";
  }
  if (focus.length > 0) {
    reasoning.push(
      `Focus on ${focus.map((f) => `${f.name} (${f.average.toFixed(1)})`).join(", ")}.`,
    );
  }
  return { roundSlug, status, percent, basis, excluded, focus, reasoning };
}

export interface SuggestionRound {
  slug: string;
  name: string;
}

export interface NextMockSuggestion {
  roundSlug: string;
  topic: string | null;
  reason: string;
}

/**
 * What to practise next. An interviewer's explicit advice wins while that round is
 * not ready; then a round never practised (in loop order); then the least ready;
 * when everything is ready, the round practised longest ago.
 */
export function suggestNextMock(
  rounds: SuggestionRound[],
  readiness: Map<string, Readiness>,
  cards: ReceivedScorecard[],
): NextMockSuggestion | null {
  if (rounds.length === 0) return null;
  const known = new Set(rounds.map((r) => r.slug));
  const nameOf = (slug: string) => rounds.find((r) => r.slug === slug)?.name ?? slug;
  const newest = [...cards].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
  if (newest?.practiseRoundSlug && known.has(newest.practiseRoundSlug)) {
    const status = readiness.get(newest.practiseRoundSlug)?.status;
    if (status !== "ready") {
      return {
        roundSlug: newest.practiseRoundSlug,
        topic: newest.practiseTopic,
        reason: `Your latest interviewer (${nameOf(newest.roundSlug)}) suggested practising ${nameOf(newest.practiseRoundSlug)} next.`,
      };
    }
  }
  const untried = rounds.find(
    (r) => (readiness.get(r.slug)?.status ?? "no_evidence") === "no_evidence",
  );
  if (untried) {
    return {
      roundSlug: untried.slug,
      topic: null,
      reason: `You have no feedback at your target level for ${untried.name} yet.`,
    };
  }
  const notReady = rounds
    .map((r) => ({ round: r, r: readiness.get(r.slug)! }))
    .filter(({ r }) => r.status !== "ready")
    .sort((a, b) => (a.r.percent ?? 0) - (b.r.percent ?? 0))[0];
  if (notReady) {
    const focus = notReady.r.focus[0];
    return {
      roundSlug: notReady.round.slug,
      topic: focus ? focus.name : null,
      reason: `${notReady.round.name} is your least ready round (${notReady.r.percent}%).`,
    };
  }
  const stalest = rounds
    .map((r) => ({ round: r, last: readiness.get(r.slug)!.basis[0]?.startsAt.getTime() ?? 0 }))
    .sort((a, b) => a.last - b.last)[0]!;
  return {
    roundSlug: stalest.round.slug,
    topic: null,
    reason: `Every round reads ready; ${stalest.round.name} is the one you practised longest ago.`,
  };
}
