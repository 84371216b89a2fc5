import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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
// The two run side by side; the build is skipped when nothing it reads has changed
// since the last test build (CI runs the suite several times on one clone).

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate:
      | { kind: "postgres"; adminUrl: string; name: string }
      | { kind: "pglite"; templateDir: string; scratchDir: string };
  }
}

/**
 * Memory-backed /dev/shm where there is one: the test files' databases are written there.
 * A run that was killed leaves its folder behind; those a day old are removed (a run
 * still going in another checkout is younger).
 */
function scratchRoot(): string {
  const root = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    if (name.startsWith("peerloop-test-") && statSync(full).mtimeMs < dayAgo) {
      rmSync(full, { recursive: true, force: true });
    }
  }
  return root;
}

const BUILD_STAMP = `${TEST_BUILD_DIR}.stamp`;

/**
 * A hash of everything the build can read: the files git tracks or would track, less the
 * tests and the docs (the build imports neither), with the lock file standing for
 * node_modules; the .env files; the Node version. Null without git: then the build always runs.
 */
function buildInputsHash(): string | null {
  let files: string[];
  try {
    files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    })
      .split("\0")
      .filter((file) => file && !file.startsWith("tests/") && !file.startsWith("docs/"))
      // Vite also reads the .env files, which git ignores.
      .concat(readdirSync(root).filter((name) => name.startsWith(".env")))
      .sort();
  } catch {
    return null;
  }
  const hash = createHash("sha256").update(`${process.version}\0`);
  for (const file of files) {
    const full = path.join(root, file);
    // A tracked file deleted in the work tree is listed but absent: its absence is the input.
    hash.update(`${file}\0`).update(existsSync(full) ? readFileSync(full) : "(deleted)");
  }
  return hash.digest("hex");
}

async function buildApp(inputs: string | null): Promise<void> {
  const built = existsSync(path.join(TEST_BUILD_DIR, "server/index.js"));
  if (inputs && built && existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, "utf8") === inputs) {
    return;
  }
  rmSync(BUILD_STAMP, { force: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules/.bin/remix"),
      ["vite:build", "--logLevel", "warn"],
      { cwd: root, stdio: "inherit", env: { ...process.env, REMIX_BUILD_DIR: TEST_BUILD_DIR } },
    );
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`the test build failed (exit code ${code})`)),
    );
  });
  if (inputs) writeFileSync(BUILD_STAMP, inputs);
}

export default async function setup(project: TestProject) {
  const inputs = buildInputsHash();
  const [build, template] = await Promise.allSettled([
    buildApp(inputs),
    prepareTemplate(project, inputs),
  ]);
  if (build.status === "rejected") {
    if (template.status === "fulfilled") await template.value();
    throw build.reason;
  }
  if (template.status === "rejected") throw template.reason;
  return template.value;
}

// The PGlite template, kept between runs like the build: the migrations and the catalog
// seeds are among the build's inputs.
const PGLITE_TEMPLATE_DIR = path.join(root, ".cache/test-pglite-template");
const PGLITE_TEMPLATE_STAMP = `${PGLITE_TEMPLATE_DIR}.stamp`;

async function prepareTemplate(
  project: TestProject,
  inputs: string | null,
): Promise<() => void | Promise<void>> {
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

  // Where the test files' copies go, removed at the end of the run.
  const scratchDir = mkdtempSync(path.join(scratchRoot(), "peerloop-test-"));
  const templateDir = PGLITE_TEMPLATE_DIR;
  const fresh =
    inputs !== null &&
    existsSync(PGLITE_TEMPLATE_STAMP) &&
    readFileSync(PGLITE_TEMPLATE_STAMP, "utf8") === inputs;
  if (!fresh) {
    rmSync(PGLITE_TEMPLATE_STAMP, { force: true });
    rmSync(templateDir, { recursive: true, force: true });
    const connection = openDatabase({ kind: "pglite", dataDir: "memory://" });
    try {
      await connection.migrate();
      await seedCatalog(connection.db);
      await seedQuestions(connection.db);
      const dump = await connection.dump!();
      await connection.close();
      // As a data directory on disk: a test file copies the folder and opens the copy,
      // which starts faster than unpacking the 40 MB tarball into PGlite's in-memory
      // file system.
      const template = openDatabase({ kind: "pglite", dataDir: templateDir, loadDataDir: dump });
      await template.ping(60_000);
      await template.close();
    } finally {
      await connection.close();
    }
    if (inputs) writeFileSync(PGLITE_TEMPLATE_STAMP, inputs);
  }
  project.provide("dbTemplate", { kind: "pglite", templateDir, scratchDir });
  return () => rmSync(scratchDir, { recursive: true, force: true });
}
