// `npm run bench`: runs every `bench:*` script of package.json one after another (never
// two at once: the machine has two cores and each bench wants them), streams their output,
// reads the JSON line each ends with and writes docs/benchmarks.md (see report.ts).
//
//   npm run bench                                  every bench
//   npm run bench -- --only page-weight,join-time  a subset (names without "bench:")
//   npm run bench -- --quick                       sets BENCH_QUICK=1 for the benches
//   npm run bench -- --out /tmp/report.md          writes elsewhere
//   npm run bench -- --only booking --keep          re-runs a subset and keeps the last results
//                                                  of the others (marked as earlier)
//
// Beside the report goes its raw material (<report>.json: each bench's outcome), which is
// what --keep reads.
//
// Every environment variable is passed through to the benches (DATABASE_URL, BENCH_*).
// A bench still running after BENCH_TIMEOUT_MIN minutes (default 30) is stopped and
// reported as failed.
// Exits non-zero, after writing the report, when a bench failed or printed no JSON line;
// a target that falls short is reported, not a failure.

import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { REPO_ROOT } from "../support/paths";
import { type BenchOutcome, type Machine, renderReport, runFailed } from "./report";

const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const STDERR_TAIL_BYTES = 4 * 1024;
const TIMEOUT_MIN = Number(process.env.BENCH_TIMEOUT_MIN ?? 30) || 30;

interface Options {
  only?: string[];
  quick: boolean;
  out: string;
  /** Keep the last results of the benches not run now (from the JSON beside the report). */
  keep: boolean;
}

function parseArgs(args: string[]): Options {
  const options: Options = {
    quick: process.env.BENCH_QUICK === "1",
    out: path.join(REPO_ROOT, "docs/benchmarks.md"),
    keep: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
      if (!next) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--only" || arg.startsWith("--only=")) {
      options.only = value()
        .split(",")
        .map((name) => name.trim().replace(/^bench:/, ""))
        .filter(Boolean);
    } else if (arg === "--quick") {
      options.quick = true;
    } else if (arg === "--keep") {
      options.keep = true;
    } else if (arg === "--out" || arg.startsWith("--out=")) {
      options.out = path.resolve(value());
    } else {
      throw new Error(`unknown option ${arg} (use --only a,b, --keep, --quick, --out file)`);
    }
  }
  return options;
}

/** The `bench:*` scripts of package.json, by name without the prefix, in file order. */
function benchScripts(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return Object.keys(pkg.scripts)
    .filter((name) => name.startsWith("bench:"))
    .map((name) => name.slice("bench:".length));
}

async function postgresVersion(): Promise<string> {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    return row?.version.split(" on ")[0] ?? "PostgreSQL: unknown version";
  } catch (err) {
    return `PostgreSQL not reachable at ${new URL(url).host} (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    await sql.end({ timeout: 2 }).catch(() => {});
  }
}

async function readMachine(): Promise<Machine> {
  const [one, five, fifteen] = loadavg();
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    postgres: await postgresVersion(),
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    platform: `${platform()} ${release()}`,
  };
}

let running: ReturnType<typeof spawn> | undefined;

/** Runs `npm run bench:<name>`, its output streamed through, and records what it printed. */
function runBench(name: string, env: NodeJS.ProcessEnv): Promise<BenchOutcome> {
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();
  console.log(`\n=== bench:${name} (load ${loadAtStart.toFixed(2)}) ===`);
  return new Promise((resolve) => {
    // Its own process group, so that an interrupt can stop the bench and its children
    // (servers, browsers) together and nothing else.
    const child = spawn("npm", ["run", "--silent", `bench:${name}`], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running = child;
    let stdout = "";
    let stderrTail = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      console.error(`\nbench:${name} ran past ${TIMEOUT_MIN} minutes: stopping it`);
      stopRunning("SIGTERM");
      setTimeout(() => stopRunning("SIGKILL"), 15_000).unref();
    }, TIMEOUT_MIN * 60_000);
    const finish = (exitCode: number | null, signal: string | null) => {
      clearTimeout(limit);
      running = undefined;
      resolve({
        ...(timedOut ? { timedOutAfterMin: TIMEOUT_MIN } : {}),
        name,
        exitCode,
        signal,
        durationMs: performance.now() - started,
        loadAtStart,
        stdout,
        stderrTail,
      });
    };
    child.once("error", (err) => {
      stderrTail += `\ncould not start: ${err.message}`;
      finish(null, null);
    });
    child.once("close", finish);
  });
}

function stopRunning(signal: NodeJS.Signals) {
  const child = running;
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function savedOutcomesFile(reportFile: string): string {
  return `${reportFile.replace(/\.md$/, "")}.json`;
}

/** The outcomes a previous run saved beside its report (none if there is no such file). */
function readSavedOutcomes(file: string): BenchOutcome[] {
  if (!existsSync(file)) return [];
  const saved = JSON.parse(readFileSync(file, "utf8")) as BenchOutcome[];
  return Array.isArray(saved) ? saved : [];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const all = benchScripts();
  const unknown = (options.only ?? []).filter((name) => !all.includes(name));
  if (unknown.length > 0) {
    throw new Error(`no such bench script: ${unknown.join(", ")} (there are: ${all.join(", ")})`);
  }
  const selected = options.only ? all.filter((name) => options.only!.includes(name)) : all;
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.quick ? { BENCH_QUICK: "1" } : {}) };

  const date = new Date();
  const machine = await readMachine();
  console.log(
    `${machine.cpuModel} × ${machine.cores}, Node ${machine.node}, ${machine.postgres}; ` +
      `load ${machine.loadAverage.map((l) => l.toFixed(2)).join(" ")}; benches: ${selected.join(", ")}`,
  );

  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      interrupted = true;
      stopRunning(signal);
    });
  }
  const outcomes: BenchOutcome[] = [];
  for (const name of selected) {
    if (interrupted) break;
    outcomes.push(await runBench(name, env));
  }

  const ranAt = date.toISOString().replace(/\.\d+Z$/, "Z");
  const kept = options.keep
    ? readSavedOutcomes(savedOutcomesFile(options.out)).filter(
        (saved) => all.includes(saved.name) && !outcomes.some((o) => o.name === saved.name),
      )
    : [];
  const everyOutcome = [...outcomes, ...kept].sort(
    (a, b) => all.indexOf(a.name) - all.indexOf(b.name),
  );
  writeFileSync(
    savedOutcomesFile(options.out),
    `${JSON.stringify(
      everyOutcome.map((outcome) => ({ ranAt: outcome.ranAt ?? ranAt, ...outcome })),
      null,
      1,
    )}\n`,
  );

  const command = [
    options.quick ? "BENCH_QUICK=1 " : "",
    "npm run bench",
    options.only ? ` -- --only ${selected.join(",")}${options.keep ? " --keep" : ""}` : "",
  ].join("");
  const report = renderReport({
    machine,
    date,
    command,
    outcomes: everyOutcome,
    notRun: all.filter((name) => !everyOutcome.some((o) => o.name === name)),
    quick: options.quick,
  });
  writeFileSync(options.out, report);
  const shown = path.relative(process.cwd(), options.out);
  console.log(`\nwrote ${shown.startsWith("..") ? options.out : shown}`);
  if (interrupted || runFailed(outcomes)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
