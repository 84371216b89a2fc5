import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { mockSessions } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { oneWayPrice } from "~/modules/credits/pricing.server";
import { validateSlot } from "~/modules/matching/matching.server";
import { bookedMessage } from "~/modules/notify/messages";
import { loadReaders, sessionEmails } from "~/modules/notify/session-emails.server";
import { BookingConflict } from "./booking-errors";
import { type Result, refusalCode } from "./booking-tx.server";
import { buildBooking } from "./build-booking";
import { describeCancelPolicy } from "./policy";
import {
  getRequest,
  type NewRequestRow,
  type RequestContext,
  requestSearch,
} from "./requests.server";
import { saveBooking } from "./save-booking.server";

export type BookResult = Result<{ sessionId: string; replayed: boolean }>;

export interface BookingInput {
  userId: string;
  peerId: string;
  start: Date;
  idempotencyKey: string;
  now?: Date;
  /**
   * The price the person was shown (one-way): a price that changed since is refused
   * (`price_changed`), never charged silently. Unset: whatever the price is now.
   */
  expectedPrice?: number;
}

async function findByIdempotencyKey(db: Database, key: string) {
  const [row] = await db
    .select({ id: mockSessions.id, bookedBy: mockSessions.bookedBy })
    .from(mockSessions)
    .where(eq(mockSessions.idempotencyKey, key));
  return row;
}

function replayOf(existing: { id: string; bookedBy: string }, userId: string): BookResult {
  return existing.bookedBy === userId
    ? { ok: true, sessionId: existing.id, replayed: true }
    : { ok: false, error: "idempotency_conflict" };
}

/** The request a booking is for: an open one, or one to write with the booking. */
export interface BookingRequestSource {
  ctx: RequestContext;
  /** Set for a suggested mock: book_session writes this request with the booking. */
  newRequest: NewRequestRow | null;
}

/**
 * The booking, whatever the request comes from (`requestOf` reads it, or describes the
 * one a suggested mock writes, and throws a BookingConflict when there is none).
 *
 * Two steps, two round trips' worth of waiting. First the slot is validated from a
 * snapshot, outside any transaction: the matcher's own check (validateSlot), the price
 * and the people the invites go to, read in parallel. Then one call of book_session
 * (saveBooking) re-checks under both people's locks what another booking can change
 * and writes everything, or refuses with a code. Delivery is kicked after the commit.
 */
export async function bookWithRequest(
  input: BookingInput,
  requestOf: (db: Database, now: Date) => Promise<BookingRequestSource>,
): Promise<BookResult> {
  const now = input.now ?? new Date();
  const db = getDb();
  try {
    const [existing, source, readers] = await Promise.all([
      findByIdempotencyKey(db, input.idempotencyKey),
      requestOf(db, now),
      loadReaders(db, [input.userId, input.peerId]),
    ]);
    if (existing) return replayOf(existing, input.userId);
    const { ctx } = source;
    if (ctx.status !== "open" || ctx.expiresAt <= now) {
      throw new BookingConflict("request_closed");
    }
    const [valid, price] = await Promise.all([
      validateSlot(requestSearch(ctx), input.peerId, input.start, now, db),
      ctx.format === "one_way" ? oneWayPrice(db, ctx) : Promise.resolve(0),
    ]);
    if (!valid) throw new BookingConflict("slot_taken");
    if (input.expectedPrice !== undefined && input.expectedPrice !== price) {
      throw new BookingConflict("price_changed");
    }
    const booking = buildBooking({
      sessionId: randomUUID(),
      request: ctx,
      peerId: input.peerId,
      start: input.start,
      idempotencyKey: input.idempotencyKey,
      priceCredits: price,
    });
    const emails = sessionEmails(
      {
        sessionId: booking.sessionId,
        roundName: ctx.roundName,
        format: ctx.format,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        sequence: 0,
        people: readers,
      },
      {
        kind: "booked",
        invite: "request",
        build: (m) => bookedMessage({ ...m, policy: describeCancelPolicy(m.start, now) }),
      },
    );
    const saved = await saveBooking(db, booking, { now, newRequest: source.newRequest, emails });
    if (saved.kind === "refused") throw new BookingConflict(saved.error);
    if (saved.kind === "booked") await kickJob("deliver-email");
    return { ok: true, sessionId: saved.sessionId, replayed: saved.kind === "replayed" };
  } catch (err) {
    const code = refusalCode(err);
    // A double submit's twin may have booked with the same key meanwhile (its slot then
    // looks taken, its request closed): answer with that booking.
    const existing = await findByIdempotencyKey(db, input.idempotencyKey);
    if (existing) return replayOf(existing, input.userId);
    if (code) return { ok: false, error: code };
    throw err;
  }
}

/**
 * Books one proposal of an open request, atomically: the session, one participant
 * row per person (the database refuses overlaps), the request(s) marked booked, and
 * the invites in the outbox. A repeated idempotency key returns the first booking.
 */
export function bookProposal(input: BookingInput & { requestId: string }): Promise<BookResult> {
  return bookWithRequest(input, async (db) => {
    const ctx = await getRequest(input.requestId, db);
    if (!ctx || ctx.userId !== input.userId) throw new BookingConflict("not_found");
    return { ctx, newRequest: null };
  });
}
