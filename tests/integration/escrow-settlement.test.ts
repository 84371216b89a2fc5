import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { attendanceEvents, mockRequests, mockSessions, sessionEscrows } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { rescheduleSession } from "~/modules/booking/reschedule-session.server";
import { disputeNoShow, resolveDispute } from "~/modules/credits/disputes.server";
import { DISPUTE_WINDOW_MS, UNSCORED_RELEASE_AFTER_MS } from "~/modules/credits/escrow-rules";
import { LATE_EVIDENCE_REASON, sweepEscrows } from "~/modules/credits/escrow-sweep.server";
import { WELCOME_GRANT } from "~/modules/credits/rules";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { recordVideoWebhook, settleSessions } from "~/modules/sessions/room.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  grantCredits,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import {
  balanceOf,
  entriesOf,
  escrowOf,
  ledgerAddsUp,
  priceOf,
  signedJoin,
} from "../support/escrow-fixtures";
import { dimensionsOf, scorecardPayload } from "../support/feedback-fixtures";

// Every settlement path of a one-way mock's escrow, on a fixed clock (NOW is a Monday in
// 2027; sessions are booked 60 hours after it, and the clock is moved by hand).

setupFreshDatabase();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A one-way mock booked 60 h after NOW: the candidate paid its price into escrow. */
async function booked(label: string) {
  const interviewer = await createAvailableUser(`${label} interviewer`);
  await offerToInterview(interviewer.id, "coding", "L7");
  const candidate = await createAvailableUser(`${label} candidate`);
  const sessionId = await bookOneWayAt(candidate.id, interviewer.id, at(60));
  const [session] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
  return {
    sessionId,
    candidate: candidate.id,
    interviewer: interviewer.id,
    price: await priceOf(sessionId),
    startsAt: session!.startsAt,
    endsAt: session!.endsAt,
  };
}

async function joined(sessionId: string, userId: string, when: Date) {
  await getDb()
    .insert(attendanceEvents)
    .values({ sessionId, userId, source: "realtime", kind: "joined", at: when });
}

describe("booking a one-way mock", () => {
  it("holds the price from the candidate with the booking, and stores it on the booking", async () => {
    const s = await booked("Hold");
    expect(s.price).toBeGreaterThanOrEqual(1);
    expect(s.price).toBeLessThanOrEqual(3);
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - s.price);
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT);
    expect(await escrowOf(s.sessionId)).toMatchObject({
      state: "held",
      amount: s.price,
      candidateId: s.candidate,
      interviewerId: s.interviewer,
    });
    expect(await entriesOf(s.sessionId)).toEqual([["escrow_hold", s.candidate, -s.price]]);
  });

  it("refuses cleanly without enough credits: insufficient_credits, nothing written", async () => {
    const interviewer = await createAvailableUser("Poor interviewer");
    await offerToInterview(interviewer.id, "coding", "L7");
    const candidate = await createAvailableUser("Poor candidate");
    // Spend the welcome grant on an earlier booking.
    await bookOneWayAt(candidate.id, interviewer.id, at(30));
    const left = await balanceOf(candidate.id);
    const requestId = await openRequest(candidate.id);
    const sessionsBefore = await getDb().$count(mockSessions);
    const result = await bookProposal({
      userId: candidate.id,
      requestId,
      peerId: interviewer.id,
      start: at(80),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    expect(result).toEqual({ ok: false, error: "insufficient_credits" });
    expect(await getDb().$count(mockSessions)).toBe(sessionsBefore);
    expect(await balanceOf(candidate.id)).toBe(left);
    const [request] = await getDb()
      .select()
      .from(mockRequests)
      .where(eq(mockRequests.id, requestId));
    expect(request?.status).toBe("open");
  });

  it("refuses a price that changed since it was shown, and charges nothing", async () => {
    const interviewer = await createAvailableUser("Price interviewer");
    await offerToInterview(interviewer.id, "coding", "L7");
    const candidate = await createAvailableUser("Price candidate");
    const requestId = await openRequest(candidate.id);
    const book = (expectedPrice: number) =>
      bookProposal({
        userId: candidate.id,
        requestId,
        peerId: interviewer.id,
        start: at(50),
        idempotencyKey: randomUUID(),
        now: NOW,
        expectedPrice,
      });
    const wrong = await book(99);
    expect(wrong).toEqual({ ok: false, error: "price_changed" });
    expect(await balanceOf(candidate.id)).toBe(WELCOME_GRANT);
  });

  it("keeps the escrow when the session is rescheduled", async () => {
    const s = await booked("Move");
    const moved = await rescheduleSession({
      userId: s.candidate,
      sessionId: s.sessionId,
      start: at(72),
      now: NOW,
    });
    expect(moved.ok).toBe(true);
    expect((await escrowOf(s.sessionId))?.state).toBe("held");
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - s.price);
  });
});

