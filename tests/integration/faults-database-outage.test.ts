import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeDatabase,
  type DatabaseConnection,
  getConnection,
  getDb,
  openDatabase,
  setDatabaseConnection,
} from "#db/client";
import { outboxEmails } from "#db/schema";
import { parseEnv } from "~/env.server";
import { type JobEngine, QUEUES, startJobEngine } from "~/jobs/job-engine.server";
import { getAccount } from "~/modules/credits/ledger.server";
import { DEFAULT_CREDIT_PACKS } from "~/modules/credits/packs";
import { enqueueEmails } from "~/modules/notify/outbox.server";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";
import { type HttpClient, setupTestServer } from "../support/http";
import { startSmtpStandIn } from "../support/smtp-stand-in";
import { setupStripeStandIn } from "../support/stripe";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

// PostgreSQL goes away while the app serves: the app's every connection runs through a
// TCP proxy that the test cuts (connections dropped, new ones refused) and then stalls
// (new ones accepted and never answered), without touching the shared server. Pages must
// answer 503 with a clear message within a bounded time, /healthz must say so, the job
// engine must pause without crashing or losing a job, a Stripe webhook meanwhile must get
// a 5xx and be applied when Stripe retries, and everything must come back on its own.
// PostgreSQL only: PGlite runs inside the process and cannot be cut off.

const db = setupFreshDatabase();
let appUrl = "";
const { standIn, env: stripeEnv } = await setupStripeStandIn(() => appUrl);
const server = setupTestServer(stripeEnv);

/** What a person may wait for an answer while the database is gone (connect_timeout 5 s + slack). */
const ANSWER_BOUND_MS = 8000;
// Once the database is back, the first page waits at most the pool's reconnect delay
// (capped at 1 s: reconnectDelaySeconds in db/client.ts) plus a connection and its queries.
const RECOVERY_BOUND_MS = 3000;
const TIMING = { pollingIntervalSeconds: 0.5, kickSlotSeconds: 1 };

let proxy: TcpProxy;
let direct: postgres.Sql;
let engine: JobEngine | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let original: DatabaseConnection;

beforeAll(async () => {
  if (!usingPostgres) return;
  appUrl = server.baseUrl();
  const url = new URL(db.url!());
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  // The test's own view of the database, around the proxy, to check what was written.
  direct = postgres(db.url!(), { max: 2, onnotice: () => {} });
  original = getConnection();
  setDatabaseConnection(openDatabase({ kind: "postgres", url: proxy.urlFor(db.url!()) }));
  smtp = await startSmtpStandIn();
});

afterAll(async () => {
  if (!usingPostgres) return;
  await engine?.stop();
  await closeDatabase();
  await original.close();
  await direct.end({ timeout: 5 });
  await proxy.close();
  await smtp.close();
});

