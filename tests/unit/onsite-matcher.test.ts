import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval, Weekday, WeeklyRule } from "~/modules/availability/types";
import { intlLocalDayNumberOf, localDateOfDayNumber } from "~/modules/availability/zoned-time";
import { isValidStart, MATCH_SCORE_WEIGHTS, peerScore } from "~/modules/matching/find-matches";
import { MatchPool } from "~/modules/matching/match-pool";
import { isFreeAt } from "~/modules/matching/naive-find-matches";
import { naiveProposeOnsite } from "~/modules/matching/naive-onsite-matcher";
import {
  bestAssignment,
  ONSITE_BREAKS,
  type OnsiteDay,
  type OnsiteRequest,
  type OnsiteRound,
  onsiteLayout,
  proposeOnsite,
  type RoundChoice,
} from "~/modules/matching/onsite-matcher";
import type { MatchCandidate, MatchPerson, MatchRequest } from "~/modules/matching/types";

// The onsite matcher against a brute-force oracle on small instances, and examples. The
// oracle checks each round with isValidStart (the check a booking repeats) and the
// candidate's block with the naive matcher's Intl check, then tries every assignment of
// distinct valid peers: no index, no bound, no top-R cut.

const MINUTE = 60_000;
const DAY = 86_400_000;
// Tuesday 2026-10-20 08:00Z: the EU falls back on 10-25 and the US on 11-01.
const NOW = Date.parse("2026-10-20T08:00:00Z");

const LIMITS = { minNoticeMinutes: 60, maxSessionsPerDay: 3, bufferMinutes: 15 };
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7] as const;

function everyDay(startMinute: number, endMinute: number): WeeklyRule[] {
  return ALL_WEEK.map((weekday) => ({ weekday, startMinute, endMinute }));
}

function person(id: string, timeZone: string, rules: WeeklyRule[], busy: Interval[] = []) {
  return { id, availability: { timeZone, rules, overrides: [], limits: { ...LIMITS } }, busy };
}

function peer(
  id: string,
  timeZone: string,
  rules: WeeklyRule[],
  extra: Partial<MatchCandidate> = {},
): MatchCandidate {
  return {
    ...person(id, timeZone, rules),
    name: id,
    levelRank: 6,
    interviewsUpToRank: 6,
    qualifiedUpToRank: 7,
    oneWayPaused: false,
    swapTargetRank: null,
    reliability: 0.9,
    quality: null,
    interviewsGiven: 3,
    interviewsReceived: 1,
    lastSessionWithRequesterAt: null,
    ...extra,
  };
}

function round(
  key: string,
  roundId: number,
  candidates: MatchCandidate[],
  minutes = 60,
): OnsiteRound {
  return { key, roundId, minutes, candidates };
}

// ---- the brute-force oracle ---------------------------------------------------------------

interface OracleDay {
  date: string;
  start: number;
  score: number;
}

function oracleRoundRequest(onsite: OnsiteRequest, minutes: number): MatchRequest {
  return {
    requesterId: onsite.requester.id,
    format: "one_way",
    targetLevelRank: onsite.targetLevelRank,
    sessionMinutes: minutes,
    // A later round of the horizon's last day starts past the horizon: the horizon bounds
    // the day's start, checked by the oracle itself.
    horizonDays: onsite.horizonDays + 1,
    now: onsite.now,
    // Round starts sit on the quarter hours (breaks of 15 and 45 minutes).
    slotStepMinutes: 15,
  };
}

