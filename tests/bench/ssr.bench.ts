// Server-side rendering benchmark: the app in production mode on a fresh PostgreSQL
// database (created and dropped here), seeded with the demo users and their history plus
// upcoming and live sessions, against a bare React server that renders the same route
// tree with the same loader data (captured once from the app) through
// renderToPipeableStream. Both are driven by autocannon at concurrency 10 in the same
// run, alternating, for /dashboard, /progress, the live room and /login.
// Also counts, off the wire, the statements and round trips each page view costs.
// Run with `npm run bench:ssr`; SSR_SECONDS (default 10) and SSR_REPS (default 2) size it,
// SSR_SAVE_HTML=<dir> keeps each page's HTML (nonces blanked) for before/after diffs.
// The last line of output is one JSON object.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { seedQuestions } from "#db/catalog/seed-questions";
import { closeDatabase, openDatabase, setDatabaseConnection } from "#db/client";
import { seedDemoData } from "#db/seed/demo-data";
import { REPO_ROOT } from "../support/paths";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";
import type { WireCounts } from "./ssr/pg-wire-counter";
import { BENCH_USER, seedBenchSessions } from "./ssr/seed-pages";

const ADMIN_URL = process.env.DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Math.max(1, Number(process.env.SSR_SECONDS ?? 10) || 10);
const REPS = Math.max(1, Math.floor(Number(process.env.SSR_REPS ?? 2) || 2));
const CONNECTIONS = 10;
const APP_PORT = Number(process.env.SSR_APP_PORT ?? 3510);
const BARE_PORT = Number(process.env.SSR_BARE_PORT ?? 3511);
/** Sequential views per page whose database traffic is counted. */
const COUNTED_VIEWS = 20;
const BUILD_DIR = path.join(REPO_ROOT, ".cache/ssr-bench-build");

const TARGETS = { ratioToBareMin: 0.5, p75MsMax: 200 };
const TARGETED = ["dashboard", "progress", "room"] as const;
const NEXT_STEP: Record<(typeof TARGETED)[number], string> = {
  dashboard:
    "Next: the session user and open requests as prepared drizzle queries, or layout and page data in one statement.",
  progress:
    "Next: most statements are the matcher proposing the suggested mock (matching module); cache or slim its reads.",
  room: "Next: the room's remaining reads (escrow, sync check) folded into the session view's statement.",
};

interface Page {
  key: "dashboard" | "progress" | "room" | "login";
  path: string;
  signedIn: boolean;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function buildApp() {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  // Inside the repository, so the server build resolves its packages from node_modules.
  execFileSync(
    path.join(REPO_ROOT, "node_modules/.bin/remix"),
    ["vite:build", "--logLevel", "error"],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", REMIX_BUILD_DIR: BUILD_DIR },
    },
  );
}

type Reply = { type: string; counts?: WireCounts; cpu?: NodeJS.CpuUsage };

class Child {
  private waiting: ((reply: Reply) => void)[] = [];
  readonly ready: Promise<void>;
  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    this.ready = new Promise((resolve, reject) => {
      process.once("exit", (code) => reject(new Error(`${name} exited (${code}) before ready`)));
      this.waiting.push(() => resolve());
    });
    process.on("message", (reply: Reply) => this.waiting.shift()?.(reply));
  }
  ask(type: string): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.process.send({ type });
    });
  }
  async stop() {
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.send({ type: "stop" });
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}

function startChild(name: string, file: string, env: Record<string, string>): Child {
  // SSR_CPU_PROF=<dir>: a V8 CPU profile of the app (written when it stops).
  const profile =
    process.env.SSR_CPU_PROF && name === "app"
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SSR_CPU_PROF}`]
      : [];
  const script = path.join(import.meta.dirname, file);
  const child = spawn(process.execPath, [...profile, "--import", "tsx", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env },
  });
  return new Child(name, child);
}

async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: baseUrl,
      "sec-fetch-site": "same-origin",
    },
    body: new URLSearchParams({ email: BENCH_USER.email, password: BENCH_USER.password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`log-in failed: ${response.status}`);
  return cookie;
}

async function getPage(baseUrl: string, page: Page, cookie: string): Promise<string> {
  const response = await fetch(`${baseUrl}${page.path}`, {
    redirect: "manual",
    headers: page.signedIn ? { cookie } : {},
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${page.path}: status ${response.status}`);
  return html;
}

/** Blanks what differs from one response to the next by design (CSP nonces). */
const stable = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

interface Run {
  reqPerSec: number;
  p75Ms: number;
  p99Ms: number;
  cpuMsPerView: number;
}

