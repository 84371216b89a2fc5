import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  DateOverride,
  Interval,
  PersonAvailability,
  Weekday,
  WeeklyRule,
} from "~/modules/availability/types";
import { wallTimeToUtc } from "~/modules/availability/zoned-time";
import { findMatches, isValidStart } from "~/modules/matching/find-matches";
import { naiveFindMatches } from "~/modules/matching/naive-find-matches";
import type { MatchCandidate, MatchPerson, MatchRequest } from "~/modules/matching/types";

// findMatches against a brute-force oracle on tiny calendars. The oracle shares nothing
// with the matcher but the exact wall-time conversion (itself checked minute by minute
// against a brute-force scan in zoned-time.test.ts): it rebuilds each person's windows
// date by date and checks every minute of every candidate session.

const MINUTE = 60_000;
const DAY = 86_400_000;

const ZONES = [
  "America/New_York",
  "America/Los_Angeles",
  "America/Havana",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Australia/Lord_Howe",
] as const;

// Shortly before the 2026 clock changes of both hemispheres.
const BASES = [
  Date.parse("2026-03-06T00:00Z"),
  Date.parse("2026-03-27T00:00Z"),
  Date.parse("2026-04-03T00:00Z"),
  Date.parse("2026-10-02T00:00Z"),
  Date.parse("2026-10-23T00:00Z"),
  Date.parse("2026-10-30T00:00Z"),
];

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** "YYYY-MM-DD" of an instant in a zone, straight from Intl (en-CA writes ISO dates). */
function referenceDate(timeZone: string, instant: number): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** The person's windows, date by date, for every date that could touch [from, to). */
function oracleWindows(availability: PersonAvailability, from: number, to: number): Interval[] {
  const windows: Interval[] = [];
  for (let day = Math.floor(from / DAY) - 2; day <= Math.floor(to / DAY) + 2; day++) {
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    const weekday = (((new Date(day * DAY).getUTCDay() + 6) % 7) + 1) as Weekday;
    const off = availability.overrides.some((o) => o.date === date && o.kind === "off");
    const minuteRanges: [number, number][] = [];
    if (!off) {
      for (const rule of availability.rules) {
        if (rule.weekday === weekday) minuteRanges.push([rule.startMinute, rule.endMinute]);
      }
    }
    for (const override of availability.overrides) {
      if (override.date === date && override.kind === "extra") {
        minuteRanges.push([override.startMinute, override.endMinute]);
      }
    }
    for (const [startMinute, endMinute] of minuteRanges) {
      const start = wallTimeToUtc(availability.timeZone, day * DAY + startMinute * MINUTE);
      const end = wallTimeToUtc(availability.timeZone, day * DAY + endMinute * MINUTE);
      if (end > start) windows.push({ start, end });
    }
  }
  return windows;
}

function oracleFree(
  person: MatchPerson,
  windows: Interval[],
  start: number,
  end: number,
  now: number,
) {
  const { limits, timeZone } = person.availability;
  if (start < now + limits.minNoticeMinutes * MINUTE) return false;
  const buffer = limits.bufferMinutes * MINUTE;
  if (person.busy.some((b) => start - buffer < b.end && b.start < end + buffer)) return false;
  const date = referenceDate(timeZone, start);
  const sameDay = person.busy.filter((b) => referenceDate(timeZone, b.start) === date).length;
  if (sameDay >= limits.maxSessionsPerDay) return false;
  // Every minute of the session inside some window (all boundaries are whole minutes).
  for (let t = start; t < end; t += MINUTE) {
    if (!windows.some((w) => w.start <= t && t < w.end)) return false;
  }
  return true;
}

function oracleQualified(request: MatchRequest, candidate: MatchCandidate): boolean {
  if (request.format === "one_way") {
    // Offered at the level, qualified at the level, and not paused by the rating floor.
    return (
      candidate.interviewsUpToRank !== null &&
      candidate.interviewsUpToRank >= request.targetLevelRank &&
      candidate.qualifiedUpToRank !== null &&
      candidate.qualifiedUpToRank >= request.targetLevelRank &&
      !candidate.oneWayPaused
    );
  }
  return (
    candidate.swapTargetRank !== null &&
    Math.abs(candidate.swapTargetRank - request.targetLevelRank) <= 1
  );
}

