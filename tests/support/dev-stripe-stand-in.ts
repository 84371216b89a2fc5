import { spawn } from "node:child_process";
import path from "node:path";
import { startStripeStandIn } from "./stripe-stand-in";

// `npm run dev:stripe-stand-in`: the app in development, its Stripe SDK pointed at the
// local stand-in (no Stripe account, no network). "Buy" on /credits opens the stand-in's
// checkout page; its "Pay" button sends the signed webhook to the app, as Stripe would.

const root = path.resolve(import.meta.dirname, "../..");
const appPort = Number(process.env.PORT ?? 3000);
const standInPort = Number(process.env.STRIPE_STAND_IN_PORT ?? 12111);
const webhookSecret = "whsec_peerloop_local_stand_in";

const standIn = await startStripeStandIn({
  webhookSecret,
  port: standInPort,
  webhookUrl: () => `http://127.0.0.1:${appPort}/webhooks/stripe`,
});
console.log(`stripe stand-in: ${standIn.url} (calls listed at ${standIn.url}/__calls)`);

const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: String(appPort),
    STRIPE_SECRET_KEY: "sk_test_peerloop_local_stand_in",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: standIn.url,
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", async (code) => {
  await standIn.close();
  process.exit(code ?? 0);
});
