import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { seedQuestions } from "#db/catalog/seed-questions";
import { openDatabase } from "#db/client";
import { REPO_ROOT as root, TEST_BUILD_DIR } from "./paths";
import {
  createDatabase,
  databaseNameOf,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "./postgres-admin";

// Once per run: build the app (integration tests serve the real build) and prepare a
// migrated, catalog-seeded template that each test file copies into a fresh database.

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate:
      | { kind: "postgres"; adminUrl: string; name: string }
      | { kind: "pglite"; dumpFile: string };
  }
}

export default async function setup(project: TestProject) {
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REMIX_BUILD_DIR: TEST_BUILD_DIR },
  });

  const adminUrl = process.env.DATABASE_URL?.trim();
  if (adminUrl) {
    const name = uniqueDatabaseName(`${databaseNameOf(adminUrl)}_tpl`);
    await createDatabase(adminUrl, name);
    const connection = openDatabase({ kind: "postgres", url: withDatabaseName(adminUrl, name) });
    try {
      await connection.migrate();
      await seedCatalog(connection.db);
      await seedQuestions(connection.db);
    } finally {
      await connection.close();
    }
    project.provide("dbTemplate", { kind: "postgres", adminUrl, name });
    return async () => dropDatabase(adminUrl, name);
  }

  const dir = mkdtempSync(path.join(tmpdir(), "peerloop-test-"));
  const connection = openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    await connection.migrate();
    await seedCatalog(connection.db);
    await seedQuestions(connection.db);
    const dump = await connection.dump!();
    const dumpFile = path.join(dir, "template.tar");
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    project.provide("dbTemplate", { kind: "pglite", dumpFile });
  } finally {
    await connection.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
