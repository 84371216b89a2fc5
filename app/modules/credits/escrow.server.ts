import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Database, getDb } from "#db/client";
import {
  attendanceEvents,
  type EscrowOutcome,
  type EscrowState,
  feedback,
  mockSessions,
  rounds,
  sessionEscrows,
  users,
} from "#db/schema";
import {
  cancelSettlement,
  canDispute,
  DISPUTE_WINDOW_MS,
  disputeSettlement,
  noShowSettlement,
  SETTLEMENT_LABELS,
  type Settlement,
  UNSCORED_RELEASE_AFTER_MS,
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

/** The price a one-way mock of this round and level would be booked at now (shown before booking). */
export function quoteOneWayPrice(input: { roundId: number; targetLevelRank: number }) {
  return oneWayPrice(getDb(), input);
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
