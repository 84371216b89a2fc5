import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { authSessions, outboxEmails, passwordResets } from "#db/schema";
import { MAX_FAILURES_PER_EMAIL, MAX_RESETS_PER_EMAIL } from "~/modules/identity/login-throttle";
import { emailedLink } from "../support/auth";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { errorTexts, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer({ TRUST_PROXY: "true" });

let nextIp = 1;
function freshIp() {
  return `198.51.100.${nextIp++}`;
}

function post(path: string, fields: Record<string, string>, ip = freshIp()) {
  return server.client().post(path, fields, { "x-forwarded-for": ip });
}

const NEW_PASSWORD = "a brand new passphrase for sure";

describe("forgot password", () => {
  it("mails a single-use link that sets a new password and ends every other session", async () => {
    const user = await createUser();
    // A session somewhere else, which the reset must end.
    const elsewhere = server.client();
    const loggedIn = await elsewhere.post("/login", { email: user.email, password: TEST_PASSWORD });
    expect(loggedIn.status).toBe(302);

    const asked = await post("/forgot-password", { email: user.email.toUpperCase() });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe("/forgot-password?sent=1");
    const link = await emailedLink(user.email, "reset_password", "/reset-password");
    const token = new URL(link, server.baseUrl()).searchParams.get("token")!;
    // Only the hash of the token is stored.
    const stored = await getDb()
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);

    const page = await server.client().get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Save the new password");

    // The page posts to its own address, the link.
    const short = await post(link, { token, password: "short" });
    expect(short.status).toBe(400);
    expect(errorTexts(await short.text()).join(" ")).toContain("Use at least 8 characters.");

    const client = server.client();
    const reset = await client.post("/reset-password", { token, password: NEW_PASSWORD });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/dashboard");
    expect((await client.get("/dashboard")).status).toBe(200);
    expect((await elsewhere.get("/dashboard")).status).toBe(302);
    expect(await getDb().$count(authSessions, eq(authSessions.userId, user.id))).toBe(1);

    // Used once: the same link opens nothing any more.
    const again = await post("/reset-password", { token, password: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(errorTexts(await again.text()).join(" ")).toContain("invalid, already used or expired");
    expect((await server.client().get(link)).status).toBe(404);
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await post("/login", { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("refuses an expired link, and a made-up one", async () => {
    const user = await createUser();
    await post("/forgot-password", { email: user.email });
    const link = await emailedLink(user.email, "reset_password", "/reset-password");
    const token = new URL(link, server.baseUrl()).searchParams.get("token")!;
    await getDb()
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    expect((await server.client().get(link)).status).toBe(404);
    expect((await post("/reset-password", { token, password: NEW_PASSWORD })).status).toBe(400);
    expect(
      (await post("/reset-password", { token: "A".repeat(43), password: NEW_PASSWORD })).status,
    ).toBe(400);
    expect((await server.client().get("/reset-password?token=%00%01")).status).toBe(404);
    // The old password still works: nothing was changed.
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("answers an unknown address the same, and mails it a note with no link to reset", async () => {
    const email = uniqueEmail("nobody");
    const asked = await post("/forgot-password", { email });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe("/forgot-password?sent=1");
    const [note] = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.toAddress, email));
    expect(note?.kind).toBe("reset_no_account");
    expect(note?.textBody).not.toContain("/reset-password");
  });

  it(`sends at most ${MAX_RESETS_PER_EMAIL} links an hour to one address`, async () => {
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post("/forgot-password", { email: user.email })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(MAX_RESETS_PER_EMAIL);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8 - MAX_RESETS_PER_EMAIL);
    expect(await getDb().$count(outboxEmails, eq(outboxEmails.toAddress, user.email))).toBe(
      MAX_RESETS_PER_EMAIL,
    );
  });

  it("lets a person locked out by failed log-ins in again after a reset", async () => {
    const user = await createUser();
    for (let i = 0; i <= MAX_FAILURES_PER_EMAIL; i++) {
      await post("/login", { email: user.email, password: `wrong-${i}` });
    }
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(429);
    await post("/forgot-password", { email: user.email });
    const link = await emailedLink(user.email, "reset_password", "/reset-password");
    const token = new URL(link, server.baseUrl()).searchParams.get("token")!;
    expect((await post("/reset-password", { token, password: NEW_PASSWORD })).status).toBe(302);
    expect((await post("/login", { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
  });
});
