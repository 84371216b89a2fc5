import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { levels, mockRequests, mockSessions } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { holdEscrow } from "~/modules/credits/escrow.server";
import { oneWayPrice } from "~/modules/credits/pricing.server";
import { validateSlot } from "~/modules/matching/matching.server";
import { bookedMessage } from "~/modules/notify/messages";
import { enqueueSessionEmails } from "~/modules/notify/session-emails.server";
import { BookingConflict } from "./booking-errors";
import { lockPeople, type Result, refusalCode } from "./booking-tx.server";
import { buildBooking } from "./build-booking";
import { describeCancelPolicy } from "./policy";
import { getRequest, type RequestContext, requestSearch } from "./requests.server";
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

/** The peer's open swap request for this round that fits the level best. */
async function peerSwapRequest(tx: Database, peerId: string, ctx: RequestContext) {
  const [row] = await tx
    .select({ id: mockRequests.id, targetLevelId: mockRequests.targetLevelId })
    .from(mockRequests)
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(
      and(
        eq(mockRequests.userId, peerId),
        eq(mockRequests.roundId, ctx.roundId),
        eq(mockRequests.format, "swap"),
        eq(mockRequests.status, "open"),
      ),
    )
    .orderBy(sql`abs(${levels.rank} - ${ctx.targetLevelRank})`, asc(mockRequests.createdAt))
    .limit(1);
  return row ?? null;
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

/**
 * The booking transaction, whatever the request comes from: `requestOf` reads it (or
 * writes it, for a suggested mock) inside the transaction and throws a BookingConflict
 * when there is none. Then the slot is validated, the rows are built and saved, and
 * the invites are written; delivery is kicked after the commit.
 */
export async function bookWithRequest(
  input: BookingInput,
  requestOf: (tx: Database, now: Date) => Promise<RequestContext>,
): Promise<BookResult> {
  const now = input.now ?? new Date();
  const db = getDb();
  try {
    const outcome = await db.transaction(async (tx) => {
      await lockPeople(tx, [input.userId, input.peerId]);
      // A double submit waits on the lock above; once it holds it, the first booking
      // has committed and is found here.
      const existing = await findByIdempotencyKey(tx, input.idempotencyKey);
      if (existing) return replayOf(existing, input.userId);
      const ctx = await requestOf(tx, now);
      if (ctx.status !== "open" || ctx.expiresAt <= now) {
        throw new BookingConflict("request_closed");
      }
      // Independent reads go out together (postgres.js pipelines them on the connection).
      const [valid, peerRequest] = await Promise.all([
        validateSlot(requestSearch(ctx), input.peerId, input.start, now, tx),
        ctx.format === "swap" ? peerSwapRequest(tx, input.peerId, ctx) : Promise.resolve(null),
      ]);
      if (!valid) throw new BookingConflict("slot_taken");
      const price = ctx.format === "one_way" ? await oneWayPrice(tx, ctx) : 0;
      if (input.expectedPrice !== undefined && input.expectedPrice !== price) {
        throw new BookingConflict("price_changed");
      }
      const rows = buildBooking({
        sessionId: randomUUID(),
        request: ctx,
        peerId: input.peerId,
        peerRequest,
        start: input.start,
        idempotencyKey: input.idempotencyKey,
        priceCredits: price,
      });
      if (!(await saveBooking(tx, rows))) throw new BookingConflict("slot_taken");
      // The candidate's credits go into escrow in the same transaction: not enough of
      // them fails the ledger's CHECK and the whole booking with it.
      if (rows.session.priceCredits > 0) {
        await holdEscrow(tx, {
          sessionId: rows.session.id,
          candidateId: input.userId,
          interviewerId: input.peerId,
          amount: rows.session.priceCredits,
        });
      }
      await enqueueSessionEmails(tx, rows.session.id, {
        kind: "booked",
        invite: "request",
        build: (m) => bookedMessage({ ...m, policy: describeCancelPolicy(m.start, now) }),
      });
      return { ok: true, sessionId: rows.session.id, replayed: false } as const;
    });
    if (outcome.ok && !outcome.replayed) await kickJob("deliver-email");
    return outcome;
  } catch (err) {
    const code = refusalCode(err);
    if (code) return { ok: false, error: code };
    // The same key committed by a concurrent double submit: answer with that booking.
    const existing = await findByIdempotencyKey(db, input.idempotencyKey);
    if (existing) return replayOf(existing, input.userId);
    throw err;
  }
}

/**
 * Books one proposal of an open request, atomically: the session, one participant
 * row per person (the database refuses overlaps), the request(s) marked booked, and
 * the invites in the outbox. A repeated idempotency key returns the first booking.
 */
export function bookProposal(input: BookingInput & { requestId: string }): Promise<BookResult> {
  return bookWithRequest(input, async (tx) => {
    const ctx = await getRequest(input.requestId, tx);
    if (!ctx || ctx.userId !== input.userId) throw new BookingConflict("not_found");
    return ctx;
  });
}