function oracleDays(onsite: OnsiteRequest): OracleDay[] {
  const { requester, rounds, now } = onsite;
  const { timeZone } = requester.availability;
  const layout = onsiteLayout(
    rounds.map((r) => r.minutes),
    ONSITE_BREAKS,
  );
  const horizonMs = onsite.horizonDays * DAY;
  const best = new Map<string, OracleDay>();
  for (
    let start = Math.ceil(now / (30 * MINUTE)) * 30 * MINUTE;
    start < now + horizonMs;
    start += 30 * MINUTE
  ) {
    const end = start + layout.totalMinutes * MINUTE;
    if (!isFreeAt(requester, start, end, now)) continue;
    const dayNumber = intlLocalDayNumberOf(timeZone, start);
    if (intlLocalDayNumberOf(timeZone, end - 1) !== dayNumber) continue;
    const options = rounds.map((r, k) => {
      const at = start + layout.offsets[k]! * MINUTE;
      const request = oracleRoundRequest(onsite, r.minutes);
      return r.candidates
        .filter((c) => isValidStart(request, requester, c, at))
        .map((c) => ({
          id: c.id,
          score:
            peerScore(request, c) +
            MATCH_SCORE_WEIGHTS.soonness * Math.min(1, Math.max(0, 1 - (at - now) / horizonMs)),
        }));
    });
    let bestSum = Number.NEGATIVE_INFINITY;
    const walk = (k: number, used: string[], sum: number) => {
      if (k === options.length) {
        bestSum = Math.max(bestSum, sum);
        return;
      }
      for (const option of options[k]!) {
        if (!used.includes(option.id)) walk(k + 1, [...used, option.id], sum + option.score);
      }
    };
    walk(0, [], 0);
    if (bestSum === Number.NEGATIVE_INFINITY) continue;
    const date = localDateOfDayNumber(dayNumber);
    const score = bestSum / rounds.length;
    const held = best.get(date);
    if (!held || score > held.score + 1e-12) best.set(date, { date, start, score });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.start - b.start)
    .slice(0, onsite.maxDays ?? 3);
}

/** Every rule of a proposal that the oracle does not already decide by its score. */
function expectValidDay(onsite: OnsiteRequest, day: OnsiteDay) {
  const { requester, rounds } = onsite;
  const layout = onsiteLayout(
    rounds.map((r) => r.minutes),
    ONSITE_BREAKS,
  );
  const peers = day.rounds.map((r) => r.peerId);
  expect(new Set(peers).size).toBe(peers.length);
  expect(peers).not.toContain(requester.id);
  expect(day.rounds.map((r) => r.key)).toEqual(rounds.map((r) => r.key));
  day.rounds.forEach((proposal, k) => {
    expect(proposal.start).toBe(day.start + layout.offsets[k]! * MINUTE);
    expect(proposal.end - proposal.start).toBe(rounds[k]!.minutes * MINUTE);
    const candidate = rounds[k]!.candidates.find((c) => c.id === proposal.peerId)!;
    expect(
      isValidStart(
        oracleRoundRequest(onsite, rounds[k]!.minutes),
        requester,
        candidate,
        proposal.start,
      ),
    ).toBe(true);
  });
  expect(day.end).toBe(day.start + layout.totalMinutes * MINUTE);
  const { timeZone } = requester.availability;
  expect(localDateOfDayNumber(intlLocalDayNumberOf(timeZone, day.start))).toBe(day.date);
  expect(localDateOfDayNumber(intlLocalDayNumberOf(timeZone, day.end - 1))).toBe(day.date);
  expect(isFreeAt(requester, day.start, day.end, onsite.now)).toBe(true);
  const mean = day.rounds.reduce((sum, r) => sum + r.score, 0) / day.rounds.length;
  expect(day.score).toBeCloseTo(mean, 12);
}

// ---- generators ---------------------------------------------------------------------------

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];

const ruleArbitrary = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 0, max: 40 }),
    halfHours: fc.integer({ min: 2, max: 16 }),
  })
  .map(
    ({ weekday, start, halfHours }): WeeklyRule => ({
      weekday: weekday as Weekday,
      startMinute: start * 30,
      endMinute: Math.min(1440, (start + halfHours) * 30),
    }),
  );

