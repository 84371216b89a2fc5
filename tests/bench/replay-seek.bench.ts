// Replay seek: how fast the replay page shows any moment of a 60-minute session, and how
// soon it paints.
//
// Set-up: a production build (`remix vite:build` into build/, as `npm run build`; skipped
// with BENCH_SKIP_BUILD=1) served in this process through the app's own Express app, on
// a fresh PostgreSQL database of its own (created on the server named by DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres, dropped at the end). A one-way
// Coding mock that ended an hour ago holds a synthetic recording of 60 minutes
// (tests/support/replay-fixtures.ts: one update per keystroke in bursts, ~55% of the
// seconds typing, the board drawn on, a run every 8 minutes), compacted as the replay
// job does (a snapshot every 5 minutes). Headless Chromium (/usr/bin/chromium).
//
// Measured in the page (performance.now()):
//   - first paint: first-contentful-paint of the replay page in a fresh context (nothing
//     cached), PAINT_RUNS times; also when the log has arrived (seekable) and when the
//     player has indexed it (cursors shown);
//   - seek: SEEKS jumps to spread-out moments (forward and backward, deterministic),
//     from the scrubber's input event to the animation frame after React committed the
//     frame (pad, board, runs, cursors).
// Env: REPLAY_SEEKS (default 60; 20 with BENCH_QUICK=1), REPLAY_PAINT_RUNS (5; 3 quick),
// REPLAY_BENCH_PORT (4810), REPLAY_SCREENSHOTS=<dir> also saves screenshots there.
// The last line of output is one JSON object (tests/bench/report.ts).

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Browser } from "playwright-core";
import { closeDatabase } from "#db/client";
import { parseEnv } from "~/env.server";
import { createExpressApp } from "~/http/express-app.server";
import { createUser } from "../support/factories";
import { insertSession } from "../support/feedback-fixtures";
import { waitForHydration } from "../support/hydration";
import { REPO_ROOT } from "../support/paths";
import { percentile } from "../support/percentile";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";
import { recordSyntheticSession } from "../support/replay-fixtures";
import { buildForBench, launchBenchChromium, openSeededDatabase } from "./bench-setup";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const QUICK = process.env.BENCH_QUICK === "1";
const SEEKS = Math.max(5, Number(process.env.REPLAY_SEEKS ?? (QUICK ? 20 : 60)) || 60);
const PAINT_RUNS = Math.max(1, Number(process.env.REPLAY_PAINT_RUNS ?? (QUICK ? 3 : 5)) || 5);
const PORT = Number(process.env.REPLAY_BENCH_PORT ?? 4810);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SCREENSHOTS = process.env.REPLAY_SCREENSHOTS;
const MINUTE = 60_000;
const TARGETS = { seekP95Ms: "< 200", firstPaintP50Ms: "< 1000" };

