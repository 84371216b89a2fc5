import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, getEnv } from "./app/env.server";
import { type BuildSource, createExpressApp } from "./app/http/express-app.server";
import { startJobEngine } from "./app/jobs/job-engine.server";
import { seedCatalog } from "./db/catalog/seed-catalog";
import { seedQuestions } from "./db/catalog/seed-questions";
import { closeDatabase, getConnection } from "./db/client";
import { seedDemoData } from "./db/seed/demo-data";
import { createRealtimeServer, realtimeOptionsFromEnv } from "./realtime/server";

// One process: HTTP (Remix), the realtime websocket (upgrades on /realtime of the same
// http.Server) and the job workers.

const root = path.dirname(fileURLToPath(import.meta.url));

async function loadBuildSource(isProduction: boolean): Promise<BuildSource> {
  if (!isProduction) {
    const vite = await import("vite");
    const devServer = await vite.createServer({
      root,
      server: { middlewareMode: true },
      appType: "custom",
    });
    return { kind: "development", vite: devServer };
  }
  const buildFile = path.join(root, "build/server/index.js");
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  return { kind: "production", build, clientDir: path.join(root, "build/client") };
}

async function main() {
  const env = getEnv();
  const connection = getConnection();
  const where =
    connection.config.kind === "postgres" ? "PostgreSQL" : `PGlite (${connection.config.dataDir})`;
  console.log(`peerloop: database ${where}, applying migrations…`);
  try {
    await connection.migrate();
  } catch (err) {
    if (connection.config.kind === "pglite") {
      // The usual cause: another process has the folder open, or a crash left it damaged.
      console.error(
        `peerloop: the embedded database in ${connection.config.dataDir} could not be opened. ` +
          "Stop any other Peerloop process using it; if none is running, move the folder away " +
          "(demo data is recreated at the next start).",
      );
    }
    throw err;
  }
  await seedCatalog(connection.db);
  await seedQuestions(connection.db);
  if (env.SEED_DEMO_DATA) {
    const created = await seedDemoData();
    if (created > 0) console.log(`peerloop: created ${created} demo users (see README)`);
  }

  const jobs = env.JOBS === "on" ? await startJobEngine(connection, env) : undefined;
  if (env.isProduction && !env.SMTP_URL) {
    console.warn("peerloop: SMTP_URL is not set; emails stay in the outbox table");
  }

  const source = await loadBuildSource(env.isProduction);
  const app = createExpressApp(env, source);
  const server = createServer(app);
  const realtime = createRealtimeServer(realtimeOptionsFromEnv(env));
  server.on("upgrade", (req, socket, head) => {
    // Other paths belong to Vite's HMR in development; in production nothing else upgrades.
    if (!realtime.handleUpgrade(req, socket, head) && env.isProduction) socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`peerloop: listening on http://localhost:${port} (${env.NODE_ENV})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`peerloop: ${signal} received, shutting down`);
    server.close();
    server.closeAllConnections();
    await realtime.close();
    if (source.kind === "development") await source.vite.close();
    await jobs?.stop();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) {
    console.error(`peerloop: ${err.message}`);
  } else {
    console.error("peerloop: failed to start", err);
  }
  process.exit(1);
});
