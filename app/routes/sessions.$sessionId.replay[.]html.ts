import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/modules/identity/auth.server";
import { loadSessionDownload } from "~/modules/replay/replay-page.server";
import { parseUuid } from "~/utils/ids";

// A participant's download of their session: one self-contained HTML file (pad, board
// as inline SVG, runs; app/modules/replay/download.ts). Everyone else: 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const sessionId = parseUuid(params.sessionId);
  const file = user && sessionId ? await loadSessionDownload(sessionId, user) : null;
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(file.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      // Opened from our origin by mistake, it still runs nothing and loads nothing.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "Cache-Control": "private, no-store",
    },
  });
}
