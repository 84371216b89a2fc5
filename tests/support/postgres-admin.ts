import { randomBytes } from "node:crypto";
import postgres from "postgres";

// Creating and dropping whole databases on the server named by DATABASE_URL, so that
// every test file (and every CI run) works on a database of its own.

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

export function uniqueDatabaseName(prefix: string): string {
  const safePrefix = prefix
    .replace(/[^a-z0-9_]/gi, "_")
    .toLowerCase()
    .slice(0, 40);
  return `${safePrefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

async function withAdmin<T>(adminUrl: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string) {
  await withAdmin(adminUrl, async (sql) => {
    // Copying a template fails while anything else is connected to it; retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await (template
          ? sql.unsafe(`create database "${name}" template "${template}"`)
          : sql.unsafe(`create database "${name}"`));
        return;
      } catch (err) {
        if (attempt >= 10 || !String(err).includes("being accessed by other users")) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
}

export async function dropDatabase(adminUrl: string, name: string) {
  await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
