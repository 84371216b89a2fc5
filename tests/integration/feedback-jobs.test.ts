import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { outboxEmails } from "#db/schema";
import {
  getFeedbackForViewer,
  revealedHalves,
  revealOverdueFeedback,
  submitFeedback,
} from "~/modules/feedback/feedback.server";
import { runFeedbackSweep, sendFeedbackReminders } from "~/modules/feedback/notifications.server";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { dimensionsOf, HOUR, insertSession, MINUTE } from "../support/feedback-fixtures";

setupFreshDatabase();

const WEEK = 7 * 24 * HOUR;
/** Each test's session ends in a week of its own, so one test's sweeps never reach another's. */
const FIRST_END = new Date("2027-06-07T10:00:00Z");
let week = 0;

async function completedSession(format: "one_way" | "swap" = "one_way") {
  const candidate = await createUser({ name: "Cara Candidate", timeZone: "America/New_York" });
  const interviewer = await createUser({ name: "Ivo Interviewer", timeZone: "Asia/Kolkata" });
  const endsAt = new Date(FIRST_END.getTime() + week++ * WEEK);
  const startsAt = new Date(endsAt.getTime() - (format === "swap" ? 120 : 60) * MINUTE);
  const sessionId = await insertSession({
    candidateId: candidate.id,
    interviewerId: interviewer.id,
    format,
    startsAt,
    endsAt,
  });
  const after = (ms: number) => new Date(endsAt.getTime() + ms);
  return { sessionId, candidate, interviewer, endsAt, after };
}

async function scorecard() {
  const dims = await dimensionsOf("coding");
  return {
    kind: "scorecard" as const,
    value: {
      score: Object.fromEntries(dims.map((d) => [d.slug, 3])),
      evidence: Object.fromEntries(dims.map((d) => [d.slug, "Talked through the approach."])),
      overall: "hire" as const,
      strengths: "Clear structure.",
      improvements: "Test edge cases earlier.",
      practiseRound: "coding",
      practiseTopic: "Graphs",
    },
  };
}

const rating = {
  kind: "rating" as const,
  value: { preparation: 4, helpfulness: 5, clarity: 4, wouldPractiseAgain: true, comment: "" },
};

async function emailsOf(sessionId: string, kind: string) {
  return getDb()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.sessionId, sessionId), eq(outboxEmails.kind, kind)))
    .orderBy(asc(outboxEmails.dedupeKey));
}

