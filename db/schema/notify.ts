import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { mockSessions } from "./booking";
import { users } from "./identity";

/**
 * Every email is written here first, in the same transaction as the change it tells
 * about; a job delivers it (SMTP in production) and stamps sent_at.
 */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** An iCalendar attachment (METHOD:REQUEST or CANCEL), if any. */
    ics: text("ics"),
    kind: text("kind").notNull(),
    sessionId: uuid("session_id").references(() => mockSessions.id, { onDelete: "set null" }),
    /** Stops a reminder or notice from being written twice for one event. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_unsent_idx").on(t.createdAt).where(sql`sent_at is null`),
    index("outbox_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("outbox_dedupe_key").on(t.dedupeKey),
  ],
);
