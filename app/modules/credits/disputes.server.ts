import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client";
import { type EscrowOutcome, mockSessions, rounds, sessionEscrows, users } from "#db/schema";
import { settleEscrow } from "./escrow.server";
import { canDispute, disputeSettlement } from "./escrow-rules";

// Disputed no-shows: a participant freezes the settlement, an admin decides it.

export type DisputeError = "not_found" | "not_disputable" | "reason_required";

export const DISPUTE_ERROR_MESSAGES: Record<DisputeError, string> = {
  not_found: "That session does not exist.",
  not_disputable:
    "This no-show can no longer be disputed: the 48-hour window has closed, or it was disputed already.",
  reason_required: "Say in a sentence what happened (up to 1,000 characters).",
};

/** A participant disputes a detected no-show within the window: settlement waits for an admin. */
export async function disputeNoShow(input: {
  sessionId: string;
  userId: string;
  reason: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: DisputeError }> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 1000) return { ok: false, error: "reason_required" };
  const db = getDb();
  const [escrow] = await db
    .select({
      state: sessionEscrows.state,
      disputeClosesAt: sessionEscrows.disputeClosesAt,
      candidateId: sessionEscrows.candidateId,
      interviewerId: sessionEscrows.interviewerId,
    })
    .from(sessionEscrows)
    .where(eq(sessionEscrows.sessionId, input.sessionId));
  if (!escrow || (escrow.candidateId !== input.userId && escrow.interviewerId !== input.userId)) {
    return { ok: false, error: "not_found" };
  }
  if (!canDispute(escrow, now)) return { ok: false, error: "not_disputable" };
  // Compare-and-swap, window included: a dispute racing the sweep's settlement loses or wins whole.
  const rows = await db
    .update(sessionEscrows)
    .set({
      state: "disputed",
      disputedBy: input.userId,
      disputedAt: now,
      disputeReason: reason,
      updatedAt: now,
    })
    .where(
      and(
        eq(sessionEscrows.sessionId, input.sessionId),
        eq(sessionEscrows.state, "no_show_pending"),
        sql`${sessionEscrows.disputeClosesAt} > ${now.toISOString()}`,
      ),
    )
    .returning({ id: sessionEscrows.sessionId });
  return rows.length === 1 ? { ok: true } : { ok: false, error: "not_disputable" };
}

export type ResolveError = "not_found" | "not_disputed";

/** An admin decides a disputed no-show: the credits go back to the candidate or to the interviewer. */
export async function resolveDispute(input: {
  sessionId: string;
  adminId: string;
  outcome: EscrowOutcome;
  note: string | null;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: ResolveError }> {
  const now = input.now ?? new Date();
  const db = getDb();
  const settled = await db.transaction((tx) =>
    settleEscrow(tx, input.sessionId, ["disputed"], disputeSettlement(input.outcome), now, {
      adminId: input.adminId,
      note: input.note,
    }),
  );
  if (settled) return { ok: true };
  const [exists] = await db
    .select({ state: sessionEscrows.state })
    .from(sessionEscrows)
    .where(eq(sessionEscrows.sessionId, input.sessionId));
  return { ok: false, error: exists ? "not_disputed" : "not_found" };
}

export interface DisputeListItem {
  sessionId: string;
  roundName: string;
  startsAt: Date;
  amount: number;
  candidate: { id: string; name: string };
  interviewer: { id: string; name: string };
  absentUserIds: string[];
  /** The way it would settle without the dispute. */
  detectedOutcome: EscrowOutcome;
  disputedBy: string | null;
  disputedAt: Date | null;
  disputeReason: string | null;
}

/** Disputed no-shows waiting for an admin, oldest dispute first. */
export async function listOpenDisputes(): Promise<DisputeListItem[]> {
  const db = getDb();
  const candidate = alias(users, "candidate");
  const interviewer = alias(users, "interviewer");
  const rows = await db
    .select({
      sessionId: sessionEscrows.sessionId,
      roundName: rounds.name,
      startsAt: mockSessions.startsAt,
      amount: sessionEscrows.amount,
      candidateId: sessionEscrows.candidateId,
      candidateName: candidate.name,
      interviewerId: sessionEscrows.interviewerId,
      interviewerName: interviewer.name,
      absentUserIds: sessionEscrows.absentUserIds,
      outcome: sessionEscrows.outcome,
      disputedBy: sessionEscrows.disputedBy,
      disputedAt: sessionEscrows.disputedAt,
      disputeReason: sessionEscrows.disputeReason,
    })
    .from(sessionEscrows)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionEscrows.sessionId))
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .innerJoin(candidate, eq(candidate.id, sessionEscrows.candidateId))
    .innerJoin(interviewer, eq(interviewer.id, sessionEscrows.interviewerId))
    .where(eq(sessionEscrows.state, "disputed"))
    .orderBy(asc(sessionEscrows.disputedAt));
  return rows.map((r) => ({
    sessionId: r.sessionId,
    roundName: r.roundName,
    startsAt: r.startsAt,
    amount: r.amount,
    candidate: { id: r.candidateId, name: r.candidateName },
    interviewer: { id: r.interviewerId, name: r.interviewerName },
    absentUserIds: r.absentUserIds ?? [],
    detectedOutcome: r.outcome ?? "release",
    disputedBy: r.disputedBy,
    disputedAt: r.disputedAt,
    disputeReason: r.disputeReason,
  }));
}
