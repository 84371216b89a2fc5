import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { mockSessions, outboxEmails } from "#db/schema";
import { QUEUES } from "~/jobs/job-engine.server";
import { DISPUTE_WINDOW_MS } from "~/modules/credits/escrow-rules";
import { WELCOME_GRANT } from "~/modules/credits/rules";
import { revealedHalves, submitFeedback } from "~/modules/feedback/feedback.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  offerToInterview,
} from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { balanceOf, entriesOf, escrowOf, ledgerAddsUp } from "../support/escrow-fixtures";
import { createUser } from "../support/factories";
import { dimensionsOf, HOUR, insertSession, MINUTE } from "../support/feedback-fixtures";
import { REPO_ROOT } from "../support/paths";
import { startSmtpStandIn } from "../support/smtp-stand-in";

// Two app processes on one database (the job side of server.ts, tests/support/job-process.ts).
// First the worst case of overlapping work: both run every periodic sweep at the same
// moment, several times, on sessions whose reminders, reveal and settlement are due; each
// must happen once, and each email must reach the SMTP server once. Then the engine itself:
// pg-boss workers in both processes take jobs from one queue, and every job runs once,
// some in each. PostgreSQL only: two processes cannot share the embedded PGlite.

const db = setupFreshDatabase();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

interface Worker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

async function startWorker(env: Record<string, string>): Promise<Worker> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("tests", "support", "job-process.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.url!(), JOBS: "off", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  children.push(child);
  const lines: string[] = [];
  let pending = "";
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts);
  });
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (lines.includes("ready")) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    void exited.then(([code]) => {
      clearInterval(timer);
      reject(new Error(`worker exited (${code}): ${errors}`));
    });
  });
  return { child, lines, exited };
}

async function oneWayBooked(label: string, hoursAfterNow: number) {
  const interviewer = await createAvailableUser(`${label} interviewer`);
  await offerToInterview(interviewer.id, "coding", "L7");
  const candidate = await createAvailableUser(`${label} candidate`);
  const sessionId = await bookOneWayAt(candidate.id, interviewer.id, at(hoursAfterNow));
  const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
  return {
    sessionId,
    candidate: candidate.id,
    interviewer: interviewer.id,
    startsAt: row!.startsAt,
  };
}

