// A code run as the room shares it: one JSON value appended to the shared document's
// `runs` array (shared-doc.ts), so both people see who ran what and what came out.
// Checked by the realtime server before it applies an update (realtime/doc-guard.ts), so
// every field has a type and a bound here: a hostile client cannot make the document
// unreadable or huge, nor write a run in the other person's name.

/** Every bound of a run record, in one place (the browser trims to these before sending). */
export const RUN_LIMITS = {
  idLength: 64,
  nameLength: 80,
  /** The code that ran, as it was in the pad. */
  codeLength: 20_000,
  /** Standard input given to the run. */
  inputLength: 2_000,
  /** stdout and stderr each: the worker stops collecting past this (see OUTPUT_CAP). */
  outputLength: 10_000,
  /** A run is stopped at its time limit; a record never claims longer than this. */
  maxMs: 120_000,
  tests: 50,
  testNameLength: 80,
  /** A test's arguments, expected value and result, each as JSON text. */
  testValueLength: 1_000,
  /** SQL results: the browser shows and shares at most this many rows. */
  tableRows: 200,
  tableColumns: 50,
  cellLength: 200,
  /** The whole record as UTF-8 JSON: the browser trims rows and outputs to fit (fitRecord). */
  recordBytes: 64_000,
  /** Runs a session's document may hold; the guard refuses appends past this. */
  perSession: 300,
} as const;

export type RunLanguage = "python" | "sql";

/** What was run: the pad's code, the question's examples, or the kit's hidden tests. */
export type RunKind = "code" | "examples" | "hidden";

/** How the run ended: finished, raised (or failed a query), or stopped at the time limit. */
export type RunExit = "ok" | "error" | "timeout";

export interface RunTestResult {
  name: string;
  pass: boolean;
  /** JSON of the arguments. */
  args: string;
  /** JSON of the expected value. */
  expected: string;
  /** JSON of what came back, or the error it raised. */
  got: string;
}

export interface RunTable {
  columns: string[];
  /** Cells as text (null stays null), at most RUN_LIMITS.tableRows rows. */
  rows: (string | null)[][];
  /** The query returned this many rows in all. */
  rowCount: number;
}

/** One run as stored in the shared document. */
export interface RunRecord {
  /** Unique within the session (the browser makes it). */
  id: string;
  /** The user who ran it: the server refuses a record whose `by` is not the sender. */
  by: string;
  /** Their name as the room shows it. */
  byName: string;
  kind: RunKind;
  language: RunLanguage;
  /** The code that ran. */
  code: string;
  /** Standard input given to it ("" when none). */
  input: string;
  stdout: string;
  stderr: string;
  exit: RunExit;
  /** Wall time of the run in milliseconds (loading Pyodide not counted). */
  ms: number;
  /** When it finished (epoch ms, the runner's clock). */
  at: number;
  /** Output was cut at RUN_LIMITS.outputLength. */
  truncated: boolean;
  /** Example or hidden test results; absent for a plain run. */
  tests?: RunTestResult[];
  /** A SQL query's result. */
  table?: RunTable;
}

const KINDS: readonly RunKind[] = ["code", "examples", "hidden"];
const LANGUAGES: readonly RunLanguage[] = ["python", "sql"];
const EXITS: readonly RunExit[] = ["ok", "error", "timeout"];
const FIELDS = new Set([
  "id",
  "by",
  "byName",
  "kind",
  "language",
  "code",
  "input",
  "stdout",
  "stderr",
  "exit",
  "ms",
  "at",
  "truncated",
  "tests",
  "table",
]);

function isString(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length <= max;
}

function testProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "a test is an object";
  const test = value as Record<string, unknown>;
  if (!isString(test.name, RUN_LIMITS.testNameLength)) return "a test needs a short name";
  if (typeof test.pass !== "boolean") return "a test passes or not";
  for (const key of ["args", "expected", "got"] as const) {
    if (!isString(test[key], RUN_LIMITS.testValueLength)) return `a test's ${key} is too long`;
  }
  return null;
}

function tableProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "a table is an object";
  const table = value as Record<string, unknown>;
  const { columns, rows, rowCount } = table;
  if (
    !Array.isArray(columns) ||
    columns.length > RUN_LIMITS.tableColumns ||
    !columns.every((c) => isString(c, RUN_LIMITS.cellLength))
  )
    return "a table's columns are a short list of names";
  if (!Array.isArray(rows) || rows.length > RUN_LIMITS.tableRows)
    return "a table has too many rows";
  for (const row of rows) {
    if (
      !Array.isArray(row) ||
      row.length !== columns.length ||
      !row.every((cell) => cell === null || isString(cell, RUN_LIMITS.cellLength))
    )
      return "a table row has one short cell per column";
  }
  if (!Number.isSafeInteger(rowCount) || (rowCount as number) < rows.length)
    return "a table's row count is a whole number";
  return null;
}

