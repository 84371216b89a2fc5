import { expandAvailability, fullLocalDays, mergeIntervals } from "../availability/expand";
import type { Interval } from "../availability/types";
import {
  DAY_MS,
  isKnownTimeZone,
  localDayNumberOf,
  MINUTE_MS,
  type ZoneDay,
  zoneDay,
} from "../availability/zoned-time";
import { oneWayUpToRank } from "../credits/qualification";
import type { MatchCandidate, MatchPerson, MatchRequest, Proposal } from "./types";

// The matcher: concrete times with concrete peers, hard constraints first, then a score.
// Everything that decides *what* is proposed (constraints, scoring, per-peer spreading,
// ordering) is exported so the naive benchmark baseline shares it and only differs in
// *how* it searches.

/**
 * Weights of the score: the weighted sum of six components in [0, 1], so a score lies
 * in [0, 1] too. Level fit leads because a mismatched mock rehearses the wrong bar;
 * soonness is next because people book close to their interviews; reliability keeps
 * no-shows from being rewarded, and quality puts peers whose partners rate them well
 * ahead, the two sharing what reliability alone used to weigh; fairness lets those who
 * give interviews get them back; a smaller weight spreads people over different partners.
 */
export const MATCH_SCORE_WEIGHTS = {
  /**
   * Swap: 1 for the same target level, 0.5 for one level apart. One-way:
   * 0.7 × calibration (interviews up to target or target + 1: 1; + 2: 0.75; more: 0.5)
   * + 0.3 × seniority (current level at or above the target: 1; unknown: 0.5; below: 0).
   */
  levelFit: 0.3,
  /** 1 at "now", falling linearly to 0 at the end of the horizon. */
  soonness: 0.25,
  /**
   * The peer's attendance record (0…1); unknown counts as UNKNOWN_RELIABILITY. Weighs
   * more than quality: a missed mock costs a prepared evening, a mediocre one less.
   */
  reliability: 0.12,
  /** The peer's revealed ratings (qualityScore, 0…1); unknown counts as UNKNOWN_QUALITY. */
  quality: 0.08,
  /** 0.5 + 0.5 × (given − received) / (given + received + 2): above 0.5 for givers. */
  fairness: 0.15,
  /** Days since the last session with the requester / RECENT_PARTNER_DAYS, capped at 1. */
  freshPartner: 0.1,
} as const;

/** New peers are neither rewarded nor punished much for a record they do not have yet. */
export const UNKNOWN_RELIABILITY = 0.8;
/**
 * Below what well-rated peers reach (4.5 stars and 90% "again" give 0.885), so good
 * ratings lift a peer, but above a lukewarm record, so being new is not a penalty.
 */
export const UNKNOWN_QUALITY = 0.7;
export const RECENT_PARTNER_DAYS = 14;
export const DEFAULT_SLOT_STEP_MINUTES = 30;
export const DEFAULT_MAX_PROPOSALS = 10;
export const DEFAULT_MAX_PER_PEER = 3;

/** The resolved numbers of one request. */
export interface MatchPlan {
  now: number;
  stepMs: number;
  sessionMs: number;
  horizonMs: number;
  /** Starts must be earlier than this. */
  horizonEnd: number;
  /** The first grid start at or after now; slot i starts at firstSlot + i·stepMs. */
  firstSlot: number;
  slotCount: number;
  maxProposals: number;
  maxPerPeer: number;
}

/** Resolves defaults; null when the request cannot yield anything. */
export function planRequest(request: MatchRequest): MatchPlan | null {
  const stepMs = (request.slotStepMinutes ?? DEFAULT_SLOT_STEP_MINUTES) * MINUTE_MS;
  const sessionMs = request.sessionMinutes * MINUTE_MS;
  const horizonMs = request.horizonDays * DAY_MS;
  const maxProposals = Math.floor(request.maxProposals ?? DEFAULT_MAX_PROPOSALS);
  const maxPerPeer = Math.floor(request.maxPerPeer ?? DEFAULT_MAX_PER_PEER);
  const { now } = request;
  if (!(stepMs > 0 && sessionMs > 0 && horizonMs > 0 && maxProposals > 0 && maxPerPeer > 0)) {
    return null;
  }
  if (!Number.isFinite(now) || !Number.isFinite(horizonMs)) return null;
  const firstSlot = Math.ceil(now / stepMs) * stepMs;
  const horizonEnd = now + horizonMs;
  const slotCount = Math.max(0, Math.ceil((horizonEnd - firstSlot) / stepMs));
  return {
    now,
    stepMs,
    sessionMs,
    horizonMs,
    horizonEnd,
    firstSlot,
    slotCount,
    maxProposals,
    maxPerPeer,
  };
}

