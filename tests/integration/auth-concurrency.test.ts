import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { loginAttempts, outboxEmails, signupConfirmations } from "#db/schema";
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  MAX_SIGNUPS_PER_IP,
} from "~/modules/identity/login-throttle";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { setupTestServer } from "../support/http";

// The limits must hold when the guesses arrive together, not only one after another:
// every request below is in flight at the same time, against the real server (and, with
// DATABASE_URL set, real PostgreSQL with a pool of connections).

setupFreshDatabase();
const server = setupTestServer({ TRUST_PROXY: "true" });

let nextIp = 1;
/** A fresh client address per test, so the per-IP limit of one test leaves others alone. */
function freshIp() {
  const n = nextIp++;
  return `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

function logIn(email: string, password: string, ip: string) {
  return server.client().post("/login", { email, password }, { "x-forwarded-for": ip });
}

describe(`log-in under a burst of concurrent guesses (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it(`evaluates at most ${MAX_FAILURES_PER_EMAIL} of 40 parallel guesses for one email`, async () => {
    const user = await createUser();
    // 40 guesses from 40 addresses (so only the per-email limit applies), the right
    // password last in the list, all sent before any answer comes back.
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? TEST_PASSWORD : `guess-${i}`));
    const responses = await Promise.all(guesses.map((p) => logIn(user.email, p, freshIp())));
    const statuses = responses.map((r) => r.status);
    const evaluated = statuses.filter((s) => s !== 429).length;
    const loggedIn = responses.filter((r) => r.status === 302);
    console.log(
      `40 parallel guesses: ${evaluated} evaluated (400 or 302), ${statuses.filter((s) => s === 429).length} refused with 429`,
    );
    expect(evaluated).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
    expect(statuses.every((s) => s === 400 || s === 302 || s === 429)).toBe(true);
    // Only an attempt within the limit can log in; every refusal names its wait.
    expect(loggedIn.length).toBeLessThanOrEqual(1);
    for (const r of responses.filter((r) => r.status === 429)) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.headers.get("set-cookie")).toBeNull();
    }
    // The server checked a password only for the attempts it let through.
    expect(await getDb().$count(loginAttempts, eq(loginAttempts.email, user.email))).toBe(
      evaluated,
    );
    // Once the limit is hit, the right password does not log in either.
    const after = await logIn(user.email, TEST_PASSWORD, freshIp());
    if (loggedIn.length === 0) expect(after.status).toBe(429);
  });

  it("refuses the right password sent together with a burst that reaches the limit", async () => {
    const user = await createUser();
    // The limit is used up by wrong guesses first (in parallel), then the right one
    // races a second wave: it must be refused like every other attempt.
    const first = await Promise.all(
      Array.from({ length: 20 }, (_, i) => logIn(user.email, `wrong-${i}`, freshIp())),
    );
    expect(first.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(
      MAX_FAILURES_PER_EMAIL,
    );
    const second = await Promise.all([
      logIn(user.email, TEST_PASSWORD, freshIp()),
      ...Array.from({ length: 20 }, (_, i) => logIn(user.email, `again-${i}`, freshIp())),
    ]);
    expect(second.map((r) => r.status)).toEqual(second.map(() => 429));
  });

  it(`holds the per-IP limit of ${MAX_FAILURES_PER_IP} under 45 parallel guesses across emails`, async () => {
    const ip = freshIp();
    const responses = await Promise.all(
      Array.from({ length: 45 }, (_, i) => logIn(uniqueEmail(`spray${i}`), "guess", ip)),
    );
    const evaluated = responses.filter((r) => r.status !== 429).length;
    console.log(`45 parallel guesses from one IP: ${evaluated} evaluated`);
    expect(evaluated).toBeLessThanOrEqual(MAX_FAILURES_PER_IP);
    expect(evaluated).toBeGreaterThan(0);
  });
});

describe("sign-up under a burst from one address", () => {
  it(`accepts at most ${MAX_SIGNUPS_PER_IP} of 25 parallel sign-ups from one IP`, async () => {
    const ip = freshIp();
    const emails = Array.from({ length: 25 }, (_, i) => uniqueEmail(`flood${i}`));
    const started = performance.now();
    const responses = await Promise.all(
      emails.map((email) =>
        server
          .client()
          .post(
            "/signup",
            { name: "Flood", email, password: TEST_PASSWORD, timeZone: "UTC" },
            { "x-forwarded-for": ip },
          ),
      ),
    );
    const accepted = responses.filter((r) => r.status === 302).length;
    const refused = responses.filter((r) => r.status === 429);
    console.log(
      `25 parallel sign-ups from one IP: ${accepted} accepted, ${refused.length} refused (429) in ${Math.round(performance.now() - started)} ms`,
    );
    expect(accepted).toBe(MAX_SIGNUPS_PER_IP);
    expect(refused).toHaveLength(25 - MAX_SIGNUPS_PER_IP);
    for (const r of refused) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    // Only accepted sign-ups cost a hash and an email.
    const pending = await getDb().select().from(signupConfirmations);
    expect(pending.filter((p) => emails.includes(p.email))).toHaveLength(MAX_SIGNUPS_PER_IP);
    const mails = await getDb().select().from(outboxEmails);
    expect(mails.filter((m) => emails.includes(m.toAddress))).toHaveLength(MAX_SIGNUPS_PER_IP);
    // Another address is not affected.
    const other = await server
      .client()
      .post(
        "/signup",
        { name: "Other", email: uniqueEmail("other"), password: TEST_PASSWORD, timeZone: "UTC" },
        { "x-forwarded-for": freshIp() },
      );
    expect(other.status).toBe(302);
  });
});
