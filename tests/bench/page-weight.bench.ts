import { rmSync } from "node:fs";
import { buildForProduction, formatPageWeights, measurePageWeights } from "../support/page-weight";

// Builds the app for production into a scratch folder and prints the gzipped JavaScript
// of every page (initial, lazy, total against its budget); the last line is JSON.

const buildDir = buildForProduction();
try {
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
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
