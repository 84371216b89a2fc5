import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { errorMessageFor } from "~/components/error-boundary";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { type HttpClient, setupTestServer } from "../support/http";
import { TEST_BUILD_DIR } from "../support/paths";

// Every page route has an error boundary (house style), so an error renders inside the
// nearest working layout: a 404 inside the app keeps the navigation.

setupFreshDatabase();
const server = setupTestServer();

async function loadBuild(): Promise<ServerBuild> {
  return (await import(
    pathToFileURL(path.join(TEST_BUILD_DIR, "server/index.js")).href
  )) as ServerBuild;
}

async function signedIn(): Promise<HttpClient> {
  const user = await createUser({ name: "Nadia Nav" });
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return client;
}

describe("route modules", () => {
  it("every page route exports an ErrorBoundary, and no resource route does", async () => {
    const build = await loadBuild();
    const pages: string[] = [];
    const missing: string[] = [];
    const resourceWithBoundary: string[] = [];
    for (const [id, route] of Object.entries(build.routes)) {
      const module = route.module as { default?: unknown; ErrorBoundary?: unknown };
      if (module.default) {
        pages.push(id);
        if (typeof module.ErrorBoundary !== "function") missing.push(id);
      } else if (module.ErrorBoundary) {
        // Remix would render such a route as a page instead of answering its data.
        resourceWithBoundary.push(id);
      }
    }
    expect(pages.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
    expect(resourceWithBoundary).toEqual([]);
  });
});

describe("error pages", () => {
  it("an unknown address inside the app answers 404 within the app's navigation", async () => {
    const client = await signedIn();
    const response = await client.get("/no-such-page");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('aria-label="Main"');
    expect(html).toContain("Nadia Nav");
    expect(html).toContain("Page not found");
  });

  it("a session that is not yours answers 404 within the app's navigation", async () => {
    const client = await signedIn();
    const response = await client.get(`/sessions/${randomUUID()}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('aria-label="Main"');
    expect(html).toContain("Page not found");
  });

  it("a route can word its own 404, still within the navigation", async () => {
    const client = await signedIn();
    const response = await client.get(`/feedback/${randomUUID()}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('aria-label="Main"');
    expect(html).toContain("No such feedback");
    expect(html).toContain("not yours to read");
  });

  it("an unknown address asks a visitor who is not signed in to log in first", async () => {
    const response = await server.client().get("/no-such-page");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("explains each status in its own words", () => {
    const titles = [400, 403, 404, 409, 413, 429, 500].map((s) => errorMessageFor(s).title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(errorMessageFor(418)).toEqual(errorMessageFor(400));
    expect(errorMessageFor(502)).toEqual(errorMessageFor(500));
  });
});
