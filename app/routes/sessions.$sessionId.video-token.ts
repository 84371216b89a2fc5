import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/modules/identity/auth.server";
import { getRoomAccess, mintVideoToken } from "~/modules/sessions/room.server";

// A LiveKit token for this session's room: only for its participants, only inside the
// join window (10 minutes before the start until shortly after the end).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return Response.json({ error: "Log in first." }, { status: 401 });
  const access = await getRoomAccess(params.sessionId ?? "", user.id);
  if (access?.window !== "open" || access.session.status === "no_show") {
    return Response.json(
      { error: "Video is open to this session's participants during its time only." },
      { status: 403 },
    );
  }
  return Response.json(await mintVideoToken(access, user), {
    headers: { "Cache-Control": "no-store" },
  });
}
