import type { ActionFunctionArgs } from "@remix-run/node";
import { FormLimitError } from "~/http/form-limits";
import { readBodyText } from "~/http/read-form.server";
import {
  InvalidStripeWebhookError,
  PaymentsNotConfiguredError,
  receiveStripeWebhook,
} from "~/modules/credits/stripe-webhook.server";

// Stripe events are a few KB; a larger body is not Stripe's.
const MAX_BODY_BYTES = 256 * 1024;

// Stripe calls this for payment events (a server-to-server POST without Origin, so the
// cross-site refusal in app/http lets it through, and no session is involved). The raw
// body is verified before anything is written. Stripe retries any non-2xx answer: 400 for
// a body that is not a valid signed event, 503 when our side fails.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  }
  let body: string;
  try {
    body = await readBodyText(request, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof FormLimitError) {
      return new Response(err.message, { status: err.status, headers: { Connection: "close" } });
    }
    throw err;
  }
  try {
    const { outcome } = await receiveStripeWebhook(body, request.headers.get("stripe-signature"));
    return Response.json({ received: true, outcome });
  } catch (err) {
    if (err instanceof InvalidStripeWebhookError) {
      return new Response(`Invalid webhook: ${err.message}`, { status: 400 });
    }
    if (err instanceof PaymentsNotConfiguredError) {
      return new Response("Payments are not configured", { status: 503 });
    }
    console.error("peerloop: Stripe webhook not handled", err);
    return new Response("Not handled, retry later", {
      status: 503,
      headers: { "Retry-After": "30" },
    });
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
