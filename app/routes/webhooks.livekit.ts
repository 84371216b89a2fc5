import type { ActionFunctionArgs } from "@remix-run/node";
import { recordVideoWebhook } from "~/modules/sessions/room.server";

const MAX_BODY_BYTES = 64 * 1024;

// LiveKit calls this for room events. Nothing is written before the signature and the
// body hash are verified; a redelivered event is recorded once.
export async function action({ request }: ActionFunctionArgs) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return new Response("Payload too large", { status: 413 });
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return new Response("Payload too large", { status: 413 });
  try {
    const outcome = await recordVideoWebhook(body, request.headers.get("authorization"));
    return Response.json({ outcome });
  } catch {
    return new Response("Invalid webhook", { status: 400 });
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
