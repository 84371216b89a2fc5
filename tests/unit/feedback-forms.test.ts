import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import type { RoundDefinition } from "#db/catalog/types";
import { FEEDBACK_TEXT_MAX, FEEDBACK_TOPIC_MAX, OVERALL_CALLS } from "#db/schema";
import {
  callValue,
  draftFieldNames,
  parseDraft,
  ratingSchema,
  scorecardSchema,
} from "~/modules/feedback/forms";

const rounds = databricksLoop.rounds;
const allRoundSlugs = rounds.map((r) => r.slug);

/** A complete, valid scorecard as the browser would post it. */
function validEntries(round: RoundDefinition): [string, string][] {
  return [
    ...round.dimensions.flatMap((d, i): [string, string][] => [
      [`score.${d.slug}`, String((i % 4) + 1)],
      [`evidence.${d.slug}`, `Evidence for ${d.name}.`],
    ]),
    ["overall", "hire"],
    ["strengths", "Clear plan before coding."],
    ["improvements", "Test the edge cases out loud."],
    ["practiseRound", allRoundSlugs[allRoundSlugs.length - 1]!],
    ["practiseTopic", "Skew handling"],
  ];
}

function toFormData(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

function withValue(entries: [string, string][], name: string, value: string | null) {
  const rest = entries.filter(([n]) => n !== name);
  return value === null ? rest : [...rest, [name, value] as [string, string]];
}

function parseScorecard(round: RoundDefinition, entries: [string, string][]) {
  return parseWithZod(toFormData(entries), { schema: scorecardSchema(round, allRoundSlugs) });
}

/** The field errors of a submission that must have failed. */
function errorsOf(submission: { status?: "success" | "error" }): Record<string, string[] | null> {
  expect(submission.status).toBe("error");
  return (submission as { error?: Record<string, string[] | null> | null }).error ?? {};
}

describe("the shipped loop", () => {
  it("has rounds, each with dimensions, to build scorecards from", () => {
    expect(rounds.length).toBeGreaterThanOrEqual(8);
    for (const round of rounds) expect(round.dimensions.length, round.slug).toBeGreaterThan(0);
  });

  it("behavioral scores each of the six values and answer structure separately", () => {
    const behavioral = rounds.find((r) => r.slug === "behavioral");
    expect(behavioral).toBeDefined();
    expect(behavioral!.dimensions.map((d) => d.slug)).toEqual([
      "customer-obsession",
      "raising-the-bar",
      "truth-seeking",
      "first-principles",
      "bias-for-action",
      "company-first",
      "answer-structure",
    ]);
    const fields = draftFieldNames("scorecard", behavioral!);
    for (const d of behavioral!.dimensions) {
      expect(fields.has(`score.${d.slug}`), d.slug).toBe(true);
      expect(fields.has(`evidence.${d.slug}`), d.slug).toBe(true);
    }
  });
});

describe.each(rounds.map((r) => [r.slug, r] as const))("scorecard of %s", (_slug, round) => {
  const valid = validEntries(round);
  const first = round.dimensions[0]!;
  const last = round.dimensions[round.dimensions.length - 1]!;

  it("accepts a complete form, coercing scores to numbers", () => {
    const submission = parseScorecard(round, valid);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const value = submission.value;
    expect(Object.keys(value.score).sort()).toEqual(round.dimensions.map((d) => d.slug).sort());
    round.dimensions.forEach((d, i) => {
      expect(value.score[d.slug]).toBe((i % 4) + 1);
      expect(typeof value.score[d.slug]).toBe("number");
      expect(value.evidence[d.slug]).toBe(`Evidence for ${d.name}.`);
    });
    expect(value.overall).toBe("hire");
    expect(value.practiseRound).toBe(allRoundSlugs[allRoundSlugs.length - 1]);
    expect(value.practiseTopic).toBe("Skew handling");
  });

  it("trims text and treats an empty practise topic as absent", () => {
    const entries = withValue(
      withValue(valid, "strengths", "  Calm under pressure.  "),
      "practiseTopic",
      "",
    );
    const submission = parseScorecard(round, entries);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.strengths).toBe("Calm under pressure.");
    expect(submission.value.practiseTopic).toBeUndefined();
  });

  it("requires evidence for every dimension", () => {
    const errors = errorsOf(parseScorecard(round, withValue(valid, `evidence.${last.slug}`, null)));
    expect(errors[`evidence.${last.slug}`]).toEqual([
      `Write the evidence behind the ${last.name} score.`,
    ]);
    expect(Object.keys(errors)).toEqual([`evidence.${last.slug}`]);
  });

  it("refuses whitespace-only evidence", () => {
    const errors = errorsOf(
      parseScorecard(round, withValue(valid, `evidence.${first.slug}`, "  ")),
    );
    expect(errors[`evidence.${first.slug}`]).toBeTruthy();
  });

  it.each(["0", "5", "abc", "2.5", "-1"])("refuses score %j", (bad) => {
    const errors = errorsOf(parseScorecard(round, withValue(valid, `score.${first.slug}`, bad)));
    expect(errors[`score.${first.slug}`]).toEqual([`Score ${first.name} from 1 to 4.`]);
    expect(Object.keys(errors)).toEqual([`score.${first.slug}`]);
  });

  it("requires a score for every dimension", () => {
    const errors = errorsOf(parseScorecard(round, withValue(valid, `score.${last.slug}`, null)));
    expect(errors[`score.${last.slug}`]).toEqual([`Score ${last.name} from 1 to 4.`]);
  });

  it("accepts both ends of the 1–4 scale", () => {
    for (const edge of ["1", "4"]) {
      const submission = parseScorecard(round, withValue(valid, `score.${first.slug}`, edge));
      expect(submission.status, edge).toBe("success");
    }
  });

  it("refuses an unknown dimension rather than dropping it", () => {
    const errors = errorsOf(parseScorecard(round, [...valid, ["score.not-a-dimension", "3"]]));
    expect(errors.score).toEqual([
      `${round.name} has no such dimension. Reload the page and try again.`,
    ]);
    const evidenceErrors = errorsOf(
      parseScorecard(round, [...valid, ["evidence.not-a-dimension", "Sneaky."]]),
    );
    expect(evidenceErrors.evidence).toBeTruthy();
  });

  it("refuses another round's dimension", () => {
    const other = rounds
      .flatMap((r) => r.dimensions)
      .find((d) => !round.dimensions.some((own) => own.slug === d.slug))!;
    const errors = errorsOf(parseScorecard(round, [...valid, [`score.${other.slug}`, "3"]]));
    expect(errors.score).toBeTruthy();
  });

  it("caps strengths, improvements and evidence at the text maximum", () => {
    const tooLong = "x".repeat(FEEDBACK_TEXT_MAX + 1);
    const atMax = "x".repeat(FEEDBACK_TEXT_MAX);
    for (const field of ["strengths", "improvements", `evidence.${first.slug}`]) {
      const errors = errorsOf(parseScorecard(round, withValue(valid, field, tooLong)));
      expect(errors[field], field).toEqual(["Keep this under 4,000 characters."]);
      expect(parseScorecard(round, withValue(valid, field, atMax)).status, field).toBe("success");
    }
  });

  it("requires strengths and improvements", () => {
    const errors = errorsOf(
      parseScorecard(round, withValue(withValue(valid, "strengths", null), "improvements", "")),
    );
    expect(errors.strengths).toEqual(["Name at least one strength."]);
    expect(errors.improvements).toEqual(["Name at least one thing to improve."]);
  });

  it("caps the practise topic at 120 characters", () => {
    expect(FEEDBACK_TOPIC_MAX).toBe(120);
    const errors = errorsOf(
      parseScorecard(round, withValue(valid, "practiseTopic", "t".repeat(121))),
    );
    expect(errors.practiseTopic).toEqual(["Keep this under 120 characters."]);
    const ok = parseScorecard(round, withValue(valid, "practiseTopic", "t".repeat(120)));
    expect(ok.status).toBe("success");
  });

  it("refuses a practise round outside the loop, and requires one", () => {
    for (const bad of ["not-a-round", null]) {
      const errors = errorsOf(parseScorecard(round, withValue(valid, "practiseRound", bad)));
      expect(errors.practiseRound, String(bad)).toEqual(["Choose the round to practise next."]);
    }
  });

  it("accepts every round of the loop as the practise round", () => {
    for (const slug of allRoundSlugs) {
      const submission = parseScorecard(round, withValue(valid, "practiseRound", slug));
      expect(submission.status, slug).toBe("success");
    }
  });

  it("requires an overall call from the fixed scale", () => {
    for (const bad of [null, "maybe", "HIRE"]) {
      const errors = errorsOf(parseScorecard(round, withValue(valid, "overall", bad)));
      expect(errors.overall, String(bad)).toEqual(["Make an overall call at the target level."]);
    }
    for (const call of OVERALL_CALLS) {
      expect(parseScorecard(round, withValue(valid, "overall", call)).status, call).toBe("success");
    }
  });
});

