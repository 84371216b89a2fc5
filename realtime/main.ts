import { createServer } from "node:http";
import { EnvError, getEnv, publicOrigin } from "../app/env.server";
import { closeDatabase, getConnection } from "../db/client";
import { createRealtimeServer, REALTIME_PATH, realtimeOptionsFromEnv } from "./server";

// The realtime tier on its own (`npm run start:realtime`): several of these behind a
// load balancer share documents through Redis (REDIS_URL). The app process serves the
// same /realtime path itself, so a single-machine setup does not need this.

function realtimePort(): number {
  const raw = process.env.REALTIME_PORT?.trim() || "3001";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EnvError(`Invalid environment: REALTIME_PORT must be a port number, got "${raw}"`);
  }
  return port;
}

async function main() {
  const env = getEnv();
  const port = realtimePort();
  await getConnection().migrate();

  // Without APP_ORIGIN the app is assumed on localhost:PORT (another port than ours, so
  // "same host" would refuse every browser).
  const realtime = createRealtimeServer(realtimeOptionsFromEnv(env, publicOrigin(env)));
  const server = createServer((request, response) => {
    if (request.url === "/healthz") {
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    response
      .writeHead(426, { "content-type": "text/plain", upgrade: "websocket" })
      .end(`Upgrade Required: open a websocket on ${REALTIME_PATH}`);
  });
  server.on("upgrade", (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(port, env.HOST, resolve));
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  console.log(
    `peerloop-realtime: listening on ws://localhost:${bound}${REALTIME_PATH}` +
      (env.REDIS_URL ? " (Redis fan-out on)" : ""),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`peerloop-realtime: ${signal} received, shutting down`);
    server.close();
    await realtime.close();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) {
    console.error(`peerloop-realtime: ${err.message}`);
  } else {
    console.error("peerloop-realtime: failed to start", err);
  }
  process.exit(1);
});
