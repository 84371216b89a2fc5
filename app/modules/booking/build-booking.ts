import { sessionMinutes } from "~/modules/matching/formats";
import type { MockFormat } from "~/modules/matching/types";

// What one booking writes, built from plain data (no I/O). saveBooking hands it to the
// database function book_session, which decides the rows' roles, closes the request(s)
// and holds the escrow under the people's locks.

export interface BookingRequest {
  id: string;
  userId: string;
  roundMinutes: number;
  format: MockFormat;
}

export interface NewBooking {
  sessionId: string;
  idempotencyKey: string;
  /** The person booking: the request's owner (the candidate of a one-way mock). */
  userId: string;
  peerId: string;
  requestId: string;
  startsAt: Date;
  endsAt: Date;
  /** Credits held in escrow for a one-way mock; 0 for a swap. */
  priceCredits: number;
}

export function buildBooking(input: {
  sessionId: string;
  request: BookingRequest;
  peerId: string;
  start: Date;
  idempotencyKey: string;
  /** The one-way price (ignored for a swap, which is free). */
  priceCredits?: number;
}): NewBooking {
  const { request } = input;
  const endsAt = new Date(
    input.start.getTime() + sessionMinutes(request.format, request.roundMinutes) * 60_000,
  );
  return {
    sessionId: input.sessionId,
    idempotencyKey: input.idempotencyKey,
    userId: request.userId,
    peerId: input.peerId,
    requestId: request.id,
    startsAt: input.start,
    endsAt,
    priceCredits: request.format === "swap" ? 0 : (input.priceCredits ?? 0),
  };
}