describe("callValue", () => {
  it("maps strong no hire … strong hire to 1 … 4", () => {
    expect(OVERALL_CALLS.map(callValue)).toEqual([1, 2, 3, 4]);
  });
});

describe("rating form", () => {
  const valid: [string, string][] = [
    ["preparation", "5"],
    ["helpfulness", "1"],
    ["clarity", "3"],
    ["wouldPractiseAgain", "yes"],
    ["comment", "Great hints."],
  ];
  const parse = (entries: [string, string][]) =>
    parseWithZod(toFormData(entries), { schema: ratingSchema });

  it("accepts a complete form, coercing scores and the yes/no answer", () => {
    const submission = parse(valid);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual({
      preparation: 5,
      helpfulness: 1,
      clarity: 3,
      wouldPractiseAgain: true,
      comment: "Great hints.",
    });
  });

  it("turns 'no' into false and allows no comment", () => {
    const submission = parse(
      withValue(withValue(valid, "wouldPractiseAgain", "no"), "comment", ""),
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.wouldPractiseAgain).toBe(false);
    expect(submission.value.comment).toBeUndefined();
  });

  it.each([
    ["preparation", "0"],
    ["helpfulness", "6"],
    ["clarity", "abc"],
    ["clarity", "4.5"],
    ["preparation", null],
  ] as const)("refuses %s = %j", (field, bad) => {
    const errors = errorsOf(parse(withValue(valid, field, bad)));
    expect(errors[field]?.[0]).toMatch(/from 1 to 5\.$/);
    expect(Object.keys(errors)).toEqual([field]);
  });

  it("refuses anything but yes or no", () => {
    for (const bad of ["maybe", "true", null]) {
      const errors = errorsOf(parse(withValue(valid, "wouldPractiseAgain", bad)));
      expect(errors.wouldPractiseAgain, String(bad)).toEqual([
        "Say whether you would practise with them again.",
      ]);
    }
  });

  it("caps the comment at the text maximum", () => {
    const errors = errorsOf(parse(withValue(valid, "comment", "c".repeat(FEEDBACK_TEXT_MAX + 1))));
    expect(errors.comment).toEqual(["Keep this under 4,000 characters."]);
    expect(parse(withValue(valid, "comment", "c".repeat(FEEDBACK_TEXT_MAX))).status).toBe(
      "success",
    );
  });
});