const busyArbitrary = fc
  .record({ offset: fc.integer({ min: -8, max: 4 * 48 }), length: fc.constantFrom(30, 60) })
  .map(({ offset, length }) => {
    const start = NOW + offset * 30 * MINUTE;
    return { start, end: start + length * MINUTE };
  });

const limitsArbitrary = fc.record({
  minNoticeMinutes: fc.constantFrom(0, 60, 600),
  maxSessionsPerDay: fc.constantFrom(1, 2, 3),
  bufferMinutes: fc.constantFrom(0, 15, 30),
});

const peerArbitrary = (id: string, roundCount: number) =>
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      // Often the same wide hours every day, so that days do come together.
      rules: fc.oneof(fc.array(ruleArbitrary, { minLength: 1, maxLength: 6 }), {
        weight: 3,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 16, max: 40 }))
          .map(([start, halfHours]) =>
            everyDay(start * 30, Math.min(1440, (start + halfHours) * 30)),
          ),
      }),
      busy: fc.array(busyArbitrary, { maxLength: 2 }),
      limits: limitsArbitrary,
      levelRank: fc.option(fc.integer({ min: 3, max: 7 })),
      // Per round: what the peer offers (null: not this round).
      upTo: fc.array(fc.constantFrom(null, 4, 6, 7, 7, 7), {
        minLength: roundCount,
        maxLength: roundCount,
      }),
      qualifiedUpToRank: fc.constantFrom(null, 5, 7, 7, 7, 7, 7),
      reliability: fc.option(fc.integer({ min: 0, max: 100 }).map((r) => r / 100)),
      interviewsGiven: fc.integer({ min: 0, max: 5 }),
    })
    .map((p) =>
      p.upTo.map(
        (upTo): MatchCandidate => ({
          id,
          name: id,
          availability: { timeZone: p.timeZone, rules: p.rules, overrides: [], limits: p.limits },
          busy: [...p.busy].sort((a, b) => a.start - b.start),
          levelRank: p.levelRank,
          interviewsUpToRank: upTo,
          qualifiedUpToRank: p.qualifiedUpToRank,
          oneWayPaused: false,
          swapTargetRank: null,
          reliability: p.reliability,
          quality: null,
          interviewsGiven: p.interviewsGiven,
          interviewsReceived: 1,
          lastSessionWithRequesterAt: null,
        }),
      ),
    );

const scenarioArbitrary = fc
  .record({
    roundCount: fc.integer({ min: 2, max: 4 }),
    peerCount: fc.integer({ min: 2, max: 7 }),
    minutesAt: fc.integer({ min: 0, max: 47 }),
  })
  .chain(({ roundCount, peerCount, minutesAt }) =>
    fc.record({
      now: fc.constant(NOW + minutesAt * 30 * MINUTE),
      minutes: fc.array(fc.constantFrom(45, 60), { minLength: roundCount, maxLength: roundCount }),
      peers: fc.tuple(
        ...Array.from({ length: peerCount }, (_, k) => peerArbitrary(`p${k}`, roundCount)),
      ),
      requester: fc.record({
        timeZone: fc.constantFrom(...ZONES),
        start: fc.integer({ min: 10, max: 22 }),
        halfHours: fc.integer({ min: 10, max: 24 }),
        busy: fc.array(busyArbitrary, { maxLength: 2 }),
        limits: limitsArbitrary,
      }),
      targetLevelRank: fc.integer({ min: 4, max: 6 }),
      horizonDays: fc.constantFrom(2, 3, 4),
      maxDays: fc.constantFrom(1, 2, 3),
      usePool: fc.boolean(),
    }),
  );

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function onsiteOf(s: Scenario): OnsiteRequest {
  const requester: MatchPerson = {
    id: "me",
    availability: {
      timeZone: s.requester.timeZone,
      rules: everyDay(
        s.requester.start * 30,
        Math.min(1440, (s.requester.start + s.requester.halfHours) * 30),
      ),
      overrides: [],
      limits: s.requester.limits,
    },
    busy: [...s.requester.busy].sort((a, b) => a.start - b.start),
  };
  const rounds = s.minutes.map((minutes, r) => {
    const candidates = s.peers.map((perRound) => perRound[r]!);
    const onsiteRound: OnsiteRound = { key: `round#${r + 1}`, roundId: r + 1, minutes, candidates };
    if (s.usePool) {
      onsiteRound.pool = new MatchPool(candidates, { from: NOW - DAY, to: NOW + 30 * DAY });
    }
    return onsiteRound;
  });
  return {
    requester,
    targetLevelRank: s.targetLevelRank,
    rounds,
    horizonDays: s.horizonDays,
    now: s.now,
    maxDays: s.maxDays,
  };
}

