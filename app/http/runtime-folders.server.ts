import { createRequire } from "node:module";
import { dirname } from "node:path";
import { EXCALIDRAW_BASE } from "~/modules/board/board-assets";
import { PGLITE_BASE, PYODIDE_BASE } from "~/modules/runs/runtime-assets";

/**
 * The installed packages' folders the browser's code runners load from (runtime-assets.ts)
 * and the whiteboard's fonts (board-assets.ts), resolved through Node so they follow wherever npm put the packages.
 */
export function runtimeFolders(): { path: string; dir: string }[] {
  const require = createRequire(import.meta.url);
  return [
    { path: PYODIDE_BASE, dir: dirname(require.resolve("pyodide/package.json")) },
    { path: PGLITE_BASE, dir: dirname(require.resolve("@electric-sql/pglite")) },
    // The package exports only its entry points, so its folder is found from the entry:
    // dist/prod/index.js, beside fonts/ and locales/.
    { path: EXCALIDRAW_BASE, dir: dirname(require.resolve("@excalidraw/excalidraw")) },
  ];
}
