import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

// A TCP proxy between the app and PostgreSQL (or anything else), so that a test can take
// the database away at the network boundary without touching the shared server: `cut()`
// destroys every connection and refuses new ones, `stall()` accepts new ones but never
// answers (as a dead host behind a firewall would), `restore()` lets traffic through again.

export type ProxyMode = "open" | "refuse" | "stall";

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Drops every open connection; new ones are refused (RST) until restore(). */
  cut(): void;
  /** Drops every open connection; new ones are accepted and left hanging until restore(). */
  stall(): void;
  restore(): void;
  /** Sends new connections to another port from now on (a load balancer's failover). */
  retarget(port: number): void;
  mode(): ProxyMode;
  /** Connections accepted since the proxy started. */
  accepted(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(initial: { host: string; port: number }): Promise<TcpProxy> {
  const target = { ...initial };
  let mode: ProxyMode = "open";
  let accepted = 0;
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();

  const server: Server = createServer((client) => {
    client.on("error", () => {});
    if (mode === "refuse") {
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    // A stalled connection gets nothing, not even a close, until it is cut or restored.
    if (mode === "stall") return;
    const upstream = tcpConnect(target);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });

  const dropAll = () => {
    for (const pair of pairs) {
      pair.upstream?.destroy();
      pair.client.resetAndDestroy();
    }
    pairs.clear();
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the proxy has no port");
  const port = address.port;

  return {
    port,
    urlFor(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      mode = "refuse";
      dropAll();
    },
    stall() {
      mode = "stall";
      dropAll();
    },
    restore() {
      // Stalled connections never reached the database: they go, and their clients retry.
      dropAll();
      mode = "open";
    },
    retarget(port) {
      target.port = port;
    },
    mode: () => mode,
    accepted: () => accepted,
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
