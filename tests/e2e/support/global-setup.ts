import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { WebSocketServer } from "ws";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../../support/postgres-admin";
import { startStripeStandIn } from "../../support/stripe-stand-in";

// Once per e2e run: build the app, give it a fresh database, start the real server
// (server.ts, production mode, demo data seeded) as a child process and hand its
// address to the tests. Teardown stops the server and throws the database away.

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** POST /restart here restarts the server under test (see restartServer). */
    serverControl: string;
    /**
     * The server's own PostgreSQL database, for tests that check what it wrote (the
     * outbox). Null on PGlite: its data directory is locked by the server process.
     */
    databaseUrl: string | null;
    /**
     * Base URL of the stand-in the server's LIVEKIT_URL points at. GET
     * `${livekitStandIn}/__connections` lists the websocket connections browsers opened
     * to it (oldest first), with their request URLs (which carry the access token).
     */
    livekitStandIn: string;
    /** Base URL of the Stripe stand-in the server's STRIPE_API_BASE points at. */
    stripeStandIn: string;
  }
}

/** A connection a browser opened to the LiveKit stand-in. */
export interface StandInConnection {
  /** Path and query of the upgrade request, e.g. `/rtc/v1?access_token=…`. */
  url: string;
  at: string;
}

const root = path.resolve(import.meta.dirname, "../../..");
const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LIMIT = 64 * 1024;
/**
 * The room opens this many minutes before the start. Sessions booked by the room tests
 * (minimum notice 0 on their side, 4 h on the demo interviewers') start within a few
 * hours; sessions booked with the default notice of new users (12 h, the booking
 * tests) stay closed, so those pages look as they do in production.
 */
/** The server's LiveKit credentials: tests verify the video tokens it mints with them. */
export const E2E_LIVEKIT_API_KEY = "e2e-livekit-key";
export const E2E_LIVEKIT_API_SECRET = "e2e-livekit-secret-0123456789abcdefghij";
export const E2E_ROOM_OPENS_MINUTES_BEFORE = 10 * 60;
/** The server's Stripe secrets; its STRIPE_API_BASE points at the Stripe stand-in. */
export const E2E_STRIPE_SECRET_KEY = "sk_test_peerloop_e2e";
export const E2E_STRIPE_WEBHOOK_SECRET = "whsec_peerloop_e2e_secret";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port found"))));
    });
  });
}