/** Every valid start per peer, ascending, by brute force over the grid. */
function oracleValidStarts(
  request: MatchRequest,
  requester: MatchPerson,
  candidates: MatchCandidate[],
): Map<string, number[]> {
  const step = (request.slotStepMinutes ?? 30) * MINUTE;
  const length = request.sessionMinutes * MINUTE;
  const horizonEnd = request.now + request.horizonDays * DAY;
  const requesterWindows = oracleWindows(requester.availability, request.now, horizonEnd + length);
  const valid = new Map<string, number[]>();
  for (const candidate of candidates) {
    const starts: number[] = [];
    valid.set(candidate.id, starts);
    if (candidate.id === requester.id || candidate.id === request.requesterId) continue;
    if (!oracleQualified(request, candidate)) continue;
    const windows = oracleWindows(candidate.availability, request.now, horizonEnd + length);
    for (let start = Math.ceil(request.now / step) * step; start < horizonEnd; start += step) {
      const end = start + length;
      if (
        oracleFree(requester, requesterWindows, start, end, request.now) &&
        oracleFree(candidate, windows, start, end, request.now)
      ) {
        starts.push(start);
      }
    }
  }
  return valid;
}

// ---- generators ---------------------------------------------------------------------

const ruleArbitrary: fc.Arbitrary<WeeklyRule> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 0, max: 47 }),
    quarter: fc.constantFrom(0, 0, 0, 15),
    halfHours: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ weekday, start, quarter, halfHours }) => ({
    weekday: weekday as Weekday,
    startMinute: start * 30 + quarter,
    endMinute: Math.min(1440, start * 30 + quarter + halfHours * 30),
  }));

// Half the people keep the same hours every day, so that calendars overlap often enough
// for the completeness property to bite.
const rulesArbitrary: fc.Arbitrary<WeeklyRule[]> = fc.oneof(
  fc.array(ruleArbitrary, { minLength: 1, maxLength: 5 }),
  fc
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 8, max: 40 }),
      fc.array(ruleArbitrary, { maxLength: 2 }),
    )
    .map(([start, halfHours, extra]) => [
      ...([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
        weekday,
        startMinute: start * 30,
        endMinute: Math.min(1440, (start + halfHours) * 30),
      })),
      ...extra,
    ]),
);

function personArbitrary(id: string, now: number) {
  const firstDay = Math.floor(now / DAY);
  const overrideArbitrary: fc.Arbitrary<DateOverride> = fc
    .record({
      day: fc.integer({ min: -1, max: 4 }),
      off: fc.boolean(),
      start: fc.integer({ min: 0, max: 46 }),
    })
    .map(({ day, off, start }) => {
      const date = new Date((firstDay + day) * DAY).toISOString().slice(0, 10);
      return off
        ? { date, kind: "off" as const }
        : {
            date,
            kind: "extra" as const,
            startMinute: start * 30,
            endMinute: Math.min(1440, start * 30 + 90),
          };
    });
  const busyArbitrary = fc
    .record({
      offset: fc.integer({ min: -24, max: 4 * 96 }),
      length: fc.constantFrom(15, 30, 60, 90),
    })
    .map(({ offset, length }) => {
      const start = now + offset * 15 * MINUTE;
      return { start, end: start + length * MINUTE };
    });
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      rules: rulesArbitrary,
      overrides: fc.array(overrideArbitrary, { maxLength: 2 }),
      busy: fc.array(busyArbitrary, { maxLength: 3 }),
      minNoticeMinutes: fc.constantFrom(0, 0, 0, 30, 120, 600, 1440),
      maxSessionsPerDay: fc.constantFrom(0, 1, 1, 2, 3, 3, 3, 3),
      bufferMinutes: fc.constantFrom(0, 10, 15, 30),
      levelRank: fc.option(fc.integer({ min: 3, max: 7 })),
      interviewsUpToRank: fc.constantFrom(null, 4, 5, 6, 6, 7, 7),
      qualifiedUpToRank: fc.constantFrom(null, 4, 5, 6, 7, 7, 7),
      oneWayPaused: fc.constantFrom(false, false, false, true),
      swapTargetRank: fc.constantFrom(null, 3, 4, 5, 5, 6, 7),
      reliability: fc.option(fc.integer({ min: 0, max: 100 }).map((r) => r / 100)),
      quality: fc.option(fc.integer({ min: 0, max: 100 }).map((q) => q / 100)),
      interviewsGiven: fc.integer({ min: 0, max: 5 }),
      interviewsReceived: fc.integer({ min: 0, max: 5 }),
      lastSessionDaysAgo: fc.option(fc.integer({ min: 0, max: 20 })),
    })
    .map(
      (p): MatchCandidate => ({
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
        busy: p.busy,
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
      }),
    );
}

