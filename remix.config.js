// Remix options live here so that the Vite config (app build) and anything else
// that needs them (tests, tooling) read one source of truth.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  // The integration tests build into a folder of their own, so that running them
  // never swaps the build under a production server started from ./build.
  buildDirectory: process.env.REMIX_BUILD_DIR || "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: false,
  },
};
