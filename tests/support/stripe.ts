import { afterAll } from "vitest";
import { startStripeStandIn } from "./stripe-stand-in";

export const TEST_STRIPE_SECRET_KEY = "sk_test_peerloop_stand_in";
export const TEST_STRIPE_WEBHOOK_SECRET = "whsec_peerloop_stand_in_secret";

/**
 * Starts the Stripe stand-in and points this test file's app at it. Call at the top of
 * the file, before setupTestServer(): the app reads its environment once, at its first
 * request, so the Stripe settings must be in process.env by then.
 */
export async function setupStripeStandIn(webhookBase: () => string) {
  const standIn = await startStripeStandIn({
    webhookSecret: TEST_STRIPE_WEBHOOK_SECRET,
    webhookUrl: () => `${webhookBase()}/webhooks/stripe`,
  });
  const env = {
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: standIn.url,
  };
  Object.assign(process.env, env);
  afterAll(async () => {
    for (const name of Object.keys(env)) delete process.env[name];
    await standIn.close();
  });
  return { standIn, env };
}