describe("drafts", () => {
  const coding = rounds.find((r) => r.slug === "coding")!;
  const scorecardFields = draftFieldNames("scorecard", coding);
  const ratingFields = draftFieldNames("rating", coding);

  it("a scorecard draft allows exactly the scorecard's fields", () => {
    expect([...scorecardFields.keys()].sort()).toEqual(
      [
        ...coding.dimensions.flatMap((d) => [
          `score.${d.slug}`,
          `evidence.${d.slug}`,
          `story.${d.slug}`,
          `moment.${d.slug}`,
          `bankStory.${d.slug}`,
        ]),
        "overall",
        "strengths",
        "improvements",
        "practiseRound",
        "practiseTopic",
      ].sort(),
    );
  });

  it("a rating draft allows exactly the rating's fields", () => {
    expect([...ratingFields.keys()].sort()).toEqual(
      ["clarity", "comment", "helpfulness", "preparation", "wouldPractiseAgain"].sort(),
    );
  });

  it("keeps what was typed, valid or not, and ignores intent", () => {
    const result = parseDraft(
      [
        ["intent", "save-draft"],
        ["score.problem-solving", "9"],
        ["strengths", ""],
        ["overall", "maybe"],
      ],
      scorecardFields,
    );
    expect(result).toEqual({
      ok: true,
      values: { "score.problem-solving": "9", strengths: "", overall: "maybe" },
    });
  });

  it("caps each field at the length a submitted form could hold", () => {
    expect(parseDraft([["practiseTopic", "t".repeat(120)]], scorecardFields).ok).toBe(true);
    expect(parseDraft([["practiseTopic", "t".repeat(121)]], scorecardFields)).toEqual({
      ok: false,
    });
    expect(parseDraft([["overall", "x".repeat(65)]], scorecardFields)).toEqual({ ok: false });
    expect(parseDraft([["strengths", "s".repeat(4000)]], scorecardFields).ok).toBe(true);
  });

  it("refuses a field the form does not have", () => {
    expect(parseDraft([["score.not-a-dimension", "3"]], scorecardFields)).toEqual({ ok: false });
    expect(
      parseDraft(
        [
          ["strengths", "ok"],
          ["__proto__", "x"],
        ],
        scorecardFields,
      ),
    ).toEqual({
      ok: false,
    });
    // A rating field is not a scorecard field, and the other way round.
    expect(parseDraft([["comment", "hi"]], scorecardFields)).toEqual({ ok: false });
    expect(parseDraft([["strengths", "hi"]], ratingFields)).toEqual({ ok: false });
  });

  it("refuses a value longer than a submitted form could hold", () => {
    expect(parseDraft([["strengths", "s".repeat(FEEDBACK_TEXT_MAX)]], scorecardFields).ok).toBe(
      true,
    );
    expect(parseDraft([["strengths", "s".repeat(FEEDBACK_TEXT_MAX + 1)]], scorecardFields)).toEqual(
      { ok: false },
    );
  });

  it("refuses a non-text value such as a file", () => {
    const form = new FormData();
    form.append("strengths", new Blob(["x"]), "x.txt");
    expect(parseDraft(form.entries(), scorecardFields)).toEqual({ ok: false });
  });

  it("works on real FormData entries", () => {
    const form = new FormData();
    form.append("intent", "draft");
    form.append("preparation", "4");
    form.append("comment", "Nice.");
    expect(parseDraft(form.entries(), ratingFields)).toEqual({
      ok: true,
      values: { preparation: "4", comment: "Nice." },
    });
  });
});
