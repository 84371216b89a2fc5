import { minuteWindowsOn } from "../availability/expand";
import type { Interval } from "../availability/types";
import {
  DAY_MS,
  intlLocalDayNumberOf,
  isoWeekdayOfDayNumber,
  localDateOfDayNumber,
  MINUTE_MS,
  wallTimeToUtc,
} from "../availability/zoned-time";
import {
  compareRankedSlots,
  isEligiblePeer,
  overlapsAny,
  peerScore,
  pickSpreadStarts,
  planRequest,
  proposalScore,
  type RankedSlot,
  toProposals,
} from "./find-matches";
import type { MatchCandidate, MatchPerson, MatchRequest, Proposal } from "./types";

// The benchmark's baseline, and a second opinion in tests: it walks the grid slot by
// slot and asks Intl about every slot, date and window boundary again, with no day
// table, no expansion and no pruning. It shares the constraints' definitions, scoring,
// spreading and ordering with findMatches, so the two must agree exactly.

/** True when [start, end) fits inside the union of intervals. */
function covers(intervals: Interval[], start: number, end: number): boolean {
  intervals.sort((a, b) => a.start - b.start);
  let reached = start;
  for (const interval of intervals) {
    if (interval.start > reached) return false;
    if (interval.end > reached) reached = interval.end;
    if (reached >= end) return true;
  }
  return reached >= end;
}

/**
 * Whether the person could take a session [start, end): notice, buffers around their
 * sessions, their daily cap, and their windows, each asked of Intl afresh.
 */
export function isFreeAt(person: MatchPerson, start: number, end: number, now: number): boolean {
  const { availability, busy } = person;
  const { limits, timeZone } = availability;
  if (start < now + limits.minNoticeMinutes * MINUTE_MS) return false;
  const bufferMs = limits.bufferMinutes * MINUTE_MS;
  if (overlapsAny(busy, start - bufferMs, end + bufferMs)) return false;

  const startDay = intlLocalDayNumberOf(timeZone, start);
  let sameDay = 0;
  for (const session of busy) {
    if (intlLocalDayNumberOf(timeZone, session.start) === startDay) sameDay++;
  }
  if (sameDay >= limits.maxSessionsPerDay) return false;

  // Windows of the dates around the slot, one date beyond each end because a window
  // may reach a neighbouring date's instants.
  const windows: Interval[] = [];
  const lastDay = intlLocalDayNumberOf(timeZone, end) + 1;
  for (let dayNumber = startDay - 1; dayNumber <= lastDay; dayNumber++) {
    const date = localDateOfDayNumber(dayNumber);
    for (const window of minuteWindowsOn(availability, date, isoWeekdayOfDayNumber(dayNumber))) {
      const wallMidnight = dayNumber * DAY_MS;
      const windowStart = wallTimeToUtc(timeZone, wallMidnight + window.startMinute * MINUTE_MS);
      const windowEnd = wallTimeToUtc(timeZone, wallMidnight + window.endMinute * MINUTE_MS);
      if (windowEnd > windowStart) windows.push({ start: windowStart, end: windowEnd });
    }
  }
  return covers(windows, start, end);
}

/** Same contract and results as findMatches, found the slow way. For the benchmark. */
export function naiveFindMatches(
  request: MatchRequest,
  requester: MatchPerson,
  candidates: MatchCandidate[],
): Proposal[] {
  const plan = planRequest(request);
  if (plan === null) return [];
  if (!(requester.availability.limits.maxSessionsPerDay >= 1)) return [];
  const eligible = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => isEligiblePeer(request, requester, candidate));
  const found = eligible.map(() => ({ starts: [] as number[], requesterDays: [] as number[] }));

  for (let i = 0; i < plan.slotCount; i++) {
    const start = plan.firstSlot + i * plan.stepMs;
    const end = start + plan.sessionMs;
    if (!isFreeAt(requester, start, end, plan.now)) continue;
    const requesterDay = intlLocalDayNumberOf(requester.availability.timeZone, start);
    for (let e = 0; e < eligible.length; e++) {
      if (!isFreeAt(eligible[e]!.candidate, start, end, plan.now)) continue;
      found[e]!.starts.push(start);
      found[e]!.requesterDays.push(requesterDay);
    }
  }

  const ranked: RankedSlot[] = [];
  eligible.forEach(({ candidate, index }, e) => {
    const { starts, requesterDays } = found[e]!;
    const peerPart = peerScore(request, candidate);
    for (const start of pickSpreadStarts(
      starts,
      requesterDays,
      starts.length,
      plan.sessionMs,
      plan.maxPerPeer,
    )) {
      ranked.push({
        candidateIndex: index,
        peerId: candidate.id,
        start,
        score: proposalScore(peerPart, start, plan),
      });
    }
  });
  ranked.sort(compareRankedSlots);
  return toProposals(ranked.slice(0, plan.maxProposals), request, candidates, plan);
}
