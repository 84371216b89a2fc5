import { describe, expect, it } from "vitest";
import { QuestionDataError, validateQuestionBanks } from "#db/catalog/question-schema";
import { SHIPPED_LOOPS } from "#db/catalog/seed-catalog";
import { SHIPPED_QUESTION_BANKS } from "#db/catalog/seed-questions";

// biome-ignore lint/suspicious/noExplicitAny: the tests break the data in ways its type forbids
type Loose = Record<string, any>;

const databricks = SHIPPED_QUESTION_BANKS.find((b) => b.loopSlug === "databricks-ic")!;

/** A deep copy of the shipped Databricks bank, changed by `change`. */
function bankWith(change: (bank: Loose) => void): unknown {
  const copy = structuredClone(databricks) as unknown as Loose;
  change(copy);
  return copy;
}

/** The problems validateQuestionBanks finds, as "path: message" lines. */
function problemsOf(...banks: unknown[]): string[] {
  try {
    validateQuestionBanks(banks, SHIPPED_LOOPS);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(QuestionDataError);
    return (err as QuestionDataError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe("question bank data", () => {
  it("accepts every bank that ships", () => {
    expect(validateQuestionBanks(SHIPPED_QUESTION_BANKS, SHIPPED_LOOPS)).toBe(
      SHIPPED_QUESTION_BANKS,
    );
  });

  it("names the bad field by its path, with what is wrong", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        bank.rounds.coding[0].title = "";
        bank.rounds.coding[1].followUps = ["only one"];
        bank.rounds.behavioral[2].hints = "not a list";
        bank.rounds["system-design"][0].topics = ["Not A Slug"];
        bank.rounds["recruiter-screen"][3].prompt = "x".repeat(5000);
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "databricks-ic › rounds.coding[0].title: must not be empty",
        "databricks-ic › rounds.coding[1].followUps: must hold at least two follow-ups",
        expect.stringMatching(/^databricks-ic › rounds\.behavioral\[2\]\.hints: Expected array/),
        expect.stringMatching(
          /^databricks-ic › rounds\.system-design\[0\]\.topics\[0\]: must be a slug/,
        ),
        "databricks-ic › rounds.recruiter-screen[3].prompt: must be at most 3000 characters",
      ]),
    );
  });

  it("refuses fields it does not know (a typo is not silently ignored)", () => {
    const problems = problemsOf(bankWith((bank) => (bank.rounds.coding[2].hint = ["typo"])));
    expect(problems.join("\n")).toMatch(
      /rounds\.coding\[2\]: Unrecognized key\(s\) in object: 'hint'/,
    );
  });

  it("checks what a runnable exercise needs", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        const python = bank.rounds.coding.filter((q: Loose) => q.exercise?.language === "python");
        python[0].exercise.hidden = python[0].exercise.hidden.slice(0, 2);
        python[1].exercise.examples = [];
        python[2].exercise.entry = "Not-A-Name";
        python[3].exercise.language = "cobol";
        python[4].exercise.examples[0].expected = undefined;
        const sql = bank.rounds["spark-deep-dive"].find(
          (q: Loose) => q.exercise?.language === "sql",
        );
        sql.exercise.setup = "select 1";
        delete sql.exercise.ordered;
      }),
    ).join("\n");
    expect(problems).toMatch(
      /coding\[\d+\]\.exercise\.hidden: must hold at least three hidden tests/,
    );
    expect(problems).toMatch(
      /coding\[\d+\]\.exercise\.examples: must hold at least two visible tests/,
    );
    expect(problems).toMatch(/coding\[\d+\]\.exercise\.entry: must be a Python function name/);
    expect(problems).toMatch(
      /coding\[\d+\]\.exercise\.language: language must be "python" or "sql"/,
    );
    expect(problems).toMatch(
      /coding\[\d+\]\.exercise\.examples\[0\]\.expected: must be plain JSON/,
    );
    expect(problems).toMatch(/spark-deep-dive\[\d+\]\.exercise\.setup: must create the tables/);
    expect(problems).toMatch(/spark-deep-dive\[\d+\]\.exercise\.ordered: Required/);
  });

  it("checks the starter and reference against the function the tests call", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        const python = bank.rounds.coding.filter((q: Loose) => q.exercise?.language === "python");
        python[0].exercise.starter = python[0].exercise.reference;
        python[1].exercise.reference = "def something_else():\n    return 1\n";
      }),
    ).join("\n");
    expect(problems).toMatch(
      /rounds\.coding\[\d+\] \([a-z0-9-]+\)\.exercise\.starter: must not be the reference solution/,
    );
    expect(problems).toMatch(
      /rounds\.coding\[\d+\] \([a-z0-9-]+\)\.exercise\.reference: must define [a-z_]+\(…\), the function the tests call/,
    );
  });

  it("checks rounds and levels against the bank's loop", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        bank.rounds.whiteboarding = [bank.rounds.coding[0]];
        bank.rounds.coding[3].minLevel = "E5";
        bank.rounds.coding[4].maxLevel = "L9";
        bank.rounds.coding[5].minLevel = "L7";
        bank.rounds.coding[5].maxLevel = "L3";
      }),
    ).join("\n");
    expect(problems).toMatch(
      /databricks-ic › rounds\.whiteboarding: names no round of the loop databricks-ic/,
    );
    expect(problems).toMatch(
      /rounds\.coding\[3\] \([a-z0-9-]+\)\.minLevel: names no level of the loop: "E5"/,
    );
    expect(problems).toMatch(
      /rounds\.coding\[4\] \([a-z0-9-]+\)\.maxLevel: names no level of the loop: "L9"/,
    );
    expect(problems).toMatch(
      /rounds\.coding\[5\] \([a-z0-9-]+\): minLevel L7 is above maxLevel L3/,
    );
    // A level that is not even shaped like a code is a shape problem, found first.
    expect(problemsOf(bankWith((bank) => (bank.rounds.coding[6].minLevel = "level five")))).toEqual(
      [
        expect.stringMatching(
          /^databricks-ic › rounds\.coding\[6\]\.minLevel: must be a level code/,
        ),
      ],
    );
  });

  it("refuses a repeated question slug in a round, and two banks for one loop", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        bank.rounds.behavioral[1].slug = bank.rounds.behavioral[0].slug;
      }),
      databricks,
    ).join("\n");
    expect(problems).toMatch(
      /databricks-ic › rounds\.behavioral\[1\] \([a-z0-9-]+\): repeats the slug of behavioral\[0\]/,
    );
    expect(problems).toMatch(/databricks-ic › loopSlug: repeats the loop of banks\[0\]/);
  });

  it("checks a bank of a loop it does not know for its shape only", () => {
    const other = { loopSlug: "some-other-loop", rounds: { anything: databricks.rounds.coding } };
    expect(problemsOf(other)).toEqual([]);
    expect(problemsOf({ loopSlug: "x", rounds: { r: [] } })).toEqual([
      "x › rounds.r: must hold at least one question",
    ]);
    expect(problemsOf(null, 42).join("\n")).toMatch(/^banks\[0\] › \(the bank\): /);
  });

  it("refuses test values that are not plain JSON", () => {
    const problems = problemsOf(
      bankWith((bank) => {
        const python = bank.rounds.coding.find((q: Loose) => q.exercise?.language === "python");
        python.exercise.hidden[0].args = [Number.NaN];
      }),
    ).join("\n");
    expect(problems).toMatch(/exercise\.hidden\[0\]\.args\[0\]/);
  });
});