async function signedIn(): Promise<HttpClient> {
  const user = await createUser({ name: "Outage Olga" });
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return client;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

function checkoutCompleted(userId: string) {
  const pack = DEFAULT_CREDIT_PACKS[0]!;
  const suffix = randomBytes(8).toString("hex");
  return {
    pack,
    event: standIn.signedEvent("checkout.session.completed", {
      id: `cs_test_${suffix}`,
      object: "checkout.session",
      mode: "payment",
      client_reference_id: userId,
      metadata: { pack: pack.id },
      payment_status: "paid",
      payment_intent: `pi_test_${suffix}`,
      amount_total: pack.amount,
      currency: pack.currency,
    }),
  };
}

async function deliverWebhook(event: { payload: string; header: string }) {
  const response = await fetch(`${server.baseUrl()}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": event.header },
    body: event.payload,
  });
  return { status: response.status, text: await response.text() };
}

describe.skipIf(!usingPostgres)("PostgreSQL goes away while the app serves", () => {
  it("answers 503 with a clear page, pauses jobs, refuses webhooks with a 5xx, and recovers without a restart", async () => {
    const client = await signedIn();
    const user = await createUser({ name: "Webhook Wes" });
    const balanceBefore = (await getAccount(getDb(), user.id)).balance;
    expect((await client.get("/dashboard")).status).toBe(200);

    engine = await startJobEngine(
      getConnection(),
      parseEnv({ NODE_ENV: "test", SMTP_URL: smtp.url }),
      TIMING,
    );
    // An email and the job that delivers it, due while the database is gone.
    const dedupeKey = `outage-${randomBytes(6).toString("hex")}`;
    await enqueueEmails(getDb(), [
      {
        userId: null,
        toAddress: "outage@example.test",
        subject: "Written before the outage",
        textBody: "Hello",
        kind: "test",
        dedupeKey,
      },
    ]);
    const jobId = await engine.boss.send(QUEUES.deliverEmail, {}, { startAfter: 2 });
    expect(jobId).toBeTruthy();

    const errors: unknown[] = [];
    const onUnhandled = (err: unknown) => errors.push(err);
    process.on("unhandledRejection", onUnhandled);
    const logged: string[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    };
    try {
      // ---- Refused: the database host answers with a reset.
      proxy.cut();
      const refused = await timed(() => client.get("/dashboard"));
      expect(refused.value.status).toBe(503);
      const refusedHtml = await refused.value.text();
      expect(refusedHtml).toContain("Temporarily unavailable");
      expect(refusedHtml).toMatch(/database/i);
      expect(refused.ms).toBeLessThan(ANSWER_BOUND_MS);
      // The same for the data a page asks for on client-side navigation.
      const data = await client.get("/dashboard.data");
      expect(data.status).toBe(503);

      const health = await client.get("/healthz");
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "degraded", database: "unreachable" });

      const webhook = checkoutCompleted(user.id);
      const duringOutage = await deliverWebhook(webhook.event);
      expect(duringOutage.status).toBeGreaterThanOrEqual(500);

      // ---- Stalled: the host accepts connections and never answers.
      proxy.stall();
      const stalled = await timed(() => client.get("/dashboard"));
      expect(stalled.value.status).toBe(503);
      expect(stalled.ms).toBeLessThan(ANSWER_BOUND_MS);
      const stalledHealth = await timed(() => client.get("/healthz"));
      expect(stalledHealth.value.status).toBe(503);
      expect(stalledHealth.ms).toBeLessThan(ANSWER_BOUND_MS);

      // The delivery job fell due meanwhile; nothing may have gone out, nor been lost.
      expect(smtp.received).toHaveLength(0);

      // ---- Back: the same process serves again, with no restart.
      proxy.restore();
      const restoredAt = Date.now();
      let recovered = 0;
      while (Date.now() - restoredAt < 15_000) {
        const response = await client.get("/dashboard");
        if (response.status === 200) {
          recovered = Date.now() - restoredAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBeGreaterThan(0);
      expect(recovered).toBeLessThan(RECOVERY_BOUND_MS);
      console.log(`faults: pages answer 200 again ${recovered} ms after the database returns`);
      expect((await client.get("/healthz")).status).toBe(200);

      // Stripe retries: the event is applied once.
      const retried = await deliverWebhook(webhook.event);
      expect(retried.status).toBe(200);
      const again = await deliverWebhook(webhook.event);
      expect(again.text).toContain('"outcome":"known"');
      expect((await getAccount(getDb(), user.id)).balance).toBe(
        balanceBefore + webhook.pack.credits,
      );

      // The job that fell due during the outage runs now, and its email goes out once.
      const deadline = Date.now() + 20_000;
      let state = "";
      while (Date.now() < deadline) {
        const rows = await direct<{ state: string }[]>`
          select state from pgboss.job where id = ${jobId!}
          union all select state from pgboss.archive where id = ${jobId!}`;
        state = rows[0]?.state ?? "";
        if (state === "completed" && smtp.received.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(state).toBe("completed");
      const [row] = await getDb()
        .select({ sentAt: outboxEmails.sentAt })
        .from(outboxEmails)
        .where(eq(outboxEmails.dedupeKey, dedupeKey));
      expect(row?.sentAt).toBeInstanceOf(Date);
      expect(
        smtp.received.filter((mail) => mail.raw.includes("Written before the outage")),
      ).toHaveLength(1);
      // The engine is whole: a new kick still gets a run.
      const later = await engine.boss.send(QUEUES.deliverEmail, {});
      await expect
        .poll(
          async () =>
            (
              await direct<{ state: string }[]>`
                select state from pgboss.job where id = ${later!}
                union all select state from pgboss.archive where id = ${later!}`
            )[0]?.state,
          { timeout: 15_000, interval: 200 },
        )
        .toBe("completed");
    } finally {
      process.off("unhandledRejection", onUnhandled);
      console.error = originalError;
    }
    expect(errors).toEqual([]);
    // What the operators saw: the outage, worded, not a crash.
    expect(logged.length).toBeGreaterThan(0);
  }, 60_000);
});
