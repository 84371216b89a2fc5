import { cpSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import {
  closeDatabase,
  type DatabaseConnection,
  getConnection,
  openDatabase,
  setDatabaseConnection,
} from "#db/client";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "./postgres-admin";

export const usingPostgres = Boolean(process.env.DATABASE_URL?.trim());

/**
 * Gives the calling test file a database of its own, migrated and holding the
 * catalog: a copy of the run's template (PostgreSQL when DATABASE_URL is set,
 * PGlite on a copied data directory otherwise). It becomes the process database that getDb() returns.
 */
export function setupFreshDatabase(): {
  connection: () => DatabaseConnection;
  url: () => string;
  dataDir: () => string;
} {
  const template = inject("dbTemplate");
  let dbName: string | undefined;
  let url: string | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (template.kind === "postgres") {
      dbName = uniqueDatabaseName("peerloop_test");
      await createDatabase(template.adminUrl, dbName, template.name);
      url = withDatabaseName(template.adminUrl, dbName);
      setDatabaseConnection(openDatabase({ kind: "postgres", url, maxConnections: 20 }));
    } else {
      // A copy of the template's data directory in the run's scratch folder (on the
      // memory-backed /dev/shm where there is one).
      dataDir = mkdtempSync(path.join(template.scratchDir, "file-"));
      cpSync(template.templateDir, dataDir, { recursive: true });
      setDatabaseConnection(openDatabase({ kind: "pglite", dataDir }));
    }
  });

  afterAll(async () => {
    await closeDatabase();
    if (template.kind === "postgres" && dbName) await dropDatabase(template.adminUrl, dbName);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    connection: () => getConnection(),
    url: () => {
      if (!url) throw new Error("no PostgreSQL URL: this run uses PGlite");
      return url;
    },
    /** PGlite's data directory: a child process may open it once this one closed it. */
    dataDir: () => {
      if (!dataDir) throw new Error("no PGlite data directory: this run uses PostgreSQL");
      return dataDir;
    },
  };
}

/**
 * Makes the process database one that refuses every connection (nothing listens on
 * port 1), as when the database is down. Returns the function that puts it back.
 */
export function makeDatabaseUnreachable(): () => void {
  const healthy = getConnection();
  const unreachable = openDatabase({
    kind: "postgres",
    url: "postgres://peerloop@127.0.0.1:1/none",
  });
  setDatabaseConnection(unreachable);
  return () => {
    setDatabaseConnection(healthy);
    void unreachable.close();
  };
}