/** The tail of what the server printed, for error messages. */
class OutputTail {
  private text = "";
  append(chunk: Buffer | string) {
    this.text = (this.text + chunk.toString()).slice(-OUTPUT_LIMIT);
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  }
  toString() {
    return this.text.trim() || "(no output)";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalServer(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    // The child leads its own process group (detached), so this reaches tsx and the
    // node process it starts, and nothing else.
    process.kill(-child.pid, signal);
  } catch {
    try {
      process.kill(child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function hasExited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopServer(child: ChildProcess) {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalServer(child, "SIGTERM");
  const stopped = await Promise.race([
    exited.then(() => true),
    sleep(STOP_GRACE_MS).then(() => false),
  ]);
  if (!stopped) {
    signalServer(child, "SIGKILL");
    await Promise.race([exited, sleep(STOP_GRACE_MS)]);
  }
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: OutputTail) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(
        `The e2e server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy.\n--- server output ---\n${output}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /healthz answered ${response.status}: ${await response.text()}`;
    } catch (err) {
      lastProblem = `GET /healthz failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    await sleep(250);
  }
  throw new Error(
    `The e2e server was not healthy within ${START_TIMEOUT_MS / 1000} s (${lastProblem}).\n--- server output ---\n${output}`,
  );
}

/**
 * Stands in for LiveKit: a websocket listener that records each connection's request
 * URL and closes it at once (it does not speak LiveKit's protocol), so livekit-client
 * fails fast and the room shows "Video unavailable". Plain HTTP requests get a 503,
 * except GET /__connections (the record, as JSON). Not a 404: livekit-client reads a
 * 404 from /rtc/v1/validate as "old server" and retries on /rtc without end.
 */
async function startLivekitStandIn() {
  const connections: StandInConnection[] = [];
  const http = createHttpServer((request, response) => {
    if (request.method === "GET" && request.url === "/__connections") {
      response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end(JSON.stringify(connections));
      return;
    }
    response.writeHead(503, { "Content-Type": "text/plain" });
    response.end("e2e stand-in: not a LiveKit server");
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on("upgrade", (request, socket, head) => {
    connections.push({ url: request.url ?? "", at: new Date().toISOString() });
    socket.on("error", () => {});
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on("error", () => {});
      ws.close(1011, "e2e stand-in: not a LiveKit server");
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, HOST, () => resolve());
  });
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    baseUrl: `http://${HOST}:${port}`,
    wsUrl: `ws://${HOST}:${port}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export default async function setup(project: TestProject) {
  // The browser tests run what ships: React's production build, not its development one.
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    // Last in, first out: the server stops before its database goes.
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        console.error("e2e teardown:", err);
      }
    }
  };

  try {
    const port = await freePort();
    const baseUrl = `http://${HOST}:${port}`;
    const livekit = await startLivekitStandIn();
    cleanups.push(livekit.close);
    // Its checkout page's "Pay" sends the signed webhook to the server under test.
    const stripe = await startStripeStandIn({
      webhookSecret: E2E_STRIPE_WEBHOOK_SECRET,
      webhookUrl: () => `${baseUrl}/webhooks/stripe`,
    });
    cleanups.push(stripe.close);

    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing from the outer shell may change how the server under test behaves.
    for (const name of [
      "DATABASE_URL",
      "PGLITE_DATA_DIR",
      "APP_ORIGIN",
      "TRUST_PROXY",
      "HOST",
      "REALTIME_SECRET",
      "REALTIME_ALLOWED_ORIGINS",
      "REDIS_URL",
      "CREDIT_PACKS",
    ]) {
      delete env[name];
    }
    Object.assign(env, {
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      SESSION_SECRET: "e2e-session-secret-0123456789abcdefghijkl",
      REALTIME_SECRET: "e2e-realtime-secret-0123456789abcdefghijk",
      LIVEKIT_API_KEY: E2E_LIVEKIT_API_KEY,
      LIVEKIT_API_SECRET: E2E_LIVEKIT_API_SECRET,
      LIVEKIT_URL: livekit.wsUrl,
      ROOM_OPENS_MINUTES_BEFORE: String(E2E_ROOM_OPENS_MINUTES_BEFORE),
      STRIPE_SECRET_KEY: E2E_STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      SEED_DEMO_DATA: "true",
      // Browsers name their own client address (X-Forwarded-For), see browser.ts.
      TRUST_PROXY: "true",
    });

    const adminUrl = process.env.DATABASE_URL?.trim();
    if (adminUrl) {
      const name = uniqueDatabaseName("peerloop_e2e");
      await createDatabase(adminUrl, name);
      cleanups.push(() => dropDatabase(adminUrl, name));
      env.DATABASE_URL = withDatabaseName(adminUrl, name);
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "peerloop-e2e-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env.PGLITE_DATA_DIR = path.join(dir, "pglite");
    }

    const output = new OutputTail();
    const startServer = () => {
      const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
        cwd: root,
        env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (chunk: Buffer) => output.append(chunk));
      child.stderr?.on("data", (chunk: Buffer) => output.append(chunk));
      child.once("error", (err) => output.append(`spawn error: ${err.message}\n`));
      return child;
    };
    let child = startServer();
    // If the run dies without teardown, do not leave the server behind.
    const killOnExit = () => signalServer(child, "SIGKILL");
    process.once("exit", killOnExit);
    cleanups.push(async () => {
      process.off("exit", killOnExit);
      await stopServer(child);
    });

    await waitUntilHealthy(baseUrl, child, output);

    // Tests that prove something survives a restart of the server ask for one here
    // (restartServer in browser.ts): stopped as a deploy stops it (SIGTERM), started
    // again on the same port and database, answered once it is healthy.
    const control = createHttpServer((request, response) => {
      if (request.method !== "POST" || request.url !== "/restart") {
        response.writeHead(404).end();
        return;
      }
      void (async () => {
        try {
          await stopServer(child);
          child = startServer();
          await waitUntilHealthy(baseUrl, child, output);
          response.writeHead(200).end("restarted");
        } catch (err) {
          response.writeHead(500).end(err instanceof Error ? err.message : String(err));
        }
      })();
    });
    await new Promise<void>((resolve) => control.listen(0, HOST, resolve));
    cleanups.push(() => new Promise<void>((resolve) => control.close(() => resolve())));
    const controlAddress = control.address();
    const controlPort =
      typeof controlAddress === "object" && controlAddress ? controlAddress.port : 0;
    project.provide("serverControl", `http://${HOST}:${controlPort}`);
    project.provide("baseUrl", baseUrl);
    project.provide("databaseUrl", env.DATABASE_URL ?? null);
    project.provide("livekitStandIn", livekit.baseUrl);
    project.provide("stripeStandIn", stripe.url);
  } catch (err) {
    await cleanUp();
    throw err;
  }

  return cleanUp;
}
