import { describe, expect, it } from "vitest";
import {
  type BenchOutcome,
  classifyOutcome,
  figureRows,
  formatNumber,
  lastJsonLine,
  type Machine,
  meetsTarget,
  parseTarget,
  readBenchResult,
  renderReport,
  runFailed,
} from "../bench/report";

// The benchmark report (tests/bench/report.ts) reads the JSON line each bench ends with
// and renders docs/benchmarks.md. Samples in the contract's shape: a met and an unmet
// target, a target whose figure is missing, a bench that crashed, one with no JSON.

const MACHINE: Machine = {
  cpuModel: "Test CPU @ 2.00GHz",
  cores: 2,
  memoryGiB: 7.75,
  node: "v22.23.5",
  postgres: "PostgreSQL 15.14",
  loadAverage: [0.42, 0.3, 0.2],
  platform: "linux 6.1.0",
};

const MATCHING_LINE = JSON.stringify({
  bench: "matching",
  figures: { p99Ms: 12.345, speedupToNaive: 14.2, naiveP99Ms: 175.3, peers: 100000 },
  targets: { p99Ms: "<= 20", speedupToNaive: ">= 10" },
  met: { p99Ms: true, speedupToNaive: true },
  zones: 12,
});

const BOOKING_LINE = JSON.stringify({
  bench: "booking",
  figures: { ratioToBare: 0.21, p99Ms: 38, overlaps: 0, bareOpsPerSec: 2400 },
  targets: { ratioToBare: ">= 0.33", p99Ms: "< 50", overlaps: "== 0" },
  met: { ratioToBare: false, p99Ms: true, overlaps: true },
  limits: { ratioToBare: "two round trips per booking; next: one database function" },
});

/** Its figure for p95 is missing (the run lost its browser half-way). */
const JOIN_LINE = JSON.stringify({
  bench: "join-time",
  figures: { joinP50Ms: 640 },
  targets: { joinP50Ms: "< 1000", joinP95Ms: "< 1500" },
  met: { joinP50Ms: true, joinP95Ms: false },
});

function outcome(name: string, stdout: string, exitCode: number | null = 0): BenchOutcome {
  return { name, exitCode, durationMs: 12_300, loadAtStart: 0.5, stdout, stderrTail: "" };
}

describe("reading a bench's JSON line", () => {
  it("takes the last JSON object that names a bench, past trailing chatter", () => {
    const stdout = [
      "table header",
      '{"bench":"booking","figures":{"p99Ms":1}}',
      BOOKING_LINE,
      "server stopped",
      "",
    ].join("\n");
    expect(lastJsonLine(stdout)?.figures).toEqual(JSON.parse(BOOKING_LINE).figures);
  });

  it("finds nothing in output without a JSON object naming its bench", () => {
    expect(lastJsonLine("p99 12 ms\n{not json}\n")).toBeUndefined();
    expect(lastJsonLine('{"figures":{"a":1}}')).toBeUndefined();
    expect(lastJsonLine("")).toBeUndefined();
  });

  it("reads targets with every operator and refuses malformed ones", () => {
    expect(parseTarget("<= 350")).toEqual({ op: "<=", value: 350 });
    expect(parseTarget(">=0.33")).toEqual({ op: ">=", value: 0.33 });
    expect(parseTarget("== 0")).toEqual({ op: "==", value: 0 });
    expect(parseTarget("< 1e3")).toEqual({ op: "<", value: 1000 });
    expect(parseTarget("at most 5")).toBeUndefined();
    expect(parseTarget("=< 5")).toBeUndefined();
    expect(meetsTarget(350, { op: "<=", value: 350 })).toBe(true);
    expect(meetsTarget(350, { op: "<", value: 350 })).toBe(false);
    expect(meetsTarget(0.33, { op: ">=", value: 0.33 })).toBe(true);
    expect(meetsTarget(0.33, { op: ">", value: 0.33 })).toBe(false);
    expect(meetsTarget(1, { op: "==", value: 0 })).toBe(false);
  });

  it("lists how a line departs from the contract", () => {
    const { result, problems } = readBenchResult({
      bench: "x",
      figures: { a: 1, b: "fast" },
      targets: { a: "<= 2", c: 5 },
      met: {},
    });
    expect(result.figures).toEqual({ a: 1 });
    expect(problems).toEqual([
      'figure "b" is not a number ("fast")',
      'target "c" is not a string like "<= 50" (5)',
      'target "a" has no "met" boolean',
    ]);
  });
});

describe("rows of the table", () => {
  it("judges each target from its figure, with the limits of a shortfall", () => {
    const { result } = readBenchResult(JSON.parse(BOOKING_LINE));
    expect(figureRows(result)).toEqual([
      {
        bench: "booking",
        figure: "ratioToBare",
        measured: 0.21,
        target: ">= 0.33",
        met: false,
        limits: "two round trips per booking; next: one database function",
      },
      { bench: "booking", figure: "p99Ms", measured: 38, target: "< 50", met: true },
      { bench: "booking", figure: "overlaps", measured: 0, target: "== 0", met: true },
    ]);
  });

  it("counts a target without a figure as falling short", () => {
    const { result, problems } = readBenchResult(JSON.parse(JOIN_LINE));
    const row = figureRows(result).find((r) => r.figure === "joinP95Ms");
    expect(row).toMatchObject({ measured: null, met: false });
    expect(row?.limits).toBe("no figure was measured for this target");
    expect(problems).toEqual(['target "joinP95Ms" has no figure']);
  });

  it("lets the figure decide when the bench's own verdict disagrees", () => {
    const { result } = readBenchResult({
      bench: "x",
      figures: { p99Ms: 80 },
      targets: { p99Ms: "< 50" },
      met: { p99Ms: true },
    });
    expect(figureRows(result)).toEqual([
      expect.objectContaining({ met: false, inconsistent: true }),
    ]);
  });
});

