import {
  DAY_MS,
  isKnownTimeZone,
  isoWeekdayOfLocalDate,
  MINUTE_MS,
  offsetMsAt,
  type ZoneDay,
} from "../availability/zoned-time";
import {
  collectValidStarts,
  findMatches,
  levelFitOfRanks,
  MATCH_SCORE_WEIGHTS,
  type MatchPlan,
  meetsPeerConstraints,
  offer,
  oneWayRank,
  peerScore,
  peerStanding,
  pickSpreadStarts,
  planRequest,
  proposalScore,
  type RankedSlot,
  relevantDays,
  requesterSlots,
  Scratch,
  toProposals,
} from "./find-matches";
import type { MatchCandidate, MatchPerson, MatchRequest, Proposal } from "./types";

// An index over one pool of peers (one round's candidates), built once and queried by
// many requests, so a request touches only the peers who could fit rather than all.
//
// Peers are bucketed by what fixes their level fit for any request (swap: their target
// level; one-way: the level they interview up to and their current level), and inside
// a bucket listed per UTC hour of the week in which they could be free, each list
// sorted by the part of the score that depends on the peer alone. A request walks, for
// every hour of its horizon in which the requester can start, the lists of the buckets
// that qualify, best first (a threshold search over the merged lists), checks each new
// peer's calendar exactly with the same code as findMatches, and stops as soon as no
// list head can beat the proposals already found. The answer is findMatches' answer:
// the lists only decide who is looked at, never what is proposed.

const HOUR_MS = 60 * MINUTE_MS;
const WEEK_HOURS = 168;
const WEEK_MINUTES = 7 * 1440;
/** 1970-01-05T00:00Z, a Monday: hour-of-week 0 is Monday 00:00 UTC. */
const MONDAY_EPOCH_HOURS = 96;
/**
 * Added to every list bound: the bound adds the same terms as the exact score in
 * another order, and rounding must never let it fall below the score it bounds.
 */
const BOUND_SLACK = 1e-9;
/** How far a request's calendar work reaches beyond its grid (relevantDays' margins). */
const SPAN_MARGIN_MS = 3 * DAY_MS;

