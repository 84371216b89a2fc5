import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Deliberately without the Remix plugin: tests import modules and the built server.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // Most test time waits on PostgreSQL, HTTP and websockets, not on this process: two
    // workers on a 2-core machine ran the PostgreSQL suite in 224 s instead of 315 s
    // (vitest's default is one worker fewer than the cores).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
