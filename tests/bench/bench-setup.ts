import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { seedQuestions } from "#db/catalog/seed-questions";
import { openDatabase, setDatabaseConnection } from "#db/client";
import { REPO_ROOT } from "../support/paths";

// What the browser benches (join-time, replay-seek) share before they measure: the
// production build they serve, and a fresh PostgreSQL database of their own.

/** Builds the app for production into build/ (as `npm run build`), unless BENCH_SKIP_BUILD=1. */
export function buildForBench(): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  console.log("building for production (build/)…");
  execFileSync(
    path.join(REPO_ROOT, "node_modules/.bin/remix"),
    ["vite:build", "--logLevel", "error"],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
}

/**
 * Makes the (already created, empty) database at `databaseUrl` this process's database:
 * migrated, with the shipped loops and questions.
 */
export async function openSeededDatabase(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const connection = openDatabase({ kind: "postgres", url: databaseUrl });
  setDatabaseConnection(connection);
  await connection.migrate();
  await seedCatalog(connection.db);
  await seedQuestions(connection.db);
  return connection;
}

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless and quiet, with its profile and cache in `profileDir`. */
export function launchBenchChromium(profileDir: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(profileDir, "config"),
      XDG_CACHE_HOME: path.join(profileDir, "cache"),
    },
  });
}