/** The level a one-way interviewer takes candidates up to: offered and qualified, unpaused. */
export function oneWayRank(candidate: MatchCandidate): number | null {
  return oneWayUpToRank(
    candidate.interviewsUpToRank,
    candidate.qualifiedUpToRank,
    candidate.oneWayPaused,
  );
}

/** One-way needs a qualified interviewer; a swap needs targets within one level. */
function isQualified(request: MatchRequest, candidate: MatchCandidate): boolean {
  if (request.alreadyPaired) return true;
  if (request.format === "one_way") {
    const rank = oneWayRank(candidate);
    return rank !== null && rank >= request.targetLevelRank;
  }
  return (
    candidate.swapTargetRank !== null &&
    Math.abs(candidate.swapTargetRank - request.targetLevelRank) <= 1
  );
}

/** Not the requester, qualified, and a daily cap that allows a session at all. */
export function meetsPeerConstraints(
  request: MatchRequest,
  requester: MatchPerson,
  candidate: MatchCandidate,
): boolean {
  return (
    candidate.id !== requester.id &&
    candidate.id !== request.requesterId &&
    isQualified(request, candidate) &&
    candidate.availability.limits.maxSessionsPerDay >= 1
  );
}

/** The constraints that do not depend on time: checked before any calendar work. */
export function isEligiblePeer(
  request: MatchRequest,
  requester: MatchPerson,
  candidate: MatchCandidate,
): boolean {
  return (
    meetsPeerConstraints(request, requester, candidate) &&
    // A peer whose zone the runtime does not know cannot be placed in time; one bad
    // profile must not break matching for everybody else.
    isKnownTimeZone(candidate.availability.timeZone)
  );
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/**
 * Level fit from the ranks alone (swap: the peer's target; one-way: what the peer
 * interviews up to and their current level), so an index can price a whole bucket.
 */
export function levelFitOfRanks(
  request: Pick<MatchRequest, "format" | "targetLevelRank">,
  swapTargetRank: number | null,
  oneWayUpTo: number | null,
  levelRank: number | null,
): number {
  const target = request.targetLevelRank;
  if (request.format === "swap") {
    return swapTargetRank === target ? 1 : 0.5;
  }
  // Interviewers calibrated at or just above the target know that bar best; far above
  // they tend to grade against their own level.
  const above = (oneWayUpTo ?? target) - target;
  const qualification = above <= 1 ? 1 : above === 2 ? 0.75 : 0.5;
  const seniority = levelRank === null ? 0.5 : levelRank >= target ? 1 : 0;
  return 0.7 * qualification + 0.3 * seniority;
}

function levelFit(request: MatchRequest, candidate: MatchCandidate): number {
  return levelFitOfRanks(
    request,
    candidate.swapTargetRank,
    request.format === "one_way" ? oneWayRank(candidate) : null,
    candidate.levelRank,
  );
}

function fairness(candidate: MatchCandidate): number {
  const given = Math.max(0, candidate.interviewsGiven);
  const received = Math.max(0, candidate.interviewsReceived);
  // The +2 keeps one early interview from swinging a newcomer to an extreme.
  return 0.5 + (0.5 * (given - received)) / (given + received + 2);
}

/**
 * The part of the score that depends on the peer alone (reliability, quality,
 * fairness): the same for every request, so an index can sort peers by it once.
 */
export function peerStanding(candidate: MatchCandidate): number {
  const weights = MATCH_SCORE_WEIGHTS;
  return (
    weights.reliability * clamp01(candidate.reliability ?? UNKNOWN_RELIABILITY) +
    weights.quality * clamp01(candidate.quality ?? UNKNOWN_QUALITY) +
    weights.fairness * fairness(candidate)
  );
}

function freshPartner(candidate: MatchCandidate, now: number): number {
  const last = candidate.lastSessionWithRequesterAt;
  if (last === null) return 1;
  return clamp01((now - last) / (RECENT_PARTNER_DAYS * DAY_MS));
}

/** The part of the score that does not depend on the start time. */
export function peerScore(request: MatchRequest, candidate: MatchCandidate): number {
  const weights = MATCH_SCORE_WEIGHTS;
  return (
    weights.levelFit * levelFit(request, candidate) +
    weights.reliability * clamp01(candidate.reliability ?? UNKNOWN_RELIABILITY) +
    weights.quality * clamp01(candidate.quality ?? UNKNOWN_QUALITY) +
    weights.fairness * fairness(candidate) +
    weights.freshPartner * freshPartner(candidate, request.now)
  );
}

/**
 * Score of one proposal. Non-increasing in `start`, so peerScore plus the score of a
 * peer's earliest possible start bounds all of that peer's proposals.
 */
export function proposalScore(peerPart: number, start: number, plan: MatchPlan): number {
  return peerPart + MATCH_SCORE_WEIGHTS.soonness * clamp01(1 - (start - plan.now) / plan.horizonMs);
}

/** A rank as its loop names it: every loop has its own ladder of codes. */
function levelName(rank: number, request: MatchRequest): string {
  return request.levelCodes?.[rank] ?? `level ${rank}`;
}

function daysAgoPhrase(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/**
 * Words rather than the figure: the exact stars sit next to the reasons in the peer's
 * record, and a 0–1 score means nothing to a reader.
 */
function qualityReason(quality: number): string {
  if (quality >= 0.8) return "Rated highly by past partners";
  if (quality >= 0.6) return "Rated well by past partners";
  return "Mixed ratings from past partners";
}

/** Plain-words reasons for a peer's rank, most important first. */
function peerReasons(request: MatchRequest, candidate: MatchCandidate): string[] {
  const reasons: string[] = [];
  const target = request.targetLevelRank;
  if (request.format === "swap" && candidate.swapTargetRank !== null) {
    reasons.push(
      candidate.swapTargetRank === target
        ? `Targets ${levelName(target, request)}, same as you`
        : `Targets ${levelName(candidate.swapTargetRank, request)}, one level from your ${levelName(target, request)}`,
    );
  }
  const upTo = request.format === "one_way" ? oneWayRank(candidate) : null;
  if (upTo !== null) {
    reasons.push(`Interviews up to ${levelName(upTo, request)}`);
    if (candidate.levelRank !== null) {
      reasons.push(`Currently ${levelName(candidate.levelRank, request)}`);
    }
  }
  reasons.push(
    candidate.reliability === null
      ? "New here, no attendance record yet"
      : `Reliability ${Math.round(clamp01(candidate.reliability) * 100)}%`,
  );
  if (candidate.quality !== null) reasons.push(qualityReason(candidate.quality));
  if (candidate.interviewsGiven > candidate.interviewsReceived) {
    reasons.push("Gives more interviews than they take");
  }
  const last = candidate.lastSessionWithRequesterAt;
  if (last !== null && request.now - last < RECENT_PARTNER_DAYS * DAY_MS) {
    reasons.push(
      last > request.now
        ? "You already have a session booked together"
        : `You practised together ${daysAgoPhrase(Math.floor((request.now - last) / DAY_MS))}`,
    );
  }
  return reasons;
}

/**
 * Which of a peer's valid starts (ascending) to propose: the first start of each
 * distinct local day of the requester, then, if room is left, the earliest starts that
 * do not overlap one already picked. Returns them ascending.
 *
 * Only the valid starts up to the one that brings the count of distinct days to
 * `maxPerPeer` can matter, so a caller may stop collecting there.
 */
export function pickSpreadStarts(
  starts: ArrayLike<number>,
  requesterDays: ArrayLike<number>,
  count: number,
  sessionMs: number,
  maxPerPeer: number,
): number[] {
  const picked: number[] = [];
  const pickedDays: number[] = [];
  for (let k = 0; k < count && picked.length < maxPerPeer; k++) {
    const day = requesterDays[k]!;
    if (pickedDays.includes(day)) continue;
    pickedDays.push(day);
    picked.push(starts[k]!);
  }
  for (let k = 0; k < count && picked.length < maxPerPeer; k++) {
    const start = starts[k]!;
    if (picked.some((other) => Math.abs(other - start) < sessionMs)) continue;
    picked.push(start);
  }
  return picked.sort((a, b) => a - b);
}

/** A proposal before its reasons are written. */
export interface RankedSlot {
  candidateIndex: number;
  peerId: string;
  start: number;
  score: number;
}

/** Total order of proposals: score descending, then earlier start, then peer id. */
export function compareRankedSlots(a: RankedSlot, b: RankedSlot): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.start !== b.start) return a.start - b.start;
  if (a.peerId !== b.peerId) return a.peerId < b.peerId ? -1 : 1;
  return a.candidateIndex - b.candidateIndex;
}

