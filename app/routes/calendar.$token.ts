import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedForToken } from "~/modules/booking/calendar-feed.server";

// The private calendar feed: the token in the URL is the credential (calendar apps
// cannot log in), so an unknown or revoked token answers 404 like any missing page.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new Response("Not found", { status: 404 });
  const ics = await feedForToken(token);
  if (!ics) throw new Response("Not found", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "Content-Disposition": 'inline; filename="peerloop.ics"',
    },
  });
}
