import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";

// "Nothing was written" measured on the whole database, not on the tables a test thinks
// of: a refused request that still inserted a draft, an email or a limiter row in some
// table nobody listed would otherwise pass. Each table's row count and a hash of its
// rows (in a stable order), taken in one statement.

/** Tables whose rows change for reasons other than the request under test. */
const IGNORED_TABLES = new Set([
  // pg-boss keeps its own schema; the public ones below are written by any request.
  "__drizzle_migrations",
]);

export type Fingerprint = Record<string, string>;

export async function databaseFingerprint(): Promise<Fingerprint> {
  const db = getDb();
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    ),
  )
    .map((t) => t.name)
    .filter((name) => !IGNORED_TABLES.has(name));
  if (tables.length === 0) return {};
  const parts = tables.map(
    (name) =>
      sql`select ${name}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print from ${sql.identifier(name)} t`,
  );
  const rows = rowsOf<{ name: string; print: string }>(
    await db.execute(sql.join(parts, sql` union all `)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.print]));
}

/** The tables whose rows differ between two fingerprints, less those in `ignore`. */
export function changedTables(
  before: Fingerprint,
  after: Fingerprint,
  ignore: readonly string[] = [],
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name] && !ignore.includes(name)).sort();
}
