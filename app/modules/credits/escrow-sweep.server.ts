import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { attendanceEvents, feedback, mockSessions, sessionEscrows } from "#db/schema";
import { settleEscrow } from "./escrow.server";
import { UNSCORED_RELEASE_AFTER_MS } from "./escrow-rules";

/** Why the sweep froze a no-show itself: attendance that arrived after it was detected. */
export const LATE_EVIDENCE_REASON =
  "Attendance evidence arrived after the no-show was detected (a late join event): an admin decides.";

/**
 * The escrow sweep (a job): no-shows whose dispute window closed undisputed settle the
 * way they were detected, unless a join of someone recorded absent has arrived since
 * (a late webhook), which freezes them for an admin instead; held sessions whose
 * scorecard never came within the writing window go back to the candidate. Each session
 * in its own transaction, each move compare-and-swap.
 */
export async function sweepEscrows(
  now: Date = new Date(),
): Promise<{ settled: number; frozen: number; unscored: number }> {
  const db = getDb();
  let settled = 0;
  let frozen = 0;
  let unscored = 0;
  const due = await db
    .select({
      sessionId: sessionEscrows.sessionId,
      outcome: sessionEscrows.outcome,
      reason: sessionEscrows.reason,
      absentUserIds: sessionEscrows.absentUserIds,
    })
    .from(sessionEscrows)
    .where(
      and(eq(sessionEscrows.state, "no_show_pending"), lte(sessionEscrows.disputeClosesAt, now)),
    );
  for (const escrow of due) {
    // Only a join that happened while the session ran is evidence: opening the session
    // page afterwards (the pad stays readable) connects too, and proves nothing.
    const lateJoins = await db
      .select({ userId: attendanceEvents.userId })
      .from(attendanceEvents)
      .innerJoin(mockSessions, eq(mockSessions.id, attendanceEvents.sessionId))
      .where(
        and(
          eq(attendanceEvents.sessionId, escrow.sessionId),
          eq(attendanceEvents.kind, "joined"),
          inArray(attendanceEvents.userId, escrow.absentUserIds ?? []),
          lte(attendanceEvents.at, mockSessions.endsAt),
        ),
      )
      .limit(1);
    if (lateJoins.length > 0) {
      const rows = await db
        .update(sessionEscrows)
        .set({
          state: "disputed",
          disputedAt: now,
          disputeReason: LATE_EVIDENCE_REASON,
          updatedAt: now,
        })
        .where(
          and(
            eq(sessionEscrows.sessionId, escrow.sessionId),
            eq(sessionEscrows.state, "no_show_pending"),
          ),
        )
        .returning({ id: sessionEscrows.sessionId });
      frozen += rows.length;
      continue;
    }
    const won = await db.transaction((tx) =>
      settleEscrow(
        tx,
        escrow.sessionId,
        ["no_show_pending"],
        { outcome: escrow.outcome!, reason: escrow.reason! },
        now,
      ),
    );
    if (won) settled++;
  }

  const unscoredDue = await db
    .select({ sessionId: sessionEscrows.sessionId })
    .from(sessionEscrows)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionEscrows.sessionId))
    .leftJoin(
      feedback,
      and(eq(feedback.sessionId, sessionEscrows.sessionId), eq(feedback.kind, "scorecard")),
    )
    .where(
      and(
        eq(sessionEscrows.state, "held"),
        eq(mockSessions.status, "completed"),
        lte(mockSessions.endsAt, new Date(now.getTime() - UNSCORED_RELEASE_AFTER_MS)),
        sql`${feedback.id} is null`,
      ),
    );
  for (const { sessionId } of unscoredDue) {
    const won = await db.transaction(async (tx) => {
      // Under the submit's session lock: a scorecard arriving at the last moment either
      // commits first (and is paid) or finds the escrow released.
      await tx.execute(sql`select 1 from mock_sessions where id = ${sessionId} for update`);
      const [card] = await tx
        .select({ id: feedback.id })
        .from(feedback)
        .where(and(eq(feedback.sessionId, sessionId), eq(feedback.kind, "scorecard")));
      if (card) return false;
      return settleEscrow(
        tx,
        sessionId,
        ["held"],
        { outcome: "release", reason: "no_scorecard" },
        now,
      );
    });
    if (won) unscored++;
  }
  return { settled, frozen, unscored };
}
