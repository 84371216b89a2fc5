import { intlLocalDayNumberOf } from "../availability/zoned-time";
import { isEligiblePeer, peerScore } from "./find-matches";
import { isFreeAt } from "./naive-find-matches";
import {
  bestDays,
  compareChoices,
  dayScore,
  type EvaluatedStart,
  type OnsiteDay,
  type OnsiteRequest,
  planOnsite,
  type RoundChoice,
  roundRequest,
  toOnsiteDays,
} from "./onsite-matcher";

// The benchmark's baseline, and a second opinion in tests: every day start of the grid,
// every candidate of every round, each checked slot by slot with Intl (the naive single
// matcher's isFreeAt), then every distinct-peer assignment of each round's best R peers.
// It shares the definitions (layout, scoring, ordering) with proposeOnsite, not the
// search: no index, no bounds, no calendar computed once and reused.

/** Every assignment of distinct peers, one per round; the best total (first found wins). */
function exhaustiveAssignment(lists: RoundChoice[][]): RoundChoice[] | null {
  let best: RoundChoice[] | null = null;
  let bestTotal = Number.NEGATIVE_INFINITY;
  const current: RoundChoice[] = [];
  const visit = (r: number, total: number) => {
    if (r === lists.length) {
      if (total > bestTotal) {
        bestTotal = total;
        best = [...current];
      }
      return;
    }
    for (const choice of lists[r]!) {
      if (current.some((other) => other.peerId === choice.peerId)) continue;
      current.push(choice);
      visit(r + 1, total + choice.peerPart);
      current.pop();
    }
  };
  visit(0, 0);
  return best;
}

/** Same contract and results (scores, days, starts) as proposeOnsite, found the slow way. */
export function naiveProposeOnsite(onsite: OnsiteRequest): OnsiteDay[] {
  const plan = planOnsite(onsite);
  if (plan === null) return [];
  const { requester, rounds } = onsite;
  const { timeZone } = requester.availability;
  const { day } = plan;
  const requests = rounds.map((round) => roundRequest(onsite, round.minutes, plan.stepMinutes));
  const evaluated: EvaluatedStart[] = [];
  for (let slot = 0; slot < day.slotCount; slot++) {
    const start = day.firstSlot + slot * day.stepMs;
    const end = start + day.sessionMs;
    if (!isFreeAt(requester, start, end, day.now)) continue;
    const dayNumber = intlLocalDayNumberOf(timeZone, start);
    if (intlLocalDayNumberOf(timeZone, end - 1) !== dayNumber) continue;
    const lists: RoundChoice[][] = rounds.map((round, r) => {
      const at = start + plan.offsetsMs[r]!;
      const valid: RoundChoice[] = [];
      round.candidates.forEach((candidate, candidateIndex) => {
        if (!isEligiblePeer(requests[r]!, requester, candidate)) return;
        if (!isFreeAt(candidate, at, at + plan.minutesMs[r]!, day.now)) return;
        valid.push({
          candidateIndex,
          peerId: candidate.id,
          peerPart: peerScore(requests[r]!, candidate),
        });
      });
      // The best R of each round hold an optimal assignment (see bestAssignment).
      return valid.sort(compareChoices).slice(0, rounds.length);
    });
    const choices = exhaustiveAssignment(lists);
    if (choices === null) continue;
    evaluated.push({ slot, start, dayNumber, choices, score: dayScore(choices, start, plan) });
  }
  return toOnsiteDays(bestDays(evaluated, plan.maxDays), onsite, plan);
}
