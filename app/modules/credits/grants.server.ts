import type { Database } from "#db/client";
import { postEntry } from "./ledger.server";
import { WELCOME_GRANT } from "./rules";

/** The welcome grant, written with the account itself (once per person, by reference). */
export function postWelcomeGrant(tx: Database, userId: string): Promise<boolean> {
  return postEntry(tx, {
    userId,
    amount: WELCOME_GRANT,
    reason: "welcome_grant",
    reference: `welcome:${userId}`,
    memo: "Welcome grant",
  });
}
