import { and, eq, inArray } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { type EscrowState, sessionEscrows } from "#db/schema";
import {
  cancelSettlement,
  DISPUTE_WINDOW_MS,
  noShowSettlement,
  SETTLEMENT_LABELS,
  type Settlement,
} from "./escrow-rules";
import { postEntry } from "./ledger.server";
import { oneWayPrice } from "./pricing.server";

// The escrow of one-way mocks. Every move is compare-and-swap on the row's state, in the
// caller's transaction, and the credits of a settlement move by one ledger reference per
// session (`settle:<session>`), whichever way they go: a second settlement of the same
// session, from any path, writes nothing.

/** The reference of a session's one settlement entry. */
export function settlementReference(sessionId: string): string {
  return `settle:${sessionId}`;
}

export function holdReference(sessionId: string): string {
  return `hold:${sessionId}`;
}

/**
 * Takes the price from the candidate into escrow, with the booking. Throws the ledger's
 * CHECK violation (isInsufficientCredits) when the balance cannot cover it, which aborts
 * the booking's transaction with it.
 */
export async function holdEscrow(
  tx: Database,
  input: {
    sessionId: string;
    candidateId: string;
    interviewerId: string;
    amount: number;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(sessionEscrows).values({
    sessionId: input.sessionId,
    candidateId: input.candidateId,
    interviewerId: input.interviewerId,
    amount: input.amount,
  });
  await postEntry(tx, {
    userId: input.candidateId,
    amount: -input.amount,
    reason: "escrow_hold",
    reference: holdReference(input.sessionId),
    sessionId: input.sessionId,
    memo: "One-way mock booked",
    at: input.at,
  });
}

/**
 * Settles a session's escrow if it is still in one of `from`: the row becomes released
 * or paid, and the credits go to the candidate or the interviewer. False when the row
 * was not in `from` (settled or moved by someone else first) or there is no escrow.
 */
export async function settleEscrow(
  tx: Database,
  sessionId: string,
  from: readonly EscrowState[],
  settlement: Settlement,
  now: Date,
  resolution?: { adminId: string; note: string | null },
): Promise<boolean> {
  const [row] = await tx
    .update(sessionEscrows)
    .set({
      state: settlement.outcome === "release" ? "released" : "paid",
      outcome: settlement.outcome,
      reason: settlement.reason,
      settledAt: now,
      updatedAt: now,
      ...(resolution ? { resolvedBy: resolution.adminId, resolutionNote: resolution.note } : {}),
    })
    .where(and(eq(sessionEscrows.sessionId, sessionId), inArray(sessionEscrows.state, [...from])))
    .returning({
      candidateId: sessionEscrows.candidateId,
      interviewerId: sessionEscrows.interviewerId,
      amount: sessionEscrows.amount,
    });
  if (!row) return false;
  const release = settlement.outcome === "release";
  await postEntry(tx, {
    userId: release ? row.candidateId : row.interviewerId,
    amount: row.amount,
    reason: release ? "escrow_release" : "escrow_payout",
    reference: settlementReference(sessionId),
    sessionId,
    memo: SETTLEMENT_LABELS[settlement.reason],
    at: now,
  });
  return true;
}

/** A cancelled one-way session (called in the cancel's transaction, after it won). */
export async function settleOnCancel(
  tx: Database,
  input: { sessionId: string; cancelledBy: string; late: boolean; now: Date },
): Promise<Settlement | null> {
  const [escrow] = await tx
    .select({ interviewerId: sessionEscrows.interviewerId })
    .from(sessionEscrows)
    .where(eq(sessionEscrows.sessionId, input.sessionId));
  if (!escrow) return null;
  const settlement = cancelSettlement({
    cancelledBy: input.cancelledBy,
    interviewerId: escrow.interviewerId,
    late: input.late,
  });
  return (await settleEscrow(tx, input.sessionId, ["held"], settlement, input.now))
    ? settlement
    : null;
}

/** The interviewer's scorecard is in (called in the submission's transaction). */
export function settleOnScorecard(tx: Database, sessionId: string, now: Date): Promise<boolean> {
  return settleEscrow(tx, sessionId, ["held"], { outcome: "payout", reason: "scorecard" }, now);
}

/**
 * A no-show was detected (in the detection's transaction): the escrow waits in the
 * dispute window with the evidence and the way it would settle. Nothing moves yet.
 */
export async function openNoShowWindow(
  tx: Database,
  input: { sessionId: string; absentUserIds: string[]; now: Date },
): Promise<boolean> {
  const [escrow] = await tx
    .select({
      candidateId: sessionEscrows.candidateId,
      interviewerId: sessionEscrows.interviewerId,
    })
    .from(sessionEscrows)
    .where(and(eq(sessionEscrows.sessionId, input.sessionId), eq(sessionEscrows.state, "held")));
  if (!escrow) return false;
  const settlement = noShowSettlement({ absentUserIds: input.absentUserIds, ...escrow });
  if (!settlement) return false;
  const rows = await tx
    .update(sessionEscrows)
    .set({
      state: "no_show_pending",
      outcome: settlement.outcome,
      reason: settlement.reason,
      absentUserIds: input.absentUserIds,
      noShowAt: input.now,
      disputeClosesAt: new Date(input.now.getTime() + DISPUTE_WINDOW_MS),
      updatedAt: input.now,
    })
    .where(and(eq(sessionEscrows.sessionId, input.sessionId), eq(sessionEscrows.state, "held")))
    .returning({ id: sessionEscrows.sessionId });
  return rows.length === 1;
}

/** The price a one-way mock of this round and level would be booked at now (shown before booking). */
export function quoteOneWayPrice(input: { roundId: number; targetLevelRank: number }) {
  return oneWayPrice(getDb(), input);
}
