import { and, eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { mockSessions } from "#db/schema";
import { reminderMessage } from "./messages";
import { sendSessionEmails } from "./session-emails.server";

const HOUR_MS = 60 * 60 * 1000;

const LEADS = [
  { lead: "24h" as const, ms: 24 * HOUR_MS },
  { lead: "1h" as const, ms: HOUR_MS },
];

/**
 * Writes the 24-hour and 1-hour reminders that are due. A reminder is due once the
 * session is that close, if it was booked (or last moved) earlier than that; the
 * outbox's dedupe key makes every sweep after the first a no-op.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
  let written = 0;
  for (const { lead, ms } of LEADS) {
    const due = await getDb()
      .select({ id: mockSessions.id })
      .from(mockSessions)
      .where(
        and(
          eq(mockSessions.status, "scheduled"),
          gt(mockSessions.startsAt, now),
          lte(mockSessions.startsAt, new Date(now.getTime() + ms)),
          lte(
            mockSessions.updatedAt,
            sql`${mockSessions.startsAt} - ${`${ms / 1000} seconds`}::interval`,
          ),
        ),
      );
    for (const session of due) {
      written += await sendSessionEmails(session.id, `reminder-${lead}`, (m) =>
        reminderMessage({ ...m, lead }),
      );
    }
  }
  return written;
}