describe("cancelling", () => {
  it("more than 24 h ahead gives the credits back to the candidate", async () => {
    const s = await booked("Early");
    const result = await cancelSession({ userId: s.candidate, sessionId: s.sessionId, now: NOW });
    expect(result).toEqual({ ok: true, late: false });
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT);
    expect(await escrowOf(s.sessionId)).toMatchObject({
      state: "released",
      reason: "early_cancel",
    });
  });

  it("late by the candidate pays the interviewer", async () => {
    const s = await booked("Late");
    const late = new Date(s.startsAt.getTime() - 2 * HOUR);
    expect(await cancelSession({ userId: s.candidate, sessionId: s.sessionId, now: late })).toEqual(
      {
        ok: true,
        late: true,
      },
    );
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - s.price);
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT + s.price);
    expect((await escrowOf(s.sessionId))?.reason).toBe("late_cancel");
  });

  it("by the interviewer, even late, gives the credits back to the candidate", async () => {
    const s = await booked("Interviewer cancels");
    const late = new Date(s.startsAt.getTime() - HOUR);
    await cancelSession({ userId: s.interviewer, sessionId: s.sessionId, now: late });
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT);
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT);
    expect((await escrowOf(s.sessionId))?.reason).toBe("interviewer_cancel");
  });
});

describe("held and scored", () => {
  it("pays the interviewer with the scorecard, once", async () => {
    const s = await booked("Scored");
    await joined(s.sessionId, s.candidate, s.startsAt);
    await joined(s.sessionId, s.interviewer, s.startsAt);
    await settleSessions(new Date(s.endsAt.getTime() + MINUTE));
    expect((await escrowOf(s.sessionId))?.state).toBe("held");
    const card = scorecardPayload(await dimensionsOf("coding"));
    const after = new Date(s.endsAt.getTime() + HOUR);
    expect((await submitFeedback(s.sessionId, 1, s.interviewer, card, after)).ok).toBe(true);
    expect((await submitFeedback(s.sessionId, 1, s.interviewer, card, after)).ok).toBe(true);
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT + s.price);
    expect(await escrowOf(s.sessionId)).toMatchObject({ state: "paid", reason: "scorecard" });
    // The sweep, much later, has nothing left to do.
    await sweepEscrows(new Date(s.endsAt.getTime() + UNSCORED_RELEASE_AFTER_MS + HOUR));
    expect(await entriesOf(s.sessionId)).toEqual([
      ["escrow_hold", s.candidate, -s.price],
      ["escrow_payout", s.interviewer, s.price],
    ]);
  });

  it("without a scorecard within 14 days gives the credits back to the candidate", async () => {
    const s = await booked("Unscored");
    await joined(s.sessionId, s.candidate, s.startsAt);
    await joined(s.sessionId, s.interviewer, s.startsAt);
    await settleSessions(new Date(s.endsAt.getTime() + MINUTE));
    await sweepEscrows(new Date(s.endsAt.getTime() + UNSCORED_RELEASE_AFTER_MS - HOUR));
    expect((await escrowOf(s.sessionId))?.state).toBe("held");
    await sweepEscrows(new Date(s.endsAt.getTime() + UNSCORED_RELEASE_AFTER_MS + MINUTE));
    expect(await escrowOf(s.sessionId)).toMatchObject({
      state: "released",
      reason: "no_scorecard",
    });
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT);
  });
});

