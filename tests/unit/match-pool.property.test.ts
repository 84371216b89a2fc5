import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DateOverride, Interval, Weekday, WeeklyRule } from "~/modules/availability/types";
import { findMatches } from "~/modules/matching/find-matches";
import { MatchPool, utcHourOfWeek } from "~/modules/matching/match-pool";
import { naiveFindMatches } from "~/modules/matching/naive-find-matches";
import type { MatchCandidate, MatchRequest } from "~/modules/matching/types";

// The index must change who is looked at, never what is proposed: on random pools in
// many zones, with horizons across clock changes, one pool answers several requests
// exactly as the naive matcher and the pool-scanning findMatches do.

const MINUTE = 60_000;
const DAY = 86_400_000;

const ZONES = [
  "America/Los_Angeles",
  "America/Chicago",
  "America/New_York",
  "America/Havana",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Africa/Johannesburg",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
] as const;

// Just before the 2026 clock changes of both hemispheres (EU 03-29 and 10-25, US 03-08
// and 11-01, Sydney 04-05 and 10-04).
const BASES = [
  Date.parse("2026-03-06T00:00Z"),
  Date.parse("2026-03-27T00:00Z"),
  Date.parse("2026-04-03T00:00Z"),
  Date.parse("2026-10-02T00:00Z"),
  Date.parse("2026-10-23T00:00Z"),
  Date.parse("2026-10-30T00:00Z"),
];
/** The span the pools are built for: the scenarios' dates and then some. */
const SPAN = { from: Date.parse("2026-03-01T00:00Z"), to: Date.parse("2026-11-30T00:00Z") };

const ruleArbitrary: fc.Arbitrary<WeeklyRule> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 0, max: 47 }),
    quarter: fc.constantFrom(0, 0, 0, 15),
    halfHours: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ weekday, start, quarter, halfHours }) => ({
    weekday: weekday as Weekday,
    startMinute: start * 30 + quarter,
    endMinute: Math.min(1440, start * 30 + quarter + halfHours * 30),
  }));

function peerArbitrary(id: string, now: number): fc.Arbitrary<MatchCandidate> {
  const firstDay = Math.floor(now / DAY);
  const overrideArbitrary: fc.Arbitrary<DateOverride> = fc
    .record({ day: fc.integer({ min: -1, max: 5 }), off: fc.boolean(), start: fc.nat(46) })
    .map(({ day, off, start }) => {
      const date = new Date((firstDay + day) * DAY).toISOString().slice(0, 10);
      return off
        ? { date, kind: "off" as const }
        : {
            date,
            kind: "extra" as const,
            startMinute: start * 30,
            endMinute: Math.min(1440, start * 30 + 120),
          };
    });
  const busyArbitrary: fc.Arbitrary<Interval> = fc
    .record({ offset: fc.integer({ min: -24, max: 5 * 96 }), length: fc.constantFrom(30, 60) })
    .map(({ offset, length }) => {
      const start = now + offset * 15 * MINUTE;
      return { start, end: start + length * MINUTE };
    });
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES, "Not/AZone"),
      // Half keep the same long hours every day, so that calendars meet often and the
      // search has to stop early (where a bound that is too low would show).
      rules: fc.oneof(
        fc.array(ruleArbitrary, { minLength: 0, maxLength: 6 }),
        fc
          .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 12, max: 36 }))
          .map(([start, halfHours]) =>
            ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
              weekday,
              startMinute: start * 30,
              endMinute: Math.min(1440, (start + halfHours) * 30),
            })),
          ),
      ),
      overrides: fc.array(overrideArbitrary, { maxLength: 2 }),
      busy: fc.array(busyArbitrary, { maxLength: 2 }),
      minNoticeMinutes: fc.constantFrom(0, 0, 60, 720),
      maxSessionsPerDay: fc.constantFrom(0, 1, 2, 3, 3),
      bufferMinutes: fc.constantFrom(0, 15),
      levelRank: fc.option(fc.integer({ min: 3, max: 7 })),
      interviewsUpToRank: fc.constantFrom(null, 4, 5, 6, 7),
      qualifiedUpToRank: fc.constantFrom(null, 5, 6, 7, 7),
      oneWayPaused: fc.constantFrom(false, false, false, true),
      swapTargetRank: fc.constantFrom(null, 3, 4, 5, 6, 7),
      // Few distinct values, so ties in the score (and its tie-breaks) happen.
      reliability: fc.option(fc.constantFrom(0.5, 0.8, 0.9, 1)),
      quality: fc.option(fc.constantFrom(0.6, 0.7, 0.9)),
      interviewsGiven: fc.nat(3),
      interviewsReceived: fc.nat(3),
      lastSessionDaysAgo: fc.option(fc.nat(20)),
    })
    .map((p) => ({
      id,
      name: id,
      availability: {
        timeZone: p.timeZone,
        rules: p.rules,
        overrides: p.overrides,
        limits: {
          minNoticeMinutes: p.minNoticeMinutes,
          maxSessionsPerDay: p.maxSessionsPerDay,
          bufferMinutes: p.bufferMinutes,
        },
      },
      busy: p.busy.sort((a, b) => a.start - b.start),
      levelRank: p.levelRank,
      interviewsUpToRank: p.interviewsUpToRank,
      qualifiedUpToRank: p.qualifiedUpToRank,
      oneWayPaused: p.oneWayPaused,
      swapTargetRank: p.swapTargetRank,
      reliability: p.reliability,
      quality: p.quality,
      interviewsGiven: p.interviewsGiven,
      interviewsReceived: p.interviewsReceived,
      lastSessionWithRequesterAt:
        p.lastSessionDaysAgo === null ? null : now - p.lastSessionDaysAgo * DAY,
    }));
}

