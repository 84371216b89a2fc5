import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase } from "#db/client";
import { parseEnv } from "~/env.server";
import { createExpressApp } from "~/http/express-app.server";
import { installWireCounter, readWireCounts, resetWireCounts } from "./pg-wire-counter";

// The app as production runs it (server.ts without the job workers and the realtime
// upgrade, which the pages do not use), in a process of its own so its CPU is its own.
// The parent asks over IPC for what it said to PostgreSQL and how much CPU it used.

const buildDir = process.env.SSR_BUILD_DIR!;
const port = Number(process.env.SSR_PORT);
installWireCounter(Number(new URL(process.env.DATABASE_URL!).port || 5432));

const build = (await import(
  pathToFileURL(path.join(buildDir, "server/index.js")).href
)) as ServerBuild;
const env = parseEnv({ ...process.env, NODE_ENV: "production", JOBS: "off" });
const app = createExpressApp(env, {
  kind: "production",
  build,
  clientDir: path.join(buildDir, "client"),
});
const server = app.listen(port, "127.0.0.1", () => process.send!({ type: "ready" }));

process.on("message", (message: { type: string }) => {
  if (message.type === "reset") {
    resetWireCounts();
    process.send!({ type: "reset" });
  } else if (message.type === "counts") {
    process.send!({ type: "counts", counts: readWireCounts(), cpu: process.cpuUsage() });
  } else if (message.type === "stop") {
    server.closeAllConnections();
    server.close(() => void closeDatabase().finally(() => process.exit(0)));
  }
});
