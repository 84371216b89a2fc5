import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { type EscrowOutcome, type EscrowState, sessionEscrows } from "#db/schema";
import { canDispute, SETTLEMENT_LABELS } from "./escrow-rules";

export interface EscrowView {
  amount: number;
  state: EscrowState;
  outcome: EscrowOutcome | null;
  reason: string | null;
  reasonLabel: string | null;
  absentUserIds: string[];
  disputeClosesAt: Date | null;
  disputedByMe: boolean;
  disputedBySystem: boolean;
  disputeReason: string | null;
  resolutionNote: string | null;
  canDispute: boolean;
  iAmCandidate: boolean;
}

/** A session's escrow as one of its participants sees it, or null (none, or not theirs). */
export async function getEscrowForParticipant(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<EscrowView | null> {
  const [e] = await getDb()
    .select()
    .from(sessionEscrows)
    .where(eq(sessionEscrows.sessionId, sessionId));
  if (!e || (e.candidateId !== userId && e.interviewerId !== userId)) return null;
  return {
    amount: e.amount,
    state: e.state,
    outcome: e.outcome,
    reason: e.reason,
    reasonLabel: e.reason ? SETTLEMENT_LABELS[e.reason] : null,
    absentUserIds: e.absentUserIds ?? [],
    disputeClosesAt: e.disputeClosesAt,
    disputedByMe: e.disputedBy === userId,
    disputedBySystem: e.state === "disputed" && e.disputedBy === null,
    disputeReason: e.disputeReason,
    resolutionNote: e.resolutionNote,
    canDispute: canDispute(e, now),
    iAmCandidate: e.candidateId === userId,
  };
}
