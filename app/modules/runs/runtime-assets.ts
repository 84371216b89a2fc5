// Where the browser finds the two language runtimes: served by our own server from the
// installed npm packages (app/http/express-app.server.ts), never from a CDN. The version is
// part of the path, so the files can be cached for a year and an upgrade is a new URL
// (tests/unit/run-records.test.ts checks these against the installed packages).

export const PYODIDE_VERSION = "314.0.7";
export const PGLITE_VERSION = "0.5.16";

/** Pyodide's folder (pyodide.mjs, the interpreter's wasm, the standard library). */
export const PYODIDE_BASE = `/runtimes/pyodide-${PYODIDE_VERSION}/`;
/** PGlite's dist folder (index.js, pglite.wasm, pglite.data). */
export const PGLITE_BASE = `/runtimes/pglite-${PGLITE_VERSION}/`;
