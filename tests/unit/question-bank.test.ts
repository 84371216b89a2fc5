import { describe, expect, it } from "vitest";
import { SHIPPED_LOOPS } from "#db/catalog/seed-catalog";
import { SHIPPED_QUESTION_BANKS } from "#db/catalog/seed-questions";
import { roundKind } from "~/modules/sessions/pad-setup";

// The question banks are hand-written data; these checks keep every shipped bank usable
// for every round and every level before it ever reaches the database.

/**
 * How large each bank must be. The first loop's bank has grown for people who practise a
 * lot (its most-rehearsed rounds hold at least 25 questions); a newer bank starts smaller.
 */
const SIZE: Record<string, { deepRounds: Set<string>; deep: number; other: number }> = {
  "databricks-ic": {
    deepRounds: new Set([
      "coding",
      "phone-screen",
      "system-design",
      "ml-system-design",
      "spark-deep-dive",
    ]),
    deep: 25,
    other: 15,
  },
};
const NEW_BANK = { deepRounds: new Set<string>(), deep: 4, other: 4 };

const pairs = SHIPPED_QUESTION_BANKS.map((bank) => {
  const loop = SHIPPED_LOOPS.find((l) => l.slug === bank.loopSlug);
  if (!loop) throw new Error(`bank ${bank.loopSlug} has no shipped loop`);
  return [bank.loopSlug, bank, loop] as const;
});

it("ships a bank for every shipped loop", () => {
  expect(SHIPPED_QUESTION_BANKS.map((b) => b.loopSlug).sort()).toEqual(
    SHIPPED_LOOPS.map((l) => l.slug).sort(),
  );
});