const summary = (days: OnsiteDay[]) => days.map((d) => ({ date: d.date, start: d.start }));

describe("proposeOnsite against a brute-force oracle", () => {
  it("finds the same days, starts and best scores, and every proposal is valid", () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const onsite = onsiteOf(scenario);
        const fast = proposeOnsite(onsite);
        const oracle = oracleDays(onsite);
        if (fast.length > 0) nonEmpty++;
        expect(summary(fast)).toEqual(oracle.map((d) => ({ date: d.date, start: d.start })));
        fast.forEach((day, k) => {
          expect(day.score).toBeCloseTo(oracle[k]!.score, 9);
          expectValidDay(onsite, day);
        });
        const naive = naiveProposeOnsite(onsite);
        expect(summary(naive)).toEqual(summary(fast));
        naive.forEach((day, k) => {
          expect(day.score).toBeCloseTo(fast[k]!.score, 12);
        });
      }),
      { numRuns: 150, seed: 20261020 },
    );
    // The generators must produce days often enough for the comparison to mean something.
    expect(nonEmpty).toBeGreaterThan(40);
  }, 120_000);
});

describe("bestAssignment", () => {
  const choice = (peerId: string, peerPart: number): RoundChoice => ({
    candidateIndex: 0,
    peerId,
    peerPart,
  });

  it("gives a shared best peer to the round that loses most without them", () => {
    const result = bestAssignment([
      [choice("a", 0.9), choice("b", 0.85)],
      [choice("a", 0.8), choice("c", 0.2)],
    ]);
    expect(result?.map((c) => c.peerId)).toEqual(["b", "a"]);
  });

  it("finds nothing when the rounds share a single peer", () => {
    expect(bestAssignment([[choice("a", 0.9)], [choice("a", 0.8)]])).toBeNull();
  });
});

