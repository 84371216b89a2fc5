import { execFileSync } from "node:child_process";
import path from "node:path";
import { formatPageWeights, measurePageWeights } from "../support/page-weight";
import { REPO_ROOT } from "../support/paths";

// Builds the app for production into a scratch folder and prints the gzipped JavaScript
// of every page (initial, lazy, total against its budget); the last line is JSON.

const buildDir = path.join(REPO_ROOT, ".cache/page-weight-build");
execFileSync(
  path.join(REPO_ROOT, "node_modules/.bin/remix"),
  ["vite:build", "--logLevel", "error"],
  {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", REMIX_BUILD_DIR: buildDir },
  },
);
const weights = measurePageWeights(buildDir);
console.log(formatPageWeights(weights));
console.log(
  JSON.stringify(
    Object.fromEntries(
      weights.map((w) => [
        w.routeId,
        { initial: w.initial, lazy: w.lazy, total: w.total, budget: w.budget },
      ]),
    ),
  ),
);
