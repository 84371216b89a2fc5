import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import { setupFreshDatabase, usingPostgres } from "../support/database";

// db/client.ts hands drizzle a postgres.js client whose queries are named prepared
// statements (one round trip each instead of describe + execute). The wrapper must not
// change what queries, transactions and savepoints do, on either engine; on PostgreSQL
// the statements must really be prepared, inside transactions and savepoints too.
// (postgres.js sends a query without parameters as a simple query: one round trip already.)

setupFreshDatabase();

async function preparedStatementTexts(
  db: Pick<ReturnType<typeof getDb>, "execute">,
): Promise<string[]> {
  const result = await db.execute(sql`select statement from pg_prepared_statements`);
  return rowsOf<{ statement: string }>(result).map((row) => row.statement);
}

describe("queries through the database client", () => {
  it("return parameterised results and keep transactions and savepoints intact", async () => {
    const db = getDb();
    const [direct] = rowsOf<{ x: number }>(await db.execute(sql`select ${41}::int + 1 as x`));
    expect(Number(direct?.x)).toBe(42);

    await db.execute(sql`create table if not exists prepared_probe (n int)`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into prepared_probe values (${1})`);
      await tx
        .transaction(async (savepoint) => {
          await savepoint.execute(sql`insert into prepared_probe values (${2})`);
          throw new Error("roll back the savepoint only");
        })
        .catch(() => {});
      const seen = rowsOf<{ n: number }>(
        await tx.execute(sql`select n from prepared_probe where n > ${0}`),
      );
      expect(seen.map((row) => Number(row.n))).toEqual([1]);

      const texts = await preparedStatementTexts(tx);
      if (usingPostgres) {
        expect(texts).toContain("insert into prepared_probe values ($1)");
        expect(texts).toContain("select n from prepared_probe where n > $1");
      }
    });
  });

  it("prepares a statement once per connection and reuses it (PostgreSQL)", async () => {
    const db = getDb();
    await db.transaction(async (tx) => {
      const answers: number[] = [];
      for (let k = 0; k < 3; k++) {
        const result = await tx.execute(sql`select ${k}::int as reused_probe`);
        answers.push(Number(rowsOf<{ reused_probe: number }>(result)[0]?.reused_probe));
      }
      expect(answers).toEqual([0, 1, 2]);
      if (usingPostgres) {
        const texts = await preparedStatementTexts(tx);
        expect(texts.filter((text) => text === "select $1::int as reused_probe")).toHaveLength(1);
      }
    });
  });
});
