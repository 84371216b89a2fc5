// Matching benchmark: findMatches against the naive baseline on synthetic peers spread
// over 12 zones, with a 14-day horizon that crosses the EU and US autumn clock changes.
// Run with `npm run bench:matching`. The last line of output is one JSON object.

import { isDeepStrictEqual } from "node:util";
import type { DateOverride, Interval, Weekday, WeeklyRule } from "~/modules/availability/types";
import { DAY_MS, localDateOfDayNumber, MINUTE_MS } from "~/modules/availability/zoned-time";
import { findMatches } from "~/modules/matching/find-matches";
import { naiveFindMatches } from "~/modules/matching/naive-find-matches";
import type { MatchCandidate, MatchRequest, Proposal } from "~/modules/matching/types";

const ZONES = [
  "America/Los_Angeles",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];

// 2026-10-20T00:00Z: the EU falls back on 10-25 and the US on 11-01, both inside.
const NOW = Date.UTC(2026, 9, 20);
const HORIZON_DAYS = 14;

const TARGETS = { p99MsAt10k: 20, speedupMin: 10 };

/** Small, fast, seedable PRNG (mulberry32), so every run sees the same peers. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}

type Random = ReturnType<typeof createRandom>;

function generateRules(random: Random): WeeklyRule[] {
  const rules: WeeklyRule[] = [];
  // Weekday evenings, the usual practice time.
  const eveningStart = random.int(34, 42) * 30;
  const eveningLength = random.int(3, 8) * 30;
  for (let weekday = 1; weekday <= 5; weekday++) {
    if (!random.chance(0.55)) continue;
    rules.push({
      weekday: weekday as Weekday,
      startMinute: eveningStart,
      endMinute: Math.min(1440, eveningStart + eveningLength),
    });
  }
  if (random.chance(0.25)) {
    // Early birds.
    const weekday = random.int(1, 5) as Weekday;
    rules.push({
      weekday,
      startMinute: random.int(12, 15) * 30,
      endMinute: random.int(16, 18) * 30,
    });
  }
  for (const weekday of [6, 7] as const) {
    if (!random.chance(0.5)) continue;
    const start = random.int(16, 30) * 30;
    rules.push({ weekday, startMinute: start, endMinute: start + random.int(4, 10) * 30 });
  }
  if (random.chance(0.1)) {
    // Night owls, whose windows run into the next day.
    const weekday = random.int(1, 6) as Weekday;
    rules.push({ weekday, startMinute: 22 * 60, endMinute: 1440 });
    rules.push({ weekday: (weekday + 1) as Weekday, startMinute: 0, endMinute: 60 });
  }
  return rules;
}

function generateOverrides(random: Random): DateOverride[] {
  const overrides: DateOverride[] = [];
  const firstDay = Math.floor(NOW / DAY_MS);
  if (random.chance(0.3)) {
    overrides.push({ date: localDateOfDayNumber(firstDay + random.int(0, 13)), kind: "off" });
  }
  if (random.chance(0.2)) {
    const start = random.int(16, 40) * 30;
    overrides.push({
      date: localDateOfDayNumber(firstDay + random.int(0, 13)),
      kind: "extra",
      startMinute: start,
      endMinute: Math.min(1440, start + random.int(2, 6) * 30),
    });
  }
  return overrides;
}

function generateBusy(random: Random): Interval[] {
  const busy: Interval[] = [];
  const count = random.pick([0, 0, 0, 1, 1, 2, 3]);
  for (let k = 0; k < count; k++) {
    const start = NOW + random.int(0, HORIZON_DAYS * 48) * 30 * MINUTE_MS;
    busy.push({ start, end: start + random.pick([60, 90]) * MINUTE_MS });
  }
  return busy.sort((a, b) => a.start - b.start);
}

function generatePeers(count: number, seed: number): MatchCandidate[] {
  const random = createRandom(seed);
  // A stream of its own, so adding quality left every other generated figure, and so
  // the benchmark's world, as it was.
  const qualityRandom = createRandom(seed ^ 0x5bd1e995);
  return Array.from({ length: count }, (_, index) => {
    const levelRank = random.chance(0.9) ? random.int(3, 7) : null;
    return {
      id: `peer-${String(index).padStart(6, "0")}`,
      name: `Peer ${index}`,
      availability: {
        timeZone: random.pick(ZONES),
        rules: generateRules(random),
        overrides: generateOverrides(random),
        limits: {
          minNoticeMinutes: random.pick([120, 360, 720, 1440]),
          maxSessionsPerDay: random.pick([1, 2, 2, 3]),
          bufferMinutes: random.pick([0, 15, 15, 30]),
        },
      },
      busy: generateBusy(random),
      levelRank,
      interviewsUpToRank: random.chance(0.6) ? random.int(4, 7) : null,
      // The database query hands the matcher qualified, unpaused people only.
      qualifiedUpToRank: 7,
      oneWayPaused: false,
      swapTargetRank: random.chance(0.8) ? random.int(3, 7) : null,
      reliability: random.chance(0.8) ? Math.round((0.5 + random.next() * 0.5) * 100) / 100 : null,
      quality: qualityRandom.chance(0.6)
        ? Math.round((0.4 + qualityRandom.next() * 0.6) * 100) / 100
        : null,
      interviewsGiven: random.int(0, 30),
      interviewsReceived: random.int(0, 30),
      lastSessionWithRequesterAt: random.chance(0.05)
        ? NOW - random.int(0, 30 * 24) * 60 * MINUTE_MS
        : null,
    };
  });
}

function generateRequests(peers: MatchCandidate[], count: number, seed: number) {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const requester = random.pick(peers);
    const request: MatchRequest = {
      requesterId: requester.id,
      format: random.chance(0.6) ? "swap" : "one_way",
      targetLevelRank: random.int(4, 6),
      sessionMinutes: random.pick([60, 90]),
      horizonDays: HORIZON_DAYS,
      now: NOW,
    };
    return { request, requester };
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)]!;
}

function timeRuns(
  runs: { request: MatchRequest; requester: MatchCandidate }[],
  peers: MatchCandidate[],
  match: typeof findMatches,
) {
  const durations: number[] = [];
  const results: Proposal[][] = [];
  for (const { request, requester } of runs) {
    const started = performance.now();
    results.push(match(request, requester, peers));
    durations.push(performance.now() - started);
  }
  const sorted = [...durations].sort((a, b) => a - b);
  return { results, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const SIZES = [
  { peers: 1_000, fastRuns: 500, naiveRuns: 20 },
  { peers: 10_000, fastRuns: 500, naiveRuns: 5 },
  { peers: 50_000, fastRuns: 200, naiveRuns: 2 },
];

const results = [];
for (const size of SIZES) {
  const peers = generatePeers(size.peers, 20261020 + size.peers);
  const runs = generateRequests(peers, size.fastRuns, 7 + size.peers);
  // Warm-up: JIT, the Intl formatters and the zone-day tables of the horizon.
  timeRuns(runs.slice(0, 100), peers, findMatches);
  const fast = timeRuns(runs, peers, findMatches);
  const naiveSubset = runs.slice(0, size.naiveRuns);
  const naive = timeRuns(naiveSubset, peers, naiveFindMatches);
  const identical = naive.results.every((proposals, k) =>
    isDeepStrictEqual(proposals, fast.results[k]),
  );
  const proposalsPerRequest = fast.results.reduce((sum, r) => sum + r.length, 0) / runs.length;
  results.push({
    peers: size.peers,
    fastRuns: runs.length,
    naiveRuns: naiveSubset.length,
    fastP50Ms: round(fast.p50, 3),
    fastP99Ms: round(fast.p99, 3),
    naiveP50Ms: round(naive.p50, 1),
    naiveP99Ms: round(naive.p99, 1),
    speedupP50: round(naive.p50 / fast.p50, 0),
    speedupP99: round(naive.p99 / fast.p99, 0),
    identical,
    proposalsPerRequest: round(proposalsPerRequest, 1),
  });
}

console.log(
  "peers   | fast p50 ms | fast p99 ms | naive p50 ms | naive p99 ms | speed-up p50 / p99 | identical",
);
console.log(
  "--------|-------------|-------------|--------------|--------------|--------------------|----------",
);
for (const r of results) {
  console.log(
    [
      String(r.peers).padEnd(7),
      String(r.fastP50Ms).padStart(11),
      String(r.fastP99Ms).padStart(11),
      String(r.naiveP50Ms).padStart(12),
      String(r.naiveP99Ms).padStart(12),
      `${r.speedupP50}× / ${r.speedupP99}×`.padStart(18),
      r.identical ? "yes" : "NO",
    ].join(" | "),
  );
}
console.log(
  `(fast: ${results.map((r) => r.fastRuns).join("/")} requests; naive: ${results
    .map((r) => r.naiveRuns)
    .join("/")} requests per size; identical compares those the naive ran)`,
);

const at10k = results.find((r) => r.peers === 10_000)!;
const met = {
  p99MsAt10k: at10k.fastP99Ms <= TARGETS.p99MsAt10k,
  speedupMin: results.every(
    (r) => r.speedupP50 >= TARGETS.speedupMin && r.speedupP99 >= TARGETS.speedupMin,
  ),
  identical: results.every((r) => r.identical),
};
console.log(
  JSON.stringify({
    bench: "matching",
    now: new Date(NOW).toISOString(),
    results,
    targets: TARGETS,
    met,
  }),
);
if (!met.identical) process.exitCode = 1;
