import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
/** Where the global setup builds the app for the integration tests. */
export const TEST_BUILD_DIR = path.join(REPO_ROOT, ".cache/test-build");