/**
 * Null when `value` is a run record that `senderId` may append, else the reason.
 * Pure; called by the realtime server for every value added to `runs`.
 */
export function runRecordProblem(value: unknown, senderId: string): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "a run record is an object";
  }
  const record = value as Record<string, unknown>;
  if (
    typeof record.id !== "string" ||
    record.id.length === 0 ||
    record.id.length > RUN_LIMITS.idLength
  ) {
    return "a run record needs an id";
  }
  if (record.by !== senderId) return "a run record must be the sender's own";
  for (const key of Object.keys(record)) {
    if (!FIELDS.has(key)) return `a run record has no field ${key.slice(0, 40)}`;
  }
  if (!isString(record.byName, RUN_LIMITS.nameLength)) return "a run record needs a short name";
  if (!KINDS.includes(record.kind as RunKind)) return "a run record's kind is unknown";
  if (!LANGUAGES.includes(record.language as RunLanguage))
    return "only Python and SQL run in the browser";
  if (!isString(record.code, RUN_LIMITS.codeLength)) return "the code of a run is too long";
  if (!isString(record.input, RUN_LIMITS.inputLength)) return "the input of a run is too long";
  if (!isString(record.stdout, RUN_LIMITS.outputLength)) return "the output of a run is too long";
  if (!isString(record.stderr, RUN_LIMITS.outputLength)) return "the errors of a run are too long";
  if (!EXITS.includes(record.exit as RunExit)) return "a run record's exit is unknown";
  if (typeof record.ms !== "number" || !(record.ms >= 0 && record.ms <= RUN_LIMITS.maxMs))
    return "a run's time is out of range";
  if (!Number.isSafeInteger(record.at) || (record.at as number) < 0)
    return "a run's time stamp is not a time";
  if (typeof record.truncated !== "boolean") return "a run record says whether output was cut";
  if (record.tests !== undefined) {
    if (!Array.isArray(record.tests) || record.tests.length > RUN_LIMITS.tests)
      return "a run has too many tests";
    for (const test of record.tests) {
      const problem = testProblem(test);
      if (problem) return problem;
    }
  }
  if (record.table !== undefined) {
    const problem = tableProblem(record.table);
    if (problem) return problem;
  }
  if (new TextEncoder().encode(JSON.stringify(record)).length > RUN_LIMITS.recordBytes)
    return "a run record is too large";
  return null;
}

/** Cuts text to a limit, saying so at the end, so a record always fits its bound. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const mark = "…[cut]";
  return text.slice(0, max - mark.length) + mark;
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Clips every field of a record the browser made to its bound, then, while the whole is
 * still too large, drops table rows from the end and halves the outputs and the code:
 * what is shared is always a record the server accepts.
 */
export function fitRecord(record: RunRecord): RunRecord {
  const L = RUN_LIMITS;
  const fitted: RunRecord = {
    ...record,
    byName: clip(record.byName, L.nameLength),
    code: clip(record.code, L.codeLength),
    input: clip(record.input, L.inputLength),
    stdout: clip(record.stdout, L.outputLength),
    stderr: clip(record.stderr, L.outputLength),
    ms: Math.min(Math.max(0, Math.round(record.ms)), L.maxMs),
    truncated:
      record.truncated ||
      record.stdout.length > L.outputLength ||
      record.stderr.length > L.outputLength,
  };
  if (record.tests) {
    fitted.tests = record.tests.slice(0, L.tests).map((t) => ({
      name: clip(t.name, L.testNameLength),
      pass: t.pass,
      args: clip(t.args, L.testValueLength),
      expected: clip(t.expected, L.testValueLength),
      got: clip(t.got, L.testValueLength),
    }));
  }
  if (record.table) {
    const columns = record.table.columns.slice(0, L.tableColumns).map((c) => clip(c, L.cellLength));
    fitted.table = {
      columns,
      rows: record.table.rows
        .slice(0, L.tableRows)
        .map((row) =>
          columns.map((_, i) => (row[i] == null ? null : clip(String(row[i]), L.cellLength))),
        ),
      rowCount: Math.max(record.table.rowCount, record.table.rows.length),
    };
  }
  while (byteLength(fitted) > L.recordBytes) {
    if (fitted.table && fitted.table.rows.length > 0) {
      fitted.table = {
        ...fitted.table,
        rows: fitted.table.rows.slice(0, Math.floor(fitted.table.rows.length / 2)),
      };
      continue;
    }
    const longest = (["stdout", "stderr", "code"] as const).reduce((a, b) =>
      fitted[a].length >= fitted[b].length ? a : b,
    );
    if (fitted[longest].length > 100) {
      fitted[longest] = clip(fitted[longest], Math.floor(fitted[longest].length / 2));
      if (longest !== "code") fitted.truncated = true;
      continue;
    }
    if (fitted.tests && fitted.tests.length > 0) {
      fitted.tests = fitted.tests.slice(0, Math.floor(fitted.tests.length / 2));
      continue;
    }
    break;
  }
  return fitted;
}