/** Hour of the week (0 = Monday 00:00 UTC) of an instant. */
export function utcHourOfWeek(instant: number): number {
  const hours = Math.floor(instant / HOUR_MS) - MONDAY_EPOCH_HOURS;
  return ((hours % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS;
}

/** Smallest and largest offset (ms) a zone uses in [from, to], sampled daily. */
function offsetRange(timeZone: string, from: number, to: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  // Offsets hold for months; a daily sample sees every one in use, plus both ends.
  for (let at = from; ; at += DAY_MS) {
    const instant = Math.min(at, to);
    const offset = offsetMsAt(timeZone, instant);
    if (offset < min) min = offset;
    if (offset > max) max = offset;
    if (instant === to) break;
  }
  return [min, max];
}

/**
 * The UTC hours of the week in which the peer has any available instant, for every
 * offset the zone uses: a superset of where a session can start, whatever the date.
 * Date overrides count as weekly rules of their date's weekday ("off" only removes).
 */
function freeHoursOfWeek(candidate: MatchCandidate, offsets: [number, number]): Uint8Array {
  const hours = new Uint8Array(WEEK_HOURS);
  const [minOffset, maxOffset] = offsets;
  const mark = (weekday: number, startMinute: number, endMinute: number) => {
    // Same clamping as the expansion, NaN included.
    const start = Math.max(0, startMinute);
    const end = Math.min(1440, endMinute);
    if (!(end > start)) return;
    const local = (weekday - 1) * 1440;
    // A wall time maps to wall − offset for one of the zone's offsets (skipped times
    // move forward by the gap), so the window lies inside this range of UTC minutes.
    const from = Math.floor(local + start - maxOffset / MINUTE_MS);
    const to = Math.ceil(local + end - minOffset / MINUTE_MS);
    if (to - from >= WEEK_MINUTES) {
      hours.fill(1);
      return;
    }
    for (let hour = Math.floor(from / 60); hour <= Math.floor((to - 1) / 60); hour++) {
      hours[((hour % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS] = 1;
    }
  };
  const { rules, overrides } = candidate.availability;
  for (const rule of rules) mark(rule.weekday, rule.startMinute, rule.endMinute);
  for (const override of overrides) {
    if (override.kind !== "extra") continue;
    let weekday: number;
    try {
      weekday = isoWeekdayOfLocalDate(override.date);
    } catch {
      continue;
    }
    if (!(weekday >= 1 && weekday <= 7)) continue;
    mark(weekday, override.startMinute, override.endMinute);
  }
  return hours;
}

/** Peers who share a level fit for every request, listed per UTC hour of the week. */
interface Bucket {
  swapTargetRank: number | null;
  oneWayUpTo: number | null;
  levelRank: number | null;
  /** Per hour of the week: candidate indexes, best standing first. */
  hours: Int32Array[];
}

/** What one query did, for the benchmark's "cost per peer who could fit". */
export interface MatchPoolQueryStats {
  /** List entries read. */
  entries: number;
  /** Peers whose calendars were checked. */
  checked: number;
}

/** Candidate-index lists of a max-heap of list cursors ordered by their head's bound. */
class CursorHeap {
  readonly lists: Int32Array[] = [];
  readonly positions: number[] = [];
  /** Bound of each cursor without the head's standing. */
  readonly bases: number[] = [];
  readonly keys: number[] = [];
  readonly #order: number[] = [];
  readonly #standing: Float64Array;

  constructor(standing: Float64Array) {
    this.#standing = standing;
  }

  add(list: Int32Array, base: number): void {
    const cursor = this.lists.length;
    this.lists.push(list);
    this.positions.push(0);
    this.bases.push(base);
    this.keys.push(base + this.#standing[list[0]!]!);
    this.#order.push(cursor);
  }

  heapify(): void {
    for (let at = (this.#order.length >> 1) - 1; at >= 0; at--) this.#siftDown(at);
  }

  get size(): number {
    return this.#order.length;
  }

  /** The best cursor, without removing it. */
  top(): number {
    return this.#order[0]!;
  }

  /** Moves the top cursor to its next entry, dropping it when its list is done. */
  advanceTop(): void {
    const cursor = this.#order[0]!;
    const position = ++this.positions[cursor]!;
    const list = this.lists[cursor]!;
    if (position < list.length) {
      this.keys[cursor] = this.bases[cursor]! + this.#standing[list[position]!]!;
    } else {
      const last = this.#order.pop()!;
      if (this.#order.length === 0) return;
      this.#order[0] = last;
    }
    this.#siftDown(0);
  }

  #siftDown(from: number): void {
    const order = this.#order;
    const keys = this.keys;
    const size = order.length;
    const item = order[from]!;
    const key = keys[item]!;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[order[child + 1]!]! > keys[order[child]!]!) child++;
      if (keys[order[child]!]! <= key) break;
      order[at] = order[child]!;
      at = child;
    }
    order[at] = item;
  }
}

/**
 * An index over a pool of candidates, for many requests. The pool is read, never
 * changed, and must not change while the index lives: whoever holds one rebuilds it
 * when the pool's people, calendars or records change (see docs/decisions/0020).
 *
 * Results are exactly findMatches' for the same request, requester and candidates
 * (property-tested against the naive matcher). Requests whose dates lie outside the
 * span the index was built for, and moves of an already paired session, are answered
 * by findMatches over the whole pool.
 */
export class MatchPool {
  readonly candidates: MatchCandidate[];
  /** The instants the index's zone offsets are valid for. */
  readonly span: { from: number; to: number };
  readonly #standing: Float64Array;
  /** Swap buckets by the peer's target rank. */
  readonly #swap = new Map<number, Bucket>();
  /** One-way buckets by "upTo|level". */
  readonly #oneWay = new Map<string, Bucket>();
  /** Per request: which peers were already looked at (the request's stamp). */
  readonly #seen: Uint32Array;
  #stamp = 0;

  /**
   * Builds the index for requests whose dates lie in [from, to] (e.g. now and now plus
   * a year); its cost is linear in the pool.
   */
  constructor(candidates: MatchCandidate[], span: { from: number; to: number }) {
    this.candidates = candidates;
    this.span = span;
    const count = candidates.length;
    this.#standing = new Float64Array(count);
    this.#seen = new Uint32Array(count);
    const order: number[] = [];
    for (let c = 0; c < count; c++) {
      const candidate = candidates[c]!;
      // Never matchable: findMatches skips them too.
      if (!(candidate.availability.limits.maxSessionsPerDay >= 1)) continue;
      if (!isKnownTimeZone(candidate.availability.timeZone)) continue;
      this.#standing[c] = peerStanding(candidate);
      order.push(c);
    }
    const standing = this.#standing;
    order.sort((a, b) => standing[b]! - standing[a]! || a - b);

    const offsetsByZone = new Map<string, [number, number]>();
    const building = new Map<Bucket, number[][]>();
    const bucketOf = <K>(map: Map<K, Bucket>, key: K, ranks: Omit<Bucket, "hours">) => {
      let bucket = map.get(key);
      if (bucket === undefined) {
        bucket = { ...ranks, hours: [] };
        map.set(key, bucket);
        building.set(
          bucket,
          Array.from({ length: WEEK_HOURS }, () => []),
        );
      }
      return building.get(bucket)!;
    };
    for (const c of order) {
      const candidate = candidates[c]!;
      const { timeZone } = candidate.availability;
      let offsets = offsetsByZone.get(timeZone);
      if (offsets === undefined) {
        offsets = offsetRange(timeZone, span.from - SPAN_MARGIN_MS, span.to + SPAN_MARGIN_MS);
        offsetsByZone.set(timeZone, offsets);
      }
      const free = freeHoursOfWeek(candidate, offsets);
      const lists: number[][][] = [];
      if (candidate.swapTargetRank !== null) {
        lists.push(
          bucketOf(this.#swap, candidate.swapTargetRank, {
            swapTargetRank: candidate.swapTargetRank,
            oneWayUpTo: null,
            levelRank: null,
          }),
        );
      }
      const upTo = oneWayRank(candidate);
      if (upTo !== null) {
        lists.push(
          bucketOf(this.#oneWay, `${upTo}|${candidate.levelRank}`, {
            swapTargetRank: null,
            oneWayUpTo: upTo,
            levelRank: candidate.levelRank,
          }),
        );
      }
      for (let hour = 0; hour < WEEK_HOURS; hour++) {
        if (free[hour] === 0) continue;
        for (const hours of lists) hours[hour]!.push(c);
      }
    }
    for (const [bucket, hours] of building) {
      bucket.hours = hours.map((list) => Int32Array.from(list));
    }
  }

  /** The buckets whose peers are qualified for the request. */
  #bucketsFor(request: MatchRequest): Bucket[] {
    const target = request.targetLevelRank;
    const buckets: Bucket[] = [];
    // The same split as the matcher's qualification check.
    if (request.format === "one_way") {
      for (const bucket of this.#oneWay.values()) {
        if (bucket.oneWayUpTo! >= target) buckets.push(bucket);
      }
    } else {
      for (const [rank, bucket] of this.#swap) {
        if (Math.abs(rank - target) <= 1) buckets.push(bucket);
      }
    }
    return buckets;
  }

  /**
   * The hour-of-week lists of the buckets qualified for a request, each with the
   * weighted level fit its peers share: for searches that walk the index themselves
   * (the onsite matcher walks one instant at a time). Lists are best standing first.
   */
  qualifiedLists(
    request: Pick<MatchRequest, "format" | "targetLevelRank">,
  ): { fit: number; hours: readonly Int32Array[] }[] {
    return this.#bucketsFor(request as MatchRequest).map((bucket) => ({
      fit:
        MATCH_SCORE_WEIGHTS.levelFit *
        levelFitOfRanks(request, bucket.swapTargetRank, bucket.oneWayUpTo, bucket.levelRank),
      hours: bucket.hours,
    }));
  }

  /** The part of candidate c's score that depends on the peer alone (peerStanding). */
  standingOf(c: number): number {
    return this.#standing[c]!;
  }

  /** Whether the index's zone offsets hold for every instant a plan's search reaches. */
  covers(plan: MatchPlan): boolean {
    return this.#covers(plan);
  }

  #covers(plan: MatchPlan): boolean {
    // The offsets were read SPAN_MARGIN_MS beyond both ends, for the calendar days
    // around the grid.
    return plan.firstSlot >= this.span.from && plan.horizonEnd + plan.sessionMs <= this.span.to;
  }

  /** Same contract and results as findMatches(request, requester, pool candidates). */
  findMatches(
    request: MatchRequest,
    requester: MatchPerson,
    stats?: MatchPoolQueryStats,
  ): Proposal[] {
    const plan = planRequest(request);
    if (plan === null || plan.slotCount === 0) return [];
    if (request.alreadyPaired || !this.#covers(plan)) {
      return findMatches(request, requester, this.candidates);
    }
    const requesterFree = requesterSlots(plan, requester);
    if (requesterFree === null) return [];

    // One cursor per (qualified bucket, UTC hour in which the requester can start),
    // bounded by the best that hour can give: the bucket's level fit, a fresh partner,
    // the head's standing, and the soonness of the requester's first start in it.
    const weights = MATCH_SCORE_WEIGHTS;
    const cursors = new CursorHeap(this.#standing);
    const buckets = this.#bucketsFor(request);
    const fits = buckets.map(
      (b) =>
        weights.levelFit * levelFitOfRanks(request, b.swapTargetRank, b.oneWayUpTo, b.levelRank),
    );
    let lastHour = Number.NaN;
    for (let i = requesterFree.firstOk; i < plan.slotCount; i++) {
      if (requesterFree.ok[i] === 0) continue;
      const start = plan.firstSlot + i * plan.stepMs;
      const hour = Math.floor(start / HOUR_MS);
      if (hour === lastHour) continue;
      lastHour = hour;
      const soon = proposalScore(0, start, plan);
      const hourOfWeek = utcHourOfWeek(start);
      for (let b = 0; b < buckets.length; b++) {
        const list = buckets[b]!.hours[hourOfWeek]!;
        if (list.length === 0) continue;
        cursors.add(list, fits[b]! + weights.freshPartner + soon + BOUND_SLACK);
      }
    }
    cursors.heapify();

    this.#stamp = (this.#stamp + 1) >>> 0;
    if (this.#stamp === 0) {
      this.#seen.fill(0);
      this.#stamp = 1;
    }
    const stamp = this.#stamp;
    const seen = this.#seen;
    const daysByZone = new Map<string, ZoneDay[]>();
    const scratch = new Scratch(plan.slotCount, plan.maxPerPeer);
    const best: RankedSlot[] = [];
    let entries = 0;
    let checked = 0;
    while (cursors.size > 0) {
      const cursor = cursors.top();
      // Strictly below: a peer that could tie might still win on start time or id.
      if (best.length === plan.maxProposals && cursors.keys[cursor]! < best.at(-1)!.score) break;
      const c = cursors.lists[cursor]![cursors.positions[cursor]!]!;
      cursors.advanceTop();
      entries++;
      if (seen[c] === stamp) continue;
      seen[c] = stamp;
      const candidate = this.candidates[c]!;
      if (!meetsPeerConstraints(request, requester, candidate)) continue;
      const { timeZone, limits } = candidate.availability;
      const noticeSlot = Math.ceil(
        (plan.now + limits.minNoticeMinutes * MINUTE_MS - plan.firstSlot) / plan.stepMs,
      );
      const earliestSlot = Math.max(requesterFree.firstOk, noticeSlot);
      if (earliestSlot >= plan.slotCount) continue;
      const peerPart = peerScore(request, candidate);
      const bound = proposalScore(peerPart, plan.firstSlot + earliestSlot * plan.stepMs, plan);
      if (best.length === plan.maxProposals && bound < best.at(-1)!.score) continue;
      let days = daysByZone.get(timeZone);
      if (days === undefined) {
        days = relevantDays(timeZone, plan, requesterFree.coverage);
        daysByZone.set(timeZone, days);
      }
      checked++;
      const count = collectValidStarts(plan, requesterFree, candidate, days, scratch);
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
            score: proposalScore(peerPart, start, plan),
          },
          plan.maxProposals,
        );
      }
    }
    if (stats) {
      stats.entries = entries;
      stats.checked = checked;
    }
    return toProposals(best, request, this.candidates, plan);
  }

  /**
   * How many qualified peers share at least one free UTC hour with the requester's
   * possible starts: the peers who could fit, whom a request may have to look at. For
   * the benchmark; costs a walk over all their list entries.
   */
  countCouldFit(request: MatchRequest, requester: MatchPerson): number {
    const plan = planRequest(request);
    if (plan === null || plan.slotCount === 0) return 0;
    const requesterFree = requesterSlots(plan, requester);
    if (requesterFree === null) return 0;
    const hoursOfWeek = new Set<number>();
    for (let i = requesterFree.firstOk; i < plan.slotCount; i++) {
      if (requesterFree.ok[i] === 1)
        hoursOfWeek.add(utcHourOfWeek(plan.firstSlot + i * plan.stepMs));
    }
    const seen = new Uint8Array(this.candidates.length);
    let count = 0;
    for (const bucket of this.#bucketsFor(request)) {
      for (const hour of hoursOfWeek) {
        for (const c of bucket.hours[hour]!) {
          if (seen[c] === 0) {
            seen[c] = 1;
            count++;
          }
        }
      }
    }
    return count;
  }
}
