import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import {
  availabilityOverrides,
  availabilityRules,
  feedback,
  feedbackReveals,
  interviewerRounds,
  mockSessions,
  users,
} from "#db/schema";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { readPoolVersion } from "~/modules/matching/pool-cache.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  NOW,
  offerToInterview,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { uniqueEmail } from "../support/factories";

// The matcher's pool version (migrations 0015 and 0024) moves once per statement that
// changed what the pool holds, and never for one that changed nothing: a refused
// compare-and-swap must not make every app process rebuild its pools.

setupFreshDatabase();

/** Every table the pool holds, with a column its guarded writes below can name. */
const POOL_TABLES: Record<string, string> = {
  users: "id",
  profiles: "user_id",
  levels: "id",
  availability_settings: "user_id",
  availability_rules: "id",
  availability_overrides: "id",
  mock_requests: "id",
  interviewer_rounds: "user_id",
  interviewer_grants: "id",
  feedback: "id",
  feedback_reveals: "session_id",
  mock_sessions: "id",
  session_participants: "session_id",
};

const MORNINGS = [{ start: "09:00", end: "12:00" }];

/** How many times the version moved while `write` ran (each bump adds one). */
async function bumpsOf(write: () => Promise<unknown>): Promise<number> {
  const before = BigInt(await readPoolVersion(getDb()));
  await write();
  return Number(BigInt(await readPoolVersion(getDb())) - before);
}

/** A person with a booked one-way session as candidate; the session's id. */
async function bookedSession(label: string) {
  const candidate = await createAvailableUser(`${label} Candidate`, { ranges: MORNINGS });
  const peer = await createAvailableUser(`${label} Peer`, { ranges: MORNINGS });
  await offerToInterview(peer.id, "coding", "L7");
  const sessionId = await bookOneWayAt(candidate.id, peer.id, at(9 + 24));
  return { candidate, peer, sessionId };
}

/** Rows in every pool table: a booked session, its rating and reveal, a day off. */
async function rowsEverywhere(label: string) {
  const { candidate, peer, sessionId } = await bookedSession(label);
  const db = getDb();
  const [session] = await db.select().from(mockSessions).where(eq(mockSessions.id, sessionId));
  await db.insert(feedback).values({
    sessionId,
    half: 1,
    kind: "rating",
    authorId: candidate.id,
    recipientId: peer.id,
    roundId: session!.roundId,
    preparation: 4,
    helpfulness: 4,
    clarity: 4,
    wouldPractiseAgain: true,
  });
  await db.insert(feedbackReveals).values({ sessionId, half: 1, reason: "deadline" });
  await db
    .insert(availabilityOverrides)
    .values({ userId: peer.id, date: "2027-03-05", kind: "off" });
  const empty: string[] = [];
  for (const table of Object.keys(POOL_TABLES)) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
    );
    if (!row?.n) empty.push(table);
  }
  expect(empty, "pool tables without a row").toEqual([]);
}

const newUser = (name: string) => ({
  email: uniqueEmail("pool"),
  name,
  passwordHash: "not-a-real-hash",
});

