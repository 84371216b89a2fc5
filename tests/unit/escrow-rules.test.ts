import { describe, expect, it } from "vitest";
import { buildEconomy } from "~/modules/credits/economy";
import {
  cancelSettlement,
  canDispute,
  DISPUTE_WINDOW_MS,
  disputeSettlement,
  noShowSettlement,
} from "~/modules/credits/escrow-rules";

const people = { candidateId: "c", interviewerId: "i" };

describe("cancel settlement", () => {
  it("gives the credits back for an early cancel by the candidate", () => {
    expect(cancelSettlement({ cancelledBy: "c", interviewerId: "i", late: false })).toEqual({
      outcome: "release",
      reason: "early_cancel",
    });
  });
  it("pays the interviewer for a late cancel by the candidate", () => {
    expect(cancelSettlement({ cancelledBy: "c", interviewerId: "i", late: true })).toEqual({
      outcome: "payout",
      reason: "late_cancel",
    });
  });
  it("gives the credits back whenever the interviewer cancels", () => {
    for (const late of [false, true]) {
      expect(cancelSettlement({ cancelledBy: "i", interviewerId: "i", late })).toEqual({
        outcome: "release",
        reason: "interviewer_cancel",
      });
    }
  });
});

describe("no-show settlement", () => {
  it("refunds when the interviewer is absent, alone or with the candidate", () => {
    expect(noShowSettlement({ absentUserIds: ["i"], ...people })?.outcome).toBe("release");
    expect(noShowSettlement({ absentUserIds: ["c", "i"], ...people })).toEqual({
      outcome: "release",
      reason: "both_absent",
    });
  });
  it("pays the interviewer when only the candidate is absent", () => {
    expect(noShowSettlement({ absentUserIds: ["c"], ...people })).toEqual({
      outcome: "payout",
      reason: "candidate_absent",
    });
  });
  it("is no no-show when neither is absent", () => {
    expect(noShowSettlement({ absentUserIds: ["someone else"], ...people })).toBeNull();
  });
  it("names an admin's decision", () => {
    expect(disputeSettlement("payout").reason).toBe("dispute_payout");
    expect(disputeSettlement("release").reason).toBe("dispute_refund");
  });
});

describe("the dispute window", () => {
  const closes = new Date("2027-01-03T00:00:00Z");
  it("is open only for a pending no-show, until it closes", () => {
    const pending = { state: "no_show_pending", disputeClosesAt: closes };
    expect(canDispute(pending, new Date(closes.getTime() - DISPUTE_WINDOW_MS))).toBe(true);
    expect(canDispute(pending, new Date(closes.getTime() - 1))).toBe(true);
    expect(canDispute(pending, closes)).toBe(false);
    expect(canDispute({ state: "disputed", disputeClosesAt: closes }, new Date(0))).toBe(false);
    expect(canDispute({ state: "held", disputeClosesAt: null }, new Date(0))).toBe(false);
  });
});

describe("the economy report", () => {
  it("balances when every credit in is in a balance or in escrow", () => {
    const e = buildEconomy({
      sums: {
        welcome_grant: 9,
        purchase: 10,
        purchase_refund: -4,
        debt_repayment: -1,
        escrow_hold: -6,
        escrow_payout: 2,
        escrow_release: 1,
      },
      heldInEscrow: 3,
      balances: 11,
      owed: 2,
    });
    expect(e.creditsIn.total).toBe(19);
    expect(e.creditsOut.total).toBe(5);
    expect(e.balanced).toBe(true);
    expect(e.escrowAgrees).toBe(true);
  });
  it("says so when it does not", () => {
    const e = buildEconomy({ sums: { welcome_grant: 3 }, heldInEscrow: 1, balances: 3, owed: 0 });
    expect(e.balanced).toBe(false);
    expect(e.escrowAgrees).toBe(false);
  });
});
