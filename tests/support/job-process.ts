import { closeDatabase, getConnection } from "#db/client";
import { parseEnv } from "~/env.server";
import { startJobEngine } from "~/jobs/job-engine.server";
import { sweepEscrows } from "~/modules/credits/escrow-sweep.server";
import { runFeedbackSweep } from "~/modules/feedback/notifications.server";
import { deliverPendingEmails, smtpTransport } from "~/modules/notify/outbox.server";
import { sendDueReminders } from "~/modules/notify/reminders.server";
import { settleSessions } from "~/modules/sessions/room.server";

// A second (third…) app process for the fault tests, on DATABASE_URL: the job side of
// server.ts without the HTTP tier. Run with `node --import tsx tests/support/job-process.ts`.
//
//   JOB_MODE=engine  starts the production job engine (short polling) and prints
//                    "ran <queue> <jobId>" for every job it ran, until SIGTERM.
//   JOB_MODE=sweep   waits for "go" on stdin (so that processes start together), then runs every periodic sweep at once, SWEEP_ROUNDS
//                    times, with the clock of SWEEP_CLOCKS (JSON of ISO times), and
//                    delivers the outbox to SMTP_URL; prints "done".

const env = parseEnv({ NODE_ENV: "test", SMTP_URL: process.env.SMTP_URL ?? "" });

async function engine() {
  const jobs = await startJobEngine(getConnection(), env, {
    pollingIntervalSeconds: 0.5,
    kickSlotSeconds: 1,
    onJobDone: (queue, jobId) => console.log(`ran ${queue} ${jobId}`),
  });
  console.log("ready");
  process.on("SIGTERM", () => {
    void jobs
      .stop()
      .then(closeDatabase)
      .then(() => process.exit(0));
  });
}

async function sweep() {
  const clocks = JSON.parse(process.env.SWEEP_CLOCKS ?? "{}") as Record<string, string>;
  const at = (name: string) => new Date(clocks[name] ?? Date.now());
  const rounds = Number(process.env.SWEEP_ROUNDS ?? 5);
  const mailer = smtpTransport(env.SMTP_URL!);
  console.log("ready");
  await new Promise<void>((resolve) => {
    process.stdin.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("go")) resolve();
    });
  });
  process.stdin.destroy();
  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      sendDueReminders(at("reminders")),
      settleSessions(at("settle")),
      sweepEscrows(at("escrows")),
      runFeedbackSweep(at("feedback")),
      deliverPendingEmails(mailer),
    ]);
  }
  // Whatever the last round wrote goes out too.
  await deliverPendingEmails(mailer);
  await closeDatabase();
  console.log("done");
}

(process.env.JOB_MODE === "engine" ? engine() : sweep()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
