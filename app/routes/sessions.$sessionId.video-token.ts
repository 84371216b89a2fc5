import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/modules/identity/auth.server";
import { getRoomAccess, mintVideoToken } from "~/modules/sessions/room.server";

// A LiveKit token for this session's room: only for its participants, only inside the
// join window (10 minutes before the start until shortly after the end). Anyone who is
// not a participant (signed out, a stranger, a made-up id) gets the same 404 as every
// other route, so the answer never tells whether a session exists.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const access = user ? await getRoomAccess(params.sessionId ?? "", user.id) : null;
  if (!user || !access) return Response.json({ error: "Not found." }, { status: 404 });
  if (access.window !== "open" || access.readOnly) {
    return Response.json(
      { error: "Video is open during the session's time only." },
      { status: 403 },
    );
  }
  return Response.json(await mintVideoToken(access, user), {
    headers: { "Cache-Control": "no-store" },
  });
}
