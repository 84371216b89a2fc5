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
