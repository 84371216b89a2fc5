import { describe, expect, it } from "vitest";
import type { OverallCall } from "#db/schema";
import {
  CLOSE_AT,
  FOCUS_BELOW,
  READINESS_WINDOW,
  READY_AT,
  type Readiness,
  type ReceivedScorecard,
  readinessFor,
  type SuggestionRound,
  sessionResult,
  suggestNextMock,
} from "~/modules/feedback/readiness";

const L4 = { code: "L4", rank: 4 };
const L5 = { code: "L5", rank: 5 };
const L6 = { code: "L6", rank: 6 };

let nextId = 0;
function card(
  day: number,
  overall: OverallCall,
  scores: Record<string, number>,
  extra: Partial<ReceivedScorecard> = {},
): ReceivedScorecard {
  nextId += 1;
  return {
    feedbackId: `fb-${nextId}`,
    roundSlug: "coding",
    startsAt: new Date(Date.UTC(2026, 0, day, 12)),
    levelCode: L5.code,
    levelRank: L5.rank,
    overall,
    scores: Object.entries(scores).map(([slug, score]) => ({
      slug,
      name: slug.toUpperCase(),
      score,
    })),
    practiseRoundSlug: null,
    practiseTopic: null,
    ...extra,
  };
}

/** n scores of `a` and m of `b`, as distinct dimensions, for a precise mean. */
function scoresOf(counts: [score: number, times: number][]): Record<string, number> {
  const out: Record<string, number> = {};
  let i = 0;
  for (const [score, times] of counts) {
    for (let t = 0; t < times; t++) out[`d${i++}`] = score;
  }
  return out;
}

describe("sessionResult", () => {
  it("is 0 at the bottom of both scales and 1 at the top", () => {
    expect(sessionResult(card(1, "strong_no_hire", { a: 1, b: 1 }))).toBe(0);
    expect(sessionResult(card(1, "strong_hire", { a: 4, b: 4 }))).toBe(1);
  });

  it("weighs the mean dimension score and the call equally", () => {
    // mean 4 → 0.5, strong no hire → 0
    expect(sessionResult(card(1, "strong_no_hire", { a: 4 }))).toBeCloseTo(0.5, 10);
    // mean 1 → 0, strong hire → 0.5
    expect(sessionResult(card(1, "strong_hire", { a: 1 }))).toBeCloseTo(0.5, 10);
    // mean 2 → 1/6, hire → 1/3
    expect(sessionResult(card(1, "hire", { a: 3, b: 1 }))).toBeCloseTo(0.5, 10);
    // mean 2.5 → 0.25, no hire → 1/6
    expect(sessionResult(card(1, "no_hire", { a: 2, b: 3 }))).toBeCloseTo(0.25 + 1 / 6, 10);
  });

  it("treats a card without scores as the bottom of the dimension scale", () => {
    expect(sessionResult({ overall: "strong_hire", scores: [] })).toBeCloseTo(0.5, 10);
  });
});

