import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { REPO_ROOT, TEST_BUILD_DIR } from "./paths";

// The app's routes as the built server knows them (Remix's route manifest), so that the
// security sweep, the forms fuzz and the accessibility test cover a route the day it is
// added, without anyone remembering to list it. Only what the build cannot say (which
// parameter is whose, how to make a record for it) lives in the tests' own tables.

export interface AppRoute {
  /** Remix's route id, e.g. "routes/_app.sessions.$sessionId". */
  id: string;
  /** The URL pattern, e.g. "/sessions/:sessionId" ("/*" for a splat). */
  pattern: string;
  /** The dynamic segments' names, in order ("*" for a splat). */
  params: string[];
  /** Under the signed-in shell (routes/_app), which sends strangers to /login. */
  underAppShell: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** Renders a page (a default export); otherwise a resource route. */
  isPage: boolean;
  isIndex: boolean;
}

/** The integration tests' build (global-setup.ts) or the e2e tests' (./build). */
export async function loadServerBuild(which: "test" | "e2e" = "test"): Promise<ServerBuild> {
  const dir = which === "test" ? TEST_BUILD_DIR : path.join(REPO_ROOT, "build");
  return (await import(pathToFileURL(path.join(dir, "server/index.js")).href)) as ServerBuild;
}

/** Every route that answers a URL (layouts without a path of their own are left out). */
export function appRoutes(build: ServerBuild): AppRoute[] {
  const routes = build.routes;
  const chain = (id: string): string[] => {
    const route = routes[id];
    if (!route) return [];
    return [...(route.parentId ? chain(route.parentId) : []), id];
  };
  const leaves = Object.values(routes).filter(
    (route) =>
      route.id !== "root" &&
      // A pathless layout (routes/_app) only wraps its children.
      (route.index || route.path !== undefined) &&
      // A layout with a path but with children is reached through them, unless indexed.
      !Object.values(routes).some((child) => child.parentId === route.id && !child.index),
  );
  return leaves
    .map((route) => {
      const ids = chain(route.id);
      const segments = ids
        .map((id) => routes[id]?.path)
        .filter((segment): segment is string => Boolean(segment));
      const pattern = `/${segments.join("/")}`.replace(/\/+/g, "/");
      const params = [...pattern.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? "*");
      const module = route.module as unknown as Record<string, unknown>;
      return {
        id: route.id,
        pattern,
        params,
        underAppShell: ids.includes("routes/_app"),
        hasLoader: typeof module.loader === "function",
        hasAction: typeof module.action === "function",
        isPage: typeof module.default === "function",
        isIndex: Boolean(route.index),
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The pattern with its parameters filled in; throws naming a parameter it was not given. */
export function fillPattern(route: AppRoute, values: Record<string, string>): string {
  return route.pattern.replace(/:([A-Za-z0-9_]+)|\*/g, (_, name: string | undefined) => {
    const value = values[name ?? "*"];
    if (value === undefined) throw new Error(`${route.pattern}: no value for :${name ?? "*"}`);
    return encodeURIComponent(value);
  });
}

/**
 * The URL Remix's single fetch (v3_singleFetch) asks for a route's data or posts its
 * action to: `<path>.data`, `/_root.data` for "/", and `?index` for an index route.
 */
export function dataUrl(route: AppRoute, pathname: string): string {
  const base = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
  return route.isIndex ? `${base}?index` : base;
}
