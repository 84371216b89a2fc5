// Page weight: the JavaScript each page makes the browser download, as the production
// server sends it. Builds the app for production into a scratch folder, serves that build
// with the production HTTP tier (createExpressApp: express.static behind `compression`,
// brotli or gzip as the request prefers) on 127.0.0.1, and asks for every chunk of every
// page twice: once accepting gzip only (what the targets are stated in) and once as
// Chromium asks (`gzip, deflate, br, zstd`, which gets brotli). Bytes counted are the
// compressed bytes on the wire (no headers); files under compression's 1 KB threshold go
// uncompressed, as they do in production.
//
// Per page: initial (entry, Remix's manifest, the route chain and its static imports),
// lazy (what the page import()s by itself: the room's editor and Yjs, charts) and on
// demand (loaded only when the person asks: the room's video, livekit-client ~148 KB,
// the pad's grammars other than Python, and the whiteboard). The budget holds initial +
// lazy; on-demand chunks are printed apart and not counted, with one exception: a design
// round (system design, ML system design; the deep dive too) opens on the whiteboard, so
// its room downloads the board at once. designRoomKbGzip is that room (initial + lazy +
// the whiteboard's chunks: Excalidraw and our binding, without Excalidraw's own
// on-demand parts) against the same 350 KB budget. Excalidraw's style sheet is printed
// apart (the budgets count JavaScript only).
//
// Also the Python runtime a first Run fetches (the room's Python worker and Pyodide from
// /runtimes/, as the same server sends them): a figure, not judged (no target was ever
// set for it; its time is judged by pyodide-first-run.bench.ts). Run with
// `npm run bench:page-weight`; the last line of output is one JSON object (the contract
// in tests/bench/report.ts).

import { readFileSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { parseEnv } from "~/env.server";
import { createExpressApp } from "~/http/express-app.server";
import {
  buildForProduction,
  formatPageWeights,
  type PageWeight,
  pageChunks,
  pythonFirstRunPaths,
  weighPages,
} from "../support/page-weight";

const ROOM = "routes/_app.sessions.$sessionId";
const PORT = Number(process.env.PAGE_WEIGHT_PORT ?? 3601);
const CHROMIUM_ACCEPT_ENCODING = "gzip, deflate, br, zstd";
const ROOM_BUDGET_KB = 350;
const TARGETS = {
  roomKbGzip: `<= ${ROOM_BUDGET_KB}`,
  designRoomKbGzip: `<= ${ROOM_BUDGET_KB}`,
  maxOtherPageKbGzip: "<= 150",
};

interface Served {
  bytes: number;
  encoding: string;
}

/** GETs `urlPath` and counts the body's bytes as they arrive, still compressed. */
function fetchRaw(urlPath: string, acceptEncoding: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: urlPath,
        headers: { "accept-encoding": acceptEncoding },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET ${urlPath} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () =>
          resolve({ bytes, encoding: String(res.headers["content-encoding"] ?? "identity") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function serve(buildDir: string): Promise<Server> {
  const build = (await import(
    pathToFileURL(path.join(buildDir, "server/index.js")).href
  )) as ServerBuild;
  const env = parseEnv({
    NODE_ENV: "production",
    SESSION_SECRET: "page-weight-session-secret-0123456789abcdef",
    REALTIME_SECRET: "page-weight-realtime-secret-0123456789abcde",
    LIVEKIT_API_KEY: "page-weight",
    LIVEKIT_API_SECRET: "page-weight-livekit-secret-0123456789abcd",
  });
  const app = createExpressApp(env, {
    kind: "production",
    build,
    clientDir: path.join(buildDir, "client"),
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(PORT, "127.0.0.1", resolve);
  });
  return server;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function summary(weights: PageWeight[]) {
  const room = weights.find((w) => w.routeId === ROOM);
  if (!room) throw new Error(`the build has no ${ROOM} page`);
  const others = weights.filter((w) => w.routeId !== ROOM);
  const heaviest = others.reduce((a, b) => (b.total > a.total ? b : a));
  return { room, heaviest };
}

/** What one whiteboard chunk is, for the limits text: Rollup names Excalidraw's after a locale. */
function boardChunkLabel(clientDir: string, file: string): string {
  if (/\/board-canvas-/.test(file)) return "our binding (board-canvas)";
  if (readFileSync(path.join(clientDir, file), "utf8").includes("EXCALIDRAW_ASSET_PATH")) {
    return "Excalidraw";
  }
  return "shared with the binding";
}

async function main() {
  const buildDir = buildForProduction();
  const clientDir = path.join(buildDir, "client");
  let server: Server | undefined;
  try {
    const pages = pageChunks(buildDir);
    const roomPage = pages.find((p) => p.routeId === ROOM);
    if (!roomPage) throw new Error(`the build has no ${ROOM} page`);
    const python = pythonFirstRunPaths(clientDir);
    server = await serve(buildDir);
    const paths = [
      ...new Set(
        pages.flatMap((p) => [...p.initial, ...p.lazy, ...p.onDemand]).map((f) => `/${f}`),
      ),
      ...roomPage.whiteboardCss.map((f) => `/${f}`),
      python.worker,
      ...python.pyodide,
    ];
    const gzip = new Map<string, Served>();
    const chromium = new Map<string, Served>();
    for (const urlPath of paths) {
      gzip.set(urlPath, await fetchRaw(urlPath, "gzip"));
      chromium.set(urlPath, await fetchRaw(urlPath, CHROMIUM_ACCEPT_ENCODING));
    }
    const gzipBytes = (file: string) => gzip.get(`/${file}`)!.bytes;
    const encodings = (served: Map<string, Served>) =>
      [...new Set([...served.values()].map((s) => s.encoding))].sort().join(", ");
    const gzipWeights = weighPages(pages, gzipBytes);
    const chromiumWeights = weighPages(pages, (file) => chromium.get(`/${file}`)!.bytes);

    console.log(
      `JavaScript per page as the production server sends it to a client accepting gzip only (encodings seen: ${encodings(gzip)}):`,
    );
    console.log(formatPageWeights(gzipWeights));
    console.log(
      `\nThe same as Chromium asks for it (${CHROMIUM_ACCEPT_ENCODING}; encodings seen: ${encodings(chromium)}):`,
    );
    console.log(formatPageWeights(chromiumWeights));
    console.log(
      "(compression runs brotli at quality 4, fast enough to compress on the fly; on these chunks that is no smaller than gzip level 6.)\n",
    );

    // The room's on-demand part, split: video (livekit-client), the other grammars, and
    // the board with what it loads later by itself (Excalidraw's locales, Mermaid…).
    const board = new Set([...roomPage.whiteboard, ...roomPage.whiteboardLater]);
    const onDemandGzip = (video: boolean) =>
      roomPage.onDemand
        .filter((file) => !board.has(file) && /livekit-client/.test(file) === video)
        .reduce((sum, file) => sum + gzipBytes(file), 0);
    const g = summary(gzipWeights);
    const b = summary(chromiumWeights);
    const boardChunks = roomPage.whiteboard
      .map((file) => ({ file, label: boardChunkLabel(clientDir, file), kb: kb(gzipBytes(file)) }))
      .sort((x, y) => y.kb - x.kb);
    const excalidraw = boardChunks.find((chunk) => chunk.label === "Excalidraw");
    console.log(
      `A design round's room, the board shown: ${kb(g.room.total)} KB (the room) + ${kb(g.room.whiteboard)} KB (the board) = ${kb(g.room.total + g.room.whiteboard)} KB gzip, budget ${ROOM_BUDGET_KB} KB. The board's chunks:`,
    );
    for (const chunk of boardChunks) console.log(`  ${chunk.file}  ${chunk.kb} KB  ${chunk.label}`);

    // The Python runtime, fetched on the first Run only.
    const pythonPaths = [python.worker, ...python.pyodide];
    const sum = (served: Map<string, Served>, list: string[]) =>
      list.reduce((total, urlPath) => total + served.get(urlPath)!.bytes, 0);
    console.log("\nFirst Python run (worker and Pyodide), as sent (gzip only / as Chromium asks):");
    for (const urlPath of pythonPaths) {
      const a = gzip.get(urlPath)!;
      const c = chromium.get(urlPath)!;
      console.log(
        `  ${urlPath}  ${kb(a.bytes)} KB ${a.encoding} / ${kb(c.bytes)} KB ${c.encoding}`,
      );
    }

    const figures = {
      roomKbGzip: kb(g.room.total),
      designRoomKbGzip: kb(g.room.total + g.room.whiteboard),
      maxOtherPageKbGzip: kb(g.heaviest.total),
      roomInitialKbGzip: kb(g.room.initial),
      roomLazyKbGzip: kb(g.room.lazy),
      roomOnDemandKbGzip: kb(g.room.onDemand),
      roomWhiteboardKbGzip: kb(g.room.whiteboard),
      boardExcalidrawKbGzip: excalidraw?.kb ?? 0,
      boardLaterKbGzip: kb(roomPage.whiteboardLater.reduce((total, f) => total + gzipBytes(f), 0)),
      boardCssKbGzip: kb(roomPage.whiteboardCss.reduce((total, f) => total + gzipBytes(f), 0)),
      roomVideoKbGzip: kb(onDemandGzip(true)),
      roomOtherGrammarsKbGzip: kb(onDemandGzip(false)),
      roomKbBrotli: kb(b.room.total),
      designRoomKbBrotli: kb(b.room.total + b.room.whiteboard),
      maxOtherPageKbBrotli: kb(b.heaviest.total),
      pyodideFirstRunKbGzip: kb(sum(gzip, pythonPaths)),
      pyodideFirstRunKbBrotli: kb(sum(chromium, pythonPaths)),
      pythonWorkerKbGzip: kb(gzip.get(python.worker)!.bytes),
    };
    const met = {
      roomKbGzip: figures.roomKbGzip <= ROOM_BUDGET_KB,
      designRoomKbGzip: figures.designRoomKbGzip <= ROOM_BUDGET_KB,
      maxOtherPageKbGzip: figures.maxOtherPageKbGzip <= 150,
    };
    const limits: Record<string, string> = {};
    if (!met.roomKbGzip) {
      limits.roomKbGzip = `the room's initial ${figures.roomInitialKbGzip} KB + lazy ${figures.roomLazyKbGzip} KB (editor, Yjs, Hocuspocus provider): see the table above for the chunks to split or defer`;
    }
    if (!met.designRoomKbGzip) {
      const weighs = `the room ${figures.roomKbGzip} KB (initial ${figures.roomInitialKbGzip}, lazy ${figures.roomLazyKbGzip}) + the board ${figures.roomWhiteboardKbGzip} KB (${boardChunks.map((c) => `${c.label} ${c.file} ${c.kb} KB`).join(", ")})`;
      const over = Math.round((figures.designRoomKbGzip - ROOM_BUDGET_KB) * 10) / 10;
      limits.designRoomKbGzip =
        excalidraw && excalidraw.kb >= ROOM_BUDGET_KB
          ? `${weighs}. Excalidraw's chunk alone is over the whole ${ROOM_BUDGET_KB} KB (its locales, font subsetter and diagram import are already apart), so no split of the room's own code brings a design room under it. Next step: a decision record choosing between a budget of its own for rooms that open on the board (${figures.designRoomKbGzip} KB today) and a lighter board than Excalidraw; either way, design rooms should fetch the board's chunks alongside the room's code (modulepreload from the route when the round opens on the board) rather than after the pad's editor has loaded (see join-time's designJoinP50Ms)`
          : `${weighs}: ${over} KB over. Next step: in rooms that open on the board, defer what they do not use at first (the pad's language support and the runner's code, in the room's lazy part) until the pad is shown`;
    }
    if (!met.maxOtherPageKbGzip) {
      limits.maxOtherPageKbGzip = `${g.heaviest.routeId} weighs ${kb(g.heaviest.total)} KB (initial ${kb(g.heaviest.initial)}, lazy ${kb(g.heaviest.lazy)})`;
    }
    console.log(
      JSON.stringify({
        bench: "page-weight",
        figures,
        targets: TARGETS,
        met,
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        measured:
          "compressed bytes the production server sends for each page's JavaScript (gzip-only request; brotli as Chromium asks)",
        heaviestOtherPage: g.heaviest.routeId.replace(/^routes\//, ""),
        designRoom:
          "a room that opens on the whiteboard (system design, ML system design, deep dive): the room's initial + lazy JavaScript and the board's chunks (Excalidraw and its binding), JavaScript only (Excalidraw's style sheet: boardCssKbGzip)",
        notCounted:
          "on demand, not in roomKbGzip: livekit-client (video, on Join video), the pad's grammars other than Python, the whiteboard (counted in designRoomKbGzip; what it loads later by itself only when used, Excalidraw's locales, text-to-diagram with Mermaid and font subsetter: boardLaterKbGzip), and the Python runtime (pyodideFirstRunKbGzip: the worker and Pyodide, on the first Run)",
        pyodideFiles: Object.fromEntries(
          pythonPaths.map((urlPath) => [
            urlPath.replace(/^.*\//, ""),
            { kbGzip: kb(gzip.get(urlPath)!.bytes), kbBrotli: kb(chromium.get(urlPath)!.bytes) },
          ]),
        ),
      }),
    );
  } finally {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