describe("readinessFor", () => {
  it("without any scorecard: no evidence, no percent", () => {
    const r = readinessFor("coding", L5, []);
    expect(r).toMatchObject({
      roundSlug: "coding",
      status: "no_evidence",
      percent: null,
      basis: [],
      excluded: [],
      focus: [],
    });
    expect(r.reasoning).toEqual(["No feedback for this round yet."]);
  });

  it("ignores other rounds' scorecards", () => {
    const r = readinessFor("coding", L5, [
      card(1, "strong_hire", { a: 4 }, { roundSlug: "system-design" }),
    ]);
    expect(r.status).toBe("no_evidence");
    expect(r.excluded).toEqual([]);
  });

  it("with only scorecards below the target level: no evidence, each listed as excluded", () => {
    const low = card(3, "strong_hire", { a: 4 }, { levelCode: "L4", levelRank: 4 });
    const r = readinessFor("coding", L5, [low]);
    expect(r.status).toBe("no_evidence");
    expect(r.percent).toBeNull();
    expect(r.excluded).toEqual([
      {
        feedbackId: low.feedbackId,
        startsAt: low.startsAt,
        why: "graded at L4, below your L5 target",
      },
    ]);
    expect(r.reasoning[0]).toMatch(/No scorecard at L5 or above/);
  });

  it("counts cards at or above the target; weights the latest three 3:2:1 (hand-computed)", () => {
    // Results: newest 1.0, middle 0.5, oldest 0 → (3·1 + 2·0.5 + 1·0) / 6 = 66.67 → 67 %.
    const newest = card(10, "strong_hire", { a: 4, b: 4, c: 4 });
    const middle = card(8, "hire", { a: 3, b: 1, c: 2 }, { levelCode: "L6", levelRank: 6 });
    const oldest = card(6, "strong_no_hire", { a: 1, b: 1, c: 1 });
    const tooOld = card(4, "strong_hire", { a: 4, b: 4, c: 4 });
    const belowTarget = card(
      12,
      "strong_no_hire",
      { a: 1, b: 1, c: 1 },
      {
        levelCode: "L4",
        levelRank: 4,
      },
    );
    // Shuffled input: order must come from startsAt, not from the array.
    const r = readinessFor("coding", L5, [oldest, belowTarget, tooOld, newest, middle]);

    expect(r.percent).toBe(67);
    expect(r.basis.map((b) => [b.feedbackId, b.weight])).toEqual([
      [newest.feedbackId, 3],
      [middle.feedbackId, 2],
      [oldest.feedbackId, 1],
    ]);
    expect(r.basis[0]!.result).toBeCloseTo(1, 10);
    expect(r.basis[1]!.result).toBeCloseTo(0.5, 10);
    expect(r.basis[1]!.levelCode).toBe("L6");
    expect(r.basis[2]!.result).toBeCloseTo(0, 10);
    expect(r.excluded).toEqual([
      {
        feedbackId: belowTarget.feedbackId,
        startsAt: belowTarget.startsAt,
        why: "graded at L4, below your L5 target",
      },
      {
        feedbackId: tooOld.feedbackId,
        startsAt: tooOld.startsAt,
        why: `older than the latest ${READINESS_WINDOW} sessions`,
      },
    ]);
    expect(r.status).toBe("ready");
    // Dimension averages over the counted three: a 2.67, b 2.00, c 2.33 → b then c.
    expect(r.focus.map((f) => f.slug)).toEqual(["b", "c"]);
    expect(r.focus[0]).toEqual({ slug: "b", name: "B", average: 2 });
    expect(r.focus[1]!.average).toBeCloseTo(7 / 3, 10);
    expect(r.reasoning.at(-1)).toBe("Focus on B (2.0), C (2.3).");
  });

  it("a newer card below target does not displace or change the figure", () => {
    const a = card(5, "hire", { a: 3 });
    const b = card(3, "hire", { a: 3 });
    const before = readinessFor("coding", L5, [a, b]);
    const after = readinessFor("coding", L5, [
      a,
      b,
      card(9, "strong_no_hire", { a: 1 }, { levelCode: "L3", levelRank: 3 }),
    ]);
    expect(after.percent).toBe(before.percent);
    expect(after.status).toBe(before.status);
    expect(after.basis.map((x) => x.feedbackId)).toEqual([a.feedbackId, b.feedbackId]);
  });

  it("uses the target's level: a higher target excludes what a lower one counts", () => {
    const cards = [card(5, "strong_hire", { a: 4 }), card(3, "strong_hire", { a: 4 })];
    expect(readinessFor("coding", L4, cards).status).toBe("ready");
    expect(readinessFor("coding", L5, cards).status).toBe("ready");
    const atL6 = readinessFor("coding", L6, cards);
    expect(atL6.status).toBe("no_evidence");
    expect(atL6.excluded).toHaveLength(2);
    expect(atL6.excluded[0]!.why).toBe("graded at L5, below your L6 target");
  });

  it("is ready at exactly READY_AT with a hire call on two sessions", () => {
    // Two cards: newest (mean 3, hire) = 4/6, older (mean 2, hire) = 3/6.
    // (3·4/6 + 2·3/6) / 5 = 0.6 → 60 %.
    expect(READY_AT).toBe(60);
    const r = readinessFor("coding", L5, [card(5, "hire", { a: 3 }), card(3, "hire", { a: 2 })]);
    expect(r.percent).toBe(60);
    expect(r.status).toBe("ready");
  });

  it("is only close just under READY_AT", () => {
    // Newest 4/6; older mean 2.85 (17×3, 3×2) with no hire → 0.475. (2 + 0.95) / 5 = 59 %.
    const r = readinessFor("coding", L5, [
      card(5, "hire", { a: 3 }),
      card(
        3,
        "no_hire",
        scoresOf([
          [3, 17],
          [2, 3],
        ]),
      ),
    ]);
    expect(r.percent).toBe(59);
    expect(r.status).toBe("close");
  });

  it("a high figure is only close when the latest call is below hire", () => {
    // Newest: mean 4, no hire → 0.5 + 1/6; older: 1.0. (3·0.667 + 2·1) / 5 = 80 %.
    const r = readinessFor("coding", L5, [
      card(5, "no_hire", { a: 4 }),
      card(3, "strong_hire", { a: 4 }),
    ]);
    expect(r.percent).toBe(80);
    expect(r.status).toBe("close");
    expect(r.reasoning).toContain("The latest call was below hire.");
  });

  it("a high figure is only close on a single session", () => {
    const r = readinessFor("coding", L5, [card(5, "strong_hire", { a: 4 })]);
    expect(r.percent).toBe(100);
    expect(r.status).toBe("close");
    expect(r.reasoning).toContain("One session is not enough evidence: do another.");
  });

  it("reads not_yet under CLOSE_AT, close at it", () => {
    expect(CLOSE_AT).toBe(45);
    // Two cards of 0.5 and 0.25 + 1/6: not_yet. Check the boundary from both sides.
    const low = readinessFor("coding", L5, [
      card(5, "no_hire", { a: 2 }), // 1/6 + 1/6 = 1/3
      card(3, "no_hire", { a: 2 }),
    ]);
    expect(low.percent).toBe(33);
    expect(low.status).toBe("not_yet");
    // Newest 0.5 (mean 2, hire), older 0.375 (mean 2.25 → 5/24, no hire → 1/6): 45 %.
    const edge = readinessFor("coding", L5, [
      card(5, "hire", { a: 3, b: 1 }),
      card(3, "no_hire", { a: 2, b: 2, c: 2, d: 3 }),
    ]);
    expect(edge.percent).toBe(45);
    expect(edge.status).toBe("close");
  });

  it("names dimensions under FOCUS_BELOW only, lowest first", () => {
    expect(FOCUS_BELOW).toBe(2.5);
    const r = readinessFor("coding", L5, [
      card(5, "hire", { edge: 2, comms: 3, tests: 1, speed: 3 }),
      card(3, "hire", { edge: 3, comms: 2, tests: 2, speed: 2 }),
    ]);
    // edge 2.5 (not below), comms 2.5 (not below), tests 1.5, speed 2.5.
    expect(r.focus).toEqual([{ slug: "tests", name: "TESTS", average: 1.5 }]);

    const none = readinessFor("coding", L5, [card(5, "hire", { a: 3, b: 4 })]);
    expect(none.focus).toEqual([]);
    expect(none.reasoning.some((line) => line.startsWith("Focus on"))).toBe(false);
  });

  it("only looks at the counted cards for focus areas", () => {
    const r = readinessFor("coding", L5, [
      card(9, "hire", { a: 4 }),
      card(8, "hire", { a: 4 }),
      card(7, "hire", { a: 4 }),
      card(6, "hire", { a: 1, b: 1 }), // out of the window
      card(10, "hire", { b: 1 }, { levelCode: "L4", levelRank: 4 }), // below target
    ]);
    expect(r.focus).toEqual([]);
  });
});

