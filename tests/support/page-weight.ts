import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { PYODIDE_BASE } from "~/modules/runs/runtime-assets";
import { REPO_ROOT } from "./paths";

// The JavaScript a page of the production build makes the browser download, gzipped:
// the client entry, the page's route chain (root → layout → page) with every chunk they
// import statically (what Remix preloads), and separately everything they can pull in
// later through import() (charts, the room's editor and video). Read from the build's
// Vite manifest (chunk graph) and Remix's browser manifest (which route nests in which).

/** Gzipped bytes allowed per page, counting the lazy chunks too. */
export const PAGE_WEIGHT_BUDGETS = {
  // The live room loads an editor, Yjs and LiveKit.
  "routes/_app.sessions.$sessionId": 350 * 1024,
  default: 150 * 1024,
} as const;

/**
 * Lazy chunks a page loads only when the person asks for them, not on its own: the room's
 * video (livekit-client, on "Join video"), the pad's grammars other than the default
 * Python (when someone switches the pad's language) and the whiteboard (Excalidraw, when
 * the board is first shown: at once in design rounds, after the page is up). They and
 * what only they import are weighed and printed apart and not held to the budget;
 * everything else a page can import() counts.
 */
export const ON_DEMAND: Record<string, RegExp[]> = {
  "routes/_app.sessions.$sessionId": [
    /livekit-client/,
    /@codemirror\/lang-(cpp|java|sql)\//,
    /@codemirror\/legacy-modes\//,
    /app\/components\/room\/board-canvas\.tsx$/,
  ],
};

/** The room's whiteboard binding; with Excalidraw's chunk (found by its marker below). */
const WHITEBOARD_ENTRY = /app\/components\/room\/board-canvas\.tsx$/;

/**
 * Lazy chunks on demand known by what their code holds, where the bundler names them
 * after whichever module it met first: Excalidraw's chunk is named after one of its
 * locale files. This marker is the global Excalidraw reads its fonts' folder from.
 */
export const ON_DEMAND_CODE: Record<string, string[]> = {
  "routes/_app.sessions.$sessionId": ["EXCALIDRAW_ASSET_PATH"],
};

export function budgetFor(routeId: string): number {
  return (
    PAGE_WEIGHT_BUDGETS[routeId as keyof typeof PAGE_WEIGHT_BUDGETS] ?? PAGE_WEIGHT_BUDGETS.default
  );
}

interface ViteChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isDynamicEntry?: boolean;
}

interface RemixManifest {
  entry: { module: string };
  routes: Record<string, { id: string; parentId?: string; module: string }>;
}

export interface PageWeight {
  routeId: string;
  /** Gzipped bytes loaded before the page is interactive (statically imported). */
  initial: number;
  /** Gzipped bytes the page loads afterwards through import() by itself. */
  lazy: number;
  /** initial + lazy: what the budget holds. */
  total: number;
  /** Gzipped bytes loaded only when the person asks for them (see ON_DEMAND). */
  onDemand: number;
  /** Of those, the whiteboard's (see PageChunks.whiteboard). */
  whiteboard: number;
  budget: number;
}

/**
 * A production build (React's production bundle, as shipped) in a fresh temporary
 * folder; the caller removes it. The test suite's own build is a development one. The
 * folder is inside the repository (.cache/) so that its server build resolves packages
 * from node_modules when it is imported.
 */
export function buildForProduction(): string {
  mkdirSync(path.join(REPO_ROOT, ".cache"), { recursive: true });
  const buildDir = mkdtempSync(path.join(REPO_ROOT, ".cache/page-weight-"));
  execFileSync(
    path.join(REPO_ROOT, "node_modules/.bin/remix"),
    ["vite:build", "--logLevel", "error"],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", REMIX_BUILD_DIR: buildDir },
    },
  );
  return buildDir;
}

function readRemixManifest(clientDir: string): RemixManifest & { manifestFile: string } {
  const assets = path.join(clientDir, "assets");
  const file = readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`no Remix browser manifest in ${assets}`);
  const text = readFileSync(path.join(assets, file), "utf8");
  const manifest = JSON.parse(
    text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1),
  ) as RemixManifest;
  return { ...manifest, manifestFile: `assets/${file}` };
}

