import { and, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { mockRequests, mockSessions, sessionParticipants } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { settleOnCancel } from "~/modules/credits/escrow.server";
import { cancelledMessage } from "~/modules/notify/messages";
import { enqueueSessionEmails } from "~/modules/notify/session-emails.server";
import type { Result } from "./booking-tx.server";
import { isLateChange } from "./policy";

export type CancelResult = Result<{ late: boolean }>;

/**
 * Cancels a scheduled session for one of its participants (compare-and-swap on
 * "scheduled"): its time is freed, the requests behind it close or reopen, a one-way
 * mock's escrow is settled, and both people get the calendar cancellation; delivery is
 * kicked after the commit.
 */
export async function cancelSession(input: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const result = await getDb().transaction(async (tx) => {
    const mine = await tx
      .select({ startsAt: mockSessions.startsAt })
      .from(mockSessions)
      .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
      .where(
        and(eq(mockSessions.id, input.sessionId), eq(sessionParticipants.userId, input.userId)),
      );
    if (mine.length === 0) return { ok: false, error: "not_found" } as const;
    const late = isLateChange(mine[0]!.startsAt, now);
    const won = await tx
      .update(mockSessions)
      .set({
        status: "cancelled",
        cancelledAt: now,
        cancelledBy: input.userId,
        lateCancel: late,
        icsSequence: sql`${mockSessions.icsSequence} + 1`,
        updatedAt: now,
      })
      .where(and(eq(mockSessions.id, input.sessionId), eq(mockSessions.status, "scheduled")))
      .returning({ id: mockSessions.id });
    if (won.length !== 1) return { ok: false, error: "not_cancellable" } as const;
    // A one-way mock's escrow settles with the cancel, by the cancel rules.
    await settleOnCancel(tx, { sessionId: input.sessionId, cancelledBy: input.userId, late, now });

    await tx
      .update(sessionParticipants)
      .set({ active: false })
      .where(eq(sessionParticipants.sessionId, input.sessionId));
    // The canceller's request closes; the other person's reopens while its horizon lasts.
    const linked = await tx
      .select({
        id: mockRequests.id,
        userId: mockRequests.userId,
        expiresAt: mockRequests.expiresAt,
      })
      .from(mockRequests)
      .where(eq(mockRequests.sessionId, input.sessionId));
    for (const request of linked) {
      const reopen = request.userId !== input.userId && request.expiresAt > now;
      await tx
        .update(mockRequests)
        .set({
          status: reopen ? "open" : request.userId === input.userId ? "cancelled" : "expired",
          sessionId: null,
        })
        .where(eq(mockRequests.id, request.id));
    }
    await enqueueSessionEmails(tx, input.sessionId, {
      kind: "cancelled",
      invite: "cancel",
      build: (m, readerId) =>
        cancelledMessage({ ...m, cancelledByReader: readerId === input.userId }),
    });
    return { ok: true, late } as const;
  });
  if (result.ok) await kickJob("deliver-email");
  return result;
}
