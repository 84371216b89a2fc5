import { and, eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { feedback, feedbackReveals } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { enqueueEmails } from "~/modules/notify/outbox.server";
import { feedbackDuties, halvesToReveal, type SessionProgress } from "./duties";
import { buildReadyEmails, type ReadySession } from "./ready-emails";

/** Join condition: the reveal of a piece's own half (left join: null while hidden). */
export const pieceReveal = and(
  eq(feedbackReveals.sessionId, feedback.sessionId),
  eq(feedbackReveals.half, feedback.half),
);

export interface RevealOutcome {
  /** Halves this call revealed. */
  halves: (1 | 2)[];
  /** Halves readable now, by this call or an earlier one. */
  readable: (1 | 2)[];
  /** "Ready" emails written. */
  emails: number;
}

/**
 * Reveals the halves of a session that are due and writes, in the same transaction,
 * the "ready" email of every piece that became readable: the pieces of the halves
 * revealed now, and `lateId`, a piece submitted into a half revealed before. The
 * caller holds the session's row lock and kicks delivery after the commit.
 */
export async function revealDueHalves(
  tx: Database,
  session: ReadySession & SessionProgress & { endsAt: Date },
  now: Date,
  lateId?: string,
): Promise<RevealOutcome> {
  const [pieces, earlier] = await Promise.all([
    tx
      .select({
        id: feedback.id,
        kind: feedback.kind,
        half: feedback.half,
        authorId: feedback.authorId,
        recipientId: feedback.recipientId,
      })
      .from(feedback)
      .where(eq(feedback.sessionId, session.id)),
    tx
      .select({ half: feedbackReveals.half })
      .from(feedbackReveals)
      .where(eq(feedbackReveals.sessionId, session.id)),
  ]);
  const before = new Set(earlier.map((r) => r.half));
  const due = halvesToReveal({
    duties: feedbackDuties(session),
    submitted: pieces.map((p) => ({ half: p.half as 1 | 2, kind: p.kind })),
    endsAt: session.endsAt,
    now,
  }).filter((d) => !before.has(d.half));
  const inserted =
    due.length === 0
      ? []
      : await tx
          .insert(feedbackReveals)
          .values(
            due.map((d) => ({
              sessionId: session.id,
              half: d.half,
              revealedAt: now,
              reason: d.reason,
            })),
          )
          .onConflictDoNothing()
          .returning({ half: feedbackReveals.half });
  const halves = inserted.map((r) => r.half as 1 | 2);
  const readyNow = pieces.filter(
    (p) => halves.includes(p.half as 1 | 2) || (p.id === lateId && before.has(p.half)),
  );
  const emails = await enqueueEmails(
    tx,
    buildReadyEmails(session, readyNow, publicOrigin(getEnv())),
  );
  return {
    halves,
    readable: ([1, 2] as const).filter((h) => before.has(h) || halves.includes(h)),
    emails,
  };
}
