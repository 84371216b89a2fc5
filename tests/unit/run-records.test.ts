import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PythonExercise, SqlExercise } from "#db/catalog/question-types";
import { buildContentSecurityPolicy } from "~/http/security";
import { EXCALIDRAW_VERSION } from "~/modules/board/board-assets";
import { publicExercise } from "~/modules/runs/exercise-views";
import { readHarnessReport } from "~/modules/runs/python-harness";
import {
  fitRecord,
  RUN_LIMITS,
  type RunRecord,
  runRecordProblem,
} from "~/modules/runs/run-records";
import { PGLITE_VERSION, PYODIDE_VERSION } from "~/modules/runs/runtime-assets";
import { removeNetwork, tracebackOfUserCode } from "~/modules/runs/worker-protocol";

const ME = "7b1c3c1e-0000-4000-8000-000000000001";

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: "run-1",
    by: ME,
    byName: "Ada",
    kind: "code",
    language: "python",
    code: "print(1)",
    input: "",
    stdout: "1\n",
    stderr: "",
    exit: "ok",
    ms: 12,
    at: 1_800_000_000_000,
    truncated: false,
    ...overrides,
  };
}

describe("run records", () => {
  it("accept a well-formed record of the sender, with tests or a table", () => {
    expect(runRecordProblem(record(), ME)).toBeNull();
    expect(
      runRecordProblem(
        record({
          kind: "examples",
          tests: [{ name: "Example 1", pass: true, args: "[1]", expected: "1", got: "1" }],
        }),
        ME,
      ),
    ).toBeNull();
    expect(
      runRecordProblem(
        record({ language: "sql", table: { columns: ["a"], rows: [["1"], [null]], rowCount: 2 } }),
        ME,
      ),
    ).toBeNull();
  });

  it("refuse a record in someone else's name", () => {
    expect(runRecordProblem(record({ by: "someone-else" }), ME)).toMatch(/sender's own/);
    expect(runRecordProblem(record(), "someone-else")).toMatch(/sender's own/);
  });

  it("refuse values that are not records, and unknown fields", () => {
    for (const value of [null, "run", 3, [record()]])
      expect(runRecordProblem(value, ME)).toMatch(/object/);
    expect(runRecordProblem({ ...record(), extra: 1 }, ME)).toMatch(/no field extra/);
    expect(runRecordProblem(record({ id: "" }), ME)).toMatch(/id/);
    expect(runRecordProblem(record({ id: "x".repeat(RUN_LIMITS.idLength + 1) }), ME)).toMatch(/id/);
  });

  it("refuse unknown kinds, languages and exits", () => {
    expect(runRecordProblem(record({ kind: "secret" as never }), ME)).toMatch(/kind/);
    expect(runRecordProblem(record({ language: "scala" as never }), ME)).toMatch(/Python and SQL/);
    expect(runRecordProblem(record({ exit: "crashed" as never }), ME)).toMatch(/exit/);
  });

  it("hold every text to its limit, one character over is refused", () => {
    const L = RUN_LIMITS;
    expect(runRecordProblem(record({ code: "x".repeat(L.codeLength) }), ME)).toBeNull();
    expect(runRecordProblem(record({ code: "x".repeat(L.codeLength + 1) }), ME)).toMatch(/code/);
    expect(runRecordProblem(record({ input: "x".repeat(L.inputLength + 1) }), ME)).toMatch(/input/);
    expect(runRecordProblem(record({ stdout: "x".repeat(L.outputLength + 1) }), ME)).toMatch(
      /output/,
    );
    expect(runRecordProblem(record({ stderr: "x".repeat(L.outputLength + 1) }), ME)).toMatch(
      /errors/,
    );
    expect(runRecordProblem(record({ byName: "x".repeat(L.nameLength + 1) }), ME)).toMatch(/name/);
  });

  it("hold times, tests and tables to their bounds", () => {
    const L = RUN_LIMITS;
    expect(runRecordProblem(record({ ms: -1 }), ME)).toMatch(/time/);
    expect(runRecordProblem(record({ ms: L.maxMs + 1 }), ME)).toMatch(/time/);
    expect(runRecordProblem(record({ ms: Number.NaN }), ME)).toMatch(/time/);
    expect(runRecordProblem(record({ at: 1.5 }), ME)).toMatch(/time stamp/);
    const test = { name: "t", pass: true, args: "[]", expected: "1", got: "1" };
    expect(
      runRecordProblem(record({ tests: Array.from({ length: L.tests + 1 }, () => test) }), ME),
    ).toMatch(/too many tests/);
    expect(
      runRecordProblem(
        record({ tests: [{ ...test, got: "x".repeat(L.testValueLength + 1) }] }),
        ME,
      ),
    ).toMatch(/got/);
    expect(runRecordProblem(record({ tests: [{ ...test, pass: "yes" as never }] }), ME)).toMatch(
      /passes/,
    );
    const row = ["1"];
    expect(
      runRecordProblem(
        record({
          table: {
            columns: ["a"],
            rows: Array.from({ length: L.tableRows + 1 }, () => row),
            rowCount: 999,
          },
        }),
        ME,
      ),
    ).toMatch(/too many rows/);
    expect(
      runRecordProblem(record({ table: { columns: ["a", "b"], rows: [row], rowCount: 1 } }), ME),
    ).toMatch(/one short cell per column/);
    expect(
      runRecordProblem(
        record({ table: { columns: ["a"], rows: [[{} as never]], rowCount: 1 } }),
        ME,
      ),
    ).toMatch(/cell/);
  });

  it("refuse a record larger than the byte limit even when each field fits", () => {
    const wide = "é".repeat(RUN_LIMITS.outputLength); // two bytes each in UTF-8
    expect(
      runRecordProblem(
        record({ stdout: wide, stderr: wide, code: "é".repeat(RUN_LIMITS.codeLength) }),
        ME,
      ),
    ).toMatch(/too large/);
  });

  it("are made to fit by the browser before they are shared", () => {
    const wide = "é".repeat(50_000);
    const fitted = fitRecord(
      record({
        stdout: wide,
        stderr: wide,
        code: wide,
        language: "sql",
        table: {
          columns: ["a"],
          rows: Array.from({ length: 5000 }, () => ["é".repeat(500)]),
          rowCount: 5000,
        },
      }),
    );
    expect(runRecordProblem(fitted, ME)).toBeNull();
    expect(fitted.truncated).toBe(true);
    expect(fitted.table?.rowCount).toBe(5000);
    expect(fitRecord(record())).toEqual(record());
  });
});

describe("the exercise both people see", () => {
  const python: PythonExercise = {
    language: "python",
    entry: "f",
    starter: "def f(x):\n    pass\n",
    reference: "def f(x):\n    return SECRET_REFERENCE\n",
    examples: [{ args: [1], expected: 1 }],
    hidden: [{ args: ["SECRET_HIDDEN"], expected: 0 }],
  };

  it("carries the starter and examples, never the reference or the hidden tests", () => {
    const view = publicExercise(python);
    expect(view).toEqual({
      language: "python",
      entry: "f",
      starter: python.starter,
      examples: python.examples,
      unordered: false,
    });
    expect(JSON.stringify(view)).not.toMatch(/SECRET/);
  });

  it("carries a SQL question's tables, never its reference query", () => {
    const sql: SqlExercise = {
      language: "sql",
      setup: "CREATE TABLE t (a int);",
      reference: "SELECT SECRET_QUERY",
      ordered: true,
    };
    expect(publicExercise(sql)).toEqual({ language: "sql", setup: sql.setup, ordered: true });
    expect(publicExercise(null)).toBeNull();
  });
});

describe("reading the harness's report", () => {
  const cases = [
    { args: [1], expected: 2 },
    { args: [2], expected: 3 },
  ];
  it("pairs outcomes with cases", () => {
    const results = readHarnessReport(
      '[{"pass":true,"got":"2"},{"pass":false,"got":"4"}]',
      cases,
      "Example",
    );
    expect(results).toEqual([
      { name: "Example 1", pass: true, args: "[1]", expected: "2", got: "2" },
      { name: "Example 2", pass: false, args: "[2]", expected: "3", got: "4" },
    ]);
  });
  it("fails every case when the report is missing, malformed or the wrong length", () => {
    for (const report of [
      null,
      "not json",
      '[{"pass":true,"got":"2"}]',
      '[{"pass":1,"got":2},{}]',
    ]) {
      const results = readHarnessReport(report, cases, "Example", "stopped");
      expect(results.map((r) => [r.pass, r.got])).toEqual([
        [false, "stopped"],
        [false, "stopped"],
      ]);
    }
  });
});

describe("the runtimes' files", () => {
  it("are served under the installed versions", () => {
    const version = (pkg: string) =>
      (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")) as { version: string })
        .version;
    expect(PYODIDE_VERSION).toBe(version("pyodide"));
    expect(PGLITE_VERSION).toBe(version("@electric-sql/pglite"));
    expect(EXCALIDRAW_VERSION).toBe(version("@excalidraw/excalidraw"));
  });

  it("may compile WebAssembly, but the page may still not eval", () => {
    const csp = buildContentSecurityPolicy({ nonce: "n", isDevelopment: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc.split(" ")).toContain("'wasm-unsafe-eval'");
    expect(scriptSrc.split(" ")).not.toContain("'unsafe-eval'");
    expect(csp).toContain("worker-src 'self'");
  });
});

describe("a worker before user code runs", () => {
  it("has no network functions left, on the scope or its prototypes", () => {
    const proto = { fetch: () => "net", importScripts: () => "net" };
    const scope = Object.assign(Object.create(proto), {
      XMLHttpRequest: class {},
      WebSocket: class {},
      EventSource: class {},
      keep: 1,
    });
    removeNetwork(scope);
    for (const name of ["fetch", "importScripts", "XMLHttpRequest", "WebSocket", "EventSource"])
      expect((scope as Record<string, unknown>)[name]).toBeUndefined();
    expect(scope.keep).toBe(1);
  });

  it("shows the person's frames of a traceback, not the interpreter's", () => {
    const message = [
      "Traceback (most recent call last):",
      '  File "/lib/python314.zip/_pyodide/_base.py", line 539, in eval_code',
      "    .run(globals, locals)",
      "     ~~~^^^^",
      '  File "<exec>", line 1, in <module>',
      "    raise ValueError('boom')",
      "ValueError: boom",
    ].join("\n");
    expect(tracebackOfUserCode(message)).toBe(
      [
        "Traceback (most recent call last):",
        '  File "<exec>", line 1, in <module>',
        "    raise ValueError('boom')",
        "ValueError: boom",
      ].join("\n"),
    );
  });
});
