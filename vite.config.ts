import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig), tsconfigPaths()],
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
  // Remix keeps the client's Vite manifest in build/.vite (outside the public folder):
  // the page-weight test follows its chunk graph.
  build: { target: "es2022", manifest: true },
  // The room's code runners (app/workers): module workers that resolve our "~/" paths.
  worker: { format: "es", plugins: () => [tsconfigPaths()] },
  // Pre-bundle the browser's dependencies up front; discovering them on the first
  // page load makes Vite reload the page mid-interaction in development.
  optimizeDeps: {
    include: [
      "@conform-to/react",
      "@conform-to/zod",
      "zod",
      "react",
      "react-dom/client",
      // The room loads these on demand; listing them avoids a re-optimisation mid-session.
      "yjs",
      "@hocuspocus/provider",
      "y-codemirror.next",
      "@codemirror/state",
      "@codemirror/view",
      "@codemirror/language",
      "@codemirror/commands",
      "@codemirror/autocomplete",
      "@codemirror/lang-python",
      "@codemirror/lang-java",
      "@codemirror/lang-cpp",
      "@codemirror/lang-sql",
      "@codemirror/legacy-modes/mode/clike",
      "livekit-client",
      "@excalidraw/excalidraw",
    ],
    // Server-only packages reached through loaders; the browser never loads them.
    exclude: [
      "@remix-run/node",
      "drizzle-orm",
      "@electric-sql/pglite",
      "postgres",
      "argon2",
      "ical-generator",
      "nodemailer",
      "pg-boss",
    ],
  },
});
