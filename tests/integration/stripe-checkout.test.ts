import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { creditPurchases, stripeCustomers } from "#db/schema";
import { getAccount } from "~/modules/credits/ledger.server";
import { DEFAULT_CREDIT_PACKS } from "~/modules/credits/packs";
import { WELCOME_GRANT } from "~/modules/credits/rules";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { type HttpClient, setupTestServer } from "../support/http";
import { setupStripeStandIn } from "../support/stripe";

setupFreshDatabase();
let appUrl = "";
const { standIn, env } = await setupStripeStandIn(() => appUrl);
const server = setupTestServer(env);

const pack = (id: string) => DEFAULT_CREDIT_PACKS.find((p) => p.id === id)!;

async function signedIn() {
  appUrl = server.baseUrl();
  const user = await createUser();
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: TEST_PASSWORD });
  expect(response.status).toBe(302);
  return { client, user };
}

/** The page's HTML without React's text separators. */
async function html(response: Response) {
  return (await response.text()).replaceAll("<!-- -->", "");
}

async function buy(client: HttpClient, packId: string) {
  return client.post("/credits", { pack: packId });
}

const callsBy = (userId: string) =>
  standIn.calls.filter(
    (c) =>
      c.params.client_reference_id === userId ||
      c.params["metadata[user]"] === userId ||
      c.idempotencyKey === `peerloop-customer:${userId}`,
  );

