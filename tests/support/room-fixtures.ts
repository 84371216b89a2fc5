import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { mockSessions, sessionParticipants } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { createAvailableUser, offerToInterview, openRequest } from "./booking-fixtures";

// Sessions for the room's tests, booked through the booking module and then moved in
// time, so a test can stand before, inside or after a session.

export const MINUTE = 60_000;

/** A booked session moved to start `startOffsetMin` minutes from now (negative: started). */
export async function sessionAt(
  startOffsetMin: number,
  format: "one_way" | "swap" = "one_way",
  round = "coding",
) {
  const peer = await createAvailableUser("Room Peer");
  await offerToInterview(peer.id, round, "L7");
  const me = await createAvailableUser("Room Me");
  if (format === "swap")
    await openRequest(peer.id, { round, format: "swap", level: "L5" }, new Date());
  const requestId = await openRequest(me.id, { round, format, level: "L5" }, new Date());
  const now = Date.now();
  const slot = new Date(Math.ceil((now + 2 * 60 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE);
  const booked = await bookProposal({
    userId: me.id,
    requestId,
    peerId: peer.id,
    start: slot,
    idempotencyKey: randomUUID(),
  });
  if (!booked.ok) throw new Error(booked.error);
  const startsAt = new Date(now + startOffsetMin * MINUTE);
  const [session] = await getDb()
    .select()
    .from(mockSessions)
    .where(eq(mockSessions.id, booked.sessionId));
  const length = session!.endsAt.getTime() - session!.startsAt.getTime();
  const endsAt = new Date(startsAt.getTime() + length);
  await getDb()
    .update(mockSessions)
    .set({ startsAt, endsAt })
    .where(eq(mockSessions.id, booked.sessionId));
  await getDb()
    .update(sessionParticipants)
    .set({ during: `[${startsAt.toISOString()},${endsAt.toISOString()})` })
    .where(eq(sessionParticipants.sessionId, booked.sessionId));
  return { sessionId: booked.sessionId, me, peer };
}