describe("no-shows", () => {
  const cases = [
    { who: "the interviewer", present: "candidate", reason: "interviewer_absent", paid: false },
    { who: "the candidate", present: "interviewer", reason: "candidate_absent", paid: true },
    { who: "both", present: null, reason: "both_absent", paid: false },
  ] as const;

  for (const c of cases) {
    it(`${c.who} absent: waits out the dispute window, then ${c.paid ? "pays the interviewer" : "refunds the candidate"}`, async () => {
      const s = await booked(`Absent ${c.who}`);
      if (c.present) await joined(s.sessionId, s[c.present], s.startsAt);
      // Nine minutes in is inside the grace window: nothing yet.
      await settleSessions(new Date(s.startsAt.getTime() + 9 * MINUTE));
      expect((await escrowOf(s.sessionId))?.state).toBe("held");
      const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
      await settleSessions(detected);
      const pending = await escrowOf(s.sessionId);
      expect(pending).toMatchObject({ state: "no_show_pending", reason: c.reason });
      expect(pending?.disputeClosesAt?.getTime()).toBe(detected.getTime() + DISPUTE_WINDOW_MS);
      // A single missing webhook never settles on its own: nothing moves inside the window.
      await sweepEscrows(new Date(detected.getTime() + DISPUTE_WINDOW_MS - MINUTE));
      expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - s.price);
      expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT);
      await sweepEscrows(new Date(detected.getTime() + DISPUTE_WINDOW_MS));
      expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - (c.paid ? s.price : 0));
      expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT + (c.paid ? s.price : 0));
      expect((await escrowOf(s.sessionId))?.state).toBe(c.paid ? "paid" : "released");
    });
  }

  it("ignores a late join webhook arriving after settlement: credits moved once", async () => {
    const s = await booked("Late webhook");
    await joined(s.sessionId, s.candidate, s.startsAt);
    const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
    await settleSessions(detected);
    const closes = new Date(detected.getTime() + DISPUTE_WINDOW_MS);
    await sweepEscrows(closes);
    expect((await escrowOf(s.sessionId))?.state).toBe("released");
    const before = [await balanceOf(s.candidate), await balanceOf(s.interviewer)];
    // The interviewer's join, signed like LiveKit's and delivered days late.
    const late = await signedJoin(
      s.sessionId,
      s.interviewer,
      new Date(s.startsAt.getTime() + MINUTE),
    );
    expect(await recordVideoWebhook(late.text, late.authorization)).toBe("recorded");
    await settleSessions(new Date(closes.getTime() + HOUR));
    await sweepEscrows(new Date(closes.getTime() + HOUR));
    expect([await balanceOf(s.candidate), await balanceOf(s.interviewer)]).toEqual(before);
    expect((await escrowOf(s.sessionId))?.state).toBe("released");
    expect(await entriesOf(s.sessionId)).toHaveLength(2);
    // And the database refuses to change a settled escrow, whoever tries.
    await expect(
      getDb()
        .update(sessionEscrows)
        .set({ state: "held", settledAt: null, outcome: null })
        .where(eq(sessionEscrows.sessionId, s.sessionId)),
    ).rejects.toThrow();
  });

  it("freezes for an admin when a late join arrives inside the dispute window", async () => {
    const s = await booked("Late evidence");
    await joined(s.sessionId, s.candidate, s.startsAt);
    const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
    await settleSessions(detected);
    const late = await signedJoin(
      s.sessionId,
      s.interviewer,
      new Date(s.startsAt.getTime() + 2 * MINUTE),
    );
    await recordVideoWebhook(late.text, late.authorization);
    const result = await sweepEscrows(new Date(detected.getTime() + DISPUTE_WINDOW_MS));
    expect(result.frozen).toBe(1);
    expect(await escrowOf(s.sessionId)).toMatchObject({
      state: "disputed",
      disputedBy: null,
      disputeReason: LATE_EVIDENCE_REASON,
    });
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT - s.price);
  });

  it("is not frozen by a pad connection after the session (reading the pad proves nothing)", async () => {
    const s = await booked("Reader afterwards");
    await joined(s.sessionId, s.candidate, s.startsAt);
    const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
    await settleSessions(detected);
    await joined(s.sessionId, s.interviewer, new Date(s.endsAt.getTime() + HOUR));
    const result = await sweepEscrows(new Date(detected.getTime() + DISPUTE_WINDOW_MS));
    expect(result.frozen).toBe(0);
    expect((await escrowOf(s.sessionId))?.state).toBe("released");
  });

  it("a dispute freezes settlement until an admin resolves it", async () => {
    const s = await booked("Disputed");
    await joined(s.sessionId, s.interviewer, s.startsAt);
    const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
    await settleSessions(detected);
    expect((await escrowOf(s.sessionId))?.reason).toBe("candidate_absent");
    const stranger = await createAvailableUser("Dispute stranger");
    expect(
      await disputeNoShow({
        sessionId: s.sessionId,
        userId: stranger.id,
        reason: "x",
        now: detected,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      await disputeNoShow({
        sessionId: s.sessionId,
        userId: s.candidate,
        reason: "  ",
        now: detected,
      }),
    ).toEqual({ ok: false, error: "reason_required" });
    const disputed = await disputeNoShow({
      sessionId: s.sessionId,
      userId: s.candidate,
      reason: "I was in the room; the video never connected.",
      now: new Date(detected.getTime() + HOUR),
    });
    expect(disputed).toEqual({ ok: true });
    // A second dispute, and the sweep after the window, change nothing.
    expect(
      (
        await disputeNoShow({
          sessionId: s.sessionId,
          userId: s.interviewer,
          reason: "No.",
          now: detected,
        })
      ).ok,
    ).toBe(false);
    await sweepEscrows(new Date(detected.getTime() + 2 * DISPUTE_WINDOW_MS));
    expect((await escrowOf(s.sessionId))?.state).toBe("disputed");
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT);
    const admin = await createAvailableUser("Dispute admin");
    const resolved = await resolveDispute({
      sessionId: s.sessionId,
      adminId: admin.id,
      outcome: "release",
      note: "Pad connection shows the candidate present.",
      now: new Date(detected.getTime() + 3 * DISPUTE_WINDOW_MS),
    });
    expect(resolved).toEqual({ ok: true });
    expect(
      await resolveDispute({
        sessionId: s.sessionId,
        adminId: admin.id,
        outcome: "payout",
        note: null,
      }),
    ).toEqual({ ok: false, error: "not_disputed" });
    expect(await balanceOf(s.candidate)).toBe(WELCOME_GRANT);
    expect(await balanceOf(s.interviewer)).toBe(WELCOME_GRANT);
    expect(await escrowOf(s.sessionId)).toMatchObject({
      state: "released",
      reason: "dispute_refund",
    });
  });

  it("refuses a dispute after the 48 hours", async () => {
    const s = await booked("Too late to dispute");
    const detected = new Date(s.startsAt.getTime() + 11 * MINUTE);
    await settleSessions(detected);
    const result = await disputeNoShow({
      sessionId: s.sessionId,
      userId: s.interviewer,
      reason: "I was there.",
      now: new Date(detected.getTime() + DISPUTE_WINDOW_MS),
    });
    expect(result).toEqual({ ok: false, error: "not_disputable" });
  });
});

describe("the whole ledger", () => {
  it("adds up after all of the above: every balance is the sum of its entries, none negative", async () => {
    await grantCredits((await createAvailableUser("Granted")).id, 2);
    expect(await ledgerAddsUp()).toEqual({ mismatched: 0, negative: 0 });
  });
});
