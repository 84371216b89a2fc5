import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { scorecardSchema } from "~/modules/feedback/forms";
import {
  FLAGGED_AREAS_SHOWN,
  flaggedAreas,
  leastRecentlyAsked,
  ownQuestionSchema,
  storySchema,
} from "~/modules/sessions/kit";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe("the bank's offer once it has run out", () => {
  it("is the question met longest ago, never one of this session", () => {
    const history = [
      { questionId: 3, lastSeenAt: day(9) },
      { questionId: 1, lastSeenAt: day(2) },
      { questionId: 2, lastSeenAt: day(5) },
    ];
    expect(leastRecentlyAsked(history, new Set())?.questionId).toBe(1);
    expect(leastRecentlyAsked(history, new Set([1]))?.questionId).toBe(2);
    expect(leastRecentlyAsked(history, new Set([1, 2, 3]))).toBeNull();
    expect(leastRecentlyAsked([], new Set())).toBeNull();
  });

  it("breaks a tie on the lower id, so two pages offer the same question", () => {
    const tie = [
      { questionId: 7, lastSeenAt: day(1) },
      { questionId: 4, lastSeenAt: day(1) },
    ];
    expect(leastRecentlyAsked(tie, new Set())?.questionId).toBe(4);
  });
});

describe("flagged areas", () => {
  it("lists each low-scored dimension once, lowest first, the most recent of equals first", () => {
    const areas = flaggedAreas([
      { roundName: "Coding", startsAt: day(1), scores: [{ name: "Testing", score: 2 }] },
      {
        roundName: "System design",
        startsAt: day(10),
        scores: [
          { name: "Testing", score: 2 },
          { name: "Trade-offs", score: 1 },
          { name: "Clarity", score: 3 },
        ],
      },
    ]);
    expect(areas.map((a) => [a.dimension, a.score, a.roundName])).toEqual([
      ["Trade-offs", 1, "System design"],
      ["Testing", 2, "System design"],
    ]);
    expect(areas[0]!.scoredAt).toBe(day(10).toISOString());
  });

  it("shows at most the cap", () => {
    const scores = Array.from({ length: 9 }, (_, i) => ({ name: `D${i}`, score: 1 }));
    expect(flaggedAreas([{ roundName: "Coding", startsAt: day(1), scores }])).toHaveLength(
      FLAGGED_AREAS_SHOWN,
    );
  });
});

describe("what the kit accepts", () => {
  it("splits follow-ups by line and refuses too many or too long", () => {
    const ok = ownQuestionSchema.parse({ title: " T ", prompt: "P", followUps: "a\n\n b \r\nc" });
    expect(ok).toEqual({ title: "T", prompt: "P", followUps: ["a", "b", "c"] });
    expect(
      ownQuestionSchema.safeParse({ title: "T", prompt: "P", followUps: "x\n".repeat(11) }).success,
    ).toBe(false);
    expect(
      ownQuestionSchema.safeParse({ title: "T", prompt: "P", followUps: "x".repeat(501) }).success,
    ).toBe(false);
  });

  it("tags a story only with one of the round's values", () => {
    const schema = storySchema(["truth-seeking"]);
    expect(schema.safeParse({ value: "truth-seeking" }).success).toBe(true);
    expect(schema.safeParse({ value: "" }).success).toBe(true);
    expect(schema.safeParse({ value: "made-up" }).success).toBe(false);
  });
});

describe("the behavioral round's probe ladders", () => {
  it("exist for the six values, each an opening and at least three deeper rungs", () => {
    const behavioral = databricksLoop.rounds.find((r) => r.slug === "behavioral")!;
    const laddered = behavioral.dimensions.filter((d) => d.probes);
    expect(laddered.map((d) => d.slug)).toEqual([
      "customer-obsession",
      "raising-the-bar",
      "truth-seeking",
      "first-principles",
      "bias-for-action",
      "company-first",
    ]);
    for (const d of laddered) {
      expect(d.probes!.opening.length).toBeGreaterThan(20);
      expect(d.probes!.deeper.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("a scorecard's citations", () => {
  const round = {
    name: "Behavioral",
    dimensions: [{ slug: "truth-seeking", name: "Truth-seeking" }],
  };
  const valid = {
    score: { "truth-seeking": 3 },
    evidence: { "truth-seeking": "Admitted the mistake." },
    overall: "hire",
    strengths: "S",
    improvements: "I",
    practiseRound: "behavioral",
  };
  const mine = "6f1c2c3e-0000-4000-8000-000000000001";

  it("cite only the author's own story notes of the half, and only known dimensions", () => {
    const schema = scorecardSchema(round, ["behavioral"], [mine]);
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, story: { "truth-seeking": mine } }).success).toBe(true);
    expect(
      schema.safeParse({
        ...valid,
        story: { "truth-seeking": "6f1c2c3e-0000-4000-8000-00000000000f" },
      }).success,
    ).toBe(false);
    expect(schema.safeParse({ ...valid, story: { "made-up": mine } }).success).toBe(false);
    // Without stories nothing can be cited.
    expect(
      scorecardSchema(round, ["behavioral"]).safeParse({
        ...valid,
        story: { "truth-seeking": mine },
      }).success,
    ).toBe(false);
  });
});
