import { getDb } from "#db/client";
import {
  type CreditAccount,
  getAccount,
  LEDGER_PAGE_SIZE,
  type LedgerLine,
  listEntries,
} from "./ledger.server";

export interface CreditsOverview extends CreditAccount {
  entries: LedgerLine[];
  /** The id to page on for older entries, when there are any. */
  olderBefore: number | null;
}

/** What /credits shows: the balance, any debt, and a page of the ledger. */
export async function getCreditsOverview(
  userId: string,
  options: { beforeId?: number } = {},
): Promise<CreditsOverview> {
  const db = getDb();
  const [account, page] = await Promise.all([
    getAccount(db, userId),
    listEntries(db, userId, { beforeId: options.beforeId, limit: LEDGER_PAGE_SIZE + 1 }),
  ]);
  const entries = page.slice(0, LEDGER_PAGE_SIZE);
  const more = page.length > LEDGER_PAGE_SIZE;
  return { ...account, entries, olderBefore: more ? (entries.at(-1)?.id ?? null) : null };
}
