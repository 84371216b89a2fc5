import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { ViteDevServer } from "vite";
import type { Env } from "~/env.server";
import { mustNotCompress } from "./compression";
import { withDatabaseOutageAs503 } from "./database-outage.server";
import { MAX_BODY_BYTES } from "./form-limits";
import { runtimeFolders } from "./runtime-folders.server";
import { isCrossOriginWrite, securityHeaders } from "./security";

export type BuildSource =
  | { kind: "production"; build: ServerBuild; clientDir: string }
  | { kind: "development"; vite: ViteDevServer };

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

/**
 * The HTTP tier: security middleware, static assets and the Remix handler. Stateless,
 * so several can run behind a load balancer; server.ts adds the websocket upgrade
 * and job workers around it.
 */
export function createExpressApp(env: Env, source: BuildSource): express.Express {
  const app = express();
  // The browser talks to the LiveKit server directly (signalling websocket and HTTP).
  const video = new URL(env.LIVEKIT_URL);
  const videoConnectSources = [
    video.origin.replace(/^http/, "ws"),
    `${video.protocol === "wss:" ? "https" : "http"}://${video.host}`,
  ];
  // Buying credits ends in a redirect to Stripe Checkout (or the stand-in serving it).
  const checkoutSources = env.STRIPE_SECRET_KEY
    ? [env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE).origin : "https://checkout.stripe.com"]
    : [];
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const headers = securityHeaders({
      nonce,
      isDevelopment: source.kind === "development",
      isProduction: env.isProduction,
      connectSources: videoConnectSources,
      formActionSources: checkoutSources,
    });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);

    const expectedOrigin = env.APP_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
    if (
      isCrossOriginWrite({
        method: req.method,
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        expectedOrigin,
      })
    ) {
      res.status(403).type("text/plain").send("Cross-origin request refused.");
      return;
    }
    next();
  });

  // Announced oversize bodies are refused before any handler runs; unannounced
  // (chunked) ones are cut off by the readers in read-form.server.ts.
  app.use((req, res, next) => {
    if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      res.status(413).set("Connection", "close").type("text/plain");
      res.send(`The request is larger than ${Math.round(MAX_BODY_BYTES / 1024)} KB.`);
      return;
    }
    next();
  });

  if (source.kind === "production") {
    // gzip or brotli, as the client's Accept-Encoding prefers (brotli first).
    app.use(
      compression({
        filter: (req, res) =>
          !mustNotCompress(req.headers, res.getHeader("Content-Type")) &&
          compression.filter(req, res),
      }),
    );
  }

  // The code runners' Python and PostgreSQL (versioned paths: cached for a year).
  for (const { path, dir } of runtimeFolders()) {
    app.use(path, express.static(dir, { immutable: true, maxAge: "1y", index: false }));
  }

  if (source.kind === "development") {
    app.use(source.vite.middlewares);
  } else {
    app.use(
      "/assets",
      express.static(`${source.clientDir}/assets`, { immutable: true, maxAge: "1y" }),
    );
    app.use(express.static(source.clientDir, { maxAge: "1h" }));
  }

  // A database outage answers 503, not 500 (database-outage.server.ts).
  const build =
    source.kind === "development"
      ? async () =>
          withDatabaseOutageAs503(
            (await source.vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild,
          )
      : withDatabaseOutageAs503(source.build);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: source.kind,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  return app;
}
