import { describe, expect, it } from "vitest";
import {
  applyRatingFloor,
  bestSource,
  describeStanding,
  type FloorState,
  isQualifyingCall,
  oneWayUpToRank,
  QUALIFICATION_RULES,
  type QualificationSource,
  RATING_FLOOR,
  roundStanding,
} from "~/modules/credits/qualification";

const marks = (average: number) => average * 3;
const NOT_PAUSED: FloorState = { paused: false, average: null, rated: 0 };
const L = (rank: number) => ({ rank, code: `L${rank}` });
const earned = (rank: number, heldAt = 0, call: "hire" | "strong_hire" = "hire") =>
  ({ kind: "earned", level: L(rank), call, heldAt }) as const satisfies QualificationSource;
const granted = (rank: number) =>
  ({ kind: "granted", grantId: 1, level: L(rank), grantedAt: 0, note: "" }) as const;
const coding = { slug: "coding", name: "Coding" };
const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

describe("the rating floor", () => {
  it("does not apply before enough one-way sessions are rated", () => {
    expect(applyRatingFloor({ ratingSums: [], swapsHeldSince: 0 })).toEqual(NOT_PAUSED);
    const twoBad = Array.from({ length: RATING_FLOOR.minimumRated - 1 }, () => marks(1));
    expect(applyRatingFloor({ ratingSums: twoBad, swapsHeldSince: 0 })).toEqual({
      paused: false,
      average: 1,
      rated: 2,
    });
  });

  it("pauses below the floor, until enough swaps are held since", () => {
    const poor = [marks(2), marks(3), marks(2)];
    expect(applyRatingFloor({ ratingSums: poor, swapsHeldSince: 0 })).toMatchObject({
      paused: true,
      rated: 3,
      swapsStillNeeded: RATING_FLOOR.swapsToResume,
    });
    expect(applyRatingFloor({ ratingSums: poor, swapsHeldSince: 1 })).toMatchObject({
      paused: true,
      swapsStillNeeded: RATING_FLOOR.swapsToResume - 1,
    });
    expect(
      applyRatingFloor({ ratingSums: poor, swapsHeldSince: RATING_FLOOR.swapsToResume }).paused,
    ).toBe(false);
  });

  it("holds exactly at the floor, and looks only at the last few sessions", () => {
    expect(
      applyRatingFloor({ ratingSums: [marks(3), marks(3), marks(3)], swapsHeldSince: 0 }).paused,
    ).toBe(false);
    // Five recent good ratings outweigh any number of older bad ones.
    const sums = [...Array(RATING_FLOOR.window).fill(marks(4)), ...Array(20).fill(marks(1))];
    expect(applyRatingFloor({ ratingSums: sums, swapsHeldSince: 0 })).toEqual({
      paused: false,
      average: 4,
      rated: RATING_FLOOR.window,
    });
  });
});

describe("one-way level", () => {
  it("is the lower of offered and qualified, and nothing when either is missing or paused", () => {
    expect(oneWayUpToRank(6, 5, false)).toBe(5);
    expect(oneWayUpToRank(4, 7, false)).toBe(4);
    expect(oneWayUpToRank(null, 7, false)).toBeNull();
    expect(oneWayUpToRank(7, null, false)).toBeNull();
    expect(oneWayUpToRank(7, 7, true)).toBeNull();
  });

  it("counts hire and strong-hire calls only", () => {
    expect(
      ["strong_no_hire", "no_hire", "hire", "strong_hire", null].map(isQualifyingCall),
    ).toEqual([false, false, true, true, false]);
  });

  it("takes the highest source; on a tie the earned call, then the newest", () => {
    expect(bestSource([])).toBeNull();
    expect(bestSource([earned(5), granted(6)])).toEqual(granted(6));
    expect(bestSource([granted(6), earned(6)])).toEqual(earned(6));
    expect(bestSource([earned(6, 1), earned(6, 9), earned(6, 3)])).toEqual(earned(6, 9));
  });
});

describe("what the profile says", () => {
  it("names the call, the level, the round and the date", () => {
    const held = Date.parse("2026-11-03T10:00:00Z");
    const standing = roundStanding(coding, L(5), [earned(5, held)], NOT_PAUSED);
    expect(standing.upTo).toEqual(L(5));
    expect(describeStanding(standing, NOT_PAUSED, day)).toEqual({
      qualification: "Qualified up to L5: hire call at L5 in Coding on 2026-11-03.",
      effect: "One-way candidates are matched with you up to L5.",
    });
  });

  it("says when the offer is above the qualification, or missing", () => {
    const above = roundStanding(coding, L(7), [granted(6)], NOT_PAUSED);
    expect(describeStanding(above, NOT_PAUSED, day)).toEqual({
      qualification: "Granted by an admin up to L6.",
      effect: "One-way candidates are matched with you up to L6, not the L7 you offer.",
    });
    const unoffered = roundStanding(coding, null, [granted(6)], NOT_PAUSED);
    expect(unoffered.upTo).toBeNull();
    expect(describeStanding(unoffered, NOT_PAUSED, day).effect).toContain("do not offer");
  });

  it("says how to qualify, and when the floor pauses", () => {
    const none = roundStanding(coding, L(5), [], NOT_PAUSED);
    expect(describeStanding(none, NOT_PAUSED, day)).toEqual({
      qualification:
        "Not yet qualified for one-way: swaps are open to you; a hire call at a level qualifies you up to it.",
      effect: "You offer up to L5: that takes effect for one-way mocks once you are qualified.",
    });
    const paused: FloorState = { paused: true, average: 2.3, rated: 4, swapsStillNeeded: 1 };
    const stopped = roundStanding(coding, L(5), [granted(5)], paused);
    expect(stopped.upTo).toBeNull();
    expect(describeStanding(stopped, paused, day).effect).toBe(
      "Paused by the rating floor: hold 1 more swap to resume.",
    );
  });

  it("states the floor's numbers in its rule", () => {
    const rule = QUALIFICATION_RULES.find((r) => r.includes("pauses"));
    expect(rule).toContain(`last ${RATING_FLOOR.window} one-way sessions`);
    expect(rule).toContain(`below ${RATING_FLOOR.average} out of 5`);
    expect(rule).toContain(`held ${RATING_FLOOR.swapsToResume} swaps`);
  });
});
