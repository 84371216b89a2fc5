import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { loginAttempts, users } from "#db/schema";
import { setupFreshDatabase } from "../support/database";
import { TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { setupTestServer } from "../support/http";
import { expectSecurityHeaders } from "../support/security-headers";

setupFreshDatabase();
const server = setupTestServer();

describe("security headers", () => {
  it.each(["/", "/login", "/healthz", "/favicon.svg", "/no-such-page"])(
    "are on every response: %s",
    async (path) => {
      const response = await server.client().get(path);
      expectSecurityHeaders(response);
    },
  );

  it("gives every inline and module script the response's own nonce", async () => {
    const first = await server.client().get("/login");
    const second = await server.client().get("/login");
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("cross-origin writes", () => {
  const signupFields = () => ({
    name: "Mallory",
    email: uniqueEmail("csrf"),
    password: TEST_PASSWORD,
    timeZone: "UTC",
  });

  it("refuses a POST whose Origin is another site, and writes nothing", async () => {
    const before = await getDb().$count(users);
    const response = await server.client().post("/signup", signupFields(), {
      origin: "https://evil.example",
      "sec-fetch-site": "",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Cross-origin request refused");
    expect(await getDb().$count(users)).toBe(before);
  });

  it("refuses a POST that the browser marks cross-site", async () => {
    const before = await getDb().$count(loginAttempts);
    const response = await server
      .client()
      .post(
        "/login",
        { email: uniqueEmail(), password: "x" },
        { origin: "", "sec-fetch-site": "cross-site" },
      );
    expect(response.status).toBe(403);
    expect(await getDb().$count(loginAttempts)).toBe(before);
  });

  it("refuses a same-site (sibling subdomain) POST and an opaque origin", async () => {
    const sameSite = await server
      .client()
      .post("/logout", {}, { origin: "", "sec-fetch-site": "same-site" });
    expect(sameSite.status).toBe(403);
    const opaque = await server
      .client()
      .post("/logout", {}, { origin: "null", "sec-fetch-site": "" });
    expect(opaque.status).toBe(403);
  });

  it("accepts the app's own POSTs", async () => {
    const response = await server.client().post("/signup", signupFields());
    expect(response.status).toBe(302);
  });

  it("lets cross-origin GETs through (they change nothing)", async () => {
    const response = await server
      .client()
      .get("/login", { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(200);
  });
});
