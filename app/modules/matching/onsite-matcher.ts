// Loops have 4–6 onsite rounds (the data's cap); the exact assignment stays small up to it.
import { MAX_ONSITE_ROUNDS } from "#db/catalog/onsite-day";
import { mergeIntervals } from "../availability/expand";
import type { Interval, LocalDate } from "../availability/types";
import {
  DAY_MS,
  localDateOfDayNumber,
  localDayNumberOf,
  localMinuteOf,
  MINUTE_MS,
} from "../availability/zoned-time";
import {
  collectValidStarts,
  DEFAULT_SLOT_STEP_MINUTES,
  MATCH_SCORE_WEIGHTS,
  type MatchPlan,
  meetsPeerConstraints,
  peerScore,
  planRequest,
  proposalScore,
  type RequesterSlots,
  relevantDays,
  requesterSlots,
  Scratch,
  toProposals,
} from "./find-matches";
import { MatchPool, utcHourOfWeek } from "./match-pool";
import type { MatchCandidate, MatchPerson, MatchRequest } from "./types";

// The mock-onsite matcher: one request books a whole day, the loop's rounds back to back
// in a fixed order with a real onsite's breaks, each with a different peer qualified for
// that round at the target level (one-way: the peer interviews the candidate), all on one
// local date of the candidate. Pure: the caller hands in the people and the clock.
//
// What is proposed is defined by the single booking's own code: every round is a one-way
// booking that collectValidStarts (the search behind findMatches and isValidStart) would
// accept, scored by peerScore and proposalScore. On top of that:
//   - the candidate's whole block, breaks included, lies in their availability, clear of
//     their existing sessions by their buffer, on a date below their daily cap, and on
//     one local date (first start to last end);
//   - the candidate's buffer and cap apply against the sessions they already have, not
//     between the onsite's own rounds: the breaks are the onsite's spacing, and a cap of
//     2 would otherwise forbid every onsite;
//   - one peer takes at most one round of the day (peers differ from round to round).
// A day's score is the mean of its rounds' scores, so it reads on the single matcher's
// 0…1 scale; soonness in it prefers earlier days a little, as findMatches does.
//
// Search (see docs/decisions/0030-mock-onsite-matcher.md):
//   1. The day starts: the candidate's block starts on the 30-minute UTC grid.
//   2. An upper bound per start, from the round pools' hour-of-week lists (the head of
//      each list is the best peer who could be free in that hour); starts are visited
//      best bound first, and the search stops once no start left can enter the answer.
//   3. At a start, per round, the best R peers valid at that instant (R = rounds), found
//      by a threshold walk down those lists. A peer's valid starts are computed once per
//      request and round, over the whole horizon, by collectValidStarts.
//   4. The assignment of distinct peers to rounds: exact branch and bound over those
//      lists (why R per round suffice: see bestAssignment).

/** Minutes between two rounds of an onsite. */
export const ONSITE_BREAK_MINUTES = 15;
/** The lunch break, longer than the others. */
export const ONSITE_LUNCH_MINUTES = 45;
/** Lunch follows this round (1-based): the 2nd round, as in a real onsite. */
export const ONSITE_LUNCH_AFTER_ROUND = 2;
/** How many days a request proposes by default. */
export const DEFAULT_ONSITE_DAYS = 3;

export interface OnsiteBreaks {
  betweenMinutes: number;
  lunchMinutes: number;
  /** Lunch replaces the usual break after this round (1-based); 0 for no lunch. */
  lunchAfterRound: number;
}

export const ONSITE_BREAKS: OnsiteBreaks = {
  betweenMinutes: ONSITE_BREAK_MINUTES,
  lunchMinutes: ONSITE_LUNCH_MINUTES,
  lunchAfterRound: ONSITE_LUNCH_AFTER_ROUND,
};

