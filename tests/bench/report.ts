// The benchmark report, as pure functions: reading the JSON line a bench ends with (the
// contract every bench under tests/bench/ follows) and rendering docs/benchmarks.md from
// what each bench printed. run-all.ts does the I/O (running the benches, reading the
// machine, writing the file); this module only turns text into text, so it is unit-tested
// with sample lines.
//
// The contract: the last line of a bench's stdout is one JSON object
//   {"bench":"<name>","figures":{"<key>":number},"targets":{"<key>":"<op> <number>"},
//    "met":{"<key>":boolean},"limits":{"<key>":"why it falls short"}, ...extra detail}

export type TargetOp = "<=" | "<" | ">=" | ">" | "==";

export interface Target {
  op: TargetOp;
  value: number;
}

/** The JSON line of one bench, checked against the contract. */
export interface BenchResult {
  bench: string;
  figures: Record<string, number | null>;
  targets: Record<string, string>;
  met: Record<string, boolean>;
  limits: Record<string, string>;
  /** Top-level fields outside the contract's own (extra detail), as printed. */
  extra: Record<string, unknown>;
}

/** What happened to one bench script in a run. */
export interface BenchOutcome {
  /** The script's name without its `bench:` prefix. */
  name: string;
  exitCode: number | null;
  /** What killed it, if a signal did. */
  signal?: string | null;
  /** The runner stopped it after this many minutes (its time limit). */
  timedOutAfterMin?: number;
  durationMs: number;
  /** The 1-minute load average when it started. */
  loadAtStart?: number;
  /** Its stdout (the JSON line is read from it). */
  stdout: string;
  /** The end of its stderr, for the report when it failed. */
  stderrTail?: string;
  /** When it ran, if not in the run the report is named after (kept with `--keep`). */
  ranAt?: string;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  /** 1, 5 and 15-minute load averages when the run started. */
  loadAverage: [number, number, number];
  platform: string;
}

export interface ReportInput {
  machine: Machine;
  /** When the run started. */
  date: Date;
  /** The command that produced the report, as a person would type it. */
  command: string;
  outcomes: BenchOutcome[];
  /** bench scripts in package.json that this run left out (`--only`, or interrupted). */
  notRun: string[];
  /** BENCH_QUICK was set: the benches may have run reduced sizes. */
  quick: boolean;
}

/** One line of the report's table. */
export interface FigureRow {
  bench: string;
  figure: string;
  measured: number | null;
  target: string;
  met: boolean;
  /** Why it falls short (the bench's `limits`), or what is wrong with the line itself. */
  limits?: string;
  /** The bench's own verdict disagrees with its figure and target. */
  inconsistent?: boolean;
}

const TARGET_PATTERN = /^\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

export function parseTarget(text: string): Target | undefined {
  const match = TARGET_PATTERN.exec(text);
  if (!match) return undefined;
  return { op: match[1] as TargetOp, value: Number(match[2]) };
}

export function meetsTarget(measured: number, target: Target): boolean {
  switch (target.op) {
    case "<=":
      return measured <= target.value;
    case "<":
      return measured < target.value;
    case ">=":
      return measured >= target.value;
    case ">":
      return measured > target.value;
    case "==":
      return measured === target.value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The last line of `stdout` that is a JSON object naming its bench. The contract puts it
 * last; a line of shutdown chatter printed after it does not hide it.
 */
export function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith("{") || !line.endsWith("}")) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value) && typeof value.bench === "string") return value;
    } catch {
      // Not JSON after all: keep looking upwards.
    }
  }
  return undefined;
}

const CONTRACT_KEYS = new Set(["bench", "figures", "targets", "met", "limits", "machine"]);

/**
 * The bench's JSON object in the contract's shape, plus the ways it departs from the
 * contract (a target without a figure, a malformed target…), which the report shows.
 */