const requestArbitrary = fc.record({
  requester: fc.nat(),
  format: fc.constantFrom("swap" as const, "one_way" as const),
  targetLevelRank: fc.integer({ min: 4, max: 6 }),
  sessionMinutes: fc.constantFrom(30, 60, 90),
  slotStepMinutes: fc.constantFrom(15, 30, 60, undefined),
  horizonDays: fc.constantFrom(2, 4),
  maxProposals: fc.constantFrom(1, 2, 3, 10),
  maxPerPeer: fc.constantFrom(1, 2, 3),
  alreadyPaired: fc.constantFrom(false, false, false, false, true),
});

const scenarioArbitrary = fc
  .record({
    base: fc.constantFrom(...BASES),
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    size: fc.integer({ min: 5, max: 40 }),
  })
  .chain(({ base, minutes, size }) => {
    const now = base + minutes * MINUTE;
    return fc.record({
      now: fc.constant(now),
      peers: fc.tuple(...Array.from({ length: size }, (_, k) => peerArbitrary(`p${k}`, now))),
      requests: fc.array(requestArbitrary, { minLength: 1, maxLength: 4 }),
    });
  });

function outcome<T>(run: () => T): { value: T } | { thrown: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { thrown: (error as Error).name };
  }
}

describe("MatchPool", () => {
  it("answers every request exactly as the naive matcher and findMatches do", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ now, peers, requests }) => {
        const candidates = [...peers];
        const pool = new MatchPool(candidates, SPAN);
        // One pool, several requests in a row: nothing of one request leaks into the next.
        for (const r of requests) {
          const requester = candidates[r.requester % candidates.length]!;
          const request: MatchRequest = {
            requesterId: requester.id,
            format: r.format,
            targetLevelRank: r.targetLevelRank,
            sessionMinutes: r.sessionMinutes,
            horizonDays: r.horizonDays,
            now,
            maxProposals: r.maxProposals,
            maxPerPeer: r.maxPerPeer,
            alreadyPaired: r.alreadyPaired,
          };
          if (r.slotStepMinutes !== undefined) request.slotStepMinutes = r.slotStepMinutes;
          // A requester in an unknown zone: whatever findMatches does (throw or not),
          // the pool does too.
          const indexed = outcome(() => pool.findMatches(request, requester));
          expect(indexed).toEqual(outcome(() => findMatches(request, requester, candidates)));
          if (requester.availability.timeZone !== "Not/AZone") {
            expect(indexed).toEqual(
              outcome(() => naiveFindMatches(request, requester, candidates)),
            );
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it("answers outside its span by scanning, with the same results", () => {
    const base = BASES[0]!;
    const peers = fc.sample(
      fc.tuple(...Array.from({ length: 20 }, (_, k) => peerArbitrary(`p${k}`, base))),
      { numRuns: 1, seed: 11 },
    )[0]!;
    const candidates = [...peers].filter((p) => p.availability.timeZone !== "Not/AZone");
    // Built for a span that ends before the request: its zone offsets say nothing there.
    const pool = new MatchPool(candidates, { from: base - 30 * DAY, to: base });
    const request: MatchRequest = {
      requesterId: candidates[0]!.id,
      format: "swap",
      targetLevelRank: 5,
      sessionMinutes: 60,
      horizonDays: 3,
      now: base,
    };
    expect(pool.findMatches(request, candidates[0]!)).toEqual(
      naiveFindMatches(request, candidates[0]!, candidates),
    );
  });

  it("numbers UTC hours of the week from Monday midnight", () => {
    expect(utcHourOfWeek(Date.parse("2026-10-19T00:00Z"))).toBe(0); // a Monday
    expect(utcHourOfWeek(Date.parse("2026-10-25T23:59Z"))).toBe(167);
    expect(utcHourOfWeek(Date.parse("1969-12-29T01:00Z"))).toBe(1);
  });
});