describe.skipIf(!usingPostgres)("two app processes against one database", () => {
  it("sends each reminder, reveals and settles once, and sends each email once, however the sweeps overlap", async () => {
    const smtp = await startSmtpStandIn();
    try {
      // Due: a no-show to settle (nobody joined), a session an hour away to remind, and a
      // session whose one piece of feedback reveals at its 72-hour deadline.
      const absent = await oneWayBooked("Absent", 60);
      const soon = await oneWayBooked("Soon", 90);
      const candidate = await createUser({ name: "Cara Candidate" });
      const interviewer = await createUser({ name: "Ivo Interviewer" });
      const endsAt = new Date("2027-06-07T10:00:00Z");
      const held = await insertSession({
        candidateId: candidate.id,
        interviewerId: interviewer.id,
        startsAt: new Date(endsAt.getTime() - HOUR),
        endsAt,
      });
      const dims = await dimensionsOf("coding");
      const submitted = await submitFeedback(
        held,
        1,
        interviewer.id,
        {
          kind: "scorecard",
          value: {
            score: Object.fromEntries(dims.map((d) => [d.slug, 3])),
            evidence: Object.fromEntries(dims.map((d) => [d.slug, "Explained the approach."])),
            overall: "hire",
            strengths: "Clear structure.",
            improvements: "Test edge cases earlier.",
            practiseRound: "coding",
            practiseTopic: "Graphs",
          },
        },
        new Date(endsAt.getTime() + HOUR),
      );
      expect(submitted).toMatchObject({ ok: true, revealed: false });
      // What the booking wrote is out of the way: only what the sweeps write is counted.
      await getDb().update(outboxEmails).set({ sentAt: new Date() });

      const detected = new Date(absent.startsAt.getTime() + 11 * MINUTE);
      const clocks = {
        reminders: new Date(soon.startsAt.getTime() - 30 * MINUTE).toISOString(),
        settle: detected.toISOString(),
        escrows: new Date(detected.getTime() + DISPUTE_WINDOW_MS + MINUTE).toISOString(),
        feedback: new Date(endsAt.getTime() + 72 * HOUR).toISOString(),
      };
      const env = {
        JOB_MODE: "sweep",
        SMTP_URL: smtp.url,
        SWEEP_CLOCKS: JSON.stringify(clocks),
        SWEEP_ROUNDS: "6",
      };
      const workers = await Promise.all([startWorker(env), startWorker(env)]);
      for (const worker of workers) worker.child.stdin?.write("go\n");
      await Promise.all(workers.map((worker) => worker.exited));
      for (const worker of workers) expect(worker.lines).toContain("done");

      // Settlement: released to the candidate once (a second release would pay twice).
      expect(await escrowOf(absent.sessionId)).toMatchObject({ state: "released" });
      expect(await balanceOf(absent.candidate)).toBe(WELCOME_GRANT);
      expect(await balanceOf(absent.interviewer)).toBe(WELCOME_GRANT);
      const entries = await entriesOf(absent.sessionId);
      expect(entries.length).toBeGreaterThan(0);
      expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
      const [settled] = await getDb()
        .select({ status: mockSessions.status })
        .from(mockSessions)
        .where(eq(mockSessions.id, absent.sessionId));
      expect(settled?.status).toBe("no_show");

      // Reveal: once, and its email once.
      expect(await revealedHalves(held)).toEqual([1]);
      const outbox = await getDb()
        .select()
        .from(outboxEmails)
        .where(inArray(outboxEmails.sessionId, [soon.sessionId, held]));
      const ready = outbox.filter((row) => row.sessionId === held && row.kind === "feedback-ready");
      expect(ready.map((row) => row.userId)).toEqual([candidate.id]);

      // Reminders: the 24-hour and the 1-hour one, to each of the two people, once.
      const reminders = outbox.filter(
        (row) => row.sessionId === soon.sessionId && row.kind.startsWith("reminder"),
      );
      expect(reminders.map((row) => `${row.kind} ${row.userId}`).sort()).toEqual(
        ["reminder-1h", "reminder-24h"]
          .flatMap((kind) => [soon.candidate, soon.interviewer].map((id) => `${kind} ${id}`))
          .sort(),
      );

      // Every email the sweeps wrote went out once: claimed once, received once.
      const written = await getDb().select().from(outboxEmails);
      const swept = written.filter((row) => row.attempts > 0);
      expect(swept.length).toBeGreaterThanOrEqual(reminders.length + ready.length);
      for (const row of swept) {
        expect(row.sentAt).toBeInstanceOf(Date);
        expect(row.attempts).toBe(1);
      }
      expect(smtp.received).toHaveLength(swept.length);
      const received = smtp.received.map((mail) => mail.to[0]).sort();
      expect(received).toEqual(swept.map((row) => row.toAddress).sort());
    } finally {
      await smtp.close();
    }
  }, 60_000);

  it("splits one queue's jobs between the pg-boss workers of two processes, each job run once", async () => {
    const workers = await Promise.all([
      startWorker({ JOB_MODE: "engine" }),
      startWorker({ JOB_MODE: "engine" }),
    ]);
    const boss = new PgBoss({
      connectionString: db.url!(),
      max: 2,
      supervise: false,
      schedule: false,
    });
    boss.on("error", () => {});
    await boss.start();
    try {
      const JOBS = 40;
      const started = Date.now();
      const ids = (
        await Promise.all(Array.from({ length: JOBS }, () => boss.send(QUEUES.reminders, {})))
      ).filter((id): id is string => Boolean(id));
      expect(ids).toHaveLength(JOBS);
      const runsOf = (worker: Worker) =>
        worker.lines
          .filter((line) => line.startsWith(`ran ${QUEUES.reminders} `))
          .map((line) => line.split(" ")[2]!)
          .filter((id) => ids.includes(id));
      await expect
        .poll(() => workers.flatMap(runsOf).length, { timeout: 40_000, interval: 200 })
        .toBeGreaterThanOrEqual(JOBS);
      const elapsed = Date.now() - started;
      const all = workers.flatMap(runsOf);
      expect(new Set(all).size).toBe(JOBS);
      expect(all).toHaveLength(JOBS);
      const [first, second] = workers.map((worker) => runsOf(worker).length);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
      console.log(
        `faults: ${JOBS} jobs over two processes in ${elapsed} ms: ${first} + ${second}, none twice`,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true });
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.exited));
    }
  }, 60_000);
});
