import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFeedbackBoardSvg } from "~/modules/feedback/feedback.server";
import { getSessionUser } from "~/modules/identity/auth.server";

// The session's whiteboard as an SVG file, downloaded from the feedback detail. Same
// access as the feedback itself: anyone who may not read it (and a session without a
// board) gets the 404 every other route gives.

/**
 * The picture holds only shapes and escaped text, and this policy makes sure of it
 * should the file be opened on its own: nothing loads, nothing runs. (The app's page
 * policy and nosniff are on every response already; a browser enforces both policies.)
 */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const svg = user ? await getFeedbackBoardSvg(params.feedbackId ?? "", user.id) : null;
  if (!svg) throw new Response("Not found", { status: 404 });
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": 'attachment; filename="peerloop-board.svg"',
      "Content-Security-Policy": SVG_POLICY,
      "Cache-Control": "private, no-store",
    },
  });
}