const round1 = (ms: number) => Math.round(ms * 10) / 10;
async function serve(): Promise<Server> {
  const buildDir = path.join(REPO_ROOT, "build");
  const build = (await import(
    pathToFileURL(path.join(buildDir, "server/index.js")).href
  )) as ServerBuild;
  const env = parseEnv({
    ...process.env,
    NODE_ENV: "production",
    JOBS: "off",
    SESSION_SECRET: "replay-bench-session-secret-0123456789abcdef",
    REALTIME_SECRET: "replay-bench-realtime-secret-0123456789abc",
    LIVEKIT_API_KEY: "replay-bench",
    LIVEKIT_API_SECRET: "replay-bench-livekit-secret-0123456789abcd",
  });
  const app = createExpressApp(env, {
    kind: "production",
    build,
    clientDir: path.join(buildDir, "client"),
  });
  const server = app.listen(PORT, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return server;
}

async function main() {
  const envUrl = process.env.DATABASE_URL?.trim();
  const adminUrl = envUrl || DEFAULT_URL;
  const dbName = uniqueDatabaseName("peerloop_replay");
  const databaseUrl = withDatabaseName(adminUrl, dbName);
  const profileDir = mkdtempSync(path.join(tmpdir(), "peerloop-replay-chromium-"));
  let created = false;
  let server: Server | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await closeDatabase().catch(() => {});
    if (created) await dropDatabase(adminUrl, dbName).catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  try {
    buildForBench();
    await createDatabase(adminUrl, dbName);
    created = true;
    await openSeededDatabase(databaseUrl);

    const candidate = await createUser({ name: "Replay Candidate", timeZone: "Europe/Paris" });
    const interviewer = await createUser({ name: "Replay Interviewer", timeZone: "Asia/Tokyo" });
    const startsAt = new Date(Date.now() - 2 * 60 * MINUTE);
    const sessionId = await insertSession({
      candidateId: candidate.id,
      interviewerId: interviewer.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
    });
    const recorded = await recordSyntheticSession({
      sessionId,
      startsAt,
      typist: { id: candidate.id, name: "Replay Candidate" },
      other: { id: interviewer.id, name: "Replay Interviewer" },
    });
    console.log(
      `database ${dbName}: a 60-minute session, ${recorded.updates} updates, ${recorded.runs} runs, final pad ${recorded.finalCode.length} characters`,
    );
    server = await serve();
    browser = await launchBenchChromium(profileDir);
    const login = await browser.newContext({ baseURL: BASE_URL, locale: "en-GB" });
    const loginPage = await login.newPage();
    await loginPage.goto("/login");
    await waitForHydration(loginPage);
    await loginPage.getByLabel("Email", { exact: true }).fill(candidate.email);
    await loginPage.getByLabel("Password", { exact: true }).fill(candidate.password);
    await loginPage.getByRole("button", { name: "Log in" }).click();
    await loginPage.waitForURL((url) => url.pathname === "/dashboard");
    const storageState = await login.storageState();
    await login.close();
    const replayPath = `/sessions/${sessionId}/replay`;

    // First paint, in fresh contexts (nothing cached).
    const paints: { fcp: number; seekable: number; indexed: number; logBytes: number }[] = [];
    for (let run = 0; run <= PAINT_RUNS; run++) {
      const context = await browser.newContext({
        baseURL: BASE_URL,
        storageState,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(replayPath);
      await page.waitForFunction(() => window.__replay?.indexed === true, undefined, {
        timeout: 60_000,
      });
      const sample = await page.evaluate(() => {
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
        const log = performance
          .getEntriesByType("resource")
          .find((e) => e.name.includes("/replay.bin")) as PerformanceResourceTiming | undefined;
        return {
          fcp,
          seekable: log?.responseEnd ?? NaN,
          logBytes: log?.encodedBodySize ?? NaN,
        };
      });
      const indexed = await page.evaluate(() => performance.now());
      // The first run warms the server (JIT, statements) and is not counted.
      if (run > 0) {
        paints.push({ ...sample, indexed });
        console.log(
          `paint ${run}: first contentful paint ${round1(sample.fcp)} ms, log in ${round1(sample.seekable)} ms (${sample.logBytes} bytes), indexed by ${round1(indexed)} ms`,
        );
      }
      await context.close();
    }

    // Seeks, in one page once indexed.
    const context = await browser.newContext({
      baseURL: BASE_URL,
      storageState,
      viewport: { width: 1280, height: 1000 },
    });
    const page = await context.newPage();
    await page.goto(`${replayPath}?t=0`);
    await waitForHydration(page);
    await page.waitForFunction(() => window.__replay?.indexed === true, undefined, {
      timeout: 60_000,
    });
    const scrubber = page.getByTestId("replay-scrubber");
    const min = Number(await scrubber.getAttribute("min"));
    const max = Number(await scrubber.getAttribute("max"));
    const seeks: number[] = [];
    for (let i = 0; i < SEEKS; i++) {
      // Spread over the whole session, jumping back and forth (a golden-ratio walk).
      const target = min + Math.round((((i * 0.618_034) % 1) * (max - min)) / 1000) * 1000;
      const ms = await page.evaluate(async (value) => {
        const replay = window.__replay!;
        const before = replay.seeks.length;
        const input = document.querySelector<HTMLInputElement>("#replay-scrubber")!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
        setter.call(input, String(value));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const deadline = performance.now() + 10_000;
        while (replay.seeks.length === before && performance.now() < deadline) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        if (replay.seeks.length === before) {
          return `value ${input.value} wanted ${value} data-t ${document.querySelector("[data-t]")?.getAttribute("data-t")} min ${input.min}`;
        }
        return replay.seeks[before]!.ms;
      }, target);
      if (typeof ms === "string") throw new Error(ms);
      seeks.push(ms);
    }
    if (seeks.some(Number.isNaN)) {
      throw new Error(
        `a seek was not measured: ${await page.evaluate(() => JSON.stringify(window.__replay))}`,
      );
    }
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await scrubber.focus();
      await page.evaluate(
        (value) => {
          const input = document.querySelector<HTMLInputElement>("#replay-scrubber")!;
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(
            input,
            String(value),
          );
          input.dispatchEvent(new Event("input", { bubbles: true }));
        },
        min + Math.round((max - min) * 0.45),
      );
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOTS, "replay-middle.png"), fullPage: true });
      await page.goto(replayPath);
      await page.waitForFunction(() => window.__replay?.indexed === true);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOTS, "replay-end.png"), fullPage: false });
      console.log(`screenshots in ${SCREENSHOTS}`);
    }
    await context.close();

    const sortedSeeks = [...seeks].sort((a, b) => a - b);
    const sortedFcp = paints.map((p) => p.fcp).sort((a, b) => a - b);
    const figures = {
      seekP50Ms: round1(percentile(sortedSeeks, 50)),
      seekP95Ms: round1(percentile(sortedSeeks, 95)),
      seekMaxMs: round1(sortedSeeks.at(-1)!),
      firstPaintP50Ms: round1(percentile(sortedFcp, 50)),
      firstPaintMaxMs: round1(sortedFcp.at(-1)!),
      seekableP50Ms: round1(
        percentile(
          paints.map((p) => p.seekable).sort((a, b) => a - b),
          50,
        ),
      ),
      indexedP50Ms: round1(
        percentile(
          paints.map((p) => p.indexed).sort((a, b) => a - b),
          50,
        ),
      ),
      logBytes: paints[0]?.logBytes ?? null,
      updates: recorded.updates,
      seeks: SEEKS,
    };
    console.log(
      `\n${SEEKS} seeks over a 60-minute session (${recorded.updates} updates): p50 ${figures.seekP50Ms} ms, p95 ${figures.seekP95Ms} ms, max ${figures.seekMaxMs} ms\n` +
        `first contentful paint p50 ${figures.firstPaintP50Ms} ms (max ${figures.firstPaintMaxMs}); seekable p50 ${figures.seekableP50Ms} ms; indexed p50 ${figures.indexedP50Ms} ms; log ${figures.logBytes} bytes`,
    );
    const met = {
      seekP95Ms: figures.seekP95Ms < 200,
      firstPaintP50Ms: figures.firstPaintP50Ms < 1000,
    };
    console.log(
      JSON.stringify({
        bench: "replay",
        figures,
        targets: TARGETS,
        met,
        measured:
          "replay page of a synthetic 60-minute session (production build, PostgreSQL, headless Chromium on loopback): seek = scrubber input event to the animation frame after the frame is committed; first paint = first-contentful-paint in a fresh context",
      }),
    );
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
