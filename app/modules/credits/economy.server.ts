import { inArray, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { creditAccounts, creditEntries, type EntryReason, sessionEscrows } from "#db/schema";
import { buildEconomy, type Economy } from "./economy";

/** The admin's economy report: reads only, three aggregate queries. */
export async function getEconomy(): Promise<Economy> {
  const db = getDb();
  const [byReason, [held], [accounts]] = await Promise.all([
    db
      .select({
        reason: creditEntries.reason,
        amount: sql<number>`coalesce(sum(${creditEntries.amount}), 0)::int`.mapWith(Number),
      })
      .from(creditEntries)
      .groupBy(creditEntries.reason),
    db
      .select({
        amount: sql<number>`coalesce(sum(${sessionEscrows.amount}), 0)::int`.mapWith(Number),
      })
      .from(sessionEscrows)
      .where(inArray(sessionEscrows.state, ["held", "no_show_pending", "disputed"])),
    db
      .select({
        balances: sql<number>`coalesce(sum(${creditAccounts.balance}), 0)::int`.mapWith(Number),
        owed: sql<number>`coalesce(sum(${creditAccounts.owed}), 0)::int`.mapWith(Number),
      })
      .from(creditAccounts),
  ]);
  const sums: Partial<Record<EntryReason, number>> = {};
  for (const row of byReason) sums[row.reason] = row.amount;
  return buildEconomy({
    sums,
    heldInEscrow: held?.amount ?? 0,
    balances: accounts?.balances ?? 0,
    owed: accounts?.owed ?? 0,
  });
}