const scenarioArbitrary = fc
  .record({
    base: fc.constantFrom(...BASES),
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    size: fc.integer({ min: 2, max: 4 }),
  })
  .chain(({ base, minutes, size }) => {
    const now = base + minutes * MINUTE;
    return fc.record({
      now: fc.constant(now),
      people: fc.tuple(...Array.from({ length: size }, (_, k) => personArbitrary(`p${k}`, now))),
      format: fc.constantFrom("swap" as const, "one_way" as const),
      targetLevelRank: fc.integer({ min: 4, max: 6 }),
      sessionMinutes: fc.constantFrom(30, 45, 60, 90),
      slotStepMinutes: fc.constantFrom(15, 30, 60, undefined),
      horizonDays: fc.constantFrom(2, 3),
      maxProposals: fc.constantFrom(1, 3, 10),
      maxPerPeer: fc.constantFrom(1, 2, 3),
    });
  });

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function requestOf(scenario: Scenario, limits: "large" | "given") {
  const request: MatchRequest = {
    requesterId: scenario.people[0]!.id,
    format: scenario.format,
    targetLevelRank: scenario.targetLevelRank,
    sessionMinutes: scenario.sessionMinutes,
    horizonDays: scenario.horizonDays,
    now: scenario.now,
    maxProposals: limits === "large" ? 10_000 : scenario.maxProposals,
    maxPerPeer: limits === "large" ? 10_000 : scenario.maxPerPeer,
  };
  if (scenario.slotStepMinutes !== undefined) request.slotStepMinutes = scenario.slotStepMinutes;
  return request;
}

describe("findMatches against a brute-force oracle", () => {
  it("proposes only valid times (soundness), with any limits", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const request = requestOf(scenario, "given");
        const requester = scenario.people[0]!;
        const candidates = [...scenario.people];
        const proposals = findMatches(request, requester, candidates);
        const valid = oracleValidStarts(request, requester, candidates);
        expect(proposals.length).toBeLessThanOrEqual(request.maxProposals!);
        for (const proposal of proposals) {
          expect(valid.get(proposal.peerId)).toContain(proposal.start);
          expect(proposal.end - proposal.start).toBe(request.sessionMinutes * MINUTE);
        }
        const perPeer = new Map<string, number>();
        for (const p of proposals) perPeer.set(p.peerId, (perPeer.get(p.peerId) ?? 0) + 1);
        for (const count of perPeer.values())
          expect(count).toBeLessThanOrEqual(request.maxPerPeer!);
        expect(naiveFindMatches(request, requester, candidates)).toEqual(proposals);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("proposes every peer that has a valid time, earliest first (completeness)", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const request = requestOf(scenario, "large");
        const requester = scenario.people[0]!;
        const candidates = [...scenario.people];
        const proposals = findMatches(request, requester, candidates);
        const valid = oracleValidStarts(request, requester, candidates);
        for (const [peerId, starts] of valid) {
          const proposed = proposals.filter((p) => p.peerId === peerId).map((p) => p.start);
          for (const start of proposed) expect(starts).toContain(start);
          if (starts.length === 0) {
            expect(proposed).toEqual([]);
            continue;
          }
          expect(proposed).toContain(starts[0]);
          // With room for all, the spread keeps every valid start that does not overlap
          // an earlier pick: none is lost for lack of space.
          const length = request.sessionMinutes * MINUTE;
          for (const start of starts) {
            expect(proposed.some((other) => Math.abs(other - start) < length)).toBe(true);
          }
        }
        // The single-start check used at booking time agrees with the oracle too.
        const step = (request.slotStepMinutes ?? 30) * MINUTE;
        const firstSlot = Math.ceil(request.now / step) * step;
        for (const peer of candidates) {
          const starts = valid.get(peer.id)!;
          const sampled = [
            ...starts.slice(0, 3),
            firstSlot,
            firstSlot + 7 * step,
            firstSlot + 40 * step,
          ];
          for (const start of sampled) {
            expect(isValidStart(request, requester, peer, start)).toBe(starts.includes(start));
          }
        }
        expect(naiveFindMatches(request, requester, candidates)).toEqual(proposals);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