export function readBenchResult(json: Record<string, unknown>): {
  result: BenchResult;
  problems: string[];
} {
  const problems: string[] = [];
  const section = (key: string) => {
    const value = json[key];
    if (value === undefined) return {};
    if (!isRecord(value)) {
      problems.push(`"${key}" is not an object`);
      return {};
    }
    return value;
  };
  const figures: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(section("figures"))) {
    if (typeof value === "number" && Number.isFinite(value)) figures[key] = value;
    else if (value === null) figures[key] = null;
    else problems.push(`figure "${key}" is not a number (${JSON.stringify(value)})`);
  }
  const targets: Record<string, string> = {};
  for (const [key, value] of Object.entries(section("targets"))) {
    if (typeof value === "string") targets[key] = value;
    else problems.push(`target "${key}" is not a string like "<= 50" (${JSON.stringify(value)})`);
  }
  const met: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(section("met"))) {
    if (typeof value === "boolean") met[key] = value;
    else problems.push(`met "${key}" is not a boolean`);
  }
  const limits: Record<string, string> = {};
  for (const [key, value] of Object.entries(section("limits"))) {
    if (typeof value === "string") limits[key] = value;
    else problems.push(`limits "${key}" is not text`);
  }
  if (!("figures" in json)) problems.push(`no "figures"`);
  for (const key of Object.keys(targets)) {
    if (!(key in figures)) problems.push(`target "${key}" has no figure`);
    if (!(key in met)) problems.push(`target "${key}" has no "met" boolean`);
  }
  const extra = Object.fromEntries(Object.entries(json).filter(([key]) => !CONTRACT_KEYS.has(key)));
  return {
    result: { bench: String(json.bench), figures, targets, met, limits, extra },
    problems,
  };
}

/**
 * The table rows of one bench: one per target. A target without a figure counts as not
 * met (nothing was measured); so does a target the report cannot read. Where the bench's
 * own `met` disagrees with its figure, the figure decides and the row says so.
 */
export function figureRows(result: BenchResult): FigureRow[] {
  return Object.entries(result.targets).map(([key, targetText]) => {
    const row = { bench: result.bench, figure: key, target: targetText.trim() };
    const target = parseTarget(targetText);
    const measured = key in result.figures ? result.figures[key]! : null;
    if (!target) {
      return { ...row, measured, met: false, limits: `the target "${targetText}" is unreadable` };
    }
    if (measured === null) {
      return {
        ...row,
        measured,
        met: false,
        limits: result.limits[key] ?? "no figure was measured for this target",
      };
    }
    const met = meetsTarget(measured, target);
    const claimed = result.met[key];
    const inconsistent = claimed !== undefined && claimed !== met;
    return {
      ...row,
      measured,
      met,
      ...(met ? {} : { limits: result.limits[key] }),
      ...(inconsistent ? { inconsistent } : {}),
    };
  });
}

export type OutcomeStatus =
  | { kind: "reported"; result: BenchResult; problems: string[] }
  | { kind: "failed"; reason: string; result?: BenchResult; problems: string[] };

/**
 * What one bench run amounts to. A bench that exits non-zero is broken (the contract
 * keeps exit code 0 for unmet targets), even when it printed figures first: those are
 * still shown. A bench that exits 0 without a JSON line failed too.
 */
export function classifyOutcome(outcome: BenchOutcome): OutcomeStatus {
  const json = lastJsonLine(outcome.stdout);
  const read = json ? readBenchResult(json) : undefined;
  const problems = read?.problems ?? [];
  if (read && read.result.bench !== outcome.name) {
    problems.push(`its JSON names the bench "${read.result.bench}"`);
  }
  if (outcome.exitCode !== 0) {
    const how = outcome.timedOutAfterMin
      ? `ran past its ${outcome.timedOutAfterMin}-minute limit and was stopped`
      : outcome.signal
        ? `was stopped by ${outcome.signal}`
        : `exited with code ${outcome.exitCode}`;
    return {
      kind: "failed",
      reason: `${how}${json ? "" : " and printed no JSON line"}`,
      ...(read ? { result: read.result } : {}),
      problems,
    };
  }
  if (!read) return { kind: "failed", reason: "printed no JSON line", problems };
  return { kind: "reported", result: read.result, problems };
}

