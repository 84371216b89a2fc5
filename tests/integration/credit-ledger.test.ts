import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { creditAccounts, creditEntries } from "#db/schema";
import {
  getAccount,
  isInsufficientCredits,
  listEntries,
  postEntry,
  takeBack,
} from "~/modules/credits/ledger.server";
import { WELCOME_GRANT } from "~/modules/credits/rules";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";

setupFreshDatabase();

async function sumOfEntries(userId: string) {
  const [row] = await getDb()
    .select({
      amount: sql<number>`coalesce(sum(${creditEntries.amount}), 0)::int`.mapWith(Number),
      owed: sql<number>`coalesce(sum(${creditEntries.owedDelta}), 0)::int`.mapWith(Number),
    })
    .from(creditEntries)
    .where(eq(creditEntries.userId, userId));
  return row!;
}

describe("the credit ledger", () => {
  it("gives every new account the welcome grant, once", async () => {
    const user = await createUser();
    expect(await getAccount(getDb(), user.id)).toEqual({ balance: WELCOME_GRANT, owed: 0 });
    const entries = await listEntries(getDb(), user.id);
    expect(entries.map((e) => [e.reason, e.amount])).toEqual([["welcome_grant", WELCOME_GRANT]]);
  });

  it("applies a reference once, however often it is posted", async () => {
    const user = await createUser();
    const post = () =>
      getDb().transaction((tx) =>
        postEntry(tx, {
          userId: user.id,
          amount: 5,
          reason: "purchase",
          reference: "cs_test_once",
        }),
      );
    expect(await post()).toBe(true);
    expect(await post()).toBe(false);
    expect((await getAccount(getDb(), user.id)).balance).toBe(WELCOME_GRANT + 5);
  });

  it("refuses a debit the balance cannot cover, and writes nothing", async () => {
    const user = await createUser();
    const attempt = getDb().transaction((tx) =>
      postEntry(tx, {
        userId: user.id,
        amount: -(WELCOME_GRANT + 1),
        reason: "escrow_hold",
        reference: `hold:${user.id}`,
      }),
    );
    const err = await attempt.catch((e: unknown) => e);
    expect(isInsufficientCredits(err)).toBe(true);
    expect(await getAccount(getDb(), user.id)).toEqual({ balance: WELCOME_GRANT, owed: 0 });
    expect(await listEntries(getDb(), user.id)).toHaveLength(1);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of entries, and direct writes of balances", async () => {
    const user = await createUser();
    const db = getDb();
    const refusals = [
      db.update(creditEntries).set({ amount: 100 }).where(eq(creditEntries.userId, user.id)),
      db.delete(creditEntries).where(eq(creditEntries.userId, user.id)),
      db.execute(sql`truncate credit_entries cascade`),
      db.update(creditAccounts).set({ balance: 100 }).where(eq(creditAccounts.userId, user.id)),
      db.delete(creditAccounts).where(eq(creditAccounts.userId, user.id)),
      db.execute(sql`truncate credit_accounts`),
    ];
    for (const statement of refusals) {
      await expect(statement).rejects.toThrow();
    }
    expect(await getAccount(db, user.id)).toEqual({ balance: WELCOME_GRANT, owed: 0 });
  });

  it("takes back what is there and records the rest as owed; income repays it first", async () => {
    const user = await createUser();
    const db = getDb();
    const refund = await db.transaction((tx) =>
      takeBack(tx, {
        userId: user.id,
        amount: 10,
        reason: "purchase_refund",
        reference: "ch_refund_1",
      }),
    );
    expect(refund).toEqual({ applied: true, debited: WELCOME_GRANT, owed: 10 - WELCOME_GRANT });
    expect(await getAccount(db, user.id)).toEqual({ balance: 0, owed: 7 });
    await db.transaction((tx) =>
      postEntry(tx, { userId: user.id, amount: 5, reason: "escrow_payout", reference: "earn:1" }),
    );
    expect(await getAccount(db, user.id)).toEqual({ balance: 0, owed: 2 });
    await db.transaction((tx) =>
      postEntry(tx, { userId: user.id, amount: 5, reason: "purchase", reference: "cs_2" }),
    );
    expect(await getAccount(db, user.id)).toEqual({ balance: 3, owed: 0 });
    expect(await sumOfEntries(user.id)).toEqual({ amount: 3, owed: 0 });
  });

  // On PGlite (one connection) the 64 transactions queue; PostgreSQL runs them at once.
  it(`keeps balance = sum of entries and never below 0 under 64 concurrent debits and credits (${usingPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const user = await createUser();
    const db = getDb();
    const results = await Promise.allSettled(
      Array.from({ length: 64 }, (_, i) =>
        db.transaction(
          async (tx): Promise<unknown> =>
            i % 4 === 0
              ? postEntry(tx, {
                  userId: user.id,
                  amount: 1,
                  reason: "escrow_payout",
                  reference: `race-in:${i}`,
                })
              : i % 4 === 1
                ? takeBack(tx, {
                    userId: user.id,
                    amount: 2,
                    reason: "purchase_refund",
                    reference: `race-back:${i}`,
                  })
                : postEntry(tx, {
                    userId: user.id,
                    amount: -1,
                    reason: "escrow_hold",
                    reference: `race-out:${i}`,
                  }),
        ),
      ),
    );
    for (const r of results) {
      if (r.status === "rejected") expect(isInsufficientCredits(r.reason)).toBe(true);
    }
    const account = await getAccount(db, user.id);
    expect(account.balance).toBeGreaterThanOrEqual(0);
    expect(await sumOfEntries(user.id)).toEqual({ amount: account.balance, owed: account.owed });
  });
});
