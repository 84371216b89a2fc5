import { describe, expect, it } from "vitest";
import {
  canReadFeedback,
  type FeedbackDuty,
  feedbackDuties,
  isHalfOver,
  REVEAL_AFTER_MS,
  revealDue,
  type SessionProgress,
  WRITE_WINDOW_MS,
  writeState,
} from "~/modules/feedback/duties";
import type { SessionShape } from "~/modules/sessions/roles";

const HOUR = 60 * 60 * 1000;

const oneWay: SessionShape = {
  format: "one_way",
  bookedBy: "cand",
  participants: [
    { userId: "cand", role: "candidate" },
    { userId: "intv", role: "interviewer" },
  ],
};

const swap: SessionShape = {
  format: "swap",
  bookedBy: "booker",
  participants: [
    { userId: "booker", role: "swap" },
    { userId: "peer", role: "swap" },
  ],
};

const ENDS_AT = new Date("2026-03-02T10:00:00Z");

function progress(
  shape: SessionShape,
  status: SessionProgress["status"],
  currentHalf = 1,
): SessionProgress & { endsAt: Date } {
  return { ...shape, status, currentHalf, endsAt: ENDS_AT };
}

const at = (msAfterEnd: number) => new Date(ENDS_AT.getTime() + msAfterEnd);

describe("feedbackDuties", () => {
  it("one-way: a scorecard for the candidate and a rating for the interviewer, half 1 only", () => {
    expect(feedbackDuties(oneWay)).toEqual<FeedbackDuty[]>([
      { half: 1, kind: "scorecard", authorId: "intv", recipientId: "cand" },
      { half: 1, kind: "rating", authorId: "cand", recipientId: "intv" },
    ]);
  });

  it("one-way: the booker's identity does not change who interviews", () => {
    const bookedByInterviewer = { ...oneWay, bookedBy: "intv" };
    const scorecard = feedbackDuties(bookedByInterviewer).find((d) => d.kind === "scorecard");
    expect(scorecard).toMatchObject({ authorId: "intv", recipientId: "cand" });
  });

  it("swap: two halves; in half 1 the non-booker interviews, in half 2 the booker does", () => {
    expect(feedbackDuties(swap)).toEqual<FeedbackDuty[]>([
      { half: 1, kind: "scorecard", authorId: "peer", recipientId: "booker" },
      { half: 1, kind: "rating", authorId: "booker", recipientId: "peer" },
      { half: 2, kind: "scorecard", authorId: "booker", recipientId: "peer" },
      { half: 2, kind: "rating", authorId: "peer", recipientId: "booker" },
    ]);
  });

  it("calls for nothing when the session lacks a participant", () => {
    expect(
      feedbackDuties({ ...oneWay, participants: [{ userId: "cand", role: "candidate" }] }),
    ).toEqual([]);
    expect(feedbackDuties({ ...swap, participants: [{ userId: "booker", role: "swap" }] })).toEqual(
      [],
    );
  });

  it("never makes anyone author feedback about themselves", () => {
    for (const d of [...feedbackDuties(oneWay), ...feedbackDuties(swap)]) {
      expect(d.authorId).not.toBe(d.recipientId);
    }
  });
});

describe("isHalfOver", () => {
  it("is false before and during the half, true once the session completes", () => {
    expect(isHalfOver(progress(oneWay, "scheduled"), 1)).toBe(false);
    expect(isHalfOver(progress(oneWay, "in_progress", 1), 1)).toBe(false);
    expect(isHalfOver(progress(oneWay, "completed", 1), 1)).toBe(true);
  });

  it("swap: half 1 is over once roles switch, half 2 only when the session completes", () => {
    const switched = progress(swap, "in_progress", 2);
    expect(isHalfOver(switched, 1)).toBe(true);
    expect(isHalfOver(switched, 2)).toBe(false);
    expect(isHalfOver(progress(swap, "completed", 2), 2)).toBe(true);
  });

  it("a cancelled or no-show session has no half that is over", () => {
    expect(isHalfOver(progress(swap, "cancelled", 2), 1)).toBe(false);
    expect(isHalfOver(progress(swap, "no_show", 2), 1)).toBe(false);
  });
});