/** Turns the best ranked slots into proposals. */
export function toProposals(
  ranked: readonly RankedSlot[],
  request: MatchRequest,
  candidates: readonly MatchCandidate[],
  plan: MatchPlan,
): Proposal[] {
  const reasonsByCandidate = new Map<number, string[]>();
  return ranked.map((slot) => {
    let reasons = reasonsByCandidate.get(slot.candidateIndex);
    if (reasons === undefined) {
      reasons = peerReasons(request, candidates[slot.candidateIndex]!);
      reasonsByCandidate.set(slot.candidateIndex, reasons);
    }
    return {
      peerId: slot.peerId,
      start: slot.start,
      end: slot.start + plan.sessionMs,
      score: slot.score,
      reasons: [...reasons],
    };
  });
}

/** True when [from, to) overlaps one of the intervals. */
export function overlapsAny(intervals: readonly Interval[], from: number, to: number): boolean {
  for (let k = 0; k < intervals.length; k++) {
    const interval = intervals[k]!;
    if (from < interval.end && interval.start < to) return true;
  }
  return false;
}

// ---- The fast search ------------------------------------------------------------------

export interface RequesterSlots {
  /** 1 where the requester could start a session at slot i. */
  ok: Uint8Array;
  /** The requester's local day number of slot i (where ok). */
  day: Int32Array;
  firstOk: number;
  /** Union of the requester's possible sessions: only these instants can matter. */
  coverage: Interval[];
}