describe("the pool version", () => {
  it("is kept by four triggers on each table the pool holds, and 0015's are gone", async () => {
    const rows = rowsOf<{ table: string; name: string }>(
      await getDb().execute(sql`
        select c.relname as "table", t.tgname as name
          from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where not t.tgisinternal and (t.tgname like '%\_pool\_on\_%' or t.tgname like '%\_bumps\_match\_pool')
         order by 1, 2`),
    );
    const expected = Object.keys(POOL_TABLES)
      .sort()
      .flatMap((table) =>
        ["delete", "insert", "truncate", "update"].map((event) => ({
          table,
          name: `${table}_pool_on_${event}`,
        })),
      );
    expect(rows).toEqual(expected);
  });

  it("does not move for a guarded UPDATE or DELETE that matches no row, on any pool table", async () => {
    // Rows in every table, so that the guards below scan real rows.
    await rowsEverywhere("Guard");
    const db = getDb();
    for (const [table, column] of Object.entries(POOL_TABLES)) {
      const t = sql.identifier(table);
      const c = sql.identifier(column);
      // A guard no row passes, which the planner cannot see through (as a refused
      // compare-and-swap: the row is there, its state is not the expected one).
      const none = sql`${c}::text is distinct from ${c}::text`;
      expect(
        await bumpsOf(() => db.execute(sql`update ${t} set ${c} = ${c} where ${none}`)),
        `${table}: update of no row`,
      ).toBe(0);
      expect(
        await bumpsOf(() => db.execute(sql`delete from ${t} where ${none}`)),
        `${table}: delete of no row`,
      ).toBe(0);
    }
  });

  it("does not move for an update that changes no counted value", async () => {
    await rowsEverywhere("Same");
    const db = getDb();
    // Every row of every pool table set to what it holds: the pool would read the same.
    for (const [table, column] of Object.entries(POOL_TABLES)) {
      const t = sql.identifier(table);
      const c = sql.identifier(column);
      expect(
        await bumpsOf(() => db.execute(sql`update ${t} set ${c} = ${c}`)),
        `${table}: same-value update`,
      ).toBe(0);
    }
    // Columns the pool does not read: a password, a session's calendar sequence.
    const [user] = await db.insert(users).values(newUser("Uncounted")).returning();
    expect(
      await bumpsOf(() =>
        db.update(users).set({ passwordHash: "changed" }).where(eq(users.id, user!.id)),
      ),
    ).toBe(0);
    expect(
      await bumpsOf(() =>
        db
          .update(mockSessions)
          .set({ icsSequence: sql`${mockSessions.icsSequence} + 1`, updatedAt: new Date() }),
      ),
    ).toBe(0);
    // An upsert that finds its row as it is (an offer made again).
    const [offer] = await db.select().from(interviewerRounds).limit(1);
    expect(
      await bumpsOf(() =>
        db
          .insert(interviewerRounds)
          .values(offer!)
          .onConflictDoUpdate({
            target: [interviewerRounds.userId, interviewerRounds.roundId],
            set: { maxLevelId: offer!.maxLevelId },
          }),
      ),
    ).toBe(0);
    expect(
      await bumpsOf(() => db.insert(interviewerRounds).values(offer!).onConflictDoNothing()),
    ).toBe(0);
  });

  it("moves once per statement on a table whose every column counts", async () => {
    const db = getDb();
    const person = await createAvailableUser("All Columns");
    const rule = (weekday: number) => ({
      userId: person.id,
      weekday,
      startMinute: 60,
      endMinute: 120,
    });
    let ids: number[] = [];
    expect(
      await bumpsOf(async () => {
        ids = (await db.insert(availabilityRules).values(rule(1)).returning()).map((r) => r.id);
      }),
      "one-row insert",
    ).toBe(1);
    const one = eq(availabilityRules.id, ids[0]!);
    expect(
      await bumpsOf(() => db.update(availabilityRules).set({ endMinute: 180 }).where(one)),
      "one-row update",
    ).toBe(1);
    expect(await bumpsOf(() => db.delete(availabilityRules).where(one)), "one-row delete").toBe(1);

    expect(
      await bumpsOf(async () => {
        ids = (
          await db
            .insert(availabilityRules)
            .values([rule(2), rule(3), rule(4)])
            .returning()
        ).map((r) => r.id);
      }),
      "three-row insert",
    ).toBe(1);
    const three = inArray(availabilityRules.id, ids);
    expect(
      await bumpsOf(() => db.update(availabilityRules).set({ endMinute: 240 }).where(three)),
      "three-row update",
    ).toBe(1);
    expect(await bumpsOf(() => db.delete(availabilityRules).where(three)), "three-row delete").toBe(
      1,
    );
  });

  it("moves once per statement on a table counted by some columns", async () => {
    const db = getDb();
    let ids: string[] = [];
    expect(
      await bumpsOf(async () => {
        ids = (await db.insert(users).values(newUser("Counted One")).returning()).map((u) => u.id);
      }),
      "one-row insert",
    ).toBe(1);
    const one = eq(users.id, ids[0]!);
    expect(
      await bumpsOf(() => db.update(users).set({ name: "Counted Renamed" }).where(one)),
      "one-row update of a counted column",
    ).toBe(1);
    // Its cascades reach every table holding a user's rows; none has one, none bumps.
    expect(await bumpsOf(() => db.delete(users).where(one)), "one-row delete").toBe(1);

    expect(
      await bumpsOf(async () => {
        ids = (
          await db
            .insert(users)
            .values([newUser("Counted A"), newUser("Counted B"), newUser("Counted C")])
            .returning()
        ).map((u) => u.id);
      }),
      "three-row insert",
    ).toBe(1);
    const three = inArray(users.id, ids);
    expect(
      await bumpsOf(() =>
        db
          .update(users)
          .set({ name: sql`${users.name} || ' Renamed'`, passwordHash: "changed" })
          .where(three),
      ),
      "three-row update",
    ).toBe(1);
    // Two people trading names: each row changed though the set of names did not.
    expect(
      await bumpsOf(() =>
        db.execute(sql`
          update users set name = case when id = ${ids[0]} then ${"Counted B Renamed"}
                                       else ${"Counted A Renamed"} end
           where id in (${ids[0]}, ${ids[1]})`),
      ),
      "a swap of names",
    ).toBe(1);
    expect(await bumpsOf(() => db.delete(users).where(three)), "three-row delete").toBe(1);
  });

  it("moves for a TRUNCATE, even of an empty table", async () => {
    const bumps = await getDb()
      .transaction(async (tx) => {
        const read = async () =>
          BigInt(
            rowsOf<{ v: string }>(
              await tx.execute(sql`select sum(version)::text as v from match_pool_version`),
            )[0]!.v,
          );
        const before = await read();
        await tx.execute(sql`truncate availability_overrides`);
        const moved = Number((await read()) - before);
        // Nothing of the truncate stays: the file's other tests keep their rows.
        throw new Rollback(moved);
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.bumps;
        throw error;
      });
    expect(bumps).toBe(1);
  });
});

