// One SQL run against a question's tables, on a PGlite database (the browser's worker,
// sql.worker.ts, and the test suite on Node use the same function). Every run starts from
// an empty schema and the question's setup, so one person's DELETE never changes what the
// next run sees.

import { RUN_LIMITS, type RunTable } from "./run-records";

/** The part of PGlite this needs (its `exec` with rows as arrays). */
export interface SqlEngine {
  exec(
    query: string,
    options: { rowMode: "array" },
  ): Promise<{ rows: unknown[]; fields: { name: string }[]; affectedRows?: number }[]>;
}

export interface SqlOutcome {
  ok: boolean;
  /** The last statement that returned columns, capped at RUN_LIMITS.tableRows rows. */
  table: RunTable | null;
  /** What to show besides the table: rows changed, or the error. */
  message: string;
}

const FRESH_SCHEMA =
  "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; SET search_path TO public;";

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Runs the setup, then the query; reports the query's last result set, or its error. */
export async function runSql(engine: SqlEngine, setup: string, query: string): Promise<SqlOutcome> {
  try {
    await engine.exec(FRESH_SCHEMA + setup, { rowMode: "array" });
  } catch (error) {
    return {
      ok: false,
      table: null,
      message: `The question's tables failed to load: ${String(error)}`,
    };
  }
  let results: Awaited<ReturnType<SqlEngine["exec"]>>;
  try {
    results = await engine.exec(query, { rowMode: "array" });
  } catch (error) {
    return {
      ok: false,
      table: null,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const withColumns = results.filter((r) => r.fields.length > 0);
  const last = withColumns[withColumns.length - 1];
  if (!last) {
    const changed = results.reduce((n, r) => n + (r.affectedRows ?? 0), 0);
    return { ok: true, table: null, message: `Done: ${changed} row(s) changed, nothing to show.` };
  }
  const rows = last.rows as unknown[][];
  return {
    ok: true,
    table: {
      columns: last.fields.map((f) => f.name),
      rows: rows.slice(0, RUN_LIMITS.tableRows).map((row) => row.map(cell)),
      rowCount: rows.length,
    },
    message:
      rows.length > RUN_LIMITS.tableRows
        ? `${rows.length} rows; the first ${RUN_LIMITS.tableRows} are shown.`
        : `${rows.length} row(s).`,
  };
}