describe("the reveal of feedback", () => {
  it("reveals at once when the last piece is submitted, and emails each recipient once", async () => {
    const s = await completedSession();
    const first = await submitFeedback(
      s.sessionId,
      1,
      s.interviewer.id,
      await scorecard(),
      s.after(2 * HOUR),
    );
    expect(first).toMatchObject({ ok: true, revealed: false });
    expect(await revealedHalves(s.sessionId)).toEqual([]);
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(0);
    const second = await submitFeedback(s.sessionId, 1, s.candidate.id, rating, s.after(3 * HOUR));
    expect(second).toMatchObject({ ok: true, revealed: true });
    expect(await revealedHalves(s.sessionId)).toEqual([1]);

    // The emails were written by the submit itself, in its transaction: no sweep needed.
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(2);
    await runFeedbackSweep(s.after(4 * HOUR));
    const ready = await emailsOf(s.sessionId, "feedback-ready");
    expect(ready.map((e) => e.userId).sort()).toEqual([s.candidate.id, s.interviewer.id].sort());
    const toCandidate = ready.find((e) => e.userId === s.candidate.id)!;
    const scorecardId = first.ok ? first.feedbackId : "";
    expect(toCandidate.dedupeKey).toBe(`feedback-ready:${scorecardId}`);
    expect(toCandidate.subject).toBe("Your feedback from Coding is ready");
    expect(toCandidate.textBody).toContain(`/feedback/${scorecardId}`);
    expect(toCandidate.textBody).toContain("Scorecard from Ivo Interviewer");
  });

  it("reveals one side's feedback 72 hours after the end, not a minute before", async () => {
    const s = await completedSession();
    const submitted = await submitFeedback(
      s.sessionId,
      1,
      s.interviewer.id,
      await scorecard(),
      s.after(HOUR),
    );
    expect(submitted).toMatchObject({ ok: true, revealed: false });

    expect(await revealOverdueFeedback(s.after(71 * HOUR + 59 * MINUTE))).toEqual([]);
    await runFeedbackSweep(s.after(71 * HOUR + 59 * MINUTE));
    expect(await revealedHalves(s.sessionId)).toEqual([]);
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(0);

    const sweep = await runFeedbackSweep(s.after(72 * HOUR));
    expect(sweep.revealed).toBe(1);
    expect(await revealedHalves(s.sessionId)).toEqual([1]);
    // Only the candidate received something; the interviewer is told nothing.
    const ready = await emailsOf(s.sessionId, "feedback-ready");
    expect(ready.map((e) => e.userId)).toEqual([s.candidate.id]);

    await runFeedbackSweep(s.after(72 * HOUR + 5 * MINUTE));
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(1);

    // Written late, after the reveal: readable at once, and its recipient is told.
    const late = await submitFeedback(s.sessionId, 1, s.candidate.id, rating, s.after(80 * HOUR));
    expect(late).toMatchObject({ ok: true, revealed: true });
    await runFeedbackSweep(s.after(81 * HOUR));
    const after = await emailsOf(s.sessionId, "feedback-ready");
    expect(after.map((e) => e.userId).sort()).toEqual([s.candidate.id, s.interviewer.id].sort());
  });

  it("reveals nothing when nobody submitted, even long after the deadline", async () => {
    const s = await completedSession();
    expect(await revealOverdueFeedback(s.after(73 * HOUR))).toEqual([]);
    await runFeedbackSweep(s.after(10 * 24 * HOUR));
    expect(await revealedHalves(s.sessionId)).toEqual([]);
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(0);
  });

  it("reveals each half of a swap on its own, once that half's two pieces are in", async () => {
    const s = await completedSession("swap");
    // Half 1: the booker (candidate) is interviewed; half 2: the other way round.
    const card1 = await submitFeedback(
      s.sessionId,
      1,
      s.interviewer.id,
      await scorecard(),
      s.after(HOUR),
    );
    const rating1 = await submitFeedback(s.sessionId, 1, s.candidate.id, rating, s.after(HOUR));
    const card2 = await submitFeedback(
      s.sessionId,
      2,
      s.candidate.id,
      await scorecard(),
      s.after(HOUR),
    );
    expect([card1, rating1, card2].map((r) => r.ok && r.revealed)).toEqual([false, true, false]);
    expect(await revealedHalves(s.sessionId)).toEqual([1]);
    if (!card1.ok || !rating1.ok || !card2.ok) return;

    // Half 1 is readable by its recipients; half 2's scorecard still waits for its rating.
    expect(await getFeedbackForViewer(card1.feedbackId, s.candidate.id)).not.toBeNull();
    expect(await getFeedbackForViewer(rating1.feedbackId, s.interviewer.id)).not.toBeNull();
    expect(await getFeedbackForViewer(card2.feedbackId, s.interviewer.id)).toBeNull();
    const halfOne = await emailsOf(s.sessionId, "feedback-ready");
    expect(halfOne.map((e) => e.dedupeKey).sort()).toEqual(
      [`feedback-ready:${card1.feedbackId}`, `feedback-ready:${rating1.feedbackId}`].sort(),
    );

    // Half 2 completes on its own.
    const rating2 = await submitFeedback(
      s.sessionId,
      2,
      s.interviewer.id,
      rating,
      s.after(2 * HOUR),
    );
    expect(rating2).toMatchObject({ ok: true, revealed: true });
    expect(await revealedHalves(s.sessionId)).toEqual([1, 2]);
    expect(await getFeedbackForViewer(card2.feedbackId, s.interviewer.id)).not.toBeNull();
    await runFeedbackSweep(s.after(3 * HOUR));
    expect(await emailsOf(s.sessionId, "feedback-ready")).toHaveLength(4);
  });

  it("swap: a half with one piece in reveals at the deadline, a half with none never", async () => {
    const s = await completedSession("swap");
    const card2 = await submitFeedback(
      s.sessionId,
      2,
      s.candidate.id,
      await scorecard(),
      s.after(HOUR),
    );
    await runFeedbackSweep(s.after(72 * HOUR - MINUTE));
    expect(await revealedHalves(s.sessionId)).toEqual([]);
    await runFeedbackSweep(s.after(72 * HOUR));
    expect(await revealedHalves(s.sessionId)).toEqual([2]);
    if (!card2.ok) return;
    const ready = await emailsOf(s.sessionId, "feedback-ready");
    expect(ready.map((e) => e.dedupeKey)).toEqual([`feedback-ready:${card2.feedbackId}`]);
    expect(ready[0]?.userId).toBe(s.interviewer.id);
  });
});