/** A figure as the report prints it: three significant decimals at most, thousands grouped. */
export function formatNumber(value: number | null): string {
  if (value === null) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 1000 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function describeMachine(machine: Machine): string[] {
  const load = machine.loadAverage.map((l) => l.toFixed(2)).join(", ");
  return [
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores; memory ${machine.memoryGiB.toFixed(1)} GiB; ${machine.platform}`,
    `- Node ${machine.node}; ${machine.postgres}`,
    `- Load average at the start (1, 5, 15 min): ${load}`,
  ];
}

function formatDuration(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;
}

function compactValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The whole of docs/benchmarks.md. */
export function renderReport(input: ReportInput): string {
  const statuses = input.outcomes.map((outcome) => ({
    outcome,
    status: classifyOutcome(outcome),
  }));
  const rows = statuses.flatMap(({ status }) => (status.result ? figureRows(status.result) : []));
  const shortfalls = rows.filter((row) => !row.met);
  const failed = statuses.filter(({ status }) => status.kind === "failed");

  const out: string[] = [];
  out.push("# Benchmarks");
  out.push("");
  out.push(
    `Generated by \`${input.command}\` on ${input.date.toISOString().replace(/\.\d+Z$/, "Z")}. ` +
      "Do not edit by hand: run it again. Each bench's own output explains what it measures.",
  );
  out.push("");
  out.push("## Machine");
  out.push("");
  out.push(...describeMachine(input.machine));
  if (input.quick) {
    out.push(
      "- **Quick mode** (`BENCH_QUICK=1`): benches that honour it ran reduced sizes; the figures are indicative only.",
    );
  }
  out.push("");

  out.push("## Targets");
  out.push("");
  const met = rows.length - shortfalls.length;
  out.push(
    `${met} of ${rows.length} targets met` +
      (failed.length > 0
        ? `; ${failed.length} of ${statuses.length} benches did not report (below).`
        : "."),
  );
  out.push("");
  if (rows.length > 0) {
    out.push("| bench | figure | measured | target | result |");
    out.push("|---|---|---:|---|---|");
    for (const row of rows) {
      const result = row.met ? "met" : "**falls short**";
      const note = row.inconsistent ? " (the bench said otherwise)" : "";
      out.push(
        `| ${cell(row.bench)} | ${cell(row.figure)} | ${formatNumber(row.measured)} | ${cell(row.target)} | ${result}${note} |`,
      );
    }
    out.push("");
  }

  if (shortfalls.length > 0) {
    out.push("### What limits each shortfall");
    out.push("");
    for (const row of shortfalls) {
      const limits = row.limits?.trim() || "(the bench gave no `limits` text for this figure)";
      out.push(
        `- **${row.bench} · ${row.figure}** (${formatNumber(row.measured)}, target ${row.target}): ${limits}`,
      );
    }
    out.push("");
  }

  if (failed.length > 0) {
    out.push("## Benches that did not report");
    out.push("");
    for (const { outcome, status } of failed) {
      if (status.kind !== "failed") continue;
      out.push(
        `- **${outcome.name}** ${status.reason} after ${formatDuration(outcome.durationMs)}.`,
      );
      const tail = outcome.stderrTail?.trim();
      if (tail) {
        out.push("");
        out.push("  ```text");
        for (const line of tail.split(/\r?\n/).slice(-12)) out.push(`  ${line}`);
        out.push("  ```");
      }
    }
    out.push("");
  }

  out.push("## Per bench");
  out.push("");
  for (const { outcome, status } of statuses) {
    const load =
      outcome.loadAtStart === undefined ? "" : `, load ${outcome.loadAtStart.toFixed(2)} at start`;
    const verdict = status.kind === "reported" ? "" : " — **did not report**";
    out.push(`### ${outcome.name}${verdict}`);
    out.push("");
    const when = outcome.ranAt ? ` in an earlier run (${outcome.ranAt})` : "";
    out.push(
      `Ran${when} ${formatDuration(outcome.durationMs)}${load}, exit code ${outcome.exitCode ?? "none"}.`,
    );
    const result = status.result;
    if (result) {
      const extraFigures = Object.entries(result.figures).filter(
        ([key]) => !(key in result.targets),
      );
      if (extraFigures.length > 0) {
        out.push("");
        out.push(
          `Other figures: ${extraFigures.map(([key, value]) => `${key} ${formatNumber(value)}`).join(" · ")}`,
        );
      }
      const details = Object.entries(result.extra);
      if (details.length > 0) {
        out.push("");
        for (const [key, value] of details) out.push(`- ${key}: ${cell(compactValue(value))}`);
      }
    }
    if (status.problems.length > 0) {
      out.push("");
      out.push(`Its JSON line departs from the contract: ${status.problems.join("; ")}.`);
    }
    out.push("");
  }

  if (input.notRun.length > 0) {
    out.push("## Not run in this report");
    out.push("");
    out.push(`${input.notRun.join(", ")}.`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The run failed if any bench did not report (unmet targets are not failures). */
export function runFailed(outcomes: BenchOutcome[]): boolean {
  return outcomes.some((outcome) => classifyOutcome(outcome).kind === "failed");
}
