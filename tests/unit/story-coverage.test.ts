import { describe, expect, it } from "vitest";
import { buildCoverage, uncoveredValues } from "~/modules/stories/coverage";
import { storySchema } from "~/modules/stories/story-form";

const VALUES = [
  { dimensionId: 1, name: "Truth-seeking" },
  { dimensionId: 2, name: "Bias for action" },
  { dimensionId: 3, name: "Customer obsession" },
  { dimensionId: 4, name: "Raising the bar" },
];

describe("buildCoverage", () => {
  it("calls out a value with no story, by name", () => {
    const [truth] = buildCoverage(VALUES, [], []);
    expect(truth).toMatchObject({ state: "missing", stories: [] });
    expect(truth!.callout).toBe("No story yet for Truth-seeking.");
  });

  it("tells apart never told, weak (best ≤ 2) and covered (a 3 or 4)", () => {
    const stories = [
      { id: "a", title: "Rolled back my own launch", valueIds: [1, 2] },
      { id: "b", title: "Shipped the fix before the data was in", valueIds: [2] },
      { id: "c", title: "Sat with the support team", valueIds: [3] },
    ];
    const told = [
      { storyId: "a", dimensionId: 1, score: 2, at: "2026-11-01T10:00:00Z" },
      { storyId: "a", dimensionId: 1, score: 1, at: "2026-10-01T10:00:00Z" },
      { storyId: "b", dimensionId: 2, score: 4, at: "2026-11-02T10:00:00Z" },
    ];
    const byName = Object.fromEntries(buildCoverage(VALUES, stories, told).map((v) => [v.name, v]));
    expect(byName["Truth-seeking"]!.state).toBe("weak");
    // Oldest first.
    expect(byName["Truth-seeking"]!.stories[0]!.scores).toEqual([1, 2]);
    expect(byName["Truth-seeking"]!.callout).toMatch(/scored 2 or less/);
    expect(byName["Bias for action"]!.state).toBe("strong");
    expect(byName["Bias for action"]!.callout).toBeNull();
    // The story with the best score first; the untold one after it.
    expect(byName["Bias for action"]!.stories.map((s) => s.id)).toEqual(["b", "a"]);
    expect(byName["Customer obsession"]!.state).toBe("untold");
    expect(byName["Customer obsession"]!.stories[0]!.best).toBeNull();
    expect(byName["Raising the bar"]!.state).toBe("missing");
  });

  it("a score of one value never counts for another", () => {
    const stories = [{ id: "a", title: "A", valueIds: [1, 2] }];
    const told = [{ storyId: "a", dimensionId: 2, score: 4, at: "2026-11-01T10:00:00Z" }];
    const [truth, bias] = buildCoverage(VALUES, stories, told);
    expect(truth!.state).toBe("untold");
    expect(bias!.state).toBe("strong");
  });

  it("lists a story told for a value it was not tagged with, marked as such", () => {
    const stories = [{ id: "a", title: "A", valueIds: [1] }];
    const told = [{ storyId: "a", dimensionId: 4, score: 3, at: "2026-11-01T10:00:00Z" }];
    const raising = buildCoverage(VALUES, stories, told)[3]!;
    expect(raising.state).toBe("strong");
    expect(raising.stories).toEqual([{ id: "a", title: "A", scores: [3], best: 3, tagged: false }]);
  });

  it("a weak story beside a strong one leaves the value covered", () => {
    const stories = [
      { id: "a", title: "A", valueIds: [1] },
      { id: "b", title: "B", valueIds: [1] },
    ];
    const told = [
      { storyId: "a", dimensionId: 1, score: 1, at: "2026-11-01T10:00:00Z" },
      { storyId: "b", dimensionId: 1, score: 3, at: "2026-11-01T10:00:00Z" },
    ];
    expect(buildCoverage(VALUES, stories, told)[0]!.state).toBe("strong");
  });
});

describe("uncoveredValues", () => {
  it("names the values no shared story shows", () => {
    expect(uncoveredValues(VALUES, [{ valueIds: [1] }, { valueIds: [3, 1] }])).toEqual([
      VALUES[1],
      VALUES[3],
    ]);
    expect(uncoveredValues(VALUES, [])).toEqual(VALUES);
  });
});

describe("storySchema", () => {
  const schema = storySchema([1, 2, 3]);
  const valid = {
    title: "Rolled back my own launch",
    situation: "S",
    task: "T",
    action: "A",
    result: "R",
    values: ["1", "3", "1"],
  };

  it("accepts a story and its values, once each", () => {
    const parsed = schema.parse(valid);
    expect(parsed.values).toEqual([1, 3]);
  });

  it("refuses no value, an unknown value, a two-line title and an overlong part", () => {
    expect(schema.safeParse({ ...valid, values: [] }).error?.issues[0]?.message).toMatch(
      /at least one value/,
    );
    expect(schema.safeParse({ ...valid, values: ["9"] }).error?.issues[0]?.message).toMatch(
      /from the list/,
    );
    expect(schema.safeParse({ ...valid, title: "one\ntwo" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, title: "x".repeat(121) }).success).toBe(false);
    expect(schema.safeParse({ ...valid, action: "x".repeat(2001) }).success).toBe(false);
    expect(schema.safeParse({ ...valid, result: "   " }).error?.issues[0]?.message).toMatch(
      /how it ended/,
    );
  });
});