describe("feedback reminders", () => {
  it("reminds once per stage, only those who owe, and nobody who has submitted", async () => {
    const s = await completedSession();
    expect(await sendFeedbackReminders(s.after(59 * MINUTE))).toBe(0);
    await runFeedbackSweep(s.after(HOUR));
    await runFeedbackSweep(s.after(HOUR + 5 * MINUTE));
    const firsts = await emailsOf(s.sessionId, "feedback-due");
    expect(firsts.map((e) => e.dedupeKey).sort()).toEqual(
      [
        `feedback-due-1h:${s.sessionId}:${s.candidate.id}`,
        `feedback-due-1h:${s.sessionId}:${s.interviewer.id}`,
      ].sort(),
    );
    const toCandidate = firsts.find((e) => e.userId === s.candidate.id)!;
    expect(toCandidate.textBody).toContain("Rating of Ivo Interviewer");
    expect(toCandidate.textBody).toContain(`/sessions/${s.sessionId}/feedback/1`);
    // The deadline (end + 72 h, 10:00 UTC) in the reader's own zone.
    expect(toCandidate.textBody).toMatch(/, 06:00 \(America\/New_York, your time\)/);
    const toInterviewer = firsts.find((e) => e.userId === s.interviewer.id)!;
    expect(toInterviewer.textBody).toContain("Scorecard for Cara Candidate");
    expect(toInterviewer.textBody).toMatch(/, 15:30 \(Asia\/Kolkata, your time\)/);

    await submitFeedback(s.sessionId, 1, s.interviewer.id, await scorecard(), s.after(3 * HOUR));
    expect(await sendFeedbackReminders(s.after(47 * HOUR))).toBe(0);
    await runFeedbackSweep(s.after(48 * HOUR));
    await runFeedbackSweep(s.after(49 * HOUR));
    const finals = await getDb()
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.dedupeKey, `feedback-due-final:${s.sessionId}:%`));
    expect(finals.map((e) => e.userId)).toEqual([s.candidate.id]);

    await submitFeedback(s.sessionId, 1, s.candidate.id, rating, s.after(50 * HOUR));
    await runFeedbackSweep(s.after(71 * HOUR));
    expect(await emailsOf(s.sessionId, "feedback-due")).toHaveLength(3);
  });

  it("lists a swap's two duties, and skips the first reminder when the sweep comes late", async () => {
    const s = await completedSession("swap");
    await submitFeedback(s.sessionId, 2, s.interviewer.id, rating, s.after(HOUR / 2));
    await runFeedbackSweep(s.after(50 * HOUR));
    const due = await emailsOf(s.sessionId, "feedback-due");
    expect(due.map((e) => e.dedupeKey).sort()).toEqual(
      [
        `feedback-due-final:${s.sessionId}:${s.candidate.id}`,
        `feedback-due-final:${s.sessionId}:${s.interviewer.id}`,
      ].sort(),
    );
    const toCandidate = due.find((e) => e.userId === s.candidate.id)!;
    expect(toCandidate.textBody).toContain("Rating of Ivo Interviewer");
    expect(toCandidate.textBody).toContain("Scorecard for Ivo Interviewer (half 2)");
    const toInterviewer = due.find((e) => e.userId === s.interviewer.id)!;
    expect(toInterviewer.textBody).toContain("Scorecard for Cara Candidate (half 1)");
    expect(toInterviewer.textBody).not.toContain("Rating of");
  });
});
