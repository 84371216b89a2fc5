import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { authSessions, creditAccounts, loginAttempts, profiles, users } from "#db/schema";
import { decideThrottle } from "./login-throttle";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { consumeLimit, refundLimit } from "./rate-limit.server";
import {
  readSessionId,
  SESSION_TTL_MS,
  serializeClearedSession,
  serializeSessionId,
} from "./session-cookie.server";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  isAdmin: boolean;
  /** The credit balance, read with the session so the header shows it at no extra cost. */
  credits: number;
}

export type LogInResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

export async function logIn(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<LogInResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  // The attempt is counted before the password is checked: of many concurrent guesses
  // only as many as the limit get a point below it, and only those are evaluated.
  const decision = decideThrottle(
    await Promise.all([consumeLimit("login-email", email), consumeLimit("login-ip", input.ip)]),
  );
  if (!decision.allowed) {
    return { ok: false, error: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);

  await db.insert(loginAttempts).values({ email, ip: input.ip, succeeded: valid });
  if (!user || !valid) return { ok: false, error: "invalid_credentials" };
  // Only failures count against the limits: a success gives its points back.
  await Promise.all([refundLimit("login-email", email), refundLimit("login-ip", input.ip)]);
  return { ok: true, userId: user.id };
}

/** Creates a server-side session and returns the Set-Cookie header value for it. */
export async function startAuthSession(userId: string, now: Date = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await getDb()
    .insert(authSessions)
    .values({ id, userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return serializeSessionId(id);
}

/** Deletes the session row (so the old cookie stops working) and clears the cookie. */
export async function endAuthSession(request: Request): Promise<string> {
  const sessionId = await readSessionId(request);
  if (sessionId) await getDb().delete(authSessions).where(eq(authSessions.id, sessionId));
  return serializeClearedSession();
}

// One read per request: the layout's loader and the page's loader both ask (Remix runs
// every loader of a navigation with the same Request object).
const sessionUsers = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let user = sessionUsers.get(request);
  if (!user) {
    user = readSessionUser(request);
    sessionUsers.set(request, user);
    // A failed read (database down) is not remembered.
    user.catch(() => sessionUsers.delete(request));
  }
  return user;
}

async function readSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: profiles.timeZone,
      isAdmin: users.isAdmin,
      credits: sql<number>`coalesce(${creditAccounts.balance}, 0)`.mapWith(Number),
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(creditAccounts, eq(creditAccounts.userId, users.id))
    .where(and(eq(authSessions.id, sessionId), gt(authSessions.expiresAt, new Date())));
  return row ?? null;
}

/** The signed-in user, or a redirect to the log-in page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/login?${params}`);
}

/**
 * The signed-in admin. Anyone else gets the 404 every unknown page gets: the admin
 * pages' existence is nobody else's business.
 */
export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isAdmin) throw new Response("Not found", { status: 404 });
  return user;
}
