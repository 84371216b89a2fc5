import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from "#db/errors";
import { isInsufficientCredits } from "~/modules/credits/ledger.server";
import { BookingConflict, type BookingErrorCode } from "./booking-errors";

// What every booking transaction shares: the per-person lock, and how a refusal
// (ours or the database's) becomes an error code.

export type Result<T> = ({ ok: true } & T) | { ok: false; error: BookingErrorCode };

/**
 * Changes that touch the same person run one after another, so the caps and buffers
 * read after this cannot be overtaken; different people go in parallel. The locks are
 * taken in id order (one statement, left to right) so two transactions never wait on
 * each other crosswise.
 */
export async function lockPeople(tx: Database, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  const locks = ids.map((id) => sql`pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
  await tx.execute(sql`select ${sql.join(locks, sql`, `)}`);
}

/** The code for a refused booking change, or null when the error is not a refusal. */
export function refusalCode(err: unknown): BookingErrorCode | null {
  if (err instanceof BookingConflict) return err.code;
  if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) return "slot_taken";
  // The candidate's balance could not cover a one-way mock's escrow.
  if (isInsufficientCredits(err)) return "insufficient_credits";
  return null;
}

export function tstzRange(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}
