import { createCookie } from "@remix-run/node";
import { getEnv } from "~/env.server";

// The cookie carries nothing but the id of a row in auth_sessions, signed so a forged
// id is rejected before any query.

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;

function sessionCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("peerloop_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.isProduction,
      path: "/",
      maxAge: SESSION_TTL_MS / 1000,
      secrets: [env.SESSION_SECRET],
    });
  }
  return cookie;
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function serializeSessionId(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

export function serializeClearedSession(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