export interface OnsiteRound {
  /** Tells repeated rounds apart, e.g. "coding#1", "coding#2". */
  key: string;
  roundId: number;
  minutes: number;
  /** The peers who might interview for this round (qualification is checked here too). */
  candidates: MatchCandidate[];
  /**
   * The same candidates' index, if the caller keeps one (a server caches it per round);
   * built here when absent or when it does not cover the request's dates.
   */
  pool?: MatchPool;
}

export interface OnsiteRequest {
  /** The candidate; their availability's zone is the zone of the onsite's date. */
  requester: MatchPerson;
  targetLevelRank: number;
  /** In the order they are held. */
  rounds: OnsiteRound[];
  breaks?: OnsiteBreaks;
  /** Day starts lie in [now, now + horizonDays). */
  horizonDays: number;
  /** Epoch ms. */
  now: number;
  /** How many days to propose (default DEFAULT_ONSITE_DAYS). */
  maxDays?: number;
  /** Grid of day starts, in UTC minutes (default: the single matcher's 30). */
  slotStepMinutes?: number;
  /** The loop's level codes by rank, for the reasons (MatchRequest.levelCodes). */
  levelCodes?: Readonly<Record<number, string>>;
}

export interface OnsiteRoundProposal {
  key: string;
  roundId: number;
  peerId: string;
  start: number;
  end: number;
  /** The round's score as a single booking of it would have (0…1). */
  score: number;
  reasons: string[];
}

export interface OnsiteDay {
  /** The candidate's local date. */
  date: LocalDate;
  start: number;
  end: number;
  /** Mean of the rounds' scores. */
  score: number;
  rounds: OnsiteRoundProposal[];
  reasons: string[];
}

export interface OnsiteLayout {
  /** Minutes from the day's start to each round's start. */
  offsets: number[];
  /** Minutes from the first start to the last round's end. */
  totalMinutes: number;
}

/** Where each round sits in the day: rounds back to back, the breaks between them. */
export function onsiteLayout(minutes: readonly number[], breaks: OnsiteBreaks): OnsiteLayout {
  const offsets: number[] = [];
  let at = 0;
  minutes.forEach((length, index) => {
    if (index > 0) {
      at += index === breaks.lunchAfterRound ? breaks.lunchMinutes : breaks.betweenMinutes;
    }
    offsets.push(at);
    at += length;
  });
  return { offsets, totalMinutes: at };
}

/** The single-booking request that scores and checks one round of the onsite. */
export function roundRequest(
  onsite: Pick<
    OnsiteRequest,
    "requester" | "targetLevelRank" | "horizonDays" | "now" | "levelCodes"
  >,
  minutes: number,
  slotStepMinutes: number,
): MatchRequest {
  return {
    requesterId: onsite.requester.id,
    format: "one_way",
    targetLevelRank: onsite.targetLevelRank,
    levelCodes: onsite.levelCodes,
    sessionMinutes: minutes,
    horizonDays: onsite.horizonDays,
    now: onsite.now,
    slotStepMinutes,
  };
}

/** The resolved numbers of an onsite request, shared by the fast and the naive search. */
export interface OnsitePlan {
  /** Grid of day starts: sessionMs is the whole block, breaks included. */
  day: MatchPlan;
  offsetsMs: number[];
  minutesMs: number[];
  maxDays: number;
  stepMinutes: number;
}

function isValidLength(minutes: number): boolean {
  return Number.isFinite(minutes) && minutes > 0;
}