export function requesterSlots(plan: MatchPlan, requester: MatchPerson): RequesterSlots | null {
  const { availability, busy } = requester;
  const { limits, timeZone } = availability;
  if (!(limits.maxSessionsPerDay >= 1)) return null;
  const { firstSlot, stepMs, sessionMs, slotCount } = plan;
  const ok = new Uint8Array(slotCount);
  const day = new Int32Array(slotCount);
  const windows = expandAvailability(availability, {
    start: firstSlot,
    end: plan.horizonEnd + sessionMs,
  });
  const full = fullLocalDays(timeZone, busy, limits.maxSessionsPerDay);
  const bufferMs = limits.bufferMinutes * MINUTE_MS;
  const earliest = plan.now + limits.minNoticeMinutes * MINUTE_MS;
  const sessions: Interval[] = [];
  let firstOk = -1;
  for (const window of windows) {
    const from = Math.max(0, Math.ceil((Math.max(window.start, earliest) - firstSlot) / stepMs));
    const to = Math.min(slotCount - 1, Math.floor((window.end - sessionMs - firstSlot) / stepMs));
    for (let i = from; i <= to; i++) {
      const start = firstSlot + i * stepMs;
      if (overlapsAny(busy, start - bufferMs, start + sessionMs + bufferMs)) continue;
      const dayNumber = localDayNumberOf(timeZone, start);
      if (full.has(dayNumber)) continue;
      ok[i] = 1;
      day[i] = dayNumber;
      if (firstOk === -1) firstOk = i;
      sessions.push({ start, end: start + sessionMs });
    }
  }
  if (firstOk === -1) return null;
  return { ok, day, firstOk, coverage: mergeIntervals(sessions) };
}

/**
 * The days of one zone whose windows can touch one of the requester's possible sessions;
 * a peer's rules are expanded on these days only.
 */
