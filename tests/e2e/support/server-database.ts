import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { signUp } from "./room";

// The e2e server's own PostgreSQL database, for tests that write what a browser cannot
// (a session in the past, a session running now) or read what the server wrote. Null
// on PGlite, whose data directory the server process holds locked.

/**
 * A getter for a connection to the server's database, opened on first use and closed
 * after the file's tests. Throws, naming `what`, when the run has no PostgreSQL.
 */
export function serverDatabaseOf(what: string): () => postgres.Sql {
  const url = inject("databaseUrl");
  let client: postgres.Sql | undefined;
  afterAll(async () => {
    await client?.end({ timeout: 5 });
  });
  return () => {
    if (!url) throw new Error(`${what}: needs the server's PostgreSQL database`);
    client ??= postgres(url, { max: 1, onnotice: () => {} });
    return client;
  };
}

/** Signs up as a newcomer would (support/room.ts) and returns the new person's id. */
export async function signUpForId(
  sql: postgres.Sql,
  page: Page,
  name: string,
  email: string,
): Promise<string> {
  await signUp(page, name, email);
  const [user] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
  if (!user) throw new Error(`no user ${email} after sign-up`);
  return user.id;
}

/**
 * A one-way mock of `round` at L5 of the Databricks loop, written straight into the
 * server's database as booking would leave it: `candidate` booked it and is interviewed by
 * `interviewer`, from `startsAt` for `minutes`. Returns its id, its loop, round and level
 * ids, and the round's dimensions (for the scorecard).
 */
export async function insertOneWaySession(
  sql: postgres.Sql,
  people: { candidate: string; interviewer: string },
  options: {
    round: string;
    startsAt: Date;
    status: "in_progress" | "completed";
    minutes?: number;
  },
) {
  const { round, startsAt, status, minutes = 45 } = options;
  const [row] = await sql<{ loopId: number; roundId: number; levelId: number }[]>`
    select l.id as "loopId", r.id as "roundId", v.id as "levelId"
    from loops l
    join rounds r on r.loop_id = l.id and r.slug = ${round}
    join levels v on v.loop_id = l.id and v.code = 'L5'
    where l.slug = 'databricks-ic'`;
  if (!row) throw new Error(`the Databricks loop with ${round} and L5 is not seeded`);
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
  const [session] = await sql<{ id: string }[]>`
    insert into mock_sessions
      (loop_id, round_id, format, starts_at, ends_at, status, booked_by, idempotency_key)
    values (${row.loopId}, ${row.roundId}, 'one_way', ${startsAt}, ${endsAt}, ${status},
            ${people.candidate}, ${`e2e-${randomUUID()}`})
    returning id`;
  await sql`
    insert into session_participants (session_id, user_id, role, target_level_id, during)
    values
      (${session!.id}, ${people.candidate}, 'candidate', ${row.levelId}, ${during}::tstzrange),
      (${session!.id}, ${people.interviewer}, 'interviewer', null, ${during}::tstzrange)`;
  const dimensions = await sql<{ id: number; slug: string; name: string }[]>`
    select id, slug, name from dimensions where round_id = ${row.roundId} order by position`;
  return { sessionId: session!.id, dimensions, ...row };
}
