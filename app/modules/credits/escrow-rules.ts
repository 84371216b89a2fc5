import type { EscrowOutcome, SettlementReason } from "#db/schema";
import { WRITE_WINDOW_MS } from "~/modules/feedback/duties";

// Which way a one-way mock's escrow goes, as plain functions of who did what, so each
// rule is unit-tested without a database. The rules in words are in CREDIT_RULES.

/** A detected no-show settles only when this window has passed without a dispute. */
export const DISPUTE_WINDOW_MS = 48 * 60 * 60 * 1000;

/**
 * A held session whose interviewer never submits the scorecard: the credits go back to
 * the candidate when the scorecard can no longer be written (the feedback writing
 * window, 14 days after the end), so an interviewer who submits late still earns.
 */
export const UNSCORED_RELEASE_AFTER_MS = WRITE_WINDOW_MS;

export interface Settlement {
  outcome: EscrowOutcome;
  reason: SettlementReason;
}

/**
 * A cancelled booking: the interviewer cancelling always gives the credits back; the
 * candidate cancelling more than 24 h ahead gets them back, later pays the interviewer.
 */
export function cancelSettlement(input: {
  cancelledBy: string;
  interviewerId: string;
  late: boolean;
}): Settlement {
  if (input.cancelledBy === input.interviewerId) {
    return { outcome: "release", reason: "interviewer_cancel" };
  }
  return input.late
    ? { outcome: "payout", reason: "late_cancel" }
    : { outcome: "release", reason: "early_cancel" };
}

/**
 * A no-show: the interviewer absent (alone or with the candidate) refunds the
 * candidate; the candidate alone absent pays the interviewer. Null when nobody of
 * the two is absent (not a no-show).
 */
export function noShowSettlement(input: {
  absentUserIds: readonly string[];
  candidateId: string;
  interviewerId: string;
}): Settlement | null {
  const candidateAbsent = input.absentUserIds.includes(input.candidateId);
  const interviewerAbsent = input.absentUserIds.includes(input.interviewerId);
  if (candidateAbsent && interviewerAbsent) return { outcome: "release", reason: "both_absent" };
  if (interviewerAbsent) return { outcome: "release", reason: "interviewer_absent" };
  if (candidateAbsent) return { outcome: "payout", reason: "candidate_absent" };
  return null;
}

/** An admin's decision on a disputed no-show. */
export function disputeSettlement(outcome: EscrowOutcome): Settlement {
  return { outcome, reason: outcome === "release" ? "dispute_refund" : "dispute_payout" };
}

/** Whether a participant may still dispute a detected no-show. */
export function canDispute(
  escrow: { state: string; disputeClosesAt: Date | null },
  now: Date,
): boolean {
  return (
    escrow.state === "no_show_pending" &&
    escrow.disputeClosesAt !== null &&
    now.getTime() < escrow.disputeClosesAt.getTime()
  );
}

/** How each settlement reads, for the people and the admin. */
export const SETTLEMENT_LABELS: Record<SettlementReason, string> = {
  early_cancel: "Cancelled more than 24 hours ahead: returned to the candidate",
  late_cancel: "Cancelled late by the candidate: paid to the interviewer",
  interviewer_cancel: "Cancelled by the interviewer: returned to the candidate",
  scorecard: "Held and scored: paid to the interviewer",
  no_scorecard: "No scorecard within 14 days: returned to the candidate",
  interviewer_absent: "The interviewer did not show: returned to the candidate",
  candidate_absent: "The candidate did not show: paid to the interviewer",
  both_absent: "Neither showed: returned to the candidate",
  dispute_refund: "Dispute decided: returned to the candidate",
  dispute_payout: "Dispute decided: paid to the interviewer",
};