describe("suggestNextMock", () => {
  const rounds: SuggestionRound[] = [
    { slug: "phone-screen", name: "Phone screen" },
    { slug: "coding", name: "Coding" },
    { slug: "system-design", name: "System design" },
  ];

  function readiness(
    slug: string,
    status: Readiness["status"],
    percent: number | null,
    extra: Partial<Readiness> = {},
  ): Readiness {
    return {
      roundSlug: slug,
      status,
      percent,
      basis: [],
      excluded: [],
      focus: [],
      reasoning: [],
      ...extra,
    };
  }

  const lastPractised = (day: number) => [
    {
      feedbackId: `b-${day}`,
      startsAt: new Date(Date.UTC(2026, 0, day)),
      levelCode: "L5",
      result: 1,
      weight: 3,
    },
  ];

  it("returns null without rounds", () => {
    expect(suggestNextMock([], new Map(), [])).toBeNull();
  });

  it("follows the latest interviewer's advice while that round is not ready", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "no_evidence", null)],
      ["coding", readiness("coding", "ready", 80)],
      ["system-design", readiness("system-design", "close", 50)],
    ]);
    const cards = [
      card(1, "hire", { a: 3 }, { practiseRoundSlug: "coding", practiseTopic: "old advice" }),
      card(
        5,
        "hire",
        { a: 3 },
        {
          practiseRoundSlug: "system-design",
          practiseTopic: "Rate limiting",
        },
      ),
    ];
    expect(suggestNextMock(rounds, map, cards)).toEqual({
      roundSlug: "system-design",
      topic: "Rate limiting",
      reason: "Your latest interviewer (Coding) suggested practising System design next.",
    });
  });

  it("advice to a round without evidence yet also wins", () => {
    const map = new Map([["coding", readiness("coding", "close", 50)]]);
    const cards = [card(5, "hire", { a: 3 }, { practiseRoundSlug: "system-design" })];
    expect(suggestNextMock(rounds, map, cards)).toMatchObject({
      roundSlug: "system-design",
      topic: null,
    });
  });

  it("passes over advice for a ready round: first untried round, in loop order", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "close", 50)],
      ["coding", readiness("coding", "ready", 80)],
      ["system-design", readiness("system-design", "no_evidence", null)],
    ]);
    const cards = [card(5, "hire", { a: 3 }, { practiseRoundSlug: "coding" })];
    expect(suggestNextMock(rounds, map, cards)).toEqual({
      roundSlug: "system-design",
      topic: null,
      reason: "You have no feedback at your target level for System design yet.",
    });
  });

  it("ignores advice naming a round outside the loop", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "close", 50)],
      ["coding", readiness("coding", "close", 40)],
      ["system-design", readiness("system-design", "close", 55)],
    ]);
    const cards = [card(5, "hire", { a: 3 }, { practiseRoundSlug: "made-up" })];
    expect(suggestNextMock(rounds, map, cards)?.roundSlug).toBe("coding");
  });

  it("only the newest card's advice counts", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "close", 50)],
      ["coding", readiness("coding", "close", 40)],
      ["system-design", readiness("system-design", "close", 55)],
    ]);
    const cards = [
      card(9, "hire", { a: 3 }, { practiseRoundSlug: null }),
      card(2, "hire", { a: 3 }, { practiseRoundSlug: "system-design" }),
    ];
    // Newest card gave no advice: least ready wins, not the older advice.
    expect(suggestNextMock(rounds, map, cards)?.roundSlug).toBe("coding");
  });

  it("treats a round missing from the map as untried, picking the first in loop order", () => {
    const map = new Map([["coding", readiness("coding", "close", 50)]]);
    expect(suggestNextMock(rounds, map, [])?.roundSlug).toBe("phone-screen");
  });

  it("with everything tried and no advice: the least ready round, topic from its focus", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "close", 50)],
      [
        "coding",
        readiness("coding", "not_yet", 30, {
          focus: [
            { slug: "tests", name: "Testing", average: 1.5 },
            { slug: "comms", name: "Communication", average: 2 },
          ],
        }),
      ],
      ["system-design", readiness("system-design", "ready", 10)],
    ]);
    expect(suggestNextMock(rounds, map, [])).toEqual({
      roundSlug: "coding",
      topic: "Testing",
      reason: "Coding is your least ready round (30%).",
    });
  });

  it("when every round is ready: the one practised longest ago", () => {
    const map = new Map([
      ["phone-screen", readiness("phone-screen", "ready", 90, { basis: lastPractised(10) })],
      ["coding", readiness("coding", "ready", 61, { basis: lastPractised(3) })],
      ["system-design", readiness("system-design", "ready", 70, { basis: lastPractised(7) })],
    ]);
    const cards = [card(12, "hire", { a: 3 }, { practiseRoundSlug: "phone-screen" })];
    expect(suggestNextMock(rounds, map, cards)).toEqual({
      roundSlug: "coding",
      topic: null,
      reason: "Every round reads ready; Coding is the one you practised longest ago.",
    });
  });

  it("works end to end with readinessFor", () => {
    const cards = [
      card(10, "strong_hire", { a: 4 }, { roundSlug: "coding" }),
      card(8, "strong_hire", { a: 4 }, { roundSlug: "coding" }),
      card(6, "no_hire", { a: 2 }, { roundSlug: "phone-screen" }),
      card(4, "hire", { a: 3 }, { roundSlug: "system-design" }),
    ];
    const map = new Map(rounds.map((r) => [r.slug, readinessFor(r.slug, L5, cards)]));
    expect(map.get("coding")!.status).toBe("ready");
    // No advice, all tried: phone screen (33 %) is less ready than system design (67 %).
    expect(suggestNextMock(rounds, map, cards)).toMatchObject({
      roundSlug: "phone-screen",
      topic: "A",
    });
  });
});
