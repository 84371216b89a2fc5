import { describe, expect, it } from "vitest";
import {
  canReadFeedback,
  type FeedbackDuty,
  feedbackDuties,
  halvesToReveal,
  isHalfOver,
  otherPieceOfHalf,
  REVEAL_AFTER_MS,
  revealWaits,
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

describe("halvesToReveal", () => {
  const oneWayDuties = feedbackDuties(oneWay);
  const swapDuties = feedbackDuties(swap);
  const scorecard1 = { half: 1, kind: "scorecard" } as const;
  const rating1 = { half: 1, kind: "rating" } as const;
  const scorecard2 = { half: 2, kind: "scorecard" } as const;
  const rating2 = { half: 2, kind: "rating" } as const;

  it("reveals a one-way session as soon as both pieces are in, before any deadline", () => {
    expect(
      halvesToReveal({
        duties: oneWayDuties,
        submitted: [rating1, scorecard1],
        endsAt: ENDS_AT,
        now: at(HOUR),
      }),
    ).toEqual([{ half: 1, reason: "both_submitted" }]);
    expect(
      halvesToReveal({ duties: swapDuties, submitted: swapDuties, endsAt: ENDS_AT, now: at(1) }),
    ).toEqual([
      { half: 1, reason: "both_submitted" },
      { half: 2, reason: "both_submitted" },
    ]);
  });

  it("with one of two submitted: hidden at 72 h minus 1 ms, revealed at exactly 72 h", () => {
    expect(REVEAL_AFTER_MS).toBe(72 * HOUR);
    const base = { duties: oneWayDuties, submitted: [scorecard1], endsAt: ENDS_AT };
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS - 1) })).toEqual([]);
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS) })).toEqual([
      { half: 1, reason: "deadline" },
    ]);
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS + 1) })).toEqual([
      { half: 1, reason: "deadline" },
    ]);
  });

  it("stays hidden when nothing was submitted, even after the deadline", () => {
    const base = { duties: oneWayDuties, submitted: [], endsAt: ENDS_AT };
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS) })).toEqual([]);
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS * 10) })).toEqual([]);
  });

  it("swap: a half whose two pieces are in reveals at once, the other waits for its own", () => {
    const base = {
      duties: swapDuties,
      submitted: [scorecard1, rating1, scorecard2],
      endsAt: ENDS_AT,
    };
    expect(halvesToReveal({ ...base, now: at(HOUR) })).toEqual([
      { half: 1, reason: "both_submitted" },
    ]);
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS - 1) })).toEqual([
      { half: 1, reason: "both_submitted" },
    ]);
    expect(halvesToReveal({ ...base, now: at(REVEAL_AFTER_MS) })).toEqual([
      { half: 1, reason: "both_submitted" },
      { half: 2, reason: "deadline" },
    ]);
  });

  it("matches pieces by half as well as kind", () => {
    // A scorecard of half 1 and a rating of half 2 complete neither half.
    expect(
      halvesToReveal({
        duties: swapDuties,
        submitted: [scorecard1, rating2],
        endsAt: ENDS_AT,
        now: at(HOUR),
      }),
    ).toEqual([]);
  });

  it("swap after the deadline: only halves with something in are revealed", () => {
    expect(
      halvesToReveal({
        duties: swapDuties,
        submitted: [rating2],
        endsAt: ENDS_AT,
        now: at(REVEAL_AFTER_MS),
      }),
    ).toEqual([{ half: 2, reason: "deadline" }]);
  });

  it("never reveals a session that called for no feedback", () => {
    expect(
      halvesToReveal({ duties: [], submitted: [], endsAt: ENDS_AT, now: at(REVEAL_AFTER_MS) }),
    ).toEqual([]);
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

describe("reveal copy", () => {
  it("names the other piece of the author's half", () => {
    expect(otherPieceOfHalf("scorecard", 2, true, "Ana")).toBe(
      "Ana's rating of your interviewing in half 2",
    );
    expect(otherPieceOfHalf("rating", 1, false, "Ana")).toBe("Ana's scorecard of you");
  });

  it("tells each participant what every piece they receive waits for", () => {
    // Swap: I interview in half 1 (scorecard, submitted) and am interviewed in half 2.
    expect(
      revealWaits(
        [
          { half: 1, kind: "scorecard", submitted: true },
          { half: 2, kind: "rating", submitted: false },
        ],
        true,
        "Ana",
      ),
    ).toEqual([
      "Ana's rating of you (half 1) shows here once Ana submits it.",
      "Ana's scorecard of you (half 2) shows here once it is submitted and your rating of Ana for that half is in.",
    ]);
    expect(revealWaits([{ half: 1, kind: "rating", submitted: false }], false, "Bo")).toEqual([
      "Bo's scorecard of you shows here once it is submitted and your rating of Bo is in.",
    ]);
  });
});
