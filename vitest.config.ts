import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Deliberately without the Remix plugin: tests import modules and the built server.
const shared = {
  pool: "forks",
  testTimeout: 30_000,
  hookTimeout: 120_000,
} as const;

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Most test time waits on PostgreSQL, HTTP and websockets, not on this process: two
    // workers on a 2-core machine ran the PostgreSQL suite in 224 s instead of 315 s
    // (vitest's default is one worker fewer than the cores).
    maxWorkers: 2,
    reporters: ["default"],
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: {
          ...shared,
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // Pure logic with no process-wide state: the unit files share their workers'
          // module cache instead of paying a fresh process and imports each.
          isolate: false,
        },
      },
      {
        plugins: [tsconfigPaths()],
        test: {
          ...shared,
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Each integration file gets a fresh process: the app reads its environment
          // once, and each file has its own database connection.
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
    ],
  },
});
