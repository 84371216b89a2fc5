/**
 * The rows of a raw `db.execute(sql…)` result: postgres.js returns them as the result,
 * PGlite wraps them in `rows`.
 */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? result) as T[];
}
