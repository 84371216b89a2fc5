import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { mockSessions, users } from "#db/schema";
import { settleSessions } from "~/modules/sessions/room.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  grantCredits,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { balanceOf, escrowOf } from "../support/escrow-fixtures";
import { TEST_PASSWORD } from "../support/factories";
import { setupTestServer } from "../support/http";

// The escrow's pages over HTTP: the price before booking, the refusal without credits,
// the dispute on the session page, and the two admin pages.

setupFreshDatabase();
const server = setupTestServer();

async function signedIn(email: string) {
  const client = server.client();
  const response = await client.post("/login", { email, password: TEST_PASSWORD });
  expect(response.status).toBe(302);
  return client;
}

async function people(label: string) {
  const interviewer = await createAvailableUser(`${label} interviewer`);
  await offerToInterview(interviewer.id, "coding", "L7");
  const candidate = await createAvailableUser(`${label} candidate`);
  return { interviewer, candidate };
}

describe("booking a one-way mock over HTTP", () => {
  it("shows the price before booking, and the form carries it", async () => {
    const { candidate } = await people("Quote");
    const requestId = await openRequest(candidate.id, {}, new Date());
    const html = await (await (await signedIn(candidate.email)).get(`/book/${requestId}`)).text();
    expect(html).toMatch(/data-testid="mock-price" data-price="[123]"/);
    expect(html).toContain('name="price"');
  });

  it("refuses without enough credits: the message and a link to buy more, nothing charged", async () => {
    const { interviewer, candidate } = await people("Broke");
    await grantCredits(candidate.id, -(await balanceOf(candidate.id)));
    const requestId = await openRequest(candidate.id, {}, new Date());
    const client = await signedIn(candidate.email);
    const page = await (await client.get(`/book/${requestId}`)).text();
    expect(page).toContain("not enough for this mock");
    const response = await client.post(`/book/${requestId}`, {
      peerId: interviewer.id,
      start: new Date(Math.ceil((Date.now() + 48 * 3600_000) / 3600_000) * 3600_000).toISOString(),
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("Not enough credits for this one-way mock.");
    expect(html).toContain('href="/credits"');
    expect(await balanceOf(candidate.id)).toBe(0);
  });

  it("refuses a price that changed since the page showed it", async () => {
    const { interviewer, candidate } = await people("Stale price");
    const requestId = await openRequest(candidate.id, {}, new Date());
    const response = await (await signedIn(candidate.email)).post(`/book/${requestId}`, {
      peerId: interviewer.id,
      start: new Date(Math.ceil((Date.now() + 48 * 3600_000) / 3600_000) * 3600_000).toISOString(),
      idempotencyKey: randomUUID(),
      price: "0",
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("The price of this mock changed");
    expect(await balanceOf(candidate.id)).toBe(3);
  });
});

describe("disputes", () => {
  it("a participant disputes from the session page; an admin decides on /admin/disputes", async () => {
    const { interviewer, candidate } = await people("Page dispute");
    const sessionId = await bookOneWayAt(candidate.id, interviewer.id, at(60));
    const escrow = await escrowOf(sessionId);
    // Nobody joined: detected as a no-show (both absent) 11 minutes in.
    const [session] = await getDb()
      .select({ startsAt: mockSessions.startsAt })
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    await settleSessions(new Date(session!.startsAt.getTime() + 11 * 60_000));
    expect((await escrowOf(sessionId))?.state).toBe("no_show_pending");

    const client = await signedIn(candidate.email);
    const page = await (await client.get(`/sessions/${sessionId}`)).text();
    expect(page).toContain("Dispute this no-show");
    const empty = await client.post(`/sessions/${sessionId}`, { intent: "dispute", reason: " " });
    expect(empty.status).toBe(400);
    const sent = await client.post(`/sessions/${sessionId}`, {
      intent: "dispute",
      reason: "My camera failed, but I was on the pad.",
    });
    expect(sent.status).toBe(302);
    expect((await escrowOf(sessionId))?.state).toBe("disputed");
    const again = await (await client.get(`/sessions/${sessionId}`)).text();
    expect(again).toContain("You disputed the no-show");

    // Not an admin: the admin pages do not exist for them.
    expect((await client.get("/admin/disputes")).status).toBe(404);
    expect((await client.get("/admin/economy")).status).toBe(404);

    const adminUser = await createAvailableUser("Admin");
    await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, adminUser.id));
    const admin = await signedIn(adminUser.email);
    const list = await (await admin.get("/admin/disputes")).text();
    expect(list).toContain("My camera failed, but I was on the pad.");
    expect((await admin.post("/admin/disputes", { sessionId })).status).toBe(400);
    const decided = await admin.post("/admin/disputes", {
      sessionId,
      outcome: "payout",
      note: "Pad logs show both present.",
    });
    expect(decided.status).toBe(302);
    expect(await escrowOf(sessionId)).toMatchObject({ state: "paid", reason: "dispute_payout" });
    expect(await balanceOf(interviewer.id)).toBe(3 + escrow!.amount);
    const twice = await admin.post("/admin/disputes", { sessionId, outcome: "release" });
    expect(twice.status).toBe(409);

    const economy = await (await admin.get("/admin/economy")).text();
    expect(economy).toContain("Balanced:");
  });
});
