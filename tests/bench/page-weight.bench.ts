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
// and the pad's grammars other than Python). The budget holds initial + lazy; on-demand
// chunks are printed apart and not counted. The room is weighed before the whiteboard or
// Pyodide load (neither exists yet). Run with `npm run bench:page-weight`; the last line
// of output is one JSON object (the contract in tests/bench/report.ts).

import { rmSync } from "node:fs";
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
  weighPages,
} from "../support/page-weight";

const ROOM = "routes/_app.sessions.$sessionId";
const PORT = Number(process.env.PAGE_WEIGHT_PORT ?? 3601);
const CHROMIUM_ACCEPT_ENCODING = "gzip, deflate, br, zstd";
const TARGETS = { roomKbGzip: "<= 350", maxOtherPageKbGzip: "<= 150" };

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

async function main() {
  const buildDir = buildForProduction();
  let server: Server | undefined;
  try {
    const pages = pageChunks(buildDir);
    server = await serve(buildDir);
    const files = [...new Set(pages.flatMap((p) => [...p.initial, ...p.lazy, ...p.onDemand]))];
    const gzip = new Map<string, Served>();
    const chromium = new Map<string, Served>();
    for (const file of files) {
      gzip.set(file, await fetchRaw(`/${file}`, "gzip"));
      chromium.set(file, await fetchRaw(`/${file}`, CHROMIUM_ACCEPT_ENCODING));
    }
    const encodings = (served: Map<string, Served>) =>
      [...new Set([...served.values()].map((s) => s.encoding))].sort().join(", ");
    const gzipWeights = weighPages(pages, (file) => gzip.get(file)!.bytes);
    const chromiumWeights = weighPages(pages, (file) => chromium.get(file)!.bytes);

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

    // The room's on-demand part, split: video (livekit-client) and the other grammars.
    const roomPage = pages.find((p) => p.routeId === ROOM);
    const board = new Set(roomPage?.whiteboard ?? []);
    const onDemandGzip = (video: boolean) =>
      (roomPage?.onDemand ?? [])
        .filter((file) => !board.has(file) && /livekit-client/.test(file) === video)
        .reduce((sum, file) => sum + gzip.get(file)!.bytes, 0);
    const g = summary(gzipWeights);
    const b = summary(chromiumWeights);
    const figures = {
      roomKbGzip: kb(g.room.total),
      maxOtherPageKbGzip: kb(g.heaviest.total),
      roomInitialKbGzip: kb(g.room.initial),
      roomLazyKbGzip: kb(g.room.lazy),
      roomOnDemandKbGzip: kb(g.room.onDemand),
      roomWhiteboardKbGzip: kb(g.room.whiteboard),
      roomWithBoardKbGzip: kb(g.room.total + g.room.whiteboard),
      roomVideoKbGzip: kb(onDemandGzip(true)),
      roomOtherGrammarsKbGzip: kb(onDemandGzip(false)),
      roomKbBrotli: kb(b.room.total),
      maxOtherPageKbBrotli: kb(b.heaviest.total),
    };
    const met = {
      roomKbGzip: figures.roomKbGzip <= 350,
      maxOtherPageKbGzip: figures.maxOtherPageKbGzip <= 150,
    };
    const limits: Record<string, string> = {};
    if (!met.roomKbGzip) {
      limits.roomKbGzip = `the room's initial ${figures.roomInitialKbGzip} KB + lazy ${figures.roomLazyKbGzip} KB (editor, Yjs, Hocuspocus provider): see the table above for the chunks to split or defer`;
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
        notCounted:
          "on demand, not in the room's budget: livekit-client (video, on Join video), the pad's grammars other than Python, and the whiteboard (Excalidraw, when the board is first shown: roomWithBoardKbGzip)",
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