describe.each(pairs)("question bank %s", (_slug, bank, loop) => {
  const size = SIZE[bank.loopSlug] ?? NEW_BANK;
  const rankOf = (code: string) => {
    const level = loop.levels.find((l) => l.code === code);
    if (!level) throw new Error(`unknown level ${code}`);
    return level.rank;
  };
  const allQuestions = Object.values(bank.rounds).flat();

  it("belongs to the loop it is checked against", () => {
    expect(bank.loopSlug).toBe(loop.slug);
  });

  it("only names rounds of the loop", () => {
    const roundSlugs = loop.rounds.map((r) => r.slug);
    for (const roundSlug of Object.keys(bank.rounds)) expect(roundSlugs).toContain(roundSlug);
  });

  it("holds enough questions per round for people who practise a lot", () => {
    for (const round of loop.rounds) {
      const floor = size.deepRounds.has(round.slug) ? size.deep : size.other;
      expect(bank.rounds[round.slug]?.length ?? 0, round.slug).toBeGreaterThanOrEqual(floor);
    }
  });

  it("spreads every deep round's questions across the ladder", () => {
    for (const round of loop.rounds) {
      if (!size.deepRounds.has(round.slug)) continue;
      const questions = bank.rounds[round.slug] ?? [];
      for (const level of loop.levels) {
        const fitting = questions.filter(
          (q) => rankOf(q.minLevel) <= level.rank && level.rank <= rankOf(q.maxLevel),
        );
        expect(fitting.length, `${round.slug} at ${level.code}`).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("lets candidates run their code in the coding rounds and query tables in the deep dive", () => {
    const exercises = (round: string, language: string) =>
      (bank.rounds[round] ?? []).filter((q) => q.exercise?.language === language).length;
    if (bank.rounds.coding) expect(exercises("coding", "python")).toBeGreaterThanOrEqual(20);
    if (bank.rounds["phone-screen"]) {
      expect(exercises("phone-screen", "python")).toBeGreaterThanOrEqual(20);
    }
    if (bank.rounds["spark-deep-dive"]) {
      expect(exercises("spark-deep-dive", "sql")).toBeGreaterThanOrEqual(8);
    }
  });

  it("gives most questions of every coding round a Python exercise to run", () => {
    const codingRounds = loop.rounds.filter((r) => roundKind(r.slug) === "coding");
    expect(codingRounds.length).toBeGreaterThan(0);
    for (const round of codingRounds) {
      const questions = bank.rounds[round.slug] ?? [];
      const runnable = questions.filter((q) => q.exercise?.language === "python");
      expect(runnable.length * 2, round.slug).toBeGreaterThanOrEqual(questions.length);
    }
  });

  it("gives runnable exercises a starter, visible examples and hidden edge cases", () => {
    for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
      for (const q of questions) {
        const exercise = q.exercise;
        if (!exercise) continue;
        const where = `${roundSlug}/${q.slug}`;
        expect(exercise.reference.trim(), where).not.toBe("");
        if (exercise.language === "python") {
          expect(exercise.entry, where).toMatch(/^[a-z_][a-z0-9_]*$/);
          expect(exercise.starter, where).toContain(`def ${exercise.entry}(`);
          expect(exercise.reference, where).toContain(`def ${exercise.entry}(`);
          expect(exercise.starter.trim(), where).not.toBe(exercise.reference.trim());
          expect(exercise.examples.length, where).toBeGreaterThanOrEqual(2);
          expect(exercise.hidden.length, where).toBeGreaterThanOrEqual(3);
        } else {
          expect(exercise.setup, where).toMatch(/create table/i);
        }
      }
    }
  });

  it("uses unique slugs within each round", () => {
    for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
      const slugs = questions.map((q) => q.slug);
      expect(new Set(slugs).size, roundSlug).toBe(slugs.length);
      for (const slug of slugs) expect(slug, roundSlug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("asks no problem in two rounds (a candidate practising both would meet it twice)", () => {
    // One problem is asked twice on purpose, in two different skills: the phone screen
    // wants the algorithm in Python, the deep dive the SQL and how Spark runs it at scale.
    const askedTwiceOnPurpose = new Set(["sessionize-clickstream"]);
    const roundOf = new Map<string, string>();
    for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
      for (const q of questions) {
        // The same slug, or the same function to write, is the same problem.
        const keys = [q.slug, q.exercise?.language === "python" ? `fn:${q.exercise.entry}` : null];
        for (const key of keys) {
          if (key === null || askedTwiceOnPurpose.has(key)) continue;
          expect(roundOf.get(key), `${roundSlug}/${q.slug} repeats ${key}`).toBeUndefined();
          roundOf.set(key, roundSlug);
        }
      }
    }
  });

  it("gives every question a valid level range", () => {
    for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
      for (const q of questions) {
        expect(rankOf(q.minLevel), `${roundSlug}/${q.slug}`).toBeLessThanOrEqual(
          rankOf(q.maxLevel),
        );
      }
    }
  });

  it("covers every level of the ladder in every round", () => {
    const ranks = loop.levels.map((l) => l.rank).sort((a, b) => a - b);
    for (const round of loop.rounds) {
      const questions = bank.rounds[round.slug] ?? [];
      const covered = ranks.filter((rank) =>
        questions.some((q) => rankOf(q.minLevel) <= rank && rank <= rankOf(q.maxLevel)),
      );
      expect(covered, round.slug).toEqual(ranks);
    }
  });

  it("gives every question follow-ups, hints, good answers and topics", () => {
    for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
      for (const q of questions) {
        const where = `${roundSlug}/${q.slug}`;
        expect(q.title.trim(), where).not.toBe("");
        expect(q.prompt.trim().length, where).toBeGreaterThan(40);
        expect(q.followUps.length, where).toBeGreaterThanOrEqual(2);
        expect(q.hints.length, where).toBeGreaterThanOrEqual(2);
        expect(
          [...q.followUps, ...q.hints].every((s) => s.trim().length > 0),
          where,
        ).toBe(true);
        expect(q.goodAnswerL4.trim(), where).not.toBe("");
        expect(q.goodAnswerL6.trim(), where).not.toBe("");
        expect(q.topics.length, where).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("never repeats a prompt", () => {
    const prompts = allQuestions.map((q) => q.prompt.trim().toLowerCase());
    expect(new Set(prompts).size).toBe(prompts.length);
  });
});