describe("what a bench run amounts to", () => {
  it("reports a bench that exited 0 with a JSON line, met or not", () => {
    expect(classifyOutcome(outcome("booking", BOOKING_LINE)).kind).toBe("reported");
  });

  it("fails a bench that exited non-zero, keeping any figures it printed", () => {
    const status = classifyOutcome(outcome("booking", `${BOOKING_LINE}\n`, 1));
    expect(status).toMatchObject({ kind: "failed", reason: "exited with code 1" });
    expect(status.result?.figures.p99Ms).toBe(38);
    expect(classifyOutcome(outcome("realtime", "boom", 1))).toMatchObject({
      kind: "failed",
      reason: "exited with code 1 and printed no JSON line",
    });
  });

  it("says when the runner stopped a bench at its time limit", () => {
    const stopped = { ...outcome("realtime", "", null), signal: "SIGTERM", timedOutAfterMin: 30 };
    expect(classifyOutcome(stopped)).toMatchObject({
      kind: "failed",
      reason: "ran past its 30-minute limit and was stopped and printed no JSON line",
    });
  });

  it("fails a bench that printed no JSON line, even with exit code 0", () => {
    expect(classifyOutcome(outcome("ssr", "all done\n"))).toMatchObject({
      kind: "failed",
      reason: "printed no JSON line",
    });
    expect(runFailed([outcome("booking", BOOKING_LINE), outcome("ssr", "")])).toBe(true);
    expect(runFailed([outcome("booking", BOOKING_LINE)])).toBe(false);
  });

  it("notes a JSON line that names another bench", () => {
    expect(classifyOutcome(outcome("suite", BOOKING_LINE)).problems).toEqual([
      'its JSON names the bench "booking"',
    ]);
  });
});

describe("the report", () => {
  const report = renderReport({
    machine: MACHINE,
    date: new Date("2026-11-30T21:00:00.123Z"),
    command: "npm run bench",
    outcomes: [
      outcome("matching", `searching 100k peers\n${MATCHING_LINE}\n`),
      outcome("booking", BOOKING_LINE),
      { ...outcome("join-time", JOIN_LINE), ranAt: "2026-11-30T20:10:00Z" },
      {
        ...outcome("realtime", "starting 500 rooms\n", 1),
        stderrTail: "Error: listen EADDRINUSE 127.0.0.1:3650",
      },
    ],
    notRun: ["ssr"],
    quick: false,
  });

  it("states the machine and the date", () => {
    expect(report).toContain("on 2026-11-30T21:00:00Z");
    expect(report).toContain("Test CPU @ 2.00GHz, 2 cores; memory 7.8 GiB");
    expect(report).toContain("Node v22.23.5; PostgreSQL 15.14");
    expect(report).toContain("Load average at the start (1, 5, 15 min): 0.42, 0.30, 0.20");
  });

  it("has one table of every target, met or falling short", () => {
    const table = report
      .split("\n")
      .filter((line) => /^\| (matching|booking|join-time) /.test(line));
    expect(table).toEqual([
      "| matching | p99Ms | 12.3 | <= 20 | met |",
      "| matching | speedupToNaive | 14.2 | >= 10 | met |",
      "| booking | ratioToBare | 0.21 | >= 0.33 | **falls short** |",
      "| booking | p99Ms | 38 | < 50 | met |",
      "| booking | overlaps | 0 | == 0 | met |",
      "| join-time | joinP50Ms | 640 | < 1000 | met |",
      "| join-time | joinP95Ms | — | < 1500 | **falls short** |",
    ]);
    expect(report).toContain("5 of 7 targets met; 1 of 4 benches did not report (below).");
  });

  it("gives each shortfall its limits under the table", () => {
    const limits = report.slice(report.indexOf("### What limits each shortfall"));
    expect(limits).toContain(
      "- **booking · ratioToBare** (0.21, target >= 0.33): two round trips per booking; next: one database function",
    );
    expect(limits).toContain(
      "- **join-time · joinP95Ms** (—, target < 1500): no figure was measured for this target",
    );
  });

  it("names the bench that failed, with the end of its error output", () => {
    const section = report.slice(report.indexOf("## Benches that did not report"));
    expect(section).toContain(
      "- **realtime** exited with code 1 and printed no JSON line after 12.3 s.",
    );
    expect(section).toContain("Error: listen EADDRINUSE 127.0.0.1:3650");
    expect(report).toContain("### realtime — **did not report**");
  });

  it("lists the extra figures and details per bench, and what was not run", () => {
    expect(report).toContain("Other figures: naiveP99Ms 175.3 · peers 100,000");
    expect(report).toContain("Other figures: bareOpsPerSec 2,400");
    expect(report).toContain("- zones: 12");
    expect(report).toContain(
      'Its JSON line departs from the contract: target "joinP95Ms" has no figure.',
    );
    expect(report).toContain("## Not run in this report\n\nssr.");
  });

  it("marks a result kept from an earlier run with when it ran", () => {
    expect(report).toContain("Ran in an earlier run (2026-11-30T20:10:00Z) 12.3 s");
    expect(report).not.toContain("### booking\n\nRan in an earlier run");
  });

  it("formats figures compactly", () => {
    expect(formatNumber(0.21456)).toBe("0.215");
    expect(formatNumber(4.5678)).toBe("4.57");
    expect(formatNumber(12.345)).toBe("12.3");
    expect(formatNumber(294.25)).toBe("294.3");
    expect(formatNumber(1234.5)).toBe("1,235");
    expect(formatNumber(null)).toBe("—");
  });
});