/** Null when nothing can be proposed; RangeError for more rounds than the search takes. */
export function planOnsite(onsite: OnsiteRequest): OnsitePlan | null {
  const { rounds } = onsite;
  if (rounds.length > MAX_ONSITE_ROUNDS) {
    throw new RangeError(`An onsite has at most ${MAX_ONSITE_ROUNDS} rounds`);
  }
  if (rounds.length === 0 || !rounds.every((r) => isValidLength(r.minutes))) return null;
  const breaks = onsite.breaks ?? ONSITE_BREAKS;
  if (!(breaks.betweenMinutes >= 0 && breaks.lunchMinutes >= 0)) return null;
  const maxDays = Math.floor(onsite.maxDays ?? DEFAULT_ONSITE_DAYS);
  if (!(maxDays > 0)) return null;
  const stepMinutes = onsite.slotStepMinutes ?? DEFAULT_SLOT_STEP_MINUTES;
  const layout = onsiteLayout(
    rounds.map((r) => r.minutes),
    breaks,
  );
  const day = planRequest({
    ...roundRequest(onsite, layout.totalMinutes, stepMinutes),
    maxPerPeer: 1,
    maxProposals: 1,
  });
  if (day === null || day.slotCount === 0) return null;
  return {
    day,
    offsetsMs: layout.offsets.map((m) => m * MINUTE_MS),
    minutesMs: rounds.map((r) => r.minutes * MINUTE_MS),
    maxDays,
    stepMinutes,
  };
}

/** A peer chosen for a round: its index in the round's candidates and its score there. */
export interface RoundChoice {
  candidateIndex: number;
  peerId: string;
  /** peerScore, without soonness (which is the same for every peer of the round). */
  peerPart: number;
}

/** Choices of a round, best first: peerScore descending, then peer id. */
export function compareChoices(a: RoundChoice, b: RoundChoice): number {
  if (a.peerPart !== b.peerPart) return b.peerPart - a.peerPart;
  return a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : a.candidateIndex - b.candidateIndex;
}

/**
 * The distinct-peer assignment maximising the sum of peerParts, one choice per round, or
 * null when none exists. `lists[r]` holds round r's choices best first.
 *
 * Why the best R choices of each round (R = number of rounds) are enough, so callers may
 * pass only those: take any optimal assignment and a round r whose peer p is not among
 * r's best R. The other R − 1 rounds use at most R − 1 peers, so one of r's best R, q, is
 * unused by them; q scores at least as much as p (p ranks below all of them). Putting q
 * in p's place keeps the peers distinct and the total no lower, and changes no other
 * round; repeating this for each such round ends in an optimal assignment drawn from the
 * best R of every round. A round with fewer than R valid peers passes all of them.
 *
 * The search: depth-first over rounds, most constrained first, trying each round's
 * choices best first, and cutting a branch when its total plus the best choice of every
 * round still open cannot beat the best total found (the bound ignores distinctness, so
 * it never underestimates: no optimum is cut). Only strictly better totals replace the
 * best, so among equal totals the first found in this fixed order wins: deterministic.
 */
export function bestAssignment(lists: readonly (readonly RoundChoice[])[]): RoundChoice[] | null {
  const rounds = lists.length;
  if (rounds === 0 || lists.some((list) => list.length === 0)) return null;
  const order = lists.map((_, r) => r).sort((a, b) => lists[a]!.length - lists[b]!.length || a - b);
  // restBest[k]: the sum of the best choice of rounds order[k..].
  const restBest = new Float64Array(rounds + 1);
  for (let k = rounds - 1; k >= 0; k--)
    restBest[k] = restBest[k + 1]! + lists[order[k]!]![0]!.peerPart;
  const current: (RoundChoice | null)[] = new Array(rounds).fill(null);
  const used = new Set<string>();
  let best: RoundChoice[] | null = null;
  let bestTotal = Number.NEGATIVE_INFINITY;
  const visit = (k: number, total: number) => {
    if (k === rounds) {
      if (total > bestTotal) {
        bestTotal = total;
        best = current.slice() as RoundChoice[];
      }
      return;
    }
    const round = order[k]!;
    for (const choice of lists[round]!) {
      // Choices are best first: once one cannot beat the best, none after it can.
      if (total + choice.peerPart + restBest[k + 1]! <= bestTotal) return;
      if (used.has(choice.peerId)) continue;
      used.add(choice.peerId);
      current[round] = choice;
      visit(k + 1, total + choice.peerPart);
      used.delete(choice.peerId);
    }
    current[round] = null;
  };
  visit(0, 0);
  return best;
}

