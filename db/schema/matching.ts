import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * A counter the matcher's in-process pool cache compares against: statement triggers
 * on every table whose rows the pool holds add one to it, so a cached pool is known
 * stale by one cheap read, whichever app process made the write. Created by migration
 * 0015; since 0024 a statement bumps it once, and only if it inserted or deleted a row,
 * or changed the value of a column the pool reads (a refused compare-and-swap that
 * matched no row, or a same-value update, leaves it alone); TRUNCATE always bumps.
 *
 * Several slots rather than one row: a writer bumps the slot of its backend, so
 * concurrent bookings do not queue on one row lock until they commit. The version is
 * the sum of the slots; it only grows, so any committed write changes it.
 */
export const matchPoolVersion = pgTable("match_pool_version", {
  slot: integer("slot").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
