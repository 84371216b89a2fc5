import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createRequestHandler,
  type EntryContext,
  type HandleDocumentRequestFunction,
  type ServerBuild,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
// The same serializer Remix streams loader data with (single fetch): part of rendering.
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { encodeViaTurboStream } from "@remix-run/server-runtime/dist/single-fetch.js";
import { renderToPipeableStream } from "react-dom/server";
import { closeDatabase } from "#db/client";

// The baseline: React rendering only. Each page's route tree and loader data are captured
// once from the app itself (one real request through Remix, whose document handler is
// swapped for one that keeps the entry context); afterwards every request renders that
// same tree and data with renderToPipeableStream straight onto the socket: no loaders, no
// database, no Express, no middleware. Loader data is re-serialised per request, as the
// app does.

const buildDir = process.env.SSR_BUILD_DIR!;
const port = Number(process.env.SSR_PORT);
const signedIn = JSON.parse(process.env.SSR_PAGES!) as string[];
const anonymous = JSON.parse(process.env.SSR_ANON_PAGES ?? "[]") as string[];
const cookie = process.env.SSR_COOKIE ?? "";

const build = (await import(
  pathToFileURL(path.join(buildDir, "server/index.js")).href
)) as ServerBuild;

const captured = new Map<string, EntryContext>();
let capturing: string | undefined;
const capture: HandleDocumentRequestFunction = (_request, status, headers, context) => {
  if (capturing) captured.set(capturing, context);
  return new Response("captured", { status, headers });
};
const capturingBuild: ServerBuild = {
  ...build,
  entry: { module: { ...build.entry.module, default: capture } },
};
const handle = createRequestHandler(capturingBuild, "production");
for (const page of [...signedIn, ...anonymous]) {
  capturing = page;
  const headers: Record<string, string> = signedIn.includes(page) ? { cookie } : {};
  const response = await handle(new Request(`http://127.0.0.1:${port}${page}`, { headers }), {
    cspNonce: "",
    clientIp: "127.0.0.1",
  });
  if (response.status !== 200 || !captured.has(page)) {
    throw new Error(`capturing ${page}: status ${response.status}`);
  }
}
capturing = undefined;
await closeDatabase();

const STREAM_TIMEOUT = 5_000;

const server = createServer((req, res) => {
  const context = captured.get(req.url ?? "");
  if (!context) {
    res.writeHead(404).end();
    return;
  }
  const controller = new AbortController();
  const handlerContext = context.staticHandlerContext;
  const perRequest: EntryContext = {
    ...context,
    serverHandoffStream: encodeViaTurboStream(
      {
        loaderData: handlerContext.loaderData,
        actionData: handlerContext.actionData,
        errors: handlerContext.errors,
      },
      controller.signal,
      STREAM_TIMEOUT,
      ServerMode.Production,
    ),
    renderMeta: {},
  };
  const { pipe, abort } = renderToPipeableStream(
    <RemixServer context={perRequest} url={`http://127.0.0.1:${port}${req.url}`} />,
    {
      onShellReady() {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        pipe(res);
      },
      onShellError() {
        res.writeHead(500).end();
      },
      // autocannon closes its sockets mid-response when a run ends: nothing to report.
      onError() {},
    },
  );
  const timer = setTimeout(abort, STREAM_TIMEOUT);
  res.on("close", () => clearTimeout(timer));
});
server.listen(port, "127.0.0.1", () => process.send!({ type: "ready" }));

process.on("message", (message: { type: string }) => {
  if (message.type === "counts") {
    process.send!({
      type: "counts",
      counts: { statements: 0, roundTrips: 0, bytesRead: 0 },
      cpu: process.cpuUsage(),
    });
  } else if (message.type === "stop") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
