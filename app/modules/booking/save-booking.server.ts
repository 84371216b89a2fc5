import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { rowsOf } from "#db/rows";
import { DEFAULT_LIMITS } from "~/modules/availability/types";
import { type OutgoingEmail, toOutboxRow } from "~/modules/notify/outbox.server";
import type { BookingErrorCode } from "./booking-errors";
import type { NewBooking } from "./build-booking";
import type { NewRequestRow } from "./requests.server";

export type SaveOutcome =
  | { kind: "booked"; sessionId: string }
  | { kind: "replayed"; sessionId: string }
  | { kind: "refused"; error: BookingErrorCode };

const REFUSALS: ReadonlySet<string> = new Set<BookingErrorCode>([
  "idempotency_conflict",
  "not_found",
  "request_closed",
  "slot_taken",
  "insufficient_credits",
]);

/**
 * Writes a built booking in one statement, one round trip: the database function
 * book_session (migration 0014) takes both people's locks, re-checks what another
 * booking could have changed since the slot was validated (idempotency key, the
 * request, both calendars, the balance) and writes the request of a suggested mock,
 * the session, its participants, the request(s) closed, the escrow with its hold
 * entry and the invites, or refuses with a code before writing anything. Outside a
 * transaction the call is its own transaction. The exclusion constraint and the
 * ledger's CHECK still have the last word: they throw, and refusalCode maps them.
 */
export async function saveBooking(
  db: Database,
  booking: NewBooking,
  extra: {
    now: Date;
    newRequest: NewRequestRow | null;
    emails: OutgoingEmail[];
    /**
     * A mock onsite's sessions already written in this transaction: not counted against
     * the candidate's buffer and daily cap (migration 0023, decision 0031).
     */
    sameDaySessionIds?: string[];
  },
): Promise<SaveOutcome> {
  const sameDay = extra.sameDaySessionIds?.length ? `{${extra.sameDaySessionIds.join(",")}}` : null;
  const result = await db.execute(sql`
    select outcome, session_id from book_session(
      ${booking.sessionId}::uuid, ${booking.idempotencyKey}::text, ${booking.userId}::uuid,
      ${booking.peerId}::uuid, ${booking.requestId}::uuid,
      ${extra.newRequest ? JSON.stringify(extra.newRequest) : null}::jsonb,
      ${booking.startsAt.toISOString()}::timestamptz, ${booking.endsAt.toISOString()}::timestamptz,
      ${booking.priceCredits}::integer, ${extra.now.toISOString()}::timestamptz,
      ${DEFAULT_LIMITS.bufferMinutes}::integer, ${DEFAULT_LIMITS.maxSessionsPerDay}::integer,
      ${JSON.stringify(extra.emails.map(toOutboxRow))}::jsonb, ${sameDay}::uuid[])`);
  const row = rowsOf<{ outcome: string; session_id: string | null }>(result)[0];
  if (row?.outcome === "booked" || row?.outcome === "replayed") {
    return { kind: row.outcome, sessionId: row.session_id! };
  }
  if (row && REFUSALS.has(row.outcome)) {
    return { kind: "refused", error: row.outcome as BookingErrorCode };
  }
  throw new Error(`book_session answered ${JSON.stringify(row)}`);
}