/** One evaluated day start: its slot, the chosen peers per round and the day's score. */
export interface EvaluatedStart {
  slot: number;
  start: number;
  /** The candidate's local day number. */
  dayNumber: number;
  choices: RoundChoice[];
  score: number;
}

/** A day's score: the mean of its rounds' single-booking scores, summed in round order. */
export function dayScore(choices: readonly RoundChoice[], start: number, plan: OnsitePlan): number {
  let sum = 0;
  for (let r = 0; r < choices.length; r++) {
    sum += proposalScore(choices[r]!.peerPart, start + plan.offsetsMs[r]!, plan.day);
  }
  return sum / choices.length;
}

/** Total order of days: score descending, then the earlier start. */
export function compareStarts(a: EvaluatedStart, b: EvaluatedStart): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.start - b.start;
}

/**
 * The best start of each day, then the best `maxDays` days: shared by both searches so
 * they differ only in how they find the starts.
 */
export function bestDays(starts: Iterable<EvaluatedStart>, maxDays: number): EvaluatedStart[] {
  const byDay = new Map<number, EvaluatedStart>();
  for (const start of starts) {
    const held = byDay.get(start.dayNumber);
    if (held === undefined || compareStarts(start, held) < 0) byDay.set(start.dayNumber, start);
  }
  return [...byDay.values()].sort(compareStarts).slice(0, maxDays);
}

/**
 * The candidate's possible day starts: the whole block inside their availability, clear
 * of their sessions by their buffer, on a date below their cap, after their notice, and
 * ending on the date it starts.
 */
export function requesterDayStarts(
  plan: OnsitePlan,
  requester: MatchPerson,
): RequesterSlots | null {
  const slots = requesterSlots(plan.day, requester);
  if (slots === null) return null;
  const { timeZone } = requester.availability;
  const { firstSlot, stepMs, sessionMs, slotCount } = plan.day;
  let firstOk = -1;
  for (let i = slots.firstOk; i < slotCount; i++) {
    if (slots.ok[i] === 0) continue;
    const start = firstSlot + i * stepMs;
    if (localDayNumberOf(timeZone, start + sessionMs - 1) !== slots.day[i]) {
      slots.ok[i] = 0;
    } else if (firstOk === -1) {
      firstOk = i;
    }
  }
  if (firstOk === -1) return null;
  return { ...slots, firstOk };
}

/** Writes the day proposals: the rounds with their single-booking reasons, and the day's. */
export function toOnsiteDays(
  days: readonly EvaluatedStart[],
  onsite: OnsiteRequest,
  plan: OnsitePlan,
): OnsiteDay[] {
  const { timeZone } = onsite.requester.availability;
  return days.map((day) => {
    const rounds = onsite.rounds.map((round, r) => {
      const choice = day.choices[r]!;
      const start = day.start + plan.offsetsMs[r]!;
      const score = proposalScore(choice.peerPart, start, plan.day);
      const roundPlan: MatchPlan = { ...plan.day, sessionMs: plan.minutesMs[r]! };
      const [proposal] = toProposals(
        [{ candidateIndex: choice.candidateIndex, peerId: choice.peerId, start, score }],
        roundRequest(onsite, round.minutes, plan.stepMinutes),
        round.candidates,
        roundPlan,
      );
      return {
        key: round.key,
        roundId: round.roundId,
        peerId: choice.peerId,
        start,
        end: proposal!.end,
        score,
        reasons: proposal!.reasons,
      };
    });
    const end = rounds.at(-1)!.end;
    return {
      date: localDateOfDayNumber(day.dayNumber),
      start: day.start,
      end,
      score: day.score,
      rounds,
      reasons: dayReasons(onsite, rounds, day, timeZone),
    };
  });
}

