import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * `column = any($1::uuid[])`: the ids travel as one array parameter. inArray binds one
 * parameter per id, and PostgreSQL refuses more than 65,535 of them, so a matching pool
 * of 100k peers could not be read that way (and a long list costs parsing each time).
 */
export function inIds(column: AnyColumn | SQL, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}
