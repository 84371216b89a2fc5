import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Deliberately without the Remix plugin: tests import modules and the built server.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