function readViteManifest(buildDir: string): Record<string, ViteChunk> {
  // Remix moves the client build's Vite manifest next to (not into) the public folder.
  const file = path.join(buildDir, ".vite/client-manifest.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, ViteChunk>;
  } catch (err) {
    throw new Error(
      `cannot read ${file} (vite.config.ts must keep build.manifest: true): ${String(err)}`,
    );
  }
}

/** The files (paths under the client folder, e.g. `assets/x.js`) one page downloads. */
export interface PageChunks {
  routeId: string;
  /** Loaded before the page is interactive: the client entry, Remix's browser manifest,
   * the route chain and everything they import statically. */
  initial: string[];
  /** What the page loads afterwards through import() by itself. */
  lazy: string[];
  /** What it loads only when the person asks (see ON_DEMAND). */
  onDemand: string[];
  /** Of those, what showing the whiteboard loads (Excalidraw and its binding, without
   * Excalidraw's own on-demand parts): the room with the board weighs initial + lazy +
   * these. */
  whiteboard: string[];
  /** The style sheets those whiteboard chunks bring (Excalidraw's own), not in the budget. */
  whiteboardCss: string[];
  /** What the board loads later, only when used (Excalidraw's locales, its text-to-diagram
   * dialog with Mermaid, its font subsetter). */
  whiteboardLater: string[];
}

/** The JavaScript files of every route of the build in `buildDir` that renders a page. */
export function pageChunks(buildDir: string): PageChunks[] {
  const clientDir = path.join(buildDir, "client");
  const remix = readRemixManifest(clientDir);
  const vite = readViteManifest(buildDir);
  const keyByFile = new Map(Object.entries(vite).map(([key, chunk]) => [`/${chunk.file}`, key]));
  const keyOf = (file: string) => {
    const key = keyByFile.get(file);
    if (!key) throw new Error(`${file} is not in the Vite manifest`);
    return key;
  };
  const staticClosure = (roots: string[], into: Set<string>) => {
    const stack = [...roots];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (into.has(key)) continue;
      into.add(key);
      stack.push(...(vite[key]?.imports ?? []));
    }
    return into;
  };
  const filesOf = (keys: Iterable<string>) => [...keys].map((key) => vite[key]!.file).sort();
  const codeOf = (key: string) => readFileSync(path.join(clientDir, vite[key]!.file), "utf8");

  const pages: PageChunks[] = [];
  for (const route of Object.values(remix.routes)) {
    const chain: string[] = [];
    for (
      let r: typeof route | undefined = route;
      r;
      r = r.parentId ? remix.routes[r.parentId] : undefined
    ) {
      chain.push(keyOf(r.module));
    }
    // Resource routes ship an empty module: no page to weigh.
    if (readFileSync(path.join(clientDir, vite[chain[0]!]!.file), "utf8").trim() === "") continue;
    const initial = staticClosure([keyOf(remix.entry.module), ...chain], new Set());
    const onDemandPatterns = ON_DEMAND[route.id] ?? [];
    const onDemandMarkers = ON_DEMAND_CODE[route.id] ?? [];
    const byMarker = (key: string) =>
      onDemandMarkers.length > 0 &&
      vite[key]?.isDynamicEntry === true &&
      onDemandMarkers.some((marker) => codeOf(key).includes(marker));
    const asked = (key: string) =>
      onDemandPatterns.some((pattern) => pattern.test(key)) || byMarker(key);
    const isWhiteboard = (key: string) => WHITEBOARD_ENTRY.test(key) || byMarker(key);
    // Everything import() can reach, and apart what it reaches without passing through
    // a module loaded on demand: the rest (a module on demand and whatever only it needs,
    // shared chunks included) loads only when the person asks.
    const reachable = (skip: (key: string) => boolean) => {
      const lazy = new Set<string>();
      let frontier = [...initial];
      while (frontier.length > 0) {
        const dynamic = frontier.flatMap((key) => vite[key]?.dynamicImports ?? []);
        const before = new Set(lazy);
        staticClosure(
          dynamic.filter((key) => !initial.has(key) && !skip(key)),
          lazy,
        );
        frontier = [...lazy].filter((key) => !before.has(key));
      }
      for (const key of initial) lazy.delete(key);
      return lazy;
    };
    const lazy = reachable(asked);
    const everything = reachable(() => false);
    const onDemand = new Set([...everything].filter((key) => !lazy.has(key)));
    // What showing the board loads: its entries and what they import statically (not
    // Excalidraw's own import()s: 60 locales, loaded only in another language, and the
    // font subsetter, loaded only to export).
    const whiteboard = [
      ...staticClosure([...everything].filter(isWhiteboard), new Set<string>()),
    ].filter((key) => !initial.has(key) && !lazy.has(key));
    // And what the board can load later by itself (those import()s, and what they need).
    const boardLater = new Set<string>();
    const stack = whiteboard.flatMap((key) => vite[key]?.dynamicImports ?? []);
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (boardLater.has(key) || !onDemand.has(key) || whiteboard.includes(key)) continue;
      boardLater.add(key);
      stack.push(...(vite[key]?.imports ?? []), ...(vite[key]?.dynamicImports ?? []));
    }
    pages.push({
      routeId: route.id,
      // Remix writes its browser manifest after Vite, so Vite's manifest does not list
      // it; every document imports it.
      initial: [remix.manifestFile, ...filesOf(initial)],
      lazy: filesOf(lazy),
      onDemand: filesOf(onDemand),
      whiteboard: filesOf(whiteboard),
      whiteboardCss: [...new Set(whiteboard.flatMap((key) => vite[key]!.css ?? []))].sort(),
      whiteboardLater: filesOf(boardLater),
    });
  }
  return pages;
}

