import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  authSessions,
  outboxEmails,
  profiles,
  rateLimits,
  signupConfirmations,
  users,
} from "#db/schema";
import { getSessionUser } from "~/modules/identity/auth.server";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "~/modules/identity/login-throttle";
import { createAccount } from "~/modules/identity/signup.server";
import { emailedLink } from "../support/auth";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

async function logIn(client: HttpClient, email: string, password: string, ip?: string) {
  // With TRUST_PROXY off the client IP is the socket's; a distinct IP per test keeps
  // the per-IP limit of one test from leaking into another, so those tests set it
  // through a dedicated server below.
  return client.post("/login", { email, password }, ip ? { "x-forwarded-for": ip } : {});
}

describe("sign-up", () => {
  it("asks to confirm by email, and creates the account only when the link is used", async () => {
    const client = server.client();
    const email = uniqueEmail("new");
    const response = await client.post("/signup", {
      name: "Nia Obi",
      email: email.toUpperCase(),
      password: "a long passphrase of many words",
      timeZone: "Asia/Kolkata",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/signup?sent=1");
    expect(client.cookies.size).toBe(0);
    expect(await getDb().$count(users, eq(users.email, email))).toBe(0);
    const sent = await client.get("/signup?sent=1");
    expect(await sent.text()).toContain("Check your email");

    const link = await emailedLink(email, "signup_confirm", "/signup/confirm");
    // Opening the link (as a mail scanner would) changes nothing.
    const page = await client.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Activate my account");
    expect(await getDb().$count(users, eq(users.email, email))).toBe(0);

    const token = new URL(link, server.baseUrl()).searchParams.get("token")!;
    const confirmed = await client.post("/signup/confirm", { token });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/profile?welcome=1");
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(user?.name).toBe("Nia Obi");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const [profile] = await getDb().select().from(profiles).where(eq(profiles.userId, user!.id));
    expect(profile?.timeZone).toBe("Asia/Kolkata");
    const dashboard = await client.get("/dashboard");
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Welcome, Nia");

    // The link works once.
    const again = await server.client().post("/signup/confirm", { token });
    expect(again.status).toBe(400);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await server.client().get(link)).status).toBe(404);
    expect(await getDb().$count(users, eq(users.email, email))).toBe(1);
  });

  it.each([
    ["a short password", { password: "short" }, "Use at least 8 characters."],
    ["a bad time zone", { timeZone: "Mars/Olympus_Mons" }, "Choose a time zone from the list"],
    ["a malformed email", { email: "not-an-email" }, "Enter a valid email address"],
    ["a missing name", { name: "" }, "Enter your name."],
  ])("rejects %s with a message and stores nothing", async (_label, override, message) => {
    const client = server.client();
    const before = await getDb().$count(signupConfirmations);
    const fields = {
      name: "Someone",
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      timeZone: "Europe/London",
      ...override,
    };
    const response = await client.post("/signup", fields);
    expect(response.status).toBe(400);
    expect(errorTexts(await response.text()).join(" ")).toContain(message);
    expect(await getDb().$count(signupConfirmations)).toBe(before);
    expect(client.cookies.size).toBe(0);
  });

  it("answers a known address exactly like a new one, and mails its owner a note", async () => {
    const existing = await createUser();
    const fields = (email: string) => ({
      name: "Copycat",
      email,
      password: TEST_PASSWORD,
      timeZone: "UTC",
    });
    const known = await server
      .client()
      .post("/signup", fields(` ${existing.email.toUpperCase()} `));
    const fresh = await server.client().post("/signup", fields(uniqueEmail("fresh")));
    expect(known.status).toBe(302);
    expect(fresh.status).toBe(known.status);
    expect(known.headers.get("location")).toBe(fresh.headers.get("location"));
    expect(await known.text()).toBe(await fresh.text());
    expect(known.headers.get("set-cookie")).toBeNull();

    const [note] = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.toAddress, existing.email));
    expect(note?.kind).toBe("signup_existing");
    expect(note?.textBody).toContain("You already have one");
    expect(note?.textBody).toContain("/forgot-password");
    // The existing account is untouched: its password still works.
    expect((await logIn(server.client(), existing.email, existing.password)).status).toBe(302);
  });

  it("refuses an expired or made-up confirmation link", async () => {
    const client = server.client();
    const email = uniqueEmail("late");
    await client.post("/signup", {
      name: "Lee Late",
      email,
      password: TEST_PASSWORD,
      timeZone: "UTC",
    });
    const link = await emailedLink(email, "signup_confirm", "/signup/confirm");
    await getDb()
      .update(signupConfirmations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(signupConfirmations.email, email));
    const token = new URL(link, server.baseUrl()).searchParams.get("token")!;
    expect((await client.get(link)).status).toBe(404);
    expect((await client.post("/signup/confirm", { token })).status).toBe(400);
    expect((await client.post("/signup/confirm", { token: "x".repeat(43) })).status).toBe(400);
    expect((await client.post("/signup/confirm", { token: "<script>" })).status).toBe(400);
    expect((await client.get("/signup/confirm")).status).toBe(404);
    expect(await getDb().$count(users, eq(users.email, email))).toBe(0);
  });

  it("lets exactly one of many concurrent account creations for one email win", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createAccount({ email, name: `Racer ${i}`, password: TEST_PASSWORD, timeZone: "UTC" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "email_taken")).toHaveLength(11);
    expect(await getDb().$count(users, eq(users.email, email))).toBe(1);
  });
});

