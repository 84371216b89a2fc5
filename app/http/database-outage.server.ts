import type { ServerBuild } from "@remix-run/node";
import { isDatabaseUnreachable } from "#db/errors";

// When PostgreSQL is out of reach, every loader and action fails with a connection error
// that Remix would answer as a 500 ("Something went wrong"): wrong for the person (it is
// not their fault and will pass) and for load balancers and monitors (a 5xx that says
// "retry later" is 503). Here, once, for every route: such an error becomes a thrown 503
// response, which the route's error boundary words as "temporarily unavailable" and which
// survives Remix's production error sanitising. Nothing was written: a failed connection
// commits nothing. How long a person waits is bounded by the client's connect_timeout
// (db/client.ts).

export const DATABASE_UNAVAILABLE_MESSAGE =
  "Peerloop cannot reach its database right now. Nothing was changed; try again in a minute.";

/** Seconds a client (or Stripe, or a browser) is asked to wait before retrying. */
const RETRY_AFTER_SECONDS = "30";

type Handler = (args: never) => unknown;

function guard<T extends Handler>(handler: T): T {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (err) {
      if (!isDatabaseUnreachable(err)) throw err;
      console.error("peerloop: the database is unreachable:", errorText(err));
      throw new Response(DATABASE_UNAVAILABLE_MESSAGE, {
        status: 503,
        statusText: "Service Unavailable",
        headers: { "Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store" },
      });
    }
  }) as T;
}

const guarded = new WeakMap<ServerBuild, ServerBuild>();

/** The same build, with every route's loader and action answering 503 for a database outage. */
export function withDatabaseOutageAs503(build: ServerBuild): ServerBuild {
  const known = guarded.get(build);
  if (known) return known;
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      // Module namespaces are frozen: a copy carries the wrapped functions.
      module: {
        ...route.module,
        ...(loader ? { loader: guard(loader) } : {}),
        ...(action ? { action: guard(action) } : {}),
      },
    };
  }
  const wrapped: ServerBuild = { ...build, routes };
  guarded.set(build, wrapped);
  return wrapped;
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
  return `${err.message.split("\n")[0]}${cause}`;
}