export function relevantDays(timeZone: string, plan: MatchPlan, coverage: Interval[]): ZoneDay[] {
  // Local dates of the searched instants lie within a day of their UTC dates, and a
  // window may reach one date further.
  const firstDay = Math.floor(plan.firstSlot / DAY_MS) - 2;
  const lastDay = Math.floor((plan.horizonEnd + plan.sessionMs) / DAY_MS) + 2;
  const days: ZoneDay[] = [];
  for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber++) {
    const day = zoneDay(timeZone, dayNumber);
    // A steady day's windows lie within [midnight, next midnight]; around a change,
    // skipped wall times move forward, so allow a day either side.
    const margin = day.offsetChanges ? DAY_MS : 0;
    if (overlapsAny(coverage, day.midnightUtc - margin, day.midnightUtc + DAY_MS + margin)) {
      days.push(day);
    }
  }
  return days;
}

/** Reused buffers, so the per-candidate loop allocates nothing in the common case. */
export class Scratch {
  windowStart = new Float64Array(64);
  windowEnd = new Float64Array(64);
  windowCount = 0;
  starts: Float64Array;
  days: Int32Array;
  distinctDays: Int32Array;

  constructor(slotCount: number, maxPerPeer: number) {
    this.starts = new Float64Array(Math.max(1, slotCount));
    this.days = new Int32Array(Math.max(1, slotCount));
    this.distinctDays = new Int32Array(Math.max(1, maxPerPeer));
  }

  addWindow(day: ZoneDay, startMinute: number, endMinute: number): void {
    // Same clamping as minuteWindowsOn, NaN included.
    const startClamped = Math.max(0, startMinute);
    const endClamped = Math.min(1440, endMinute);
    if (!(endClamped > startClamped)) return;
    const start = day.toUtc(startClamped);
    const end = day.toUtc(endClamped);
    if (!(end > start)) return;
    if (this.windowCount === this.windowStart.length) {
      const grownStart = new Float64Array(this.windowCount * 2);
      const grownEnd = new Float64Array(this.windowCount * 2);
      grownStart.set(this.windowStart);
      grownEnd.set(this.windowEnd);
      this.windowStart = grownStart;
      this.windowEnd = grownEnd;
    }
    this.windowStart[this.windowCount] = start;
    this.windowEnd[this.windowCount] = end;
    this.windowCount++;
  }

  /** Sorts the windows by start (insertion sort: they arrive nearly sorted) and merges. */
  mergeWindows(): void {
    const starts = this.windowStart;
    const ends = this.windowEnd;
    const count = this.windowCount;
    for (let i = 1; i < count; i++) {
      const start = starts[i]!;
      const end = ends[i]!;
      let j = i - 1;
      while (j >= 0 && starts[j]! > start) {
        starts[j + 1] = starts[j]!;
        ends[j + 1] = ends[j]!;
        j--;
      }
      starts[j + 1] = start;
      ends[j + 1] = end;
    }
    let merged = 0;
    for (let i = 0; i < count; i++) {
      if (merged > 0 && starts[i]! <= ends[merged - 1]!) {
        if (ends[i]! > ends[merged - 1]!) ends[merged - 1] = ends[i]!;
      } else {
        starts[merged] = starts[i]!;
        ends[merged] = ends[i]!;
        merged++;
      }
    }
    this.windowCount = merged;
  }
}

function expandCandidateWindows(candidate: MatchCandidate, days: ZoneDay[], scratch: Scratch) {
  const { rules, overrides } = candidate.availability;
  scratch.windowCount = 0;
  // Bit w set when some rule falls on ISO weekday w: most days of most peers are skipped
  // without looking at their rules.
  let weekdays = 0;
  for (let k = 0; k < rules.length; k++) weekdays |= 1 << rules[k]!.weekday;
  for (let d = 0; d < days.length; d++) {
    const day = days[d]!;
    let off = false;
    for (let k = 0; k < overrides.length; k++) {
      const override = overrides[k]!;
      if (override.kind === "off" && override.date === day.date) off = true;
    }
    if (!off && (weekdays & (1 << day.weekday)) !== 0) {
      for (let k = 0; k < rules.length; k++) {
        const rule = rules[k]!;
        if (rule.weekday === day.weekday) scratch.addWindow(day, rule.startMinute, rule.endMinute);
      }
    }
    for (let k = 0; k < overrides.length; k++) {
      const override = overrides[k]!;
      if (override.kind === "extra" && override.date === day.date) {
        scratch.addWindow(day, override.startMinute, override.endMinute);
      }
    }
  }
  scratch.mergeWindows();
}

/**
 * Collects the candidate's valid starts (ascending) into scratch.starts/days and returns
 * how many; stops as soon as the picks of pickSpreadStarts are settled.
 */
