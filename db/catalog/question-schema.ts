import { z } from "zod";
import type { QuestionBank } from "./question-types";
import { type DataProblem, levelCode, pathText, problemList, slug, text } from "./schema-parts";
import type { LoopDefinition } from "./types";

// The rules a question bank must follow before anything is seeded, in the style of
// loop-schema.ts: the shape of every question (question-types.ts), then what ties it to
// its loop (rounds and levels that exist, a level range that is not upside down, slugs
// unique in a round, a Python exercise whose starter and reference define the function
// the tests call). Pure. Loaded banks are checked at start-up; every problem is named by
// its path (`databricks-ic › rounds.coding[3] (merge-intervals).exercise.hidden: …`).

/** Plain JSON, as test arguments and expected results are: no undefined, NaN or Infinity. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "boolean" || typeof value === "string") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as object).every(isPlainJson);
  return false;
}

// A plain check rather than a recursive zod schema: hidden tests may hold thousands of
// values (deep trees), and the banks are checked on every start.
const json = z.custom<unknown>(isPlainJson, {
  message: "must be plain JSON (null, true/false, a finite number, text, a list or an object)",
});

const testCase = z.object({ args: z.array(json).max(10), expected: json }).strict();

/** Python names the harness can call: a plain identifier, not a dunder. */
const PYTHON_NAME = /^[a-z_][a-z0-9_]{0,59}$/;

const pythonExercise = z
  .object({
    language: z.literal("python"),
    entry: z.string().regex(PYTHON_NAME, "must be a Python function name in snake_case"),
    starter: text(6000),
    reference: text(8000),
    examples: z.array(testCase).min(2, "must hold at least two visible tests").max(10),
    hidden: z.array(testCase).min(3, "must hold at least three hidden tests").max(30),
    unordered: z.boolean().optional(),
  })
  .strict();

const sqlExercise = z
  .object({
    language: z.literal("sql"),
    setup: text(8000).refine((setup) => /create\s+table/i.test(setup), {
      message: "must create the tables the query reads (CREATE TABLE)",
    }),
    reference: text(4000),
    ordered: z.boolean(),
  })
  .strict();

const exercise = z.discriminatedUnion("language", [pythonExercise, sqlExercise], {
  errorMap: (issue, ctx) =>
    issue.code === "invalid_union_discriminator"
      ? { message: 'language must be "python" or "sql"' }
      : { message: ctx.defaultError },
});

const question = z
  .object({
    slug,
    title: text(120),
    prompt: text(3000),
    followUps: z.array(text(400)).min(2, "must hold at least two follow-ups").max(10),
    hints: z.array(text(400)).min(2, "must hold at least two hints").max(10),
    goodAnswerL4: text(1200),
    goodAnswerL6: text(1200),
    minLevel: levelCode,
    maxLevel: levelCode,
    topics: z.array(slug).min(1, "must hold at least one topic").max(8),
    exercise: exercise.optional(),
  })
  .strict();

const bankShape = z
  .object({
    loopSlug: slug,
    rounds: z.record(z.string(), z.array(question).min(1, "must hold at least one question")),
  })
  .strict();

/** One problem with a question bank: where (a path into the data) and what. */
export type QuestionProblem = DataProblem;

/** Every bank that is not valid, with all its problems, in one message. */
export class QuestionDataError extends Error {
  constructor(readonly problems: QuestionProblem[]) {
    super(problemList("The question bank data is not valid", problems));
    this.name = "QuestionDataError";
  }
}

/** Problems in what ties a (well-shaped) bank to its loop. */
function crossFieldProblems(
  bank: z.infer<typeof bankShape>,
  loop: LoopDefinition | undefined,
): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const rankOf = new Map(loop?.levels.map((l) => [l.code, l.rank]));
  const roundSlugs = new Set(loop?.rounds.map((r) => r.slug));

  for (const [roundSlug, questions] of Object.entries(bank.rounds)) {
    if (loop && !roundSlugs.has(roundSlug))
      add(`rounds.${roundSlug}`, `names no round of the loop ${loop.slug}`);
    const seen = new Map<string, number>();
    questions.forEach((q, index) => {
      const at = `rounds.${roundSlug}[${index}] (${q.slug})`;
      const first = seen.get(q.slug);
      if (first !== undefined) add(at, `repeats the slug of ${roundSlug}[${first}]`);
      else seen.set(q.slug, index);

      if (loop) {
        for (const key of ["minLevel", "maxLevel"] as const) {
          if (!rankOf.has(q[key])) add(`${at}.${key}`, `names no level of the loop: "${q[key]}"`);
        }
        const min = rankOf.get(q.minLevel);
        const max = rankOf.get(q.maxLevel);
        if (min !== undefined && max !== undefined && min > max)
          add(at, `minLevel ${q.minLevel} is above maxLevel ${q.maxLevel}`);
      }

      const ex = q.exercise;
      if (ex?.language === "python") {
        // The tests call `entry(*args)`: both the pad's starter and the reference
        // solution must define it, and the starter must not give the answer away.
        for (const key of ["starter", "reference"] as const) {
          if (!ex[key].includes(`def ${ex.entry}(`))
            add(`${at}.exercise.${key}`, `must define ${ex.entry}(…), the function the tests call`);
        }
        if (ex.starter.trim() === ex.reference.trim())
          add(`${at}.exercise.starter`, "must not be the reference solution");
      }
    });
  }
  return problems;
}

/**
 * The banks, checked against the loops they belong to: returned as given when every one
 * is valid, else a QuestionDataError listing every problem of every bank. A bank whose
 * loop is not among `loops` is checked for its shape only (the seed then checks its
 * rounds and levels against the database).
 */
export function validateQuestionBanks(
  banks: readonly unknown[],
  loops: readonly LoopDefinition[],
): QuestionBank[] {
  const problems: QuestionProblem[] = [];
  const seenLoops = new Map<string, number>();
  banks.forEach((bank, index) => {
    const name =
      typeof bank === "object" && bank !== null && "loopSlug" in bank
        ? String((bank as { loopSlug: unknown }).loopSlug)
        : `banks[${index}]`;
    const parsed = bankShape.safeParse(bank);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          path: `${name} › ${pathText(issue.path) || "(the bank)"}`,
          message: issue.message,
        });
      }
      return;
    }
    const first = seenLoops.get(parsed.data.loopSlug);
    if (first !== undefined) {
      problems.push({
        path: `${name} › loopSlug`,
        message: `repeats the loop of banks[${first}]: one bank per loop`,
      });
    } else seenLoops.set(parsed.data.loopSlug, index);
    const loop = loops.find((l) => l.slug === parsed.data.loopSlug);
    for (const problem of crossFieldProblems(parsed.data, loop)) {
      problems.push({ path: `${name} › ${problem.path}`, message: problem.message });
    }
  });
  if (problems.length > 0) throw new QuestionDataError(problems);
  return banks as QuestionBank[];
}