describe("proposeOnsite examples", () => {
  const berlin = "Europe/Berlin";
  const workday = everyDay(8 * 60, 20 * 60);

  it("uses a peer qualified for two rounds once", () => {
    const star = peer("star", berlin, workday, { reliability: 1, interviewsGiven: 30 });
    const other = peer("other", berlin, workday, { reliability: 0.6 });
    // The candidate interviews for these rounds too, and would rank first: never themself.
    const me = peer("me", berlin, workday, { reliability: 1, interviewsGiven: 40 });
    const onsite: OnsiteRequest = {
      requester: person("me", berlin, workday),
      targetLevelRank: 5,
      rounds: [round("coding#1", 1, [me, star, other]), round("coding#2", 1, [star, me, other])],
      horizonDays: 3,
      now: NOW,
    };
    const days = proposeOnsite(onsite);
    expect(days).toHaveLength(3);
    for (const day of days) {
      expect(day.rounds.map((r) => r.peerId).sort()).toEqual(["other", "star"]);
      expectValidDay(onsite, day);
    }
  });

  it("proposes no day when one round has no qualified peer", () => {
    const coder = peer("coder", berlin, workday);
    // Offers the design round only up to L4: below the L5 target.
    const designer = peer("designer", berlin, workday, { interviewsUpToRank: 4 });
    const onsite: OnsiteRequest = {
      requester: person("me", berlin, workday),
      targetLevelRank: 5,
      rounds: [round("coding#1", 1, [coder]), round("ml-system-design#1", 2, [designer])],
      horizonDays: 7,
      now: NOW,
    };
    expect(proposeOnsite(onsite)).toEqual([]);
    expect(naiveProposeOnsite(onsite)).toEqual([]);
  });

  it("keeps the day in the candidate's zone across a clock change", () => {
    // New York falls back on Sunday 2026-11-01: 09:00 is 13:00Z on Saturday, 14:00Z on Sunday.
    const newYork = "America/New_York";
    const hours = everyDay(9 * 60, 17 * 60);
    const onsite: OnsiteRequest = {
      requester: person("me", newYork, hours),
      targetLevelRank: 5,
      rounds: [
        round("coding#1", 1, [peer("a", newYork, hours), peer("b", newYork, hours)]),
        round("coding#2", 1, [peer("a", newYork, hours), peer("b", newYork, hours)]),
        round("behavioral#1", 3, [peer("c", "Europe/London", everyDay(12 * 60, 24 * 60))], 45),
      ],
      horizonDays: 3,
      // 16:00 in New York: Friday has no room left.
      now: Date.parse("2026-10-30T20:00:00Z"),
    };
    const days = proposeOnsite(onsite);
    expect(days.map((d) => [d.date, new Date(d.start).toISOString()])).toEqual([
      ["2026-10-31", "2026-10-31T13:00:00.000Z"],
      ["2026-11-01", "2026-11-01T14:00:00.000Z"],
      ["2026-11-02", "2026-11-02T14:00:00.000Z"],
    ]);
    // Lunch after the second round: 09:00, 10:15, lunch, 12:00 local on the short day too.
    expect(days[1]!.rounds.map((r) => new Date(r.start).toISOString())).toEqual([
      "2026-11-01T14:00:00.000Z",
      "2026-11-01T15:15:00.000Z",
      "2026-11-01T17:00:00.000Z",
    ]);
    expect(days[0]!.reasons[0]).toBe(
      "3 rounds with 3 different interviewers, 09:00–12:45 your time",
    );
    for (const day of days) expectValidDay(onsite, day);
  });

  it("moves the day around a session the candidate already has at midday", () => {
    // Wednesday 2026-10-21, 12:00–13:00 Berlin (10:00–11:00Z), with a 15-minute buffer.
    const busy = [
      { start: Date.parse("2026-10-21T10:00:00Z"), end: Date.parse("2026-10-21T11:00:00Z") },
    ];
    const peers = ["a", "b", "c", "d"].map((id) => peer(id, berlin, workday));
    const onsite: OnsiteRequest = {
      requester: person("me", berlin, workday, busy),
      targetLevelRank: 5,
      rounds: ["coding#1", "coding#2", "spark#1", "behavioral#1"].map((key, r) =>
        round(key, r + 1, peers),
      ),
      horizonDays: 3,
      now: NOW,
    };
    const days = proposeOnsite(onsite);
    const wednesday = days.find((d) => d.date === "2026-10-21")!;
    // 5 h 15 min with breaks: before the session it would start before 08:00, so it starts
    // at 13:30 local (the first half hour after 13:15) and ends at 18:45.
    expect(new Date(wednesday.start).toISOString()).toBe("2026-10-21T11:30:00.000Z");
    expect(new Date(wednesday.end).toISOString()).toBe("2026-10-21T16:45:00.000Z");
    // The other days start at 08:00 local (Tuesday's 08:00 is past: the first after notice).
    expect(days.find((d) => d.date === "2026-10-22")!.start).toBe(
      Date.parse("2026-10-22T06:00:00Z"),
    );
    for (const day of days) expectValidDay(onsite, day);
    expect(summary(naiveProposeOnsite(onsite))).toEqual(summary(days));
  });
});
