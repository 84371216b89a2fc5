import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// End-to-end tests: a real Chromium against the real server (server.ts, production
// build), started once by the global setup. Without the Remix plugin, like the unit config.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    pool: "forks",
    // One server and one database for the run: files take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ["default"],
  },
});