describe("log-in and log-out", () => {
  it("logs in, and logging out invalidates the old cookie on the server", async () => {
    const user = await createUser();
    const client = server.client();
    const response = await logIn(client, user.email, user.password);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const stolenCookie = client.cookieHeader();
    expect((await client.get("/dashboard")).status).toBe(200);
    expect(await getDb().$count(authSessions, eq(authSessions.userId, user.id))).toBe(1);

    const logout = await client.post("/logout", {});
    expect(logout.status).toBe(302);
    expect(await getDb().$count(authSessions, eq(authSessions.userId, user.id))).toBe(0);

    // Replaying the cookie captured before logout no longer opens anything.
    const replay = await server.client().get("/dashboard", { cookie: stolenCookie });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("reads the session user once per request, and afresh for the next one", async () => {
    const user = await createUser();
    const client = server.client();
    await logIn(client, user.email, user.password);
    const request = () =>
      new Request("http://localhost/dashboard", { headers: { cookie: client.cookieHeader() } });
    const first = request();
    const read = getSessionUser(first);
    expect(getSessionUser(first)).toBe(read);
    expect((await read)?.id).toBe(user.id);
    await getDb().delete(authSessions).where(eq(authSessions.userId, user.id));
    // The request already answered keeps its answer; the next request sees the log-out.
    expect((await getSessionUser(first))?.id).toBe(user.id);
    expect(await getSessionUser(request())).toBeNull();
  });

  it("refuses an expired session", async () => {
    const user = await createUser();
    const client = server.client();
    await logIn(client, user.email, user.password);
    await getDb()
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.userId, user.id));
    expect((await client.get("/dashboard")).status).toBe(302);
  });

  it("refuses a forged session cookie", async () => {
    const client = server.client();
    const response = await client.get("/dashboard", { cookie: "peerloop_session=forged-id" });
    expect(response.status).toBe(302);
  });

  it("returns to a same-site page after log-in, never to another site", async () => {
    const user = await createUser();
    const back = await server
      .client()
      .post("/login", { email: user.email, password: user.password, redirectTo: "/profile" });
    expect(back.headers.get("location")).toBe("/profile");
    const evil = await server
      .client()
      .post("/login", { email: user.email, password: user.password, redirectTo: "//evil.test" });
    expect(evil.headers.get("location")).toBe("/dashboard");
  });

  it("answers an unknown email and a wrong password identically", async () => {
    const user = await createUser();
    const unknownEmail = uniqueEmail("ghost");
    const wrongPassword = await logIn(server.client(), user.email, "not the password");
    const unknown = await logIn(server.client(), unknownEmail, "not the password");
    expect(wrongPassword.status).toBe(400);
    expect(unknown.status).toBe(wrongPassword.status);
    // Bodies differ only by the echoed email and the per-response CSP nonce.
    const normalize = (html: string, email: string) =>
      html.replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, 'nonce=""');
    const a = normalize(await wrongPassword.text(), user.email);
    const b = normalize(await unknown.text(), unknownEmail);
    expect(errorTexts(a)).toEqual(["Email or password is incorrect."]);
    expect(b).toBe(a);
    expect(unknown.headers.get("set-cookie")).toBeNull();
    expect(wrongPassword.headers.get("set-cookie")).toBeNull();
  });
});

describe("throttling repeated failures", () => {
  it(`answers 429 with Retry-After after ${MAX_FAILURES_PER_EMAIL} failures for one email`, async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const response = await logIn(server.client(), user.email, `wrong-${i}`);
      expect(response.status).toBe(400);
    }
    // Even the right password is refused while the limit holds.
    const blocked = await logIn(server.client(), user.email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(errorTexts(await blocked.text()).join(" ")).toMatch(/Too many failed attempts/);
    expect(blocked.headers.get("set-cookie")).toBeNull();

    // Once the window of the counted failures ends, the right password works again.
    await getDb()
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `login-email:${user.email}`));
    expect((await logIn(server.client(), user.email, TEST_PASSWORD)).status).toBe(302);
  });
});

describe("throttling per IP", () => {
  const proxied = setupTestServer({ TRUST_PROXY: "true" });

  it(`answers 429 after ${MAX_FAILURES_PER_IP} failures from one IP across emails`, async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const response = await logIn(proxied.client(), uniqueEmail(`spray${i}`), "guess", ip);
      expect(response.status).toBe(400);
    }
    const user = await createUser();
    const blocked = await logIn(proxied.client(), user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another IP is not affected.
    const other = await logIn(proxied.client(), user.email, TEST_PASSWORD, "198.51.100.9");
    expect(other.status).toBe(302);
  });
});
