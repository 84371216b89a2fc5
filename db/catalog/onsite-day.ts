// Which onsite entries of a track hold at a level: shared by the data check
// (loop-schema.ts) and the catalog's loop shape (app/modules/catalog/loop-shape.ts).
// Pure, with no imports, so that a page's bundle can use it.

/**
 * An onsite day holds at most this many rounds: more would not fit a working day, and
 * the mock-onsite matcher searches at most this many (onsite-matcher.ts).
 */
export const MAX_ONSITE_ROUNDS = 6;

/**
 * The onsite entries that hold at a level rank, with their counts (default 1), in the
 * data's order. An entry naming an unknown level never holds (the data check reports it).
 */
export function onsiteDayAt(
  entries: readonly { round: string; count?: number; fromLevel?: string; toLevel?: string }[],
  rank: number,
  rankOf: ReadonlyMap<string, number>,
): { round: string; count: number }[] {
  return entries
    .filter((entry) => {
      const from = entry.fromLevel === undefined ? -Infinity : rankOf.get(entry.fromLevel);
      const to = entry.toLevel === undefined ? Infinity : rankOf.get(entry.toLevel);
      return from !== undefined && to !== undefined && rank >= from && rank <= to;
    })
    .map((entry) => ({ round: entry.round, count: entry.count ?? 1 }));
}
