import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { setupTestServer } from "../support/http";

// Without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET the app runs on the welcome grant
// and earned credits, and says plainly that packs cannot be bought.
for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"]) {
  delete process.env[name];
}

setupFreshDatabase();
const server = setupTestServer();

async function signedIn() {
  const user = await createUser();
  const client = server.client();
  expect((await client.post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(
    302,
  );
  return client;
}

describe("credits without Stripe keys", () => {
  it("/credits shows the balance and says payments are not configured, with no buy buttons", async () => {
    const client = await signedIn();
    const response = await client.get("/credits");
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Payments are not configured on this server");
    expect(html).toContain('data-testid="credit-balance">3<');
    expect(html).toContain('data-testid="header-credit-balance"');
    expect(html).not.toContain('name="pack"');
    expect(html).not.toContain("No purchases yet");
  });

  it("answers a buy with the same message, and the webhook with 503", async () => {
    const client = await signedIn();
    const buy = await client.post("/credits", { pack: "starter" });
    expect(buy.status).toBe(503);
    expect(await buy.text()).toContain("Payments are not configured on this server.");
    const webhook = await fetch(`${server.baseUrl()}/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: "{}",
    });
    expect(webhook.status).toBe(503);
    expect((await client.get("/credits/success?session_id=cs_test_x")).status).toBe(404);
  });
});