export function collectValidStarts(
  plan: MatchPlan,
  requester: RequesterSlots,
  candidate: MatchCandidate,
  days: ZoneDay[],
  scratch: Scratch,
): number {
  const { availability, busy } = candidate;
  const { limits, timeZone } = availability;
  expandCandidateWindows(candidate, days, scratch);
  if (scratch.windowCount === 0) return 0;
  const { firstSlot, stepMs, sessionMs, slotCount, maxPerPeer } = plan;
  const bufferMs = limits.bufferMinutes * MINUTE_MS;
  const earliest = Math.max(
    0,
    Math.ceil((plan.now + limits.minNoticeMinutes * MINUTE_MS - firstSlot) / stepMs),
  );
  let full: Set<number> | null = null;
  if (busy.length >= limits.maxSessionsPerDay) {
    full = fullLocalDays(timeZone, busy, limits.maxSessionsPerDay);
    if (full.size === 0) full = null;
  }
  const { ok, day } = requester;
  let count = 0;
  let distinct = 0;
  for (let w = 0; w < scratch.windowCount; w++) {
    const from = Math.max(earliest, Math.ceil((scratch.windowStart[w]! - firstSlot) / stepMs));
    const to = Math.min(
      slotCount - 1,
      Math.floor((scratch.windowEnd[w]! - sessionMs - firstSlot) / stepMs),
    );
    for (let i = from; i <= to; i++) {
      if (ok[i] === 0) continue;
      const start = firstSlot + i * stepMs;
      if (busy.length > 0 && overlapsAny(busy, start - bufferMs, start + sessionMs + bufferMs)) {
        continue;
      }
      if (full?.has(localDayNumberOf(timeZone, start))) continue;
      const requesterDay = day[i]!;
      scratch.starts[count] = start;
      scratch.days[count] = requesterDay;
      count++;
      let seen = false;
      for (let k = 0; k < distinct; k++) {
        if (scratch.distinctDays[k] === requesterDay) seen = true;
      }
      if (!seen) {
        scratch.distinctDays[distinct++] = requesterDay;
        if (distinct === maxPerPeer) return count;
      }
    }
  }
  return count;
}

/** Keeps the best `limit` slots, sorted, in a small array. */
export function offer(best: RankedSlot[], slot: RankedSlot, limit: number): void {
  if (best.length === limit && compareRankedSlots(slot, best[limit - 1]!) >= 0) return;
  let at = best.length;
  while (at > 0 && compareRankedSlots(slot, best[at - 1]!) < 0) at--;
  best.splice(at, 0, slot);
  if (best.length > limit) best.pop();
}

/**
 * Candidates by descending bound. A heap rather than a sort: the search usually stops
 * after a few hundred of ten thousand, so only those pay for their order.
 */
class BoundHeap {
  readonly #items: Int32Array;
  readonly #bounds: Float64Array;
  #size = 0;

  constructor(capacity: number, bounds: Float64Array) {
    this.#items = new Int32Array(Math.max(1, capacity));
    this.#bounds = bounds;
  }

  push(item: number): void {
    this.#items[this.#size++] = item;
  }

