import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { mockSessions } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { bookedMessage } from "~/modules/notify/messages";
import type { OutgoingEmail } from "~/modules/notify/outbox.server";
import { sessionEmails } from "~/modules/notify/session-emails.server";
import { BookingConflict } from "./booking-errors";
import { type Result, refusalCode } from "./booking-tx.server";
import { buildBooking, type NewBooking } from "./build-booking";
import { describeCancelPolicy } from "./policy";
import type { NewRequestRow, RequestContext } from "./requests.server";
import { saveBooking } from "./save-booking.server";
import {
  isBookableSlot,
  loadPeerStanding,
  loadPeopleFacts,
  type PeopleFacts,
} from "./slot-facts.server";

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
  /** The grid the start is judged on (isBookableSlot); the matcher's unless told. */
  slotStepMinutes?: number;
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

export interface PreparedBooking {
  booking: NewBooking;
  emails: OutgoingEmail[];
  /** A suggested mock's request, written by book_session with the booking. */
  newRequest: NewRequestRow | null;
}

/**
 * The checks of one slot and what saving it writes, from the people's facts read just
 * before: the request is the person's and open, the peer's standing (qualified, not
 * paused) with the price, the matcher's own rule on the time (isBookableSlot), the
 * price the person was shown; then the booking and its invites, built. Throws a
 * BookingConflict. A mock onsite runs this once per sitting inside its transaction.
 */
export async function prepareBooking(
  db: Database,
  input: BookingInput,
  source: BookingRequestSource | null,
  facts: PeopleFacts,
  now: Date,
): Promise<PreparedBooking> {
  if (!source || source.ctx.userId !== input.userId) throw new BookingConflict("not_found");
  const { ctx } = source;
  if (ctx.status !== "open" || ctx.expiresAt <= now) {
    throw new BookingConflict("request_closed");
  }
  const { standing, price } = await loadPeerStanding(db, ctx, input.peerId, now);
  const requester = facts.people.get(input.userId);
  const peer = facts.people.get(input.peerId);
  if (!isBookableSlot(ctx, requester, peer, standing, input.start, now, input.slotStepMinutes)) {
    throw new BookingConflict("slot_taken");
  }
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
      people: facts.readers,
    },
    {
      kind: "booked",
      invite: "request",
      build: (m) => bookedMessage({ ...m, policy: describeCancelPolicy(m.start, now) }),
    },
  );
  return { booking, emails, newRequest: source.newRequest };
}

/**
 * The booking, whatever the request comes from: an open request (read with the
 * people's facts), or one a suggested mock writes with the booking (`describe` checks
 * and describes it, or throws a BookingConflict).
 *
 * Two steps. First the slot is judged from a snapshot, outside any transaction: both
 * people's availability, calendars and invite details in one statement (with the
 * request), then the peer's standing with the price in one more, and the matcher's
 * own rule decides (isBookableSlot: isValidStart on the inputs validateSlot builds).
 * Then one call of book_session (saveBooking) re-checks under both people's locks what
 * another booking can change and writes everything, or refuses with a code. Delivery
 * is kicked after the commit.
 */
export async function bookWithRequest(
  input: BookingInput,
  request:
    | { requestId: string }
    | { describe: (db: Database, now: Date) => Promise<BookingRequestSource> },
): Promise<BookResult> {
  const now = input.now ?? new Date();
  const db = getDb();
  try {
    const [facts, described] = await Promise.all([
      loadPeopleFacts(db, {
        userIds: [input.userId, input.peerId],
        idempotencyKey: input.idempotencyKey,
        requestId: "requestId" in request ? request.requestId : null,
        now,
      }),
      "describe" in request ? request.describe(db, now) : Promise.resolve(null),
    ]);
    const source: BookingRequestSource | null =
      described ?? (facts.request ? { ctx: facts.request, newRequest: null } : null);
    if (facts.existing) return replayOf(facts.existing, input.userId);
    const { booking, emails, newRequest } = await prepareBooking(db, input, source, facts, now);
    const saved = await saveBooking(db, booking, { now, newRequest, emails });
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
  return bookWithRequest(input, { requestId: input.requestId });
}
