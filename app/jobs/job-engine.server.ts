import PgBoss from "pg-boss";
import type { DatabaseConnection } from "#db/client";
import { pgErrorCode } from "#db/errors";
import type { Env } from "~/env.server";
import { pairOpenRequests } from "~/modules/booking/auto-pair.server";
import { expireRequests } from "~/modules/booking/requests.server";
import { sweepEscrows } from "~/modules/credits/escrow-sweep.server";
import { runFeedbackSweep } from "~/modules/feedback/notifications.server";
import { purgeExpiredAuthData } from "~/modules/identity/purge.server";
import { deliverPendingEmails, smtpTransport } from "~/modules/notify/outbox.server";
import { sendDueReminders } from "~/modules/notify/reminders.server";
import { runReplayMaintenance } from "~/modules/replay/replay.server";
import { settleSessions } from "~/modules/sessions/room.server";
import { setJobKicker } from "./kick.server";

// Durable jobs on pg-boss, in the same database as everything else (PostgreSQL, or the
// embedded PGlite through pg-boss's `db` adapter). Periodic work is scheduled by cron
// inside pg-boss, so with several app instances each tick still runs once.

export const QUEUES = {
  deliverEmail: "deliver-email",
  reminders: "send-reminders",
  pairRequests: "pair-requests",
  expireRequests: "expire-requests",
  settleSessions: "settle-sessions",
  settleEscrows: "settle-escrows",
  feedbackSweep: "feedback-sweep",
  purgeAuth: "purge-auth",
  replayMaintenance: "replay-maintenance",
} as const;

type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const SCHEDULES: Record<QueueName, string> = {
  "deliver-email": "* * * * *",
  "send-reminders": "* * * * *",
  "pair-requests": "*/5 * * * *",
  "expire-requests": "*/15 * * * *",
  "settle-sessions": "* * * * *",
  // Dispute windows close and unscored sessions release: minutes late is fine.
  "settle-escrows": "*/5 * * * *",
  "feedback-sweep": "*/5 * * * *",
  "purge-auth": "17 * * * *",
  // Snapshots for fast seeking, then retention (REPLAY_RETENTION_DAYS).
  "replay-maintenance": "*/10 * * * *",
};

function pgliteAdapter(connection: DatabaseConnection) {
  const pg = connection.pglite!;
  return {
    async executeSql(text: string, values?: unknown[]) {
      // pg-boss sends multi-statement scripts without parameters (migrations): those
      // need the simple protocol, which PGlite offers as exec().
      if (!values || values.length === 0) {
        const results = await pg.exec(text);
        const last = results[results.length - 1];
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      }
      const result = await pg.query(text, values as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

export interface JobEngine {
  boss: PgBoss;
  /** Asks for a job to run soon (e.g. deliver the email just written). */
  kick(queue: QueueName): Promise<void>;
  stop(): Promise<void>;
}

export interface JobEngineTiming {
  /** How often an idle worker asks for work (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds: number;
  /** Kicks within one slot of this length collapse into one run. */
  kickSlotSeconds: number;
  /** Told after each job this process ran (tests count runs across processes). */
  onJobDone?: (queue: string, jobId: string) => void;
}

/** What production runs. Tests pass shorter ones so that waiting for a run takes less. */
export const DEFAULT_JOB_TIMING: JobEngineTiming = {
  pollingIntervalSeconds: 2,
  kickSlotSeconds: 5,
};

export async function startJobEngine(
  connection: DatabaseConnection,
  env: Env,
  timing: JobEngineTiming = DEFAULT_JOB_TIMING,
): Promise<JobEngine> {
  const boss =
    connection.config.kind === "postgres"
      ? new PgBoss({ connectionString: connection.config.url, max: 4 })
      : new PgBoss({ db: pgliteAdapter(connection) } as unknown as PgBoss.ConstructorOptions);
  boss.on("error", (err) => console.error("peerloop jobs:", err));
  await boss.start();

  const handlers: Record<QueueName, () => Promise<unknown>> = {
    "deliver-email": async () =>
      env.SMTP_URL ? deliverPendingEmails(smtpTransport(env.SMTP_URL)) : { kept: "outbox" },
    "send-reminders": () => sendDueReminders(),
    "pair-requests": () => pairOpenRequests(),
    "expire-requests": () => expireRequests(),
    "settle-sessions": () => settleSessions(),
    "settle-escrows": () => sweepEscrows(),
    "feedback-sweep": () => runFeedbackSweep(),
    "purge-auth": () => purgeExpiredAuthData(),
    "replay-maintenance": () => runReplayMaintenance(),
  };
  for (const [queue, handler] of Object.entries(handlers) as [
    QueueName,
    () => Promise<unknown>,
  ][]) {
    await retryOnDeadlock(() => boss.createQueue(queue));
    await retryOnDeadlock(() => boss.schedule(queue, SCHEDULES[queue]));
    await boss.work(
      queue,
      { pollingIntervalSeconds: timing.pollingIntervalSeconds },
      async (jobs) => {
        await handler();
        for (const job of jobs) timing.onJobDone?.(queue, job.id);
      },
    );
  }

  const engine: JobEngine = {
    boss,
    async kick(queue) {
      // Kicks in one slot (5 s) collapse into one run, and a kick into a slot already
      // taken books the next one: a change committed just after a run still goes out.
      await boss.send(
        queue,
        {},
        { singletonKey: queue, singletonSeconds: timing.kickSlotSeconds, singletonNextSlot: true },
      );
    },
    async stop() {
      setJobKicker(undefined);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
  setJobKicker((queue) => engine.kick(queue as QueueName));
  return engine;
}

const PG_DEADLOCK_DETECTED = "40P01";

/**
 * Two app processes starting together create the same queues and schedules at once, and
 * pg-boss's create_queue (a partition and a row per queue) can deadlock with itself:
 * PostgreSQL then aborts one side, which would end that process's start. Both sides want
 * the same outcome, so the aborted one simply tries again (tests/integration/faults-two-processes.test.ts).
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || pgErrorCode(err) !== PG_DEADLOCK_DETECTED) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
