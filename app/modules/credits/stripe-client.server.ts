import Stripe from "stripe";
import { type Env, getEnv } from "~/env.server";
import type { CreditPack } from "./packs";

// The one place that builds the Stripe SDK. Null when the Stripe secrets are not set:
// payments are then "not configured" and nothing else depends on them.

export interface Payments {
  stripe: Stripe;
  webhookSecret: string;
  packs: readonly CreditPack[];
}

let cached: { key: string; stripe: Stripe } | undefined;

export function getPayments(env: Env = getEnv()): Payments | null {
  const secretKey = env.STRIPE_SECRET_KEY;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  if (!secretKey || !webhookSecret) return null;
  // One SDK instance (and its connection pool) per configuration.
  const key = `${secretKey}\n${env.STRIPE_API_BASE ?? ""}`;
  if (cached?.key !== key) cached = { key, stripe: createStripe(secretKey, env.STRIPE_API_BASE) };
  return { stripe: cached.stripe, webhookSecret, packs: env.CREDIT_PACKS };
}

function createStripe(secretKey: string, apiBase: string | undefined): Stripe {
  if (!apiBase) {
    // Retries are safe: every POST we send carries our own idempotency key.
    return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000 });
  }
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    maxNetworkRetries: 0,
    telemetry: false,
    timeout: 10_000,
  });
}