/**
 * What pressing Run on Python fetches the first time (app/components/room/code-runner.ts):
 * the room's Python worker (its own bundle, named python.worker-<hash>.js, not in the Vite
 * manifest) and what Pyodide's loader asks for from our server (PYODIDE_BASE): the loader,
 * the Emscripten module, the interpreter's wasm, the standard library and the package lock
 * file. The list was checked against the requests Chromium makes on a first run. As URL
 * paths on the app's origin.
 */
export function pythonFirstRunPaths(clientDir: string): { worker: string; pyodide: string[] } {
  const assets = path.join(clientDir, "assets");
  const worker = readdirSync(assets).find((name) => /^python\.worker-[\w-]+\.js$/.test(name));
  if (!worker) throw new Error(`no python.worker asset in ${assets}`);
  return {
    worker: `/assets/${worker}`,
    pyodide: [
      "pyodide.mjs",
      "pyodide.asm.mjs",
      "pyodide.asm.wasm",
      "python_stdlib.zip",
      "pyodide-lock.json",
    ].map((file) => `${PYODIDE_BASE}${file}`),
  };
}

/**
 * Weighs every page's files with `sizeOf` (bytes of one file under the client folder),
 * heaviest page first. A file shared by several pages counts for each of them.
 */
export function weighPages(pages: PageChunks[], sizeOf: (file: string) => number): PageWeight[] {
  const sum = (files: string[]) => files.reduce((total, file) => total + sizeOf(file), 0);
  return pages
    .map((page) => {
      const initial = sum(page.initial);
      const lazy = sum(page.lazy);
      return {
        routeId: page.routeId,
        initial,
        lazy,
        total: initial + lazy,
        onDemand: sum(page.onDemand),
        whiteboard: sum(page.whiteboard),
        budget: budgetFor(page.routeId),
      };
    })
    .sort((a, b) => b.total - a.total);
}

/** Page weights of every page of the build in `buildDir`: its files gzipped here. */
export function measurePageWeights(buildDir: string): PageWeight[] {
  const clientDir = path.join(buildDir, "client");
  const sizes = new Map<string, number>();
  return weighPages(pageChunks(buildDir), (file) => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(clientDir, file))).length;
      sizes.set(file, size);
    }
    return size;
  });
}

export function formatPageWeights(weights: PageWeight[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = weights.map((w) => [
    w.routeId.replace(/^routes\//, ""),
    kb(w.initial),
    kb(w.lazy),
    kb(w.total),
    kb(w.budget),
    w.onDemand > 0 ? kb(w.onDemand) : "",
    w.total <= w.budget ? "ok" : "OVER",
  ]);
  const header = ["page", "initial", "lazy", "total", "budget", "on demand", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join("  "),
    )
    .join("\n");
}
