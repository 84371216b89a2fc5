import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

// Stands in for Stripe at the network boundary: a local HTTP server answering the API
// calls Peerloop makes (customers, Checkout Sessions) with Stripe-shaped JSON, and
// serving a tiny checkout page whose "Pay" button sends the signed
// `checkout.session.completed` webhook to the app, then returns to the success URL, so
// a person (or a browser test) can pay through it. Every API POST must carry an
// Idempotency-Key (refused with 400 otherwise); a key reused with other parameters is
// refused as Stripe does, and a key reused with the same ones replays the first answer.

export interface StandInCall {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
  status: number;
  replayed: boolean;
}

export interface StandInSession {
  id: string;
  object: "checkout.session";
  url: string | null;
  mode: string;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid";
  client_reference_id: string | null;
  customer: string | null;
  metadata: Record<string, string>;
  amount_total: number;
  currency: string;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
  livemode: false;
}

export interface StripeStandIn {
  /** Base URL, for STRIPE_API_BASE. */
  url: string;
  calls: StandInCall[];
  customers: Map<string, { id: string; email: string | null; metadata: Record<string, string> }>;
  sessions: Map<string, StandInSession>;
  /** Webhooks the checkout page sent, with the app's answer. */
  deliveries: { eventId: string; status: number }[];
  /** The API POSTs that came without an Idempotency-Key. */
  missingKeys: () => number;
  /** Builds the signed webhook body and header for an event about a session. */
  signedEvent: (type: string, object: unknown) => { payload: string; header: string };
  close: () => Promise<void>;
}

export interface StripeStandInOptions {
  webhookSecret: string;
  /** Where the checkout page delivers the completion webhook (may be set after start). */
  webhookUrl?: () => string;
  port?: number;
  host?: string;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const calls: StandInCall[] = [];
  const customers: StripeStandIn["customers"] = new Map();
  const sessions: StripeStandIn["sessions"] = new Map();
  const deliveries: StripeStandIn["deliveries"] = [];
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  let base = "";

  function signedEvent(type: string, object: unknown) {
    const payload = JSON.stringify({
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.webhookSecret,
    });
    return { payload, header };
  }

