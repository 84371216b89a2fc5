import { createHmac, timingSafeEqual } from "node:crypto";
import { parseUuid } from "~/utils/ids";

// Short-lived tokens for the realtime server: the app mints one for a participant of a
// session, the realtime server checks it without a database round trip. The format is
// base64url(JSON claims) "." base64url(HMAC-SHA256(claims)).

export interface RealtimeClaims {
  /** The user's id. */
  sub: string;
  /** The session whose pad this token opens. */
  sid: string;
  /** Display name and cursor colour for presence. */
  name: string;
  color: string;
  /** After the session the pad is read-only. */
  ro: boolean;
  /** Expiry, epoch seconds. */
  exp: number;
}

export const REALTIME_TOKEN_TTL_SECONDS = 10 * 60;

/** The Yjs document name of a session's pad. */
export function padDocumentName(sessionId: string): string {
  return `session:${sessionId}`;
}

export function sessionIdFromDocumentName(name: string): string | null {
  return name.startsWith("session:") ? parseUuid(name.slice("session:".length)) : null;
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function signRealtimeToken(claims: RealtimeClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenCheck =
  | { ok: true; claims: RealtimeClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

export function verifyRealtimeToken(token: unknown, secret: string, nowMs: number): TokenCheck {
  if (typeof token !== "string" || token.length > 2048) return { ok: false, reason: "malformed" };
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "bad_signature" };
  }
  let claims: RealtimeClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as RealtimeClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (
    typeof claims.sub !== "string" ||
    typeof claims.sid !== "string" ||
    typeof claims.exp !== "number" ||
    typeof claims.ro !== "boolean"
  ) {
    return { ok: false, reason: "malformed" };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
