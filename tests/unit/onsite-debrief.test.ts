import { describe, expect, it } from "vitest";
import type { OverallCall } from "#db/schema";
import { type DebriefSitting, loopDebrief } from "~/modules/onsite/debrief";

const DAY: DebriefSitting[] = [
  { position: 1, roundName: "Coding", held: true },
  { position: 2, roundName: "Coding", held: true },
  { position: 3, roundName: "Spark deep dive", held: true },
  { position: 4, roundName: "ML system design", held: true },
  { position: 5, roundName: "Behavioral", held: true },
];

function cards(calls: (OverallCall | null)[]) {
  return calls.flatMap((overall, i) =>
    overall
      ? [{ position: i + 1, overall, scores: [{ name: `Dimension ${i + 1}`, score: 3 }] }]
      : [],
  );
}

function verdict(calls: (OverallCall | null)[], sittings = DAY) {
  return loopDebrief({ levelCode: "L5", sittings, scorecards: cards(calls) }).verdict;
}

describe("the loop debrief's verdict", () => {
  it("passes a day with a majority of hires and at most one no hire", () => {
    expect(verdict(["hire", "no_hire", "hire", "strong_hire", "hire"])).toMatchObject({
      outcome: "passes",
      provisional: false,
    });
  });

  it("sinks a day with any strong no hire, however strong the rest", () => {
    const v = verdict(["strong_hire", "strong_hire", "strong_no_hire", "strong_hire", "hire"]);
    expect(v).toMatchObject({ outcome: "does_not_pass", provisional: false });
    expect(v.reasons[0]).toContain("strong no hire");
    expect(v.reasons[0]).toContain("L5");
  });

  it("sinks a day with two no hires", () => {
    expect(verdict(["hire", "no_hire", "hire", "no_hire", "strong_hire"]).outcome).toBe(
      "does_not_pass",
    );
  });

  it("needs more than half of the rounds at hire or better", () => {
    // 2 of 4 held (the fifth was cancelled) is half, not more.
    const sittings = DAY.map((s) => (s.position === 5 ? { ...s, held: false } : s));
    expect(verdict(["hire", "hire", "no_hire", "hire", null], sittings).outcome).toBe("passes");
    expect(verdict(["hire", "hire", "no_hire", null, null], sittings)).toMatchObject({
      provisional: true,
    });
    const sixRounds = [...DAY, { position: 6, roundName: "Hiring manager", held: true }];
    expect(verdict(["hire", "hire", "hire", "no_hire", null, null], sixRounds)).toMatchObject({
      provisional: true,
    });
  });

  it("is provisional while pending rounds could change it, and says so", () => {
    const v = verdict(["hire", "hire", null, null, null]);
    expect(v).toMatchObject({ outcome: "passes", provisional: true });
    expect(v.reasons.at(-1)).toContain("provisional");
  });

  it("is final despite pending rounds when none of their calls could change it", () => {
    const v = verdict(["strong_no_hire", null, null, null, null]);
    expect(v).toMatchObject({ outcome: "does_not_pass", provisional: false });
    expect(v.reasons.at(-1)).toContain("no call they bring can change this");
    // Three hires of five: a strong no hire in a pending round would still sink it.
    expect(verdict(["hire", "hire", "hire", null, null]).provisional).toBe(true);
  });

  it("has no verdict before any scorecard is revealed", () => {
    expect(verdict([null, null, null, null, null])).toMatchObject({
      outcome: "no_evidence",
      provisional: true,
    });
  });
});

describe("the loop debrief's rounds and dimensions", () => {
  it("lists each round with its call, or as pending or not held", () => {
    const sittings = DAY.map((s) => (s.position === 4 ? { ...s, held: false } : s));
    const debrief = loopDebrief({
      levelCode: "L4",
      sittings,
      scorecards: cards(["hire", null, "no_hire", null, "strong_hire"]),
    });
    expect(debrief.rounds.map((r) => r.state.kind)).toEqual([
      "scored",
      "pending",
      "scored",
      "not_held",
      "scored",
    ]);
    expect(debrief.pending).toBe(1);
  });

  it("finds the strongest and weakest dimensions across the day, with their rounds", () => {
    const debrief = loopDebrief({
      levelCode: "L5",
      sittings: DAY.slice(0, 2),
      scorecards: [
        {
          position: 1,
          overall: "hire",
          scores: [
            { name: "Correctness", score: 4 },
            { name: "Complexity", score: 2 },
            { name: "Communication", score: 3 },
          ],
        },
        {
          position: 2,
          overall: "no_hire",
          scores: [
            { name: "Correctness", score: 1 },
            { name: "Code quality", score: 4 },
          ],
        },
      ],
    });
    expect(debrief.strongest.map((m) => [m.name, m.score, m.position])).toEqual([
      ["Correctness", 4, 1],
      ["Code quality", 4, 2],
      ["Communication", 3, 1],
    ]);
    expect(debrief.weakest.map((m) => [m.name, m.score, m.position])).toEqual([
      ["Correctness", 1, 2],
      ["Complexity", 2, 1],
    ]);
    expect(debrief.rounds[0]!.state).toEqual({ kind: "scored", overall: "hire", average: 3 });
  });
});
