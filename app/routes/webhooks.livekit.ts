import type { ActionFunctionArgs } from "@remix-run/node";
import { FormLimitError } from "~/http/form-limits";
import { readBodyText } from "~/http/read-form.server";
import { InvalidWebhookError, recordVideoWebhook } from "~/modules/sessions/room.server";

const MAX_BODY_BYTES = 64 * 1024;

// LiveKit calls this for room events. Nothing is written before the signature and the
// body hash are verified; a redelivered event is recorded once. LiveKit retries on 5xx,
// so a failure on our side (the database is down) answers 503, and only a webhook that
// is not LiveKit's own gets a 4xx (which is final).
export async function action({ request }: ActionFunctionArgs) {
  let body: string;
  try {
    body = await readBodyText(request, MAX_BODY_BYTES);
  } catch (err) {
    // The rest of the body is left unread: close the connection, or the next request on it
    // would be read from the middle of this one (the Stripe webhook does the same).
    if (err instanceof FormLimitError) {
      return new Response(err.message, { status: err.status, headers: { Connection: "close" } });
    }
    throw err;
  }
  try {
    const outcome = await recordVideoWebhook(body, request.headers.get("authorization"));
    return Response.json({ outcome });
  } catch (err) {
    if (err instanceof InvalidWebhookError) {
      return new Response("Invalid webhook", { status: 400 });
    }
    console.error("peerloop: LiveKit webhook not recorded", err);
    return new Response("Not recorded, retry later", {
      status: 503,
      headers: { "Retry-After": "30" },
    });
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