  function apiCall(method: string, path: string, params: Record<string, string>) {
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: id("cus"),
        object: "customer",
        email: params.email ?? null,
        name: params.name ?? null,
        metadata: nested(params, "metadata"),
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const missing = ["mode", "success_url", "line_items[0][price_data][unit_amount]"].filter(
        (name) => params[name] === undefined,
      );
      if (missing.length > 0) return stripeError(400, `Missing required param: ${missing[0]}.`);
      const sessionId = id("cs");
      const quantity = Number(params["line_items[0][quantity]"] ?? 1);
      const session: StandInSession = {
        id: sessionId,
        object: "checkout.session",
        url: `${base}/checkout/${sessionId}`,
        mode: params.mode ?? "payment",
        status: "open",
        payment_status: "unpaid",
        client_reference_id: params.client_reference_id ?? null,
        customer: params.customer ?? null,
        metadata: nested(params, "metadata"),
        amount_total: Number(params["line_items[0][price_data][unit_amount]"]) * quantity,
        currency: params["line_items[0][price_data][currency]"] ?? "usd",
        payment_intent: null,
        success_url: params.success_url ?? "",
        cancel_url: params.cancel_url ?? "",
        expires_at: Number(params.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      sessions.set(sessionId, session);
      return { status: 200, body: session };
    }
    const retrieve = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)$/.exec(path);
    if (method === "GET" && retrieve) {
      const session = sessions.get(retrieve[1]!);
      return session
        ? { status: 200, body: session }
        : stripeError(404, `No such checkout.session: '${retrieve[1]}'`, "resource_missing");
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  async function pay(sessionId: string, response: ServerResponse) {
    const session = sessions.get(sessionId);
    if (session?.status !== "open") {
      sendHtml(response, 404, "<h1>This checkout is not open</h1>");
      return;
    }
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = id("pi");
    const { payload, header } = signedEvent("checkout.session.completed", session);
    const event = JSON.parse(payload) as { id: string };
    let status = 0;
    try {
      const target = options.webhookUrl?.();
      if (target) {
        const answer = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": header },
          body: payload,
        });
        status = answer.status;
        await answer.body?.cancel();
      }
    } catch {
      status = -1;
    }
    deliveries.push({ eventId: event.id, status });
    response.writeHead(303, {
      Location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id),
    });
    response.end();
  }

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", base);
      const method = request.method ?? "GET";
      const page = /^\/checkout\/(cs_[A-Za-z0-9_]+)(\/pay)?$/.exec(url.pathname);
      if (page) {
        if (method === "POST" && page[2]) return await pay(page[1]!, response);
        if (method === "GET" && !page[2]) return checkoutPage(sessions.get(page[1]!), response);
        return sendHtml(response, 405, "<h1>Method not allowed</h1>");
      }
      if (method === "GET" && url.pathname === "/__calls") {
        return sendJson(response, 200, { calls, deliveries });
      }
      const text = await readBody(request);
      const params = Object.fromEntries(new URLSearchParams(method === "GET" ? url.search : text));
      const key = header(request, "idempotency-key");
      const record = (status: number, replayed = false) =>
        calls.push({ method, path: url.pathname, idempotencyKey: key, params, status, replayed });
      if (method === "POST" && !key) {
        record(400);
        return sendJson(
          response,
          400,
          stripeError(400, "The stand-in requires an Idempotency-Key on every POST.").body,
        );
      }
      if (method === "POST" && key) {
        const fingerprint = `${url.pathname}?${new URLSearchParams(params).toString()}`;
        const seen = idempotent.get(key);
        if (seen && seen.fingerprint !== fingerprint) {
          record(400);
          return sendJson(
            response,
            400,
            stripeError(
              400,
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
              "idempotency_key_in_use",
              "idempotency_error",
            ).body,
          );
        }
        if (seen) {
          record(seen.status, true);
          return sendJson(response, seen.status, seen.body, { "Idempotent-Replayed": "true" });
        }
        const answer = apiCall(method, url.pathname, params);
        idempotent.set(key, { fingerprint, ...answer });
        record(answer.status);
        return sendJson(response, answer.status, answer.body);
      }
      const answer = apiCall(method, url.pathname, params);
      record(answer.status);
      return sendJson(response, answer.status, answer.body);
    } catch (err) {
      sendJson(response, 500, { error: { type: "api_error", message: String(err) } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url: base,
    calls,
    customers,
    sessions,
    deliveries,
    missingKeys: () => calls.filter((c) => c.method === "POST" && !c.idempotencyKey).length,
    signedEvent,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function checkoutPage(session: StandInSession | undefined, response: ServerResponse) {
  if (!session) return sendHtml(response, 404, "<h1>No such checkout</h1>");
  const price = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: session.currency.toUpperCase(),
  }).format(session.amount_total / 100);
  const open = session.status === "open";
  sendHtml(
    response,
    200,
    `<h1>Stripe stand-in checkout</h1>
<p>Test payment: <strong data-testid="checkout-amount">${escapeHtml(price)}</strong>
for pack <code>${escapeHtml(session.metadata.pack ?? "?")}</code>.</p>
${
  open
    ? `<form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay ${escapeHtml(price)}</button></form>
<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>`
    : "<p>This checkout is complete.</p>"
}`,
  );
}

function nested(params: Record<string, string>, name: string): Record<string, string> {
  const result: Record<string, string> = {};
  const prefix = `${name}[`;
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith(prefix) && key.endsWith("]") && !key.slice(prefix.length).includes("[")) {
      result[key.slice(prefix.length, -1)] = value;
    }
  }
  return result;
}

function stripeError(
  status: number,
  message: string,
  code?: string,
  type = "invalid_request_error",
) {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" && value.length > 0 ? value : null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Request-Id": `req_${randomBytes(8).toString("hex")}`,
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe stand-in</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
  );
}

function escapeHtml(text: string) {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
