import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { getConnection, getDb } from "#db/client";
import { outboxEmails } from "#db/schema";
import { parseEnv } from "~/env.server";
import { type JobEngineTiming, startJobEngine } from "~/jobs/job-engine.server";
import { kickJob } from "~/jobs/kick.server";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { rescheduleSession } from "~/modules/booking/reschedule-session.server";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { buildInvite } from "~/modules/notify/ics";
import { deliverPendingEmails, enqueueEmails } from "~/modules/notify/outbox.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  NOW,
  offerToInterview,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import {
  dimensionsOf,
  HOUR,
  insertSession,
  RATING_PAYLOAD,
  scorecardPayload,
} from "../support/feedback-fixtures";
import { startSmtpStandIn } from "../support/smtp-stand-in";

setupFreshDatabase();

// The production engine with shorter waits (it polls every 2 s, kicks share 5 s slots):
// what is tested is that a kick gets a run, not how long the production timers are.
const TIMING: JobEngineTiming = { pollingIntervalSeconds: 0.5, kickSlotSeconds: 1 };

const invite = buildInvite({
  sessionId: "00000000-0000-4000-8000-000000000001",
  sequence: 0,
  start: new Date("2027-03-02T10:00:00Z"),
  end: new Date("2027-03-02T11:00:00Z"),
  title: "Peerloop mock: Coding",
  description: "A test",
  cancelled: false,
  attendees: [{ name: "Ada", email: "ada@example.test" }],
});

async function enqueueOne(dedupeKey: string, to = "ada@example.test") {
  await enqueueEmails(getDb(), [
    {
      userId: null,
      toAddress: to,
      subject: "Booked",
      textBody: "Hello",
      ics: invite,
      kind: "test",
      dedupeKey,
    },
  ]);
}

describe("email delivery through SMTP", () => {
  const stands: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of stands) await s.close();
  });

  it("sends each outbox email once, with its invite, and stamps it", async () => {
    const smtp = await startSmtpStandIn();
    stands.push(smtp);
    await enqueueOne("send-once");
    await enqueueOne("send-once"); // same key: written once
    const mailer = nodemailer.createTransport(smtp.url);
    expect(await deliverPendingEmails(mailer)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverPendingEmails(mailer)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["ada@example.test"]);
    expect(smtp.received[0]!.raw).toContain("text/calendar");
    expect(smtp.received[0]!.raw).toContain("method=REQUEST");
    const [row] = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.dedupeKey, "send-once"));
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it("keeps a refused email for a retry, with the error", async () => {
    const smtp = await startSmtpStandIn({ reject: true });
    stands.push(smtp);
    await enqueueOne("refused");
    const mailer = nodemailer.createTransport(smtp.url);
    const result = await deliverPendingEmails(mailer);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const [row] = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.dedupeKey, "refused"));
    expect(row?.sentAt).toBeNull();
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toMatch(/550|Mailbox unavailable/);
  });
});

describe("the job engine", () => {
  it("runs a kicked delivery job on this database", async () => {
    const smtp = await startSmtpStandIn();
    await getDb().update(outboxEmails).set({ sentAt: new Date() });
    await enqueueOne("via-job", "bruno@example.test");
    const env = parseEnv({ NODE_ENV: "test", SMTP_URL: smtp.url });
    const engine = await startJobEngine(getConnection(), env, TIMING);
    try {
      await kickJob("deliver-email");
      const deadline = Date.now() + 20_000;
      while (smtp.received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(smtp.received.map((m) => m.to[0])).toEqual(["bruno@example.test"]);
    } finally {
      await engine.stop();
      await smtp.close();
    }
  });
});

describe("delivery after a change commits", () => {
  it("delivers what a booking, a move, a cancel and a reveal write, without waiting for the schedule", async () => {
    const smtp = await startSmtpStandIn();
    await getDb().update(outboxEmails).set({ sentAt: new Date() });
    const engine = await startJobEngine(
      getConnection(),
      parseEnv({ NODE_ENV: "test", SMTP_URL: smtp.url }),
      TIMING,
    );
    // Delivery also runs once a minute; each change's mail must arrive well before that.
    const arrived = async (subject: string, count: number) => {
      const deadline = Date.now() + 10_000;
      const matching = () => smtp.received.filter((m) => m.raw.includes(`Subject: ${subject}`));
      while (matching().length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return matching().length;
    };
    // Past the kick throttle's slot, so no run booked by an earlier kick is pending.
    const settle = () =>
      new Promise((resolve) => setTimeout(resolve, (TIMING.kickSlotSeconds + 1) * 1000));
    try {
      const peer = await createAvailableUser("Kick Peer");
      await offerToInterview(peer.id, "coding", "L7");
      const me = await createAvailableUser("Kick Me");
      const sessionId = await bookOneWayAt(me.id, peer.id, at(60));
      expect(await arrived("Booked:", 2)).toBe(2);
      const moved = await rescheduleSession({
        userId: me.id,
        sessionId: sessionId,
        start: at(90),
        now: NOW,
      });
      expect(moved.ok).toBe(true);
      expect(await arrived("Moved:", 2)).toBe(2);
      await settle();
      expect((await cancelSession({ userId: me.id, sessionId: sessionId, now: NOW })).ok).toBe(
        true,
      );
      expect(await arrived("Cancelled:", 2)).toBe(2);
      await settle();

      const endsAt = new Date(Date.now() - HOUR);
      const held = await insertSession({
        candidateId: me.id,
        interviewerId: peer.id,
        startsAt: new Date(endsAt.getTime() - HOUR),
        endsAt,
      });
      await submitFeedback(held, 1, peer.id, scorecardPayload(await dimensionsOf("coding")));
      await submitFeedback(held, 1, me.id, RATING_PAYLOAD);
      expect(await arrived("Your feedback from Coding is ready", 2)).toBe(2);
    } finally {
      await engine.stop();
      await smtp.close();
    }
  }, 60_000);
});
