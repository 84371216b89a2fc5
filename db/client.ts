import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

// The one place that knows which database engine runs. Everything else asks getDb()
// for a Drizzle database and never learns whether it talks to PGlite or PostgreSQL.

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseConfig =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | { kind: "pglite"; dataDir: string; loadDataDir?: Blob };

export interface DatabaseConnection {
  readonly config: DatabaseConfig;
  readonly db: Database;
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory (used to give tests a fresh copy). */
  dump?(): Promise<Blob>;
  /** PGlite only: the embedded engine, for tools that speak SQL themselves (the job engine). */
  pglite?: PGlite;
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dataDir: env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DIR };
}

function migrationsFolder(): string {
  return fileURLToPath(new URL("./migrations", import.meta.url));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Any number means the same lock to every process migrating this database.
const MIGRATION_LOCK_KEY = 7_412_391;

type PostgresClient = ReturnType<typeof postgres>;

/**
 * The client drizzle is given: every query goes out as a named prepared statement.
 * drizzle asks postgres.js for unprepared queries unless each is `.prepare()`d by name,
 * and postgres.js sends an unprepared query with parameters as two round trips (describe,
 * then execute). Prepared, the describe happens once per connection and statement text,
 * so a query costs one round trip and the server skips parse and plan. Transactions and
 * savepoints hand drizzle a new client, which is wrapped the same way.
 * (A pooler in transaction mode cannot keep prepared statements: see the README.)
 */
function preparingClient(client: PostgresClient): PostgresClient {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: object) =>
          // biome-ignore lint/suspicious/noExplicitAny: postgres.js types its parameters narrowly
          target.unsafe(query, parameters as any, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const body = args.at(-1) as (inner: PostgresClient) => unknown;
          const wrapped = (inner: PostgresClient) => body(preparingClient(inner));
          // biome-ignore lint/suspicious/noExplicitAny: begin's overloads take (options?, body)
          return (Reflect.get(target, property) as any)(...args.slice(0, -1), wrapped);
        };
      }
      return Reflect.get(target, property, target);
    },
  });
}

/**
 * Seconds a pooled connection waits before it reconnects after `retries` failed attempts
 * (shared by the pool). postgres.js' default grows as 3^retries / 100 up to 20 s, so after
 * an outage of a minute every connection sat out 10–20 s more once the database was back,
 * and the first page waited that long. Capped at one second: a database that is down
 * gets at most one attempt per connection per second, and one that is back is used at once.
 */
export function reconnectDelaySeconds(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1);
}

function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>): DatabaseConnection {
  const client = postgres(config.url, {
    max: config.maxConnections ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
  });
  const db = drizzlePostgres({ client: preparingClient(client), schema }) as unknown as Database;
  return {
    config,
    db,
    async migrate() {
      // A dedicated connection holds an advisory lock so that two processes starting
      // together (app + realtime, parallel test workers) do not race the migrator.
      const lockClient = postgres(config.url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: lockClient }), {
          migrationsFolder: migrationsFolder(),
        });
      } finally {
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        await lockClient.end({ timeout: 5 });
      }
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(client`select 1`, timeoutMs, "database ping");
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

function openPglite(config: Extract<DatabaseConfig, { kind: "pglite" }>): DatabaseConnection {
  // PGlite creates its own folder but not the parents ("./.data/pglite" on a fresh clone).
  if (!config.dataDir.includes("://")) mkdirSync(config.dataDir, { recursive: true });
  const client = new PGlite(config.dataDir, {
    extensions: { btree_gist },
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    config,
    db,
    async migrate() {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder: migrationsFolder() });
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(client.query("select 1"), timeoutMs, "database ping");
    },
    async close() {
      if (!client.closed) await client.close();
    },
    async dump() {
      return client.dumpDataDir("none");
    },
    pglite: client,
  };
}

export function openDatabase(config: DatabaseConfig): DatabaseConnection {
  return config.kind === "postgres" ? openPostgres(config) : openPglite(config);
}

// The process-wide connection lives on globalThis: the server bundle built by Vite
// carries its own copy of this module, and both copies must share one connection
// (and one PGlite instance, which cannot be opened twice).
const GLOBAL_KEY = Symbol.for("peerloop.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: DatabaseConnection };
const holder = globalThis as GlobalWithDb;

/** Makes `connection` the one that getDb() returns, closing nothing. */
export function setDatabaseConnection(connection: DatabaseConnection): DatabaseConnection {
  holder[GLOBAL_KEY] = connection;
  return connection;
}

export function getConnection(): DatabaseConnection {
  let connection = holder[GLOBAL_KEY];
  if (!connection) {
    connection = openDatabase(databaseConfigFromEnv());
    holder[GLOBAL_KEY] = connection;
  }
  return connection;
}

export function getDb(): Database {
  return getConnection().db;
}

export async function closeDatabase(): Promise<void> {
  const connection = holder[GLOBAL_KEY];
  holder[GLOBAL_KEY] = undefined;
  await connection?.close();
}

/** For health checks: true when the database answers. */
export async function isDatabaseHealthy(timeoutMs = 2000): Promise<boolean> {
  try {
    await getConnection().ping(timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export { sql };
