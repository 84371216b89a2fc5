// Where the whiteboard's Excalidraw finds its fonts: our own server serves the installed
// package's dist folder (app/http/runtime-folders.server.ts), never a CDN. Excalidraw
// reads `window.EXCALIDRAW_ASSET_PATH` before it loads a font; without it, it would
// fetch them from esm.sh. The version is part of the path, so the files are cached for
// a year and an upgrade is a new URL (tests/unit/run-records.test.ts checks the version
// against the installed package).

export const EXCALIDRAW_VERSION = "0.18.1";

/** Excalidraw's prod folder (fonts/, locales/), as the browser asks for it. */
export const EXCALIDRAW_BASE = `/runtimes/excalidraw-${EXCALIDRAW_VERSION}/`;

/**
 * A font face's `src` without the sources on other origins. Excalidraw 0.18 always adds
 * esm.sh after our own folder as a fallback for every font face it creates. The CSP
 * (font-src 'self') refuses that anyway, but Chromium reports a violation for every one
 * of the ~250 faces as soon as they are made. Dropping them keeps the board strictly on
 * our origin and the console clean. `source` is a CSS src list: `url(a) format('woff2'), …`.
 */
export function ownOriginFontSources(source: string, origin: string): string {
  const sources = source.split(/,\s*(?=url\()/);
  const own = sources.filter((entry) => {
    const match = /^url\(\s*["']?([^"')]+)["']?\s*\)/.exec(entry.trim());
    if (!match) return true;
    const url = match[1]!;
    if (url.startsWith("data:")) return true;
    try {
      return new URL(url, origin).origin === origin;
    } catch {
      return false;
    }
  });
  // A face with no source of ours keeps its list: the CSP still refuses the foreign ones.
  return own.length > 0 ? own.join(", ") : source;
}
