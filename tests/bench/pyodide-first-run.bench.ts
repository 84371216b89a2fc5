// Pyodide's first run: the time from pressing Run to the output, in Chromium, with the
// room's own Python worker (the production build's python.worker asset) and Pyodide's files
// as our server serves them (runtime-folders.server.ts: from node_modules, cached a year,
// compressed as in production), under the app's security headers. Cold: an empty browser
// cache (a fresh profile). Warm: the same profile again (the HTTP cache holds Pyodide; the
// worker and the interpreter still start from nothing, as on a new page). Also the run
// after the first on a started worker. The page is a bare one made for the bench, so the
// figures are Pyodide's and not the room's (booking and the pad are measured elsewhere).
// Needs `npm run build` first. Env: PYODIDE_RUNS (default 3 warm runs; 1 with BENCH_QUICK=1),
// PYODIDE_BENCH_PORT (3620). The last line is the JSON of tests/bench/report.ts.

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import compression from "compression";
import express from "express";
import { chromium } from "playwright-core";
import { runtimeFolders } from "~/http/runtime-folders.server";
import { securityHeaders } from "~/http/security";
import { REPO_ROOT } from "../support/paths";

const PORT = Number(process.env.PYODIDE_BENCH_PORT ?? 3620);
const QUICK = process.env.BENCH_QUICK === "1";
const WARM_RUNS = Number(process.env.PYODIDE_RUNS ?? (QUICK ? 1 : 3));
const TARGETS = { coldFirstRunMs: "<= 15000", warmFirstRunMs: "<= 5000", nextRunMs: "<= 200" };

function workerAsset(): string {
  const assets = path.join(REPO_ROOT, "build/client/assets");
  const file = readdirSync(assets).find((f) => /^python\.worker-.*\.js$/.test(f));
  if (!file) throw new Error("no python.worker asset: run `npm run build` first");
  return `/assets/${file}`;
}

function page(worker: string, nonce: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Pyodide first run</title>
<button id="run">Run</button><pre id="out"></pre>
<script nonce="${nonce}">
document.getElementById("run").onclick = () => {
  const started = performance.now();
  const worker = new Worker(${JSON.stringify(worker)}, { type: "module" });
  worker.onmessage = (e) => {
    if (e.data.type !== "result") return;
    const firstMs = performance.now() - started;
    const again = performance.now();
    worker.onmessage = (e2) => {
      if (e2.data.type !== "result") return;
      window.__result = { firstMs, nextMs: performance.now() - again, stdout: e.data.stdout };
    };
    worker.postMessage({ type: "run-python", id: "2", code: "print(2 + 2)", input: "" });
  };
  worker.postMessage({ type: "run-python", id: "1", code: "print('hello')", input: "" });
};
</script>`;
}

async function serve(worker: string): Promise<Server> {
  const app = express();
  app.use((_req, res, next) => {
    const nonce = Math.random().toString(36).slice(2);
    res.locals.nonce = nonce;
    for (const [name, value] of Object.entries(
      securityHeaders({ nonce, isDevelopment: false, isProduction: false }),
    ))
      res.setHeader(name, value);
    next();
  });
  app.use(compression());
  for (const { path: at, dir } of runtimeFolders())
    app.use(at, express.static(dir, { immutable: true, maxAge: "1y", index: false }));
  app.use(
    "/assets",
    express.static(path.join(REPO_ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }),
  );
  app.get("/", (_req, res) => {
    res.type("html").send(page(worker, String(res.locals.nonce)));
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  return server;
}

async function firstRun(profile: string) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(`http://127.0.0.1:${PORT}/`);
    await tab.click("#run");
    await tab.waitForFunction(() => (window as { __result?: unknown }).__result, null, {
      timeout: 120_000,
    });
    const result = (await tab.evaluate(() => (window as { __result?: unknown }).__result)) as {
      firstMs: number;
      nextMs: number;
      stdout: string;
    };
    if (result.stdout !== "hello\n") throw new Error(`unexpected output ${result.stdout}`);
    return result;
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await serve(workerAsset());
const profile = mkdtempSync(path.join(tmpdir(), "pyodide-bench-"));
try {
  const cold = await firstRun(profile);
  console.log(`cold cache: first run ${Math.round(cold.firstMs)} ms`);
  const warm: number[] = [];
  const next: number[] = [cold.nextMs];
  for (let i = 0; i < WARM_RUNS; i++) {
    const run = await firstRun(profile);
    warm.push(run.firstMs);
    next.push(run.nextMs);
    console.log(`warm cache: first run ${Math.round(run.firstMs)} ms`);
  }
  const figures = {
    coldFirstRunMs: Math.round(cold.firstMs),
    warmFirstRunMs: Math.round(median(warm)),
    nextRunMs: Math.round(median(next)),
  };
  const met = {
    coldFirstRunMs: figures.coldFirstRunMs <= 15_000,
    warmFirstRunMs: figures.warmFirstRunMs <= 5_000,
    nextRunMs: figures.nextRunMs <= 200,
  };
  const limits: Record<string, string> = {};
  for (const [key, ok] of Object.entries(met))
    if (!ok)
      limits[key] = "Pyodide's start (wasm compile, stdlib unpack) on this shared 2-core machine";
  console.log(
    JSON.stringify({
      bench: "pyodide",
      figures,
      targets: TARGETS,
      met,
      limits,
      warmRuns: WARM_RUNS,
    }),
  );
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
