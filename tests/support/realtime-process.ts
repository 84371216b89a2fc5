import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { afterAll } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { padDocumentName } from "~/modules/sessions/realtime-token";
import { REPO_ROOT } from "./paths";
import { padToken, REALTIME_TEST_SECRET } from "./realtime";

// The standalone realtime tier (realtime/main.ts, `npm run start:realtime`) as a child
// process the test can kill -9, and pad clients that reconnect the way the room's
// browser does (the provider's default back-off, a fresh token per attempt).

export interface RealtimeProcess {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to "listening". */
  startupMs: number;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const running: ChildProcess[] = [];

/** Kills every process a test file started, whatever happened to its test. */
export function cleanUpRealtimeProcesses() {
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  });
}

export async function startRealtimeProcess(options: {
  port: number;
  databaseUrl: string;
  redisUrl?: string;
}): Promise<RealtimeProcess> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REALTIME_PORT: String(options.port),
    HOST: "127.0.0.1",
    REALTIME_SECRET: REALTIME_TEST_SECRET,
    JOBS: "off",
    REPLAY_RECORDING: "on",
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const child = spawn(process.execPath, ["--import", "tsx", path.join("realtime", "main.ts")], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`realtime exited (${code}): ${output}`)));
  });
  return {
    child,
    port: options.port,
    startupMs: Date.now() - started,
    output: () => output,
    async kill(signal) {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill(signal);
      await exited;
    },
  };
}

export interface ReconnectingPad {
  doc: Y.Doc;
  text: Y.Text;
  provider: HocuspocusProvider;
  /** Connected and synced with the server right now. */
  synced(): boolean;
  /** Times the provider finished a sync (the first connection and every reconnect). */
  syncs(): number;
  destroy(): void;
}

/** A participant's pad client with the provider's default reconnect behaviour. */
export function openReconnectingPad(
  url: string,
  sessionId: string,
  userId: string,
  name: string,
): ReconnectingPad {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  let synced = false;
  let syncs = 0;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: padDocumentName(sessionId),
    document: doc,
    // As the room does: a fresh token for every (re)connect.
    token: async () => padToken({ sub: userId, sid: sessionId, name }),
    onSynced: ({ state }) => {
      synced = state;
      if (state) syncs += 1;
    },
    onStatus: ({ status }) => {
      if (status !== "connected") synced = false;
    },
  });
  provider.attach();
  provider.awareness?.setLocalStateField("user", { name });
  return {
    doc,
    text: doc.getText("code"),
    provider,
    synced: () => synced,
    syncs: () => syncs,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}
