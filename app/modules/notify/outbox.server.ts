import { and, asc, desc, eq, isNull, lt } from "drizzle-orm";
import type { Transport } from "nodemailer";
import nodemailer from "nodemailer";
import { type Database, getDb } from "#db/client";
import { outboxEmails } from "#db/schema";
import { toOneLine } from "~/utils/text";
import { ORGANIZER } from "./ics";

export interface OutgoingEmail {
  userId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  ics?: string | null;
  kind: string;
  sessionId?: string | null;
  /** When set, a second email with the same key is silently not written. */
  dedupeKey?: string | null;
}

type Executor = Pick<Database, "insert">;

/**
 * An email as the outbox stores it (snake_case columns), for writers that insert rows
 * themselves in one statement (the booking function book_session).
 */
export function toOutboxRow(email: OutgoingEmail) {
  return {
    user_id: email.userId,
    to_address: email.toAddress,
    // A subject is one header line: a line break in a name must not start another header.
    subject: toOneLine(email.subject),
    text_body: email.textBody,
    ics: email.ics ?? null,
    kind: email.kind,
    dedupe_key: email.dedupeKey ?? null,
  };
}

/** Writes emails in the caller's transaction: they exist exactly when the change does. */
export async function enqueueEmails(tx: Executor, emails: OutgoingEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const rows = await tx
    .insert(outboxEmails)
    // A subject is one header line: a line break in a name must not start another header.
    .values(emails.map((email) => ({ ...email, subject: toOneLine(email.subject) })))
    .onConflictDoNothing({ target: outboxEmails.dedupeKey })
    .returning({ id: outboxEmails.id });
  return rows.length;
}

export async function listOutbox(limit = 100) {
  return getDb().select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}

let transport: { url: string; mailer: ReturnType<typeof nodemailer.createTransport> } | undefined;

/** The SMTP transport for SMTP_URL (smtp:// or smtps://), created once per URL. */
export function smtpTransport(url: string) {
  if (transport?.url !== url) {
    transport = { url, mailer: nodemailer.createTransport(url as unknown as Transport) };
  }
  return transport.mailer;
}

const MAX_ATTEMPTS = 8;

/**
 * Sends unsent emails through SMTP, oldest first. Each email is sent while its row is
 * locked (FOR UPDATE SKIP LOCKED, in a transaction of its own), and marked sent in that
 * transaction: another worker (another app process, or a kick overlapping the schedule)
 * skips a row being sent and finds it sent once the lock goes. A claim that only bumped a
 * counter let a second worker claim the row again while the first was still talking to
 * SMTP, and the email went out twice (tests/integration/faults-two-processes.test.ts).
 * Should the process die mid-send, the transaction rolls back and the email is retried:
 * at least once, never twice while everyone is alive.
 */
export async function deliverPendingEmails(
  mailer: ReturnType<typeof nodemailer.createTransport>,
  batchSize = 20,
): Promise<{ sent: number; failed: number }> {
  const db = getDb();
  const pending = await db
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(and(isNull(outboxEmails.sentAt), lt(outboxEmails.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outboxEmails.createdAt))
    .limit(batchSize);
  let sent = 0;
  let failed = 0;
  for (const { id } of pending) {
    const outcome = await db.transaction(async (tx) => {
      const [email] = await tx
        .select()
        .from(outboxEmails)
        .where(
          and(
            eq(outboxEmails.id, id),
            isNull(outboxEmails.sentAt),
            lt(outboxEmails.attempts, MAX_ATTEMPTS),
          ),
        )
        .for("update", { skipLocked: true });
      if (!email) return "skipped" as const;
      try {
        await mailer.sendMail({
          from: `${ORGANIZER.name} <${ORGANIZER.email}>`,
          to: email.toAddress,
          subject: email.subject,
          text: email.textBody,
          ...(email.ics
            ? {
                icalEvent: {
                  method: email.ics.includes("METHOD:CANCEL") ? "CANCEL" : "REQUEST",
                  content: email.ics,
                },
              }
            : {}),
        });
      } catch (err) {
        await tx
          .update(outboxEmails)
          .set({
            attempts: email.attempts + 1,
            lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
          })
          .where(eq(outboxEmails.id, id));
        return "failed" as const;
      }
      await tx
        .update(outboxEmails)
        .set({ attempts: email.attempts + 1, sentAt: new Date(), lastError: null })
        .where(eq(outboxEmails.id, id));
      return "sent" as const;
    });
    if (outcome === "sent") sent++;
    if (outcome === "failed") failed++;
  }
  return { sent, failed };
}
