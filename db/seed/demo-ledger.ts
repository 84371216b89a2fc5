import { holdEscrow, settleOnScorecard } from "../../app/modules/credits/escrow.server";
import { getAccount, postEntry } from "../../app/modules/credits/ledger.server";
import { oneWayPrice } from "../../app/modules/credits/pricing.server";
import { WELCOME_GRANT } from "../../app/modules/credits/rules";
import type { Database } from "../client";

// The demo users' ledgers follow their seeded history, through the ledger's own verbs:
// each one-way session held its price from the candidate when it was booked, and paid
// the interviewer when the scorecard came in (held still while it is unwritten). A
// candidate whose welcome grant and earnings do not cover a session at the time it was
// booked gets the difference as a dated grant from Peerloop, so no balance ever dips
// below zero and every entry has a reason.

/** The price of a seeded one-way session, as the booking would have set it. */
export function demoPrice(tx: Database, roundId: number, targetLevelRank: number) {
  return oneWayPrice(tx, { roundId, targetLevelRank });
}

export async function holdDemoEscrow(
  tx: Database,
  input: {
    sessionId: string;
    candidateId: string;
    interviewerId: string;
    price: number;
    bookedAt: Date;
  },
): Promise<void> {
  const { balance } = await getAccount(tx, input.candidateId);
  if (balance < input.price) {
    await postEntry(tx, {
      userId: input.candidateId,
      amount: input.price - balance,
      reason: "admin_grant",
      reference: `demo-grant:${input.sessionId}`,
      sessionId: input.sessionId,
      memo: "Demo credits for a seeded one-way mock",
      at: input.bookedAt,
    });
  }
  await holdEscrow(tx, {
    sessionId: input.sessionId,
    candidateId: input.candidateId,
    interviewerId: input.interviewerId,
    amount: input.price,
    at: input.bookedAt,
  });
}

/** The scorecard of a seeded one-way session is in: the interviewer earned the escrow. */
export function payDemoEscrow(tx: Database, sessionId: string, scoredAt: Date) {
  return settleOnScorecard(tx, sessionId, scoredAt);
}

/**
 * After the history, a demo user left with less than the welcome grant (their credits
 * went into one-way mocks) gets the difference once, so every demo account can still
 * book a one-way mock to try it.
 */
export async function topUpDemoBalances(db: Database, userIds: string[], at: Date) {
  for (const userId of userIds) {
    await db.transaction(async (tx) => {
      const { balance } = await getAccount(tx, userId);
      if (balance >= WELCOME_GRANT) return;
      await postEntry(tx, {
        userId,
        amount: WELCOME_GRANT - balance,
        reason: "admin_grant",
        reference: `demo-topup:${userId}`,
        memo: "Demo credits to try a one-way mock",
        at,
      });
    });
  }
}
