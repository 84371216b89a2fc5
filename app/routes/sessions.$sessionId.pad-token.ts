import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/modules/identity/auth.server";
import { getRoomAccess, mintPadToken } from "~/modules/sessions/room.server";

// A fresh short-lived token for the code pad's websocket (the provider asks again
// whenever it reconnects). Only participants, and only from the moment the room opens;
// anyone else gets the 404 every other route gives.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const now = new Date();
  const access = user ? await getRoomAccess(params.sessionId ?? "", user.id, now) : null;
  if (!user || !access) return Response.json({ error: "Not found." }, { status: 404 });
  if (access.window === "before") {
    return Response.json({ error: "The room is not open yet." }, { status: 403 });
  }
  return Response.json(
    { token: mintPadToken(access, user, now), readOnly: access.readOnly },
    { headers: { "Cache-Control": "no-store" } },
  );
}