async function load(child: Child, baseUrl: string, page: Page, cookie: string): Promise<Run> {
  const before = (await child.ask("counts")).cpu!;
  const result = await autocannon({
    url: `${baseUrl}${page.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: page.signedIn ? { cookie } : {},
  });
  const after = (await child.ask("counts")).cpu!;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${child.name} ${page.path}: ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  const cpuMs = (after.user + after.system - before.user - before.system) / 1000;
  return {
    reqPerSec: result.requests.average,
    p75Ms: result.latency.p75,
    p99Ms: result.latency.p99,
    cpuMsPerView: cpuMs / Math.max(1, result.requests.total),
  };
}

const mean = (runs: Run[], key: keyof Run) => runs.reduce((s, r) => s + r[key], 0) / runs.length;

async function main() {
  const startLoad = loadavg()[0]!;
  console.log(`building for production… (load ${startLoad.toFixed(2)})`);
  buildApp();

  const name = uniqueDatabaseName("peerloop_ssr_bench");
  const url = withDatabaseName(ADMIN_URL, name);
  await createDatabase(ADMIN_URL, name);
  const children: Child[] = [];
  try {
    const now = new Date();
    const connection = setDatabaseConnection(openDatabase({ kind: "postgres", url }));
    await connection.migrate();
    await seedCatalog(connection.db);
    await seedQuestions(connection.db);
    await seedDemoData(now);
    const liveId = await seedBenchSessions(now);
    await closeDatabase();

    // SSR_ONLY=dashboard,room: measure only these pages (while profiling one).
    const only = process.env.SSR_ONLY?.split(",");
    const pages = (
      [
        { key: "dashboard", path: "/dashboard", signedIn: true },
        { key: "progress", path: "/progress", signedIn: true },
        { key: "room", path: `/sessions/${liveId}`, signedIn: true },
        { key: "login", path: "/login", signedIn: false },
      ] satisfies Page[]
    ).filter((page) => !only || only.includes(page.key)) as Page[];
    const secrets = {
      DATABASE_URL: url,
      SSR_BUILD_DIR: BUILD_DIR,
      SESSION_SECRET: "ssr-bench-session-secret-0123456789abcdef",
      REALTIME_SECRET: "ssr-bench-realtime-secret-0123456789abcdef",
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
      NODE_ENV: "production",
    };
    const app = startChild("app", "ssr/app-server.ts", { ...secrets, SSR_PORT: String(APP_PORT) });
    children.push(app);
    await app.ready;
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    const cookie = await logIn(appUrl);

    const bare = startChild("bare", "ssr/bare-server.tsx", {
      ...secrets,
      SSR_PORT: String(BARE_PORT),
      SSR_COOKIE: cookie,
      SSR_PAGES: JSON.stringify(pages.filter((p) => p.signedIn).map((p) => p.path)),
      SSR_ANON_PAGES: JSON.stringify(pages.filter((p) => !p.signedIn).map((p) => p.path)),
    });
    children.push(bare);
    await bare.ready;
    const bareUrl = `http://127.0.0.1:${BARE_PORT}`;

    const saveDir = process.env.SSR_SAVE_HTML;
    if (saveDir) mkdirSync(saveDir, { recursive: true });
    const traffic = new Map<Page["key"], WireCounts & { kb: number; bareKb: number }>();
    for (const page of pages) {
      const html = await getPage(appUrl, page, cookie);
      const bareHtml = await getPage(bareUrl, page, cookie);
      if (saveDir) {
        writeFileSync(path.join(saveDir, `${page.key}.html`), stable(html));
        writeFileSync(path.join(saveDir, `${page.key}.bare.html`), stable(bareHtml));
      }
      await app.ask("reset");
      for (let i = 0; i < COUNTED_VIEWS; i++) await getPage(appUrl, page, cookie);
      const counts = (await app.ask("counts")).counts!;
      traffic.set(page.key, {
        statements: counts.statements / COUNTED_VIEWS,
        roundTrips: counts.roundTrips / COUNTED_VIEWS,
        bytesRead: counts.bytesRead / COUNTED_VIEWS,
        kb: html.length / 1024,
        bareKb: bareHtml.length / 1024,
      });
    }

    const runs = new Map<string, { app: Run[]; bare: Run[] }>();
    for (const page of pages) {
      const pageRuns = { app: [] as Run[], bare: [] as Run[] };
      runs.set(page.key, pageRuns);
      // Warm both (JIT, prepared statements on every pooled connection), then alternate.
      await autocannon({
        url: `${appUrl}${page.path}`,
        connections: CONNECTIONS,
        duration: 1,
        headers: page.signedIn ? { cookie } : {},
      });
      await autocannon({
        url: `${bareUrl}${page.path}`,
        connections: CONNECTIONS,
        duration: 1,
        headers: page.signedIn ? { cookie } : {},
      });
      for (let rep = 0; rep < REPS; rep++) {
        pageRuns.bare.push(await load(bare, bareUrl, page, cookie));
        pageRuns.app.push(await load(app, appUrl, page, cookie));
      }
    }

    const figures: Record<string, number> = {};
    const rows: string[][] = [];
    for (const page of pages) {
      const r = runs.get(page.key)!;
      const t = traffic.get(page.key)!;
      const appRps = mean(r.app, "reqPerSec");
      const bareRps = mean(r.bare, "reqPerSec");
      const k = page.key;
      figures[`${k}RatioToBare`] = round(appRps / bareRps, 3);
      figures[`${k}P75Ms`] = round(mean(r.app, "p75Ms"), 1);
      figures[`${k}ReqPerSec`] = round(appRps, 1);
      figures[`${k}BareReqPerSec`] = round(bareRps, 1);
      figures[`${k}BareP75Ms`] = round(mean(r.bare, "p75Ms"), 1);
      figures[`${k}P99Ms`] = round(mean(r.app, "p99Ms"), 1);
      figures[`${k}CpuMsPerView`] = round(mean(r.app, "cpuMsPerView"), 2);
      figures[`${k}BareCpuMsPerView`] = round(mean(r.bare, "cpuMsPerView"), 2);
      figures[`${k}StatementsPerView`] = round(t.statements, 1);
      figures[`${k}RoundTripsPerView`] = round(t.roundTrips, 1);
      figures[`${k}KbReadFromDbPerView`] = round(t.bytesRead / 1024, 1);
      figures[`${k}HtmlKb`] = round(t.kb, 1);
      rows.push([
        page.path.startsWith("/sessions/") ? "/sessions/:id (room)" : page.path,
        appRps.toFixed(0),
        bareRps.toFixed(0),
        (appRps / bareRps).toFixed(2),
        mean(r.app, "p75Ms").toFixed(0),
        mean(r.app, "cpuMsPerView").toFixed(1),
        mean(r.bare, "cpuMsPerView").toFixed(1),
        t.statements.toFixed(1),
        t.roundTrips.toFixed(1),
        (t.bytesRead / 1024).toFixed(1),
        `${t.kb.toFixed(1)}/${t.bareKb.toFixed(1)}`,
      ]);
    }
    const header = [
      "page",
      "req/s",
      "bare",
      "ratio",
      "p75 ms",
      "cpu ms",
      "bare cpu",
      "stmts",
      "trips",
      "KB from db",
      "HTML KB app/bare",
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [header, ...rows]) {
      console.log(
        row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
      );
    }

    const targets: Record<string, string> = {};
    const met: Record<string, boolean> = {};
    const limits: Record<string, string> = {};
    for (const k of TARGETED.filter((key) => runs.has(key))) {
      targets[`${k}RatioToBare`] = `>= ${TARGETS.ratioToBareMin}`;
      targets[`${k}P75Ms`] = `< ${TARGETS.p75MsMax}`;
      met[`${k}RatioToBare`] = figures[`${k}RatioToBare`]! >= TARGETS.ratioToBareMin;
      met[`${k}P75Ms`] = figures[`${k}P75Ms`]! < TARGETS.p75MsMax;
      if (!met[`${k}RatioToBare`]) {
        const floor =
          figures.loginRatioToBare === undefined
            ? ""
            : `; /login, with no statement at all, reaches ${figures.loginRatioToBare}× (Express, security headers and Remix's request handling cost ${round(figures.loginCpuMsPerView! - figures.loginBareCpuMsPerView!)} ms per view)`;
        limits[`${k}RatioToBare`] =
          `${figures[`${k}CpuMsPerView`]} ms of app CPU per view against ${figures[`${k}BareCpuMsPerView`]} ms for rendering alone; ` +
          `${figures[`${k}StatementsPerView`]} statements in ${figures[`${k}RoundTripsPerView`]} round trips per view${floor}. ` +
          NEXT_STEP[k];
      }
      if (!met[`${k}P75Ms`]) {
        limits[`${k}P75Ms`] =
          `p75 ${figures[`${k}P75Ms`]} ms at concurrency ${CONNECTIONS} with ${figures[`${k}ReqPerSec`]} req/s; see ${k}RatioToBare`;
      }
    }
    const endLoad = loadavg()[0]!;
    console.log(
      JSON.stringify({
        bench: "ssr",
        machine: {
          cpus: cpus().length,
          node: process.version,
          loadAverageStart: round(startLoad),
          loadAverageEnd: round(endLoad),
          secondsPerRun: SECONDS,
          reps: REPS,
          connections: CONNECTIONS,
        },
        figures,
        targets,
        met,
        limits,
      }),
    );
  } finally {
    for (const child of children) await child.stop().catch(() => child.process.kill("SIGKILL"));
    await closeDatabase().catch(() => {});
    await dropDatabase(ADMIN_URL, name);
    rmSync(BUILD_DIR, { recursive: true, force: true });
  }
}

await main();
