/// <reference lib="webworker" />
// Runs SQL on PGlite (served from our own origin) off the page's thread, against the
// question's tables, rebuilt for every run (sql-run.ts).

import { PGLITE_BASE } from "~/modules/runs/runtime-assets";
import { runSql, type SqlEngine } from "~/modules/runs/sql-run";
import {
  removeNetwork,
  type WorkerReply,
  type WorkerRequest,
} from "~/modules/runs/worker-protocol";

const post = (reply: WorkerReply) => postMessage(reply);
let ready: Promise<SqlEngine> | null = null;

async function load(): Promise<SqlEngine> {
  post({ type: "progress", message: "Loading PostgreSQL…" });
  const module = (await import(/* @vite-ignore */ `${PGLITE_BASE}index.js`)) as {
    PGlite: { create(): Promise<SqlEngine> };
  };
  const engine = await module.PGlite.create();
  removeNetwork(self);
  post({ type: "progress", message: "PostgreSQL is ready" });
  return engine;
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type !== "run-sql") return;
  ready ??= load();
  const engine = await ready;
  const started = performance.now();
  const outcome = await runSql(engine, request.setup, request.query);
  post({
    type: "result",
    id: request.id,
    stdout: outcome.ok ? outcome.message : "",
    stderr: outcome.ok ? "" : outcome.message,
    exit: outcome.ok ? "ok" : "error",
    ms: performance.now() - started,
    truncated: false,
    table: outcome.table ?? undefined,
  });
};