describe("buying a credit pack through Stripe Checkout (stand-in)", () => {
  it("creates a customer and a Checkout Session with our ids, each POST keyed by our row ids", async () => {
    const { client, user } = await signedIn();
    const response = await buy(client, "regular");
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${standIn.url}/checkout/cs_test_`)).toBe(true);

    const [purchase] = await getDb()
      .select()
      .from(creditPurchases)
      .where(eq(creditPurchases.userId, user.id));
    expect(purchase).toMatchObject({
      packId: "regular",
      credits: 12,
      amount: 1000,
      status: "open",
    });
    const calls = callsBy(user.id);
    expect(calls.map((c) => [c.method, c.path, c.idempotencyKey])).toEqual([
      ["POST", "/v1/customers", `peerloop-customer:${user.id}`],
      ["POST", "/v1/checkout/sessions", `peerloop-checkout:${purchase!.id}`],
    ]);
    const session = calls[1]!.params;
    expect(session).toMatchObject({
      mode: "payment",
      client_reference_id: user.id,
      "metadata[pack]": "regular",
      "metadata[purchase]": purchase!.id,
      customer: [...standIn.customers.values()].find((c) => c.metadata.user === user.id)!.id,
      "line_items[0][price_data][unit_amount]": "1000",
    });
    expect(session.success_url).toBe(
      `${server.baseUrl()}/credits/success?session_id={CHECKOUT_SESSION_ID}`,
    );
    expect(purchase!.checkoutSessionId).toBe(location.split("/").pop());
    expect(standIn.missingKeys()).toBe(0);
  });

  it("creates one Stripe customer per person and reuses it for every purchase", async () => {
    const { client, user } = await signedIn();
    expect((await buy(client, "starter")).status).toBe(303);
    expect((await buy(client, "loop")).status).toBe(303);
    const customers = [...standIn.customers.values()].filter((c) => c.metadata.user === user.id);
    expect(customers).toHaveLength(1);
    const sessions = [...standIn.sessions.values()].filter(
      (s) => s.client_reference_id === user.id,
    );
    expect(sessions.map((s) => s.customer)).toEqual([customers[0]!.id, customers[0]!.id]);
    const rows = await getDb()
      .select()
      .from(stripeCustomers)
      .where(eq(stripeCustomers.userId, user.id));
    expect(rows).toEqual([expect.objectContaining({ stripeCustomerId: customers[0]!.id })]);
  });

  it("makes one Checkout Session of a double-submitted buy (and of a second click later)", async () => {
    const { client, user } = await signedIn();
    const answers = await Promise.all(Array.from({ length: 6 }, () => buy(client, "starter")));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(303));
    const locations = new Set(answers.map((r) => r.headers.get("location")));
    expect(locations.size).toBe(1);
    expect((await buy(client, "starter")).headers.get("location")).toBe([...locations][0]);
    const sessions = [...standIn.sessions.values()].filter(
      (s) => s.client_reference_id === user.id,
    );
    expect(sessions).toHaveLength(1);
    expect([...standIn.customers.values()].filter((c) => c.metadata.user === user.id)).toHaveLength(
      1,
    );
    const rows = await getDb()
      .select()
      .from(creditPurchases)
      .where(and(eq(creditPurchases.userId, user.id), eq(creditPurchases.packId, "starter")));
    expect(rows).toHaveLength(1);
    expect(standIn.missingKeys()).toBe(0);
  });

  it("credits the pack once when paid through the stand-in; the success page is the buyer's only", async () => {
    const { client, user } = await signedIn();
    const checkout = (await buy(client, "starter")).headers.get("location")!;
    const sessionId = checkout.split("/").pop()!;
    const page = await fetch(checkout);
    expect(await page.text()).toContain("Pay $5.00");

    const pendingSuccess = await client.get(`/credits/success?session_id=${sessionId}`);
    expect(pendingSuccess.status).toBe(200);
    expect(await html(pendingSuccess)).toContain("arrive in a moment");

    const paid = await fetch(`${checkout}/pay`, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `${server.baseUrl()}/credits/success?session_id=${sessionId}`,
    );
    expect(standIn.deliveries.at(-1)!.status).toBe(200);
    expect((await getAccount(getDb(), user.id)).balance).toBe(
      WELCOME_GRANT + pack("starter").credits,
    );

    const success = await html(await client.get(`/credits/success?session_id=${sessionId}`));
    expect(success).toContain("5 credits (Starter pack) were added");
    expect(success).toContain(`data-testid="success-balance">${WELCOME_GRANT + 5}<`);

    const credits = await html(await client.get("/credits"));
    expect(credits).toContain(`data-testid="credit-balance">${WELCOME_GRANT + 5}<`);
    expect(credits).toMatch(/Starter · 5 credits<\/td><td>Paid/);

    // Someone else's session id, or a malformed one, is not found.
    const { client: stranger } = await signedIn();
    expect((await stranger.get(`/credits/success?session_id=${sessionId}`)).status).toBe(404);
    expect((await client.get("/credits/success?session_id=cs_test_unknown")).status).toBe(404);
    expect((await client.get("/credits/success?session_id=%27;drop")).status).toBe(404);
    expect((await client.get("/credits/cancel")).status).toBe(200);

    // Having come back, the next buy of the same pack opens a new session.
    const again = (await buy(client, "starter")).headers.get("location")!;
    expect(again).not.toBe(checkout);
  });

  it("refuses an unknown pack with a message and calls nobody", async () => {
    const { client, user } = await signedIn();
    for (const fields of [{ pack: "platinum" }, { pack: "" }, {}] as Record<string, string>[]) {
      const response = await client.post("/credits", fields);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("That credit pack is not on sale");
    }
    expect(callsBy(user.id)).toEqual([]);
  });

  it("says so when Stripe refuses, and charges nothing", async () => {
    const { client, user } = await signedIn();
    // Stripe refuses a key reused with other parameters: the customer's key was taken
    // by a request with another email.
    await fetch(`${standIn.url}/v1/customers`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "idempotency-key": `peerloop-customer:${user.id}`,
      },
      body: "email=someone-else%40example.test",
    });
    const response = await buy(client, "starter");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("nothing was charged");
  });

  it("the stand-in refuses a POST without an Idempotency-Key", async () => {
    const before = standIn.missingKeys();
    const response = await fetch(`${standIn.url}/v1/customers`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=x%40example.test",
    });
    expect(response.status).toBe(400);
    expect(standIn.missingKeys()).toBe(before + 1);
  });
});