function clockTime(timeZone: string, instant: number): string {
  const minute = Math.round(localMinuteOf(timeZone, instant)) % 1440;
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function dayReasons(
  onsite: OnsiteRequest,
  rounds: OnsiteRoundProposal[],
  day: EvaluatedStart,
  timeZone: string,
): string[] {
  const reasons = [
    `${rounds.length} rounds with ${rounds.length} different interviewers, ` +
      `${clockTime(timeZone, day.start)}–${clockTime(timeZone, rounds.at(-1)!.end)} your time`,
    `Every interviewer takes candidates up to L${onsite.targetLevelRank} or above`,
  ];
  const reliabilities = day.choices
    .map((choice, r) => onsite.rounds[r]!.candidates[choice.candidateIndex]!.reliability)
    .filter((value): value is number => value !== null);
  if (reliabilities.length === rounds.length) {
    const lowest = Math.min(...reliabilities);
    reasons.push(`Every interviewer shows up at least ${Math.round(lowest * 100)}% of the time`);
  } else if (reliabilities.length < rounds.length) {
    reasons.push(
      `${rounds.length - reliabilities.length} of the interviewers ${rounds.length - reliabilities.length === 1 ? "is" : "are"} new, with no attendance record yet`,
    );
  }
  return reasons;
}

// ---- The fast search ------------------------------------------------------------------

/** Added to bounds: they add the exact score's terms in another order. */
const BOUND_SLACK = 1e-9;
const HOUR_MS = 60 * MINUTE_MS;

/** What the fast search did, for the benchmark. */
export interface OnsiteSearchStats {
  /** Day starts the candidate could hold. */
  starts: number;
  /** Day starts evaluated exactly (the rest were cut by their bound). */
  evaluated: number;
  /** Peers whose calendars were computed (each once per round). */
  checked: number;
}

/** One round's state during a request: its index lists and the peers looked at so far. */
interface RoundSearch {
  pool: MatchPool;
  request: MatchRequest;
  plan: MatchPlan;
  requesterFree: RequesterSlots;
  lists: { fit: number; hours: readonly Int32Array[] }[];
  /** Best bound per UTC hour of the week (NaN: not computed yet; -Infinity: nobody). */
  headBound: Float64Array;
  /** Per candidate looked at: peerScore and its valid day-start slots; null if none. */
  peers: Map<number, { peerPart: number; valid: Uint8Array } | null>;
  days: Map<string, ReturnType<typeof relevantDays>>;
}

function poolFor(round: OnsiteRound, plan: MatchPlan): MatchPool {
  if (round.pool?.covers(plan)) return round.pool;
  // No index, or one built for other dates: index this request's span (linear).
  return new MatchPool(round.candidates, {
    from: plan.firstSlot - HOUR_MS,
    to: plan.horizonEnd + plan.sessionMs + 4 * DAY_MS,
  });
}

/**
 * Proposes the best days for a mock onsite, best first: one start per day, a different
 * qualified peer per round. Throws a RangeError when the candidate's time zone is unknown
 * or there are more than MAX_ONSITE_ROUNDS rounds. Deterministic for equal inputs.
 */
export function proposeOnsite(onsite: OnsiteRequest, stats?: OnsiteSearchStats): OnsiteDay[] {
  const plan = planOnsite(onsite);
  if (plan === null) return [];
  const starts = requesterDayStarts(plan, onsite.requester);
  if (starts === null) return [];
  const { day } = plan;
  const roundCount = onsite.rounds.length;
  const weights = MATCH_SCORE_WEIGHTS;

  // Per round, a plan whose grid is the day grid shifted by the round's offset (so slot i
  // of every round belongs to day start i), and the candidate's "requester slots" on it.
  const searches: RoundSearch[] = onsite.rounds.map((round, r) => {
    const offset = plan.offsetsMs[r]!;
    const sessionMs = plan.minutesMs[r]!;
    const roundPlan: MatchPlan = {
      ...day,
      firstSlot: day.firstSlot + offset,
      horizonEnd: day.horizonEnd + offset,
      sessionMs,
      // Every valid start is wanted: collectValidStarts never stops early.
      maxPerPeer: day.slotCount + 1,
    };
    const sessions: Interval[] = [];
    for (let i = starts.firstOk; i < day.slotCount; i++) {
      if (starts.ok[i] === 0) continue;
      const start = roundPlan.firstSlot + i * day.stepMs;
      sessions.push({ start, end: start + sessionMs });
    }
    const request = roundRequest(onsite, round.minutes, plan.stepMinutes);
    const pool = poolFor(round, roundPlan);
    return {
      pool,
      request,
      plan: roundPlan,
      requesterFree: { ...starts, coverage: mergeIntervals(sessions) },
      lists: pool.qualifiedLists(request),
      headBound: new Float64Array(168).fill(Number.NaN),
      peers: new Map(),
      days: new Map(),
    };
  });

  const headBound = (search: RoundSearch, hourOfWeek: number): number => {
    let bound = search.headBound[hourOfWeek]!;
    if (Number.isNaN(bound)) {
      bound = Number.NEGATIVE_INFINITY;
      for (const list of search.lists) {
        const hour = list.hours[hourOfWeek]!;
        if (hour.length === 0) continue;
        const head = list.fit + search.pool.standingOf(hour[0]!);
        if (head > bound) bound = head;
      }
      search.headBound[hourOfWeek] = bound;
    }
    return bound;
  };

  // 2. A bound per start: per round, the best peer who could be free in that UTC hour,
  // as if they were free and fresh; ignoring distinctness only loosens it.
  const candidateSlots: number[] = [];
  const bounds = new Float64Array(day.slotCount);
  for (let i = starts.firstOk; i < day.slotCount; i++) {
    if (starts.ok[i] === 0) continue;
    const start = day.firstSlot + i * day.stepMs;
    let sum = 0;
    for (let r = 0; r < roundCount && sum > Number.NEGATIVE_INFINITY; r++) {
      const at = start + plan.offsetsMs[r]!;
      const head = headBound(searches[r]!, utcHourOfWeek(at));
      sum += proposalScore(head + weights.freshPartner, at, day);
    }
    if (sum === Number.NEGATIVE_INFINITY) continue;
    bounds[i] = sum / roundCount + BOUND_SLACK;
    candidateSlots.push(i);
  }
  candidateSlots.sort((a, b) => bounds[b]! - bounds[a]! || a - b);

  const scratch = new Scratch(day.slotCount, day.slotCount + 1);
  let checked = 0;
  /** Candidate c's standing in round r: eligibility, score and valid slots, computed once. */
  const peerIn = (search: RoundSearch, c: number) => {
    let entry = search.peers.get(c);
    if (entry !== undefined) return entry;
    entry = null;
    const candidate = search.pool.candidates[c]!;
    if (meetsPeerConstraints(search.request, onsite.requester, candidate)) {
      const { timeZone } = candidate.availability;
      let zoneDays = search.days.get(timeZone);
      if (zoneDays === undefined) {
        zoneDays = relevantDays(timeZone, search.plan, search.requesterFree.coverage);
        search.days.set(timeZone, zoneDays);
      }
      checked++;
      const count = collectValidStarts(
        search.plan,
        search.requesterFree,
        candidate,
        zoneDays,
        scratch,
      );
      if (count > 0) {
        const valid = new Uint8Array(day.slotCount);
        for (let k = 0; k < count; k++) {
          valid[Math.round((scratch.starts[k]! - search.plan.firstSlot) / day.stepMs)] = 1;
        }
        entry = { peerPart: peerScore(search.request, candidate), valid };
      }
    }
    search.peers.set(c, entry);
    return entry;
  };

  // 3. The best `roundCount` peers of a round valid at slot i: a threshold walk down the
  // qualified lists of that hour, stopping once no list head can enter them.
  const cursorAt = new Int32Array(64);
  const topPeers = (search: RoundSearch, slot: number): RoundChoice[] => {
    const hourOfWeek = utcHourOfWeek(search.plan.firstSlot + slot * day.stepMs);
    const lists = search.lists;
    if (cursorAt.length < lists.length) throw new RangeError("too many level buckets");
    cursorAt.fill(0, 0, lists.length);
    const top: RoundChoice[] = [];
    for (;;) {
      let bestList = -1;
      let bestKey = Number.NEGATIVE_INFINITY;
      for (let b = 0; b < lists.length; b++) {
        const hour = lists[b]!.hours[hourOfWeek]!;
        if (cursorAt[b]! >= hour.length) continue;
        const key = lists[b]!.fit + search.pool.standingOf(hour[cursorAt[b]!]!);
        if (key > bestKey) {
          bestKey = key;
          bestList = b;
        }
      }
      if (bestList === -1) break;
      // Strictly below: a peer who ties could still come first by id.
      if (
        top.length === roundCount &&
        bestKey + weights.freshPartner + BOUND_SLACK < top.at(-1)!.peerPart
      ) {
        break;
      }
      const c = lists[bestList]!.hours[hourOfWeek]![cursorAt[bestList]!++]!;
      const entry = peerIn(search, c);
      if (entry === null || entry.valid[slot] === 0) continue;
      const choice: RoundChoice = {
        candidateIndex: c,
        peerId: search.pool.candidates[c]!.id,
        peerPart: entry.peerPart,
      };
      let at = top.length;
      while (at > 0 && compareChoices(choice, top[at - 1]!) < 0) at--;
      if (at < roundCount) {
        top.splice(at, 0, choice);
        if (top.length > roundCount) top.pop();
      }
    }
    return top;
  };

  // Starts best bound first. Stop once a start's bound is below the last of `maxDays`
  // best days held: no later start can enter them or improve one of them. Skip a start
  // whose bound is below its own day's best.
  const bestOfDay = new Map<number, EvaluatedStart>();
  const held: EvaluatedStart[] = [];
  let evaluated = 0;
  for (const slot of candidateSlots) {
    const bound = bounds[slot]!;
    if (held.length === plan.maxDays && bound < held.at(-1)!.score) break;
    const dayNumber = starts.day[slot]!;
    const ofDay = bestOfDay.get(dayNumber);
    if (ofDay !== undefined && bound < ofDay.score) continue;
    evaluated++;
    const lists: RoundChoice[][] = [];
    for (const search of searches) {
      const top = topPeers(search, slot);
      if (top.length === 0) break;
      lists.push(top);
    }
    if (lists.length < roundCount) continue;
    const choices = bestAssignment(lists);
    if (choices === null) continue;
    const start = day.firstSlot + slot * day.stepMs;
    const evaluatedStart: EvaluatedStart = {
      slot,
      start,
      dayNumber,
      choices,
      score: dayScore(choices, start, plan),
    };
    if (ofDay !== undefined && compareStarts(evaluatedStart, ofDay) >= 0) continue;
    bestOfDay.set(dayNumber, evaluatedStart);
    // Keep the best `maxDays` days, one entry per day.
    const previous = held.indexOf(ofDay!);
    if (previous !== -1) held.splice(previous, 1);
    let at = held.length;
    while (at > 0 && compareStarts(evaluatedStart, held[at - 1]!) < 0) at--;
    held.splice(at, 0, evaluatedStart);
    if (held.length > plan.maxDays) held.pop();
  }
  if (stats) {
    stats.starts = candidateSlots.length;
    stats.evaluated = evaluated;
    stats.checked = checked;
  }
  return toOnsiteDays(held, onsite, plan);
}
