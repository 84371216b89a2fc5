import { sessionMinutes } from "~/modules/matching/formats";
import type { MockFormat } from "~/modules/matching/types";

// The rows one booking writes, built from plain data (no I/O): the session, one
// participant row per person, and the request(s) it closes. saveBooking writes them.

export interface BookingRequest {
  id: string;
  userId: string;
  loopId: number;
  roundId: number;
  roundMinutes: number;
  targetLevelId: number;
  format: MockFormat;
}

export interface BookingRows {
  session: {
    id: string;
    loopId: number;
    roundId: number;
    format: MockFormat;
    startsAt: Date;
    endsAt: Date;
    bookedBy: string;
    idempotencyKey: string;
    requestId: string;
    /** Credits held in escrow for a one-way mock; 0 for a swap. */
    priceCredits: number;
  };
  participants: {
    userId: string;
    role: "swap" | "candidate" | "interviewer";
    targetLevelId: number | null;
  }[];
  /** The requests this booking closes: the booker's, and in a swap the peer's. */
  requestIds: string[];
}

export function buildBooking(input: {
  sessionId: string;
  request: BookingRequest;
  peerId: string;
  /** The peer's open swap request the booking takes up (swap only). */
  peerRequest: { id: string; targetLevelId: number } | null;
  start: Date;
  idempotencyKey: string;
  /** The one-way price (ignored for a swap, which is free). */
  priceCredits?: number;
}): BookingRows {
  const { request, peerRequest } = input;
  const swap = request.format === "swap";
  const endsAt = new Date(
    input.start.getTime() + sessionMinutes(request.format, request.roundMinutes) * 60_000,
  );
  return {
    session: {
      id: input.sessionId,
      loopId: request.loopId,
      roundId: request.roundId,
      format: request.format,
      startsAt: input.start,
      endsAt,
      bookedBy: request.userId,
      idempotencyKey: input.idempotencyKey,
      requestId: request.id,
      priceCredits: swap ? 0 : (input.priceCredits ?? 0),
    },
    participants: [
      {
        userId: request.userId,
        role: swap ? "swap" : "candidate",
        targetLevelId: request.targetLevelId,
      },
      {
        userId: input.peerId,
        role: swap ? "swap" : "interviewer",
        targetLevelId: peerRequest?.targetLevelId ?? null,
      },
    ],
    requestIds: peerRequest ? [request.id, peerRequest.id] : [request.id],
  };
}
