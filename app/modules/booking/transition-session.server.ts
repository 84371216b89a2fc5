import { and, eq } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { mockSessions, type SessionStatus, sessionParticipants } from "#db/schema";
import { canTransition } from "./policy";

/** Moves a session from `from` to `to` if it is still in `from`; true if this call won. */
export async function transitionSession(
  sessionId: string,
  from: SessionStatus,
  to: SessionStatus,
  db: Database = getDb(),
): Promise<boolean> {
  if (!canTransition(from, to)) return false;
  const rows = await db
    .update(mockSessions)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(mockSessions.id, sessionId), eq(mockSessions.status, from)))
    .returning({ id: mockSessions.id });
  // Finished sessions keep their participant rows for history but stop blocking time
  // only when they never happened (no-show); completed ones still occupied it.
  if (rows.length === 1 && to === "no_show") {
    await db
      .update(sessionParticipants)
      .set({ active: false })
      .where(eq(sessionParticipants.sessionId, sessionId));
  }
  return rows.length === 1;
}
