// Suite-time benchmark: runs the unit and integration suite (`vitest run`, the README's
// `npm test`) on the embedded PGlite with the JSON reporter, and prints the wall time,
// the sum of the files' durations, the CPU time of the run, the test count and the
// slowest files. With DATABASE_URL set, the suite runs a second time on PostgreSQL as an
// extra figure. Run with `npm run bench:suite`. The last line of output is one JSON object.
//
// The machine's load average is printed before and after each run: on a shared 2-core
// machine the wall time follows other work, while the CPU time and the sum of file
// durations say more about the suite itself.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../support/paths";

const TARGET_SECONDS = 60;

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    startTime: number;
    endTime: number;
    assertionResults: unknown[];
  }[];
}

interface SuiteRun {
  wallSeconds: number;
  cpuSeconds: number;
  fileSecondsSum: number;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  files: { file: string; seconds: number; tests: number }[];
  loadBefore: number[];
  loadAfter: number[];
}

/** CPU time (user + system, seconds) of finished children of this process (Linux). */
function childrenCpuSeconds(): number {
  // /proc/self/stat fields 16-17 count the waited-for descendants (cutime, cstime) in
  // clock ticks: vitest, the build it runs and its workers.
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

async function runSuite(label: string, env: NodeJS.ProcessEnv): Promise<SuiteRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "peerloop-suite-bench-"));
  const jsonFile = path.join(dir, "report.json");
  const loadBefore = loadavg();
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      path.join(REPO_ROOT, "node_modules/.bin/vitest"),
      ["run", "--reporter=json", `--outputFile.json=${jsonFile}`],
      // Test output (a line per test, the page-weight table) would bury the figures;
      // vitest's errors still show. `npm test` shows what failed.
      { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "inherit"] },
    );
    child.on("error", reject);
    child.on("exit", resolve);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = childrenCpuSeconds() - cpuBefore;
  const loadAfter = loadavg();
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(jsonFile, "utf8")) as JsonReport;
  } catch {
    throw new Error(`${label}: vitest wrote no report (exit code ${code})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const files = report.testResults
    .map((result) => ({
      file: path.relative(REPO_ROOT, result.name),
      seconds: (result.endTime - result.startTime) / 1000,
      tests: result.assertionResults.length,
    }))
    .sort((a, b) => b.seconds - a.seconds);
  return {
    wallSeconds,
    cpuSeconds,
    fileSecondsSum: files.reduce((sum, file) => sum + file.seconds, 0),
    tests: report.numTotalTests,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    files,
    loadBefore,
    loadAfter,
  };
}

function printRun(label: string, run: SuiteRun) {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(" ");
  console.log(`\n${label}`);
  console.log(`  wall time          ${run.wallSeconds.toFixed(1)} s`);
  console.log(`  CPU time           ${run.cpuSeconds.toFixed(1)} s (vitest and its workers)`);
  console.log(`  file durations     ${run.fileSecondsSum.toFixed(1)} s summed over files`);
  console.log(
    `  tests              ${run.tests} (${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped) in ${run.files.length} files`,
  );
  console.log(`  load average       ${load(run.loadBefore)} before, ${load(run.loadAfter)} after`);
  console.log("  slowest files:");
  for (const file of run.files.slice(0, 10)) {
    console.log(
      `    ${file.seconds.toFixed(1).padStart(6)} s  ${String(file.tests).padStart(4)} tests  ${file.file}`,
    );
  }
}

const { DATABASE_URL: postgresUrl, ...withoutDatabase } = process.env;
const pglite = await runSuite("PGlite", withoutDatabase);
printRun("Suite on PGlite (no DATABASE_URL)", pglite);

let postgres: SuiteRun | undefined;
if (postgresUrl?.trim()) {
  postgres = await runSuite("PostgreSQL", process.env);
  printRun("Suite on PostgreSQL (DATABASE_URL)", postgres);
}

const figures: Record<string, number> = {
  pgliteSuiteSeconds: Number(pglite.wallSeconds.toFixed(1)),
  pgliteCpuSeconds: Number(pglite.cpuSeconds.toFixed(1)),
  pgliteFileSecondsSum: Number(pglite.fileSecondsSum.toFixed(1)),
  pgliteTests: pglite.tests,
  pgliteFailedTests: pglite.failed,
  pgliteLoadAverage: Number(pglite.loadBefore[0]!.toFixed(2)),
};
if (postgres) {
  figures.postgresSuiteSeconds = Number(postgres.wallSeconds.toFixed(1));
  figures.postgresCpuSeconds = Number(postgres.cpuSeconds.toFixed(1));
  figures.postgresFileSecondsSum = Number(postgres.fileSecondsSum.toFixed(1));
  figures.postgresTests = postgres.tests;
  figures.postgresFailedTests = postgres.failed;
}
const met = pglite.wallSeconds < TARGET_SECONDS;
const limits: Record<string, string> = {};
if (!met) {
  const slowest = pglite.files
    .slice(0, 3)
    .map((file) => `${file.file} ${file.seconds.toFixed(0)} s`)
    .join(", ");
  limits.pgliteSuiteSeconds =
    `${pglite.fileSecondsSum.toFixed(0)} s of file time and ${pglite.cpuSeconds.toFixed(0)} s of CPU on ${cpus().length} cores ` +
    `(load ${pglite.loadBefore[0]!.toFixed(1)} at the start). Each integration file pays its own process, imports, ` +
    `PGlite start-up and app build import; slowest: ${slowest}.`;
}

console.log(
  JSON.stringify({
    bench: "suite",
    machine: { cores: cpus().length, node: process.version },
    figures,
    targets: { pgliteSuiteSeconds: `< ${TARGET_SECONDS}` },
    met: { pgliteSuiteSeconds: met },
    ...(met ? {} : { limits }),
    slowestFiles: pglite.files.slice(0, 10),
  }),
);
