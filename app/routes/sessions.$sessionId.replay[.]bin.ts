import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/modules/identity/auth.server";
import { loadReplayLog } from "~/modules/replay/replay-page.server";
import { parseUuid } from "~/utils/ids";

// The replay's whole log (snapshots and updates, app/modules/replay/replay-log.ts),
// fetched once by the replay page, which then seeks without the server. Participants
// only, once the session has ended; everyone else gets the 404 the page gives.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const sessionId = parseUuid(params.sessionId);
  const log = user && sessionId ? await loadReplayLog(sessionId, user.id) : null;
  if (!log) return new Response("Not found", { status: 404 });
  return new Response(log as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/octet-stream",
      // Private to the viewer, and it can go (a delete): revalidated each time.
      "Cache-Control": "private, no-cache",
    },
  });
}
