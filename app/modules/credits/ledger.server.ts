import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { PG_CHECK_VIOLATION, pgConstraint, pgErrorCode } from "#db/errors";
import { rowsOf } from "#db/rows";
import { creditAccounts, creditEntries, type EntryReason } from "#db/schema";
import { repaymentOf, splitDebit } from "./rules";

// The only writer of the ledger. Balances are moved by the database (the insert trigger
// of migration 0010), so nothing here adds or subtracts a balance itself: it only
// decides which entries to write, always inside the caller's transaction.

export interface NewEntry {
  userId: string;
  /** Signed: positive brings credits in. */
  amount: number;
  reason: EntryReason;
  /** Names the one event this entry records; unique, so a retry applies nothing. */
  reference: string;
  sessionId?: string | null;
  memo?: string | null;
  /** When the event happened (a settlement on a fixed clock, seeded history); default now. */
  at?: Date;
}

/** A debit the balance could not cover (the CHECK on credit_accounts refused it). */
export function isInsufficientCredits(err: unknown): boolean {
  return (
    pgErrorCode(err) === PG_CHECK_VIOLATION &&
    pgConstraint(err) === "credit_accounts_balance_not_negative"
  );
}

/**
 * Writes one entry, once: false when its reference was applied before (nothing written).
 * A debit the balance cannot cover throws (see isInsufficientCredits) and aborts the
 * caller's transaction with it. Credits coming in pay back any debt first, in the same
 * transaction (a second entry, referenced `<reference>:repay`).
 */
export async function postEntry(tx: Database, entry: NewEntry): Promise<boolean> {
  const inserted = await tx
    .insert(creditEntries)
    .values({
      userId: entry.userId,
      amount: entry.amount,
      reason: entry.reason,
      reference: entry.reference,
      sessionId: entry.sessionId ?? null,
      memo: entry.memo ?? null,
      ...(entry.at ? { createdAt: entry.at } : {}),
    })
    .onConflictDoNothing({ target: creditEntries.reference })
    .returning({ id: creditEntries.id });
  if (inserted.length === 0) return false;
  if (entry.amount > 0) await repayDebt(tx, entry);
  return true;
}

/** The account row was locked by this transaction's insert above, so `owed` is current. */
async function repayDebt(tx: Database, entry: NewEntry): Promise<void> {
  const [account] = await tx
    .select({ owed: creditAccounts.owed })
    .from(creditAccounts)
    .where(eq(creditAccounts.userId, entry.userId));
  const repay = repaymentOf(account?.owed ?? 0, entry.amount);
  if (repay === 0) return;
  await tx
    .insert(creditEntries)
    .values({
      userId: entry.userId,
      amount: -repay,
      owedDelta: -repay,
      reason: "debt_repayment",
      reference: `${entry.reference}:repay`,
      sessionId: entry.sessionId ?? null,
      memo: "Paid back what was owed",
      ...(entry.at ? { createdAt: entry.at } : {}),
    })
    .onConflictDoNothing({ target: creditEntries.reference });
}

/**
 * Takes back up to `amount` credits (a refunded or charged-back purchase): what the
 * balance holds is debited, the rest is recorded as owed, so the balance never goes
 * below zero and nothing is lost. Once per reference; false when already applied.
 */
export async function takeBack(
  tx: Database,
  entry: Omit<NewEntry, "amount"> & { amount: number },
): Promise<{ applied: boolean; debited: number; owed: number }> {
  // Lock the account first: two take-backs racing must not both see the same balance.
  const locked = rowsOf<{ balance: number }>(
    await tx.execute(
      sql`select balance from credit_accounts where user_id = ${entry.userId} for update`,
    ),
  );
  const { debit, owed } = splitDebit(Number(locked[0]?.balance ?? 0), Math.abs(entry.amount));
  const inserted = await tx
    .insert(creditEntries)
    .values({
      userId: entry.userId,
      amount: -debit,
      owedDelta: owed,
      reason: entry.reason,
      reference: entry.reference,
      sessionId: entry.sessionId ?? null,
      memo: entry.memo ?? null,
    })
    .onConflictDoNothing({ target: creditEntries.reference })
    .returning({ id: creditEntries.id });
  return inserted.length === 0
    ? { applied: false, debited: 0, owed: 0 }
    : { applied: true, debited: debit, owed };
}

export interface CreditAccount {
  balance: number;
  owed: number;
}

export async function getAccount(db: Database, userId: string): Promise<CreditAccount> {
  const [row] = await db
    .select({ balance: creditAccounts.balance, owed: creditAccounts.owed })
    .from(creditAccounts)
    .where(eq(creditAccounts.userId, userId));
  return row ?? { balance: 0, owed: 0 };
}

export interface LedgerLine {
  id: number;
  amount: number;
  owedDelta: number;
  reason: EntryReason;
  memo: string | null;
  sessionId: string | null;
  createdAt: Date;
}

export const LEDGER_PAGE_SIZE = 50;

/** A person's entries, newest first, a page at a time (keyset on the id). */
export async function listEntries(
  db: Database,
  userId: string,
  options: { beforeId?: number; limit?: number } = {},
): Promise<LedgerLine[]> {
  return db
    .select({
      id: creditEntries.id,
      amount: creditEntries.amount,
      owedDelta: creditEntries.owedDelta,
      reason: creditEntries.reason,
      memo: creditEntries.memo,
      sessionId: creditEntries.sessionId,
      createdAt: creditEntries.createdAt,
    })
    .from(creditEntries)
    .where(
      and(
        eq(creditEntries.userId, userId),
        options.beforeId === undefined ? undefined : lt(creditEntries.id, options.beforeId),
      ),
    )
    .orderBy(desc(creditEntries.id))
    .limit(options.limit ?? LEDGER_PAGE_SIZE);
}
