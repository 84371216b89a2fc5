import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "#db/client";
import { padDocumentName } from "~/modules/sessions/realtime-token";
import { type FuzzTally, fuzzRound, seededRandom } from "../fuzz/realtime-frames-fuzz";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { REPO_ROOT } from "../support/paths";
import {
  bookPadSession,
  openPad,
  type PadSession,
  padToken,
  REALTIME_TEST_SECRET,
  waitFor,
} from "../support/realtime";

// The standalone realtime server (realtime/main.ts) in a child process, under random and
// mutated websocket traffic (tests/fuzz/realtime-frames-fuzz.ts) for FUZZ_SECONDS (30 in
// the normal suite; `npm run fuzz` runs 600). It must never exit, must keep serving a
// real participant's pad between rounds, and its memory must stay bounded: resident
// memory sampled from /proc throughout, the growth after the warm-up limited.

const db = setupFreshDatabase();
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Sockets fuzzing at once. */
const PARALLEL = 4;
/**
 * Resident memory may grow this much between the end of the warm-up and the end of the
 * run. Hocuspocus and V8 keep caches that settle in the first seconds; a leak of a frame
 * per message (hundreds of thousands of messages) would exceed it many times over.
 */
const MAX_RSS_GROWTH_MB = 120;
const MAX_RSS_MB = 700;

let pad: PadSession;
let child: ChildProcess;
let url = "";
let output = "";
let exited: { code: number | null; signal: string | null } | null = null;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

beforeAll(async () => {
  pad = await bookPadSession("Fuzz", 24);
  // The child opens the same database: PGlite's folder can have one process at a time.
  const database = usingPostgres ? { DATABASE_URL: db.url() } : { PGLITE_DATA_DIR: db.dataDir() };
  if (!usingPostgres) await closeDatabase();
  const env: NodeJS.ProcessEnv = { ...process.env, ...database };
  if (!usingPostgres) delete env.DATABASE_URL;
  child = spawn(process.execPath, ["--import", "tsx", path.join("realtime", "main.ts")], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      REALTIME_PORT: "0",
      HOST: "127.0.0.1",
      REALTIME_SECRET: REALTIME_TEST_SECRET,
      JOBS: "off",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.once("exit", (code, signal) => {
    exited = { code, signal };
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /listening on (ws:\/\/\S+)/.exec(output);
      if (match && !url) {
        url = match[1]!.replace("localhost", "127.0.0.1");
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`realtime exited (${code}): ${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && !exited) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});

/** A real participant edits the pad and sees it synced: the server still works. */
async function participantStillServed(marker: string) {
  const client = openPad(
    url,
    pad.sessionId,
    padToken({ sub: pad.candidateId, sid: pad.sessionId }),
  );
  try {
    await waitFor(() => client.events.synced, "the participant's pad to sync", 10_000);
    client.text.insert(0, marker);
    const peer = openPad(
      url,
      pad.sessionId,
      padToken({ sub: pad.interviewerId, sid: pad.sessionId }),
    );
    try {
      await waitFor(
        () => peer.text.toString().includes(marker),
        "the edit to reach the peer",
        10_000,
      );
    } finally {
      peer.destroy();
    }
  } finally {
    client.destroy();
  }
}

describe("the realtime server under hostile websocket traffic", () => {
  it(
    `survives ${SECONDS} s of fuzzing with bounded memory (seed ${SEED})`,
    async () => {
      const documentName = padDocumentName(pad.sessionId);
      const token = padToken(
        { sub: pad.candidateId, sid: pad.sessionId },
        { nowMs: Date.now() + SECONDS * 1000 },
      );
      const random = seededRandom(SEED);
      const tally: FuzzTally = { sockets: 0, messages: 0, bytes: 0, refusedConnections: 0 };
      const kinds = new Map<string, number>();
      const pid = child.pid!;
      const samples: number[] = [rssMb(pid)];
      const sampler = setInterval(() => {
        if (!exited) samples.push(rssMb(pid));
      }, 500);

      const deadline = Date.now() + SECONDS * 1000;
      const warmUpEnds = Date.now() + Math.min(10_000, (SECONDS * 1000) / 3);
      let afterWarmUp: number | undefined;
      let checks = 0;
      try {
        while (Date.now() < deadline && !exited) {
          const round = Array.from({ length: PARALLEL }, () =>
            fuzzRound(url, documentName, token, random, tally),
          );
          for (const kind of await Promise.all(round)) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          if (afterWarmUp === undefined && Date.now() > warmUpEnds) afterWarmUp = rssMb(pid);
          // Every few seconds, and at the end, a real participant must still be served.
          if (tally.sockets / PARALLEL >= (checks + 1) * 25) {
            checks++;
            await participantStillServed(`check ${checks}\n`);
          }
        }
        expect(exited, `the realtime server exited:\n${output}`).toBeNull();
        await participantStillServed("final\n");
      } finally {
        clearInterval(sampler);
      }
      const end = rssMb(pid);
      const peak = Math.max(...samples, end);
      const growth = end - (afterWarmUp ?? samples[0]!);
      console.log(
        `realtime fuzz: ${SECONDS} s, ${tally.sockets} sockets, ${tally.messages} messages, ` +
          `${(tally.bytes / 1024 / 1024).toFixed(1)} MB sent, ${tally.refusedConnections} refused; ` +
          `${[...kinds].map(([k, n]) => `${k}×${n}`).join(" ")}; ${checks + 1} participant checks; ` +
          `RSS start ${samples[0]!.toFixed(0)} MB, after warm-up ${(afterWarmUp ?? 0).toFixed(0)} MB, ` +
          `peak ${peak.toFixed(0)} MB, end ${end.toFixed(0)} MB`,
      );
      expect(exited).toBeNull();
      // Hostile frames are refused with one rate-limited line each (decision 0012), never
      // an unhandled error, which would be one step from a crash.
      expect(output).not.toMatch(/unhandled|uncaught/i);
      expect(checks).toBeGreaterThan(0);
      expect(peak).toBeLessThan(MAX_RSS_MB);
      expect(growth).toBeLessThan(MAX_RSS_GROWTH_MB);
    },
    (SECONDS + 120) * 1000,
  );
});
