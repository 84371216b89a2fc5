import { PGlite } from "@electric-sql/pglite";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeTestCase,
  PythonExercise,
  QuestionDefinition,
  SqlExercise,
} from "#db/catalog/question-types";
import { SHIPPED_QUESTION_BANKS } from "#db/catalog/seed-questions";
import { buildPythonHarness, readHarnessReport } from "~/modules/runs/python-harness";
import { runSql } from "~/modules/runs/sql-run";

// Every exercise the bank ships is checked the way the room runs it: the reference
// solution through the same harness in real Pyodide (on Node), the SQL setup and reference
// on PGlite. A question whose own answer fails its tests never reaches a room.

const shipped = SHIPPED_QUESTION_BANKS.flatMap((bank) =>
  Object.entries(bank.rounds).flatMap(([round, questions]) =>
    questions
      .filter(
        (q): q is QuestionDefinition & { exercise: NonNullable<QuestionDefinition["exercise"]> } =>
          Boolean(q.exercise),
      )
      .map((q) => ({ where: `${bank.loopSlug}/${round}/${q.slug}`, exercise: q.exercise })),
  ),
);
const python = shipped.filter(
  (s): s is { where: string; exercise: PythonExercise } => s.exercise.language === "python",
);
const sqlExercises = shipped.filter(
  (s): s is { where: string; exercise: SqlExercise } => s.exercise.language === "sql",
);

let pyodide: PyodideInterface;
let pg: PGlite;

beforeAll(async () => {
  [pyodide, pg] = await Promise.all([loadPyodide(), PGlite.create()]);
}, 120_000);
afterAll(async () => {
  await pg?.close();
});

function runTests(code: string, entry: string, cases: CodeTestCase[], unordered = false) {
  const source = buildPythonHarness({ code, entry, cases, unordered });
  const globals = pyodide.globals.get("dict")();
  try {
    const report = pyodide.runPython(source, { globals }) as string;
    return readHarnessReport(report, cases, "Test");
  } finally {
    globals.destroy();
  }
}

// (A bank without exercises of a language has no cases here: vitest refuses an empty table.)
if (python.length > 0)
  describe("every shipped Python exercise", () => {
    it.each(python.map((p) => [p.where, p.exercise] as const))(
      "%s: the reference passes its examples and hidden tests",
      (_where, exercise) => {
        expect(exercise.examples.length).toBeGreaterThanOrEqual(2);
        expect(exercise.hidden.length).toBeGreaterThanOrEqual(3);
        const results = runTests(
          exercise.reference,
          exercise.entry,
          [...exercise.examples, ...exercise.hidden],
          exercise.unordered,
        );
        expect(results.filter((r) => !r.pass)).toEqual([]);
        // The starter is not a solution: it defines the function but fails some test.
        const starter = runTests(
          exercise.starter,
          exercise.entry,
          [...exercise.examples, ...exercise.hidden],
          exercise.unordered,
        );
        expect(starter.some((r) => !r.pass)).toBe(true);
      },
    );
  });

if (sqlExercises.length > 0)
  describe("every shipped SQL exercise", () => {
    it.each(sqlExercises.map((s) => [s.where, s.exercise] as const))(
      "%s: the setup loads and the reference returns rows",
      async (_where, exercise) => {
        const outcome = await runSql(pg, exercise.setup, exercise.reference);
        expect(outcome).toMatchObject({ ok: true });
        expect(outcome.table?.rows.length).toBeGreaterThan(0);
      },
    );
  });