class Rollback extends Error {
  constructor(readonly bumps: number) {
    super("rollback");
  }
}

describe("cancelling a session", () => {
  it("moves the version when it cancels, and not when it is refused", async () => {
    const { candidate, peer, sessionId } = await bookedSession("Cancel");
    const stranger = await createAvailableUser("Cancel Stranger");
    let refused: Awaited<ReturnType<typeof cancelSession>> | undefined;
    expect(
      await bumpsOf(async () => {
        refused = await cancelSession({ sessionId, userId: stranger.id, now: NOW });
      }),
    ).toBe(0);
    expect(refused).toEqual({ ok: false, error: "not_found" });

    let cancelled: Awaited<ReturnType<typeof cancelSession>> | undefined;
    // The session, its participants and the candidate's request: one bump each.
    expect(
      await bumpsOf(async () => {
        cancelled = await cancelSession({ sessionId, userId: candidate.id, now: NOW });
      }),
    ).toBeGreaterThan(0);
    expect(cancelled?.ok).toBe(true);

    // Cancelled already: the compare-and-swap on "scheduled" matches no row, and the
    // refusal commits nothing the pool holds.
    for (const userId of [candidate.id, peer.id]) {
      let again: Awaited<ReturnType<typeof cancelSession>> | undefined;
      expect(
        await bumpsOf(async () => {
          again = await cancelSession({ sessionId, userId, now: NOW });
        }),
      ).toBe(0);
      expect(again).toEqual({ ok: false, error: "not_cancellable" });
    }
  });
});
