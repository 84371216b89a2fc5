import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { parseEnv } from "~/env.server";
import { createExpressApp } from "~/http/express-app.server";
import { TEST_BUILD_DIR } from "./paths";

/**
 * Serves the production build of the app (built by the global setup) on a random
 * loopback port, through the same Express app that server.ts runs.
 */
export function setupTestServer(envOverrides: Record<string, string> = {}) {
  let server: Server | undefined;
  let baseUrl = "";

  beforeAll(async () => {
    const build = (await import(
      pathToFileURL(path.join(TEST_BUILD_DIR, "server/index.js")).href
    )) as ServerBuild;
    const env = parseEnv({ NODE_ENV: "test", ...envOverrides });
    const app = createExpressApp(env, {
      kind: "production",
      build,
      clientDir: path.join(TEST_BUILD_DIR, "client"),
    });
    const listening = app.listen(0, "127.0.0.1");
    server = listening;
    await new Promise<void>((resolve) => listening.once("listening", resolve));
    const address = listening.address();
    if (!address || typeof address === "string") throw new Error("no port");
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    const listening = server;
    if (!listening) return;
    listening.closeAllConnections();
    await new Promise((resolve) => listening.close(resolve));
  });

  return { baseUrl: () => baseUrl, client: () => new HttpClient(baseUrl) };
}

/** A browser-like client: keeps cookies, sends same-origin headers, never follows redirects. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    const response = await fetch(new URL(pathname, this.baseUrl), {
      ...init,
      headers,
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(pathname: string, headers: Record<string, string> = {}) {
    return this.request(pathname, { headers });
  }

  /** A form POST as the app's own page would send it (same origin). */
  post(
    pathname: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return this.request(pathname, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: this.baseUrl,
        "sec-fetch-site": "same-origin",
        ...headers,
      },
    });
  }
}

/** The visible text of the page's error messages, in order. */
export function errorTexts(html: string): string[] {
  return [...html.matchAll(/class="(?:error-text|form-error)"[^>]*>([^<]*)</g)].map((m) =>
    (m[1] ?? "")
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}