// The harness itself, on exercises made for the purpose, so it is proven even while the
// bank ships few exercises.
describe("the Python test harness", () => {
  const cases: CodeTestCase[] = [
    { args: [[3, 1, 2]], expected: [1, 2, 3] },
    { args: [[]], expected: [] },
  ];

  it("passes a correct function and fails a wrong one, saying what came back", () => {
    expect(runTests("def f(xs):\n    return sorted(xs)\n", "f", cases).map((r) => r.pass)).toEqual([
      true,
      true,
    ]);
    const wrong = runTests("def f(xs):\n    return xs\n", "f", cases);
    expect(wrong.map((r) => r.pass)).toEqual([false, true]);
    expect(wrong[0]).toMatchObject({ name: "Test 1", got: "[3,1,2]", expected: "[1,2,3]" });
  });

  it("compares tuples as lists, and unordered results as sorted", () => {
    const pairs: CodeTestCase[] = [
      {
        args: [[1, 2]],
        expected: [
          [2, 1],
          [1, 2],
        ],
      },
    ];
    const code = "def f(xs):\n    return [tuple(xs), (xs[1], xs[0])]\n";
    expect(runTests(code, "f", pairs)[0]!.pass).toBe(false);
    expect(runTests(code, "f", pairs, true)[0]!.pass).toBe(true);
  });

  it("reports an exception per case, and a case's mutation does not reach the next", () => {
    const code =
      "def f(xs):\n    xs.append(9)\n    if len(xs) > 1:\n        raise ValueError('too long')\n    return xs\n";
    const results = runTests(code, "f", [
      { args: [[]], expected: [9] },
      { args: [[1]], expected: [] },
      { args: [[]], expected: [9] },
    ]);
    expect(results.map((r) => r.pass)).toEqual([true, false, true]);
    expect(results[1]!.got).toBe("ValueError: too long");
  });

  it("fails every case on a syntax error, a missing function or code that exits", () => {
    expect(runTests("def f(xs:\n", "f", cases).map((r) => r.got)).toEqual([
      expect.stringMatching(/^SyntaxError/),
      expect.stringMatching(/^SyntaxError/),
    ]);
    expect(runTests("def g(xs):\n    return xs\n", "f", cases)[0]!.got).toMatch(
      /no function named f/,
    );
    expect(runTests("raise SystemExit(3)\n", "f", cases)[0]!.pass).toBe(false);
  });

  it("keeps the candidate's code inside its string, whatever quotes it holds", () => {
    const code =
      'def f(xs):\n    """ \\"\\"\\" \'\'\' """\n    return sorted(xs)\n# """)\nraise Exception\n';
    expect(runTests(code, "f", cases)[0]!.got).toMatch(/^Exception/);
    const clean = 'def f(xs):\n    s = "\\"\\"\\")\\n"\n    return sorted(xs)\n';
    expect(runTests(clean, "f", cases).map((r) => r.pass)).toEqual([true, true]);
  });

  it("does not run the candidate's own __main__ demo", () => {
    const code =
      'def f(xs):\n    return sorted(xs)\nif __name__ == "__main__":\n    raise RuntimeError("demo ran")\n';
    expect(runTests(code, "f", cases)[0]!.pass).toBe(true);
  });

  it("fails a value that is not JSON instead of crashing", () => {
    const results = runTests("def f(xs):\n    return {1, 2}\n", "f", cases);
    expect(results[0]).toMatchObject({ pass: false });
    expect(results[0]!.got).toMatch(/^not JSON/);
  });
});

describe("SQL runs", () => {
  const setup = "CREATE TABLE t (id int, name text); INSERT INTO t VALUES (1, 'a'), (2, NULL);";

  it("start from the question's tables every time, whatever the last run did", async () => {
    expect((await runSql(pg, setup, "DELETE FROM t")).message).toMatch(/2 row/);
    const outcome = await runSql(pg, setup, "SELECT id, name FROM t ORDER BY id");
    expect(outcome.table).toEqual({
      columns: ["id", "name"],
      rows: [
        ["1", "a"],
        ["2", null],
      ],
      rowCount: 2,
    });
  });

  it("report a bad query as an error, not a crash", async () => {
    const outcome = await runSql(pg, setup, "SELEC 1");
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/syntax error/);
  });

  it("cap the rows shown", async () => {
    const outcome = await runSql(pg, setup, "SELECT g FROM generate_series(1, 1000) g");
    expect(outcome.table?.rows.length).toBe(200);
    expect(outcome.table?.rowCount).toBe(1000);
  });
});