describe("writeState", () => {
  it("is not_yet before the half is over, even long after the planned end", () => {
    expect(writeState(progress(oneWay, "scheduled"), 1, at(-HOUR))).toBe("not_yet");
    expect(writeState(progress(oneWay, "in_progress", 1), 1, at(HOUR))).toBe("not_yet");
    expect(writeState(progress(swap, "in_progress", 2), 2, at(0))).toBe("not_yet");
  });

  it("is open once the half is over, up to and including the end of the write window", () => {
    expect(writeState(progress(swap, "in_progress", 2), 1, at(-30 * 60 * 1000))).toBe("open");
    expect(writeState(progress(oneWay, "completed"), 1, at(0))).toBe("open");
    expect(writeState(progress(oneWay, "completed"), 1, at(WRITE_WINDOW_MS))).toBe("open");
  });

  it("closes one millisecond after the write window", () => {
    expect(writeState(progress(oneWay, "completed"), 1, at(WRITE_WINDOW_MS + 1))).toBe("closed");
    expect(writeState(progress(swap, "completed", 2), 2, at(WRITE_WINDOW_MS + HOUR))).toBe(
      "closed",
    );
  });

  it("is not_held for cancelled and no-show sessions, whatever the clock says", () => {
    for (const status of ["cancelled", "no_show"] as const) {
      expect(writeState(progress(oneWay, status), 1, at(HOUR))).toBe("not_held");
      expect(writeState(progress(swap, status, 2), 1, at(-HOUR))).toBe("not_held");
      expect(writeState(progress(oneWay, status), 1, at(WRITE_WINDOW_MS * 2))).toBe("not_held");
    }
  });

  it("uses a 14-day write window", () => {
    expect(WRITE_WINDOW_MS).toBe(14 * 24 * HOUR);
  });
});

describe("revealDue", () => {
  const oneWayDuties = feedbackDuties(oneWay);
  const swapDuties = feedbackDuties(swap);
  const scorecard1 = { half: 1, kind: "scorecard" } as const;
  const rating1 = { half: 1, kind: "rating" } as const;
  const scorecard2 = { half: 2, kind: "scorecard" } as const;

  it("reveals as soon as every duty is submitted, before any deadline", () => {
    expect(
      revealDue({
        duties: oneWayDuties,
        submitted: [rating1, scorecard1],
        endsAt: ENDS_AT,
        now: at(HOUR),
      }),
    ).toBe("both_submitted");
    expect(
      revealDue({ duties: swapDuties, submitted: swapDuties, endsAt: ENDS_AT, now: at(1) }),
    ).toBe("both_submitted");
  });

  it("with one of two submitted: hidden at 72 h minus 1 ms, revealed at exactly 72 h", () => {
    expect(REVEAL_AFTER_MS).toBe(72 * HOUR);
    const base = { duties: oneWayDuties, submitted: [scorecard1], endsAt: ENDS_AT };
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS - 1) })).toBeNull();
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS) })).toBe("deadline");
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS + 1) })).toBe("deadline");
  });

  it("stays hidden when nothing was submitted, even after the deadline", () => {
    const base = { duties: oneWayDuties, submitted: [], endsAt: ENDS_AT };
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS) })).toBeNull();
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS * 10) })).toBeNull();
  });

  it("swap: three of four submitted stays hidden until the deadline", () => {
    const base = {
      duties: swapDuties,
      submitted: [scorecard1, rating1, scorecard2],
      endsAt: ENDS_AT,
    };
    expect(revealDue({ ...base, now: at(HOUR) })).toBeNull();
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS - 1) })).toBeNull();
    expect(revealDue({ ...base, now: at(REVEAL_AFTER_MS) })).toBe("deadline");
  });

  it("matches duties by half as well as kind", () => {
    // Both half-1 items of a swap are not "every duty", though both kinds are present.
    expect(
      revealDue({
        duties: swapDuties,
        submitted: [scorecard1, rating1],
        endsAt: ENDS_AT,
        now: at(HOUR),
      }),
    ).toBeNull();
  });

  it("never reveals a session that called for no feedback before the deadline", () => {
    expect(revealDue({ duties: [], submitted: [], endsAt: ENDS_AT, now: at(HOUR) })).toBeNull();
  });
});

describe("canReadFeedback", () => {
  const item = { authorId: "intv", recipientId: "cand" };

  it("the author can always read what they wrote", () => {
    expect(canReadFeedback(item, "intv", false)).toBe(true);
    expect(canReadFeedback(item, "intv", true)).toBe(true);
  });

  it("the recipient can read it only once revealed", () => {
    expect(canReadFeedback(item, "cand", false)).toBe(false);
    expect(canReadFeedback(item, "cand", true)).toBe(true);
  });

  it("a stranger can never read it", () => {
    expect(canReadFeedback(item, "someone-else", false)).toBe(false);
    expect(canReadFeedback(item, "someone-else", true)).toBe(false);
    expect(canReadFeedback(item, "", true)).toBe(false);
  });
});