  /** Establishes the heap order after the pushes. */
  heapify(): void {
    for (let at = (this.#size >> 1) - 1; at >= 0; at--) this.#siftDown(at);
  }

  pop(): number {
    if (this.#size === 0) return -1;
    const top = this.#items[0]!;
    this.#size--;
    if (this.#size > 0) {
      this.#items[0] = this.#items[this.#size]!;
      this.#siftDown(0);
    }
    return top;
  }

  #siftDown(from: number): void {
    const items = this.#items;
    const bounds = this.#bounds;
    const size = this.#size;
    const item = items[from]!;
    const bound = bounds[item]!;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && bounds[items[child + 1]!]! > bounds[items[child]!]!) child++;
      if (bounds[items[child]!]! <= bound) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = item;
  }
}

/**
 * Proposes concrete times with concrete peers for one request, best first. Throws a
 * RangeError when the requester's time zone is unknown; peers in unknown zones are
 * skipped.
 *
 * Hard constraints: not the requester; qualified (one-way: interviews up to the target
 * or above; swap: target within one level); [start, start + session) inside both
 * people's availability; start on the UTC grid, no sooner than either person's notice
 * and before the horizon; both people's existing sessions clear by their own buffers;
 * fewer than each person's daily cap of sessions starting on that local date.
 * Deterministic for equal inputs, whatever the process time zone.
 */
export function findMatches(
  request: MatchRequest,
  requester: MatchPerson,
  candidates: MatchCandidate[],
): Proposal[] {
  const plan = planRequest(request);
  if (plan === null || plan.slotCount === 0) return [];
  const requesterFree = requesterSlots(plan, requester);
  if (requesterFree === null) return [];

  // Cheap constraints and the time-independent score first; the calendar work then goes
  // to the most promising peers, and stops once no remaining peer can enter the top.
  const peerParts = new Float64Array(candidates.length);
  const bounds = new Float64Array(candidates.length);
  const queue = new BoundHeap(candidates.length, bounds);
  // Per zone: the days worth expanding, or null for a zone the runtime does not know.
  const daysByZone = new Map<string, ZoneDay[] | null>();
  const daysOfCandidate: ZoneDay[][] = new Array(candidates.length);
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    if (!meetsPeerConstraints(request, requester, candidate)) continue;
    const { timeZone, limits } = candidate.availability;
    let days = daysByZone.get(timeZone);
    if (days === undefined) {
      days = isKnownTimeZone(timeZone)
        ? relevantDays(timeZone, plan, requesterFree.coverage)
        : null;
      daysByZone.set(timeZone, days);
    }
    if (days === null) continue;
    const noticeSlot = Math.ceil(
      (plan.now + limits.minNoticeMinutes * MINUTE_MS - plan.firstSlot) / plan.stepMs,
    );
    const earliestSlot = Math.max(requesterFree.firstOk, noticeSlot);
    if (earliestSlot >= plan.slotCount) continue;
    const peerPart = peerScore(request, candidate);
    peerParts[c] = peerPart;
    daysOfCandidate[c] = days;
    bounds[c] = proposalScore(peerPart, plan.firstSlot + earliestSlot * plan.stepMs, plan);
    queue.push(c);
  }
  queue.heapify();

  const scratch = new Scratch(plan.slotCount, plan.maxPerPeer);
  const best: RankedSlot[] = [];
  for (let c = queue.pop(); c !== -1; c = queue.pop()) {
    // Strictly below: a peer that could tie might still win on start time or id.
    if (best.length === plan.maxProposals && bounds[c]! < best[best.length - 1]!.score) break;
    const candidate = candidates[c]!;
    const count = collectValidStarts(plan, requesterFree, candidate, daysOfCandidate[c]!, scratch);
    if (count === 0) continue;
    const starts = pickSpreadStarts(
      scratch.starts,
      scratch.days,
      count,
      plan.sessionMs,
      plan.maxPerPeer,
    );
    for (const start of starts) {
      offer(
        best,
        {
          candidateIndex: c,
          peerId: candidate.id,
          start,
          score: proposalScore(peerParts[c]!, start, plan),
        },
        plan.maxProposals,
      );
    }
  }
  return toProposals(best, request, candidates, plan);
}

/**
 * Whether one start with one candidate passes every hard constraint: the check a
 * booking repeats inside its transaction, by the same code the search uses (but
 * without spreading, which only decides what is shown).
 */
export function isValidStart(
  request: MatchRequest,
  requester: MatchPerson,
  candidate: MatchCandidate,
  start: number,
): boolean {
  const base = planRequest(request);
  if (base === null || base.slotCount === 0) return false;
  // More "distinct days" than a horizon has: collectValidStarts never stops early.
  const plan: MatchPlan = { ...base, maxPerPeer: base.slotCount + 1 };
  const requesterFree = requesterSlots(plan, requester);
  if (requesterFree === null || !meetsPeerConstraints(request, requester, candidate)) return false;
  const { timeZone } = candidate.availability;
  if (!isKnownTimeZone(timeZone)) return false;
  const days = relevantDays(timeZone, plan, requesterFree.coverage);
  const scratch = new Scratch(plan.slotCount, plan.maxPerPeer);
  const count = collectValidStarts(plan, requesterFree, candidate, days, scratch);
  for (let k = 0; k < count; k++) if (scratch.starts[k] === start) return true;
  return false;
}
