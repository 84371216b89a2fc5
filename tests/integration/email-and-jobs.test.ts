import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { getConnection, getDb } from "#db/client";
import { outboxEmails } from "#db/schema";
import { parseEnv } from "~/env.server";
import { startJobEngine } from "~/jobs/job-engine.server";
import { kickJob } from "~/jobs/kick.server";
import { buildInvite } from "~/modules/notify/ics";
import { deliverPendingEmails, enqueueEmails } from "~/modules/notify/outbox.server";
import { setupFreshDatabase } from "../support/database";
import { startSmtpStandIn } from "../support/smtp-stand-in";

setupFreshDatabase();

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
    const engine = await startJobEngine(getConnection(), env);
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
