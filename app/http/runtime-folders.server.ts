import { createRequire } from "node:module";
import { dirname } from "node:path";
import { PGLITE_BASE, PYODIDE_BASE } from "~/modules/runs/runtime-assets";

/**
 * The installed packages' folders the browser's code runners load from (runtime-assets.ts),
 * resolved through Node so they follow wherever npm put the packages.
 */
export function runtimeFolders(): { path: string; dir: string }[] {
  const require = createRequire(import.meta.url);
  return [
    { path: PYODIDE_BASE, dir: dirname(require.resolve("pyodide/package.json")) },
    { path: PGLITE_BASE, dir: dirname(require.resolve("@electric-sql/pglite")) },
  ];
}
