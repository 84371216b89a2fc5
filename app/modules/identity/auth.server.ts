import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { and, eq, gt, gte } from "drizzle-orm";
import { getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import { authSessions, loginAttempts, profiles, users } from "#db/schema";
import { decideLoginThrottle, THROTTLE_WINDOW_MS } from "./login-throttle";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
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
}

export type SignUpResult = { ok: true; userId: string } | { ok: false; error: "email_taken" };

export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  timeZone: string;
}): Promise<SignUpResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing.length > 0) return { ok: false, error: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const userId = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, name: input.name.trim(), passwordHash })
        .returning({ id: users.id });
      if (!user) throw new Error("insert returned no user");
      await tx.insert(profiles).values({ userId: user.id, timeZone: input.timeZone });
      return user.id;
    });
    return { ok: true, userId };
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides, the loser is told.
    if (isUniqueViolation(err, "users_email_key")) return { ok: false, error: "email_taken" };
    throw err;
  }
}

export type LogInResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

export async function logIn(
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LogInResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const failuresSince = (
    column: typeof loginAttempts.email | typeof loginAttempts.ip,
    value: string,
  ) =>
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(
        and(
          eq(column, value),
          eq(loginAttempts.succeeded, false),
          gte(loginAttempts.attemptedAt, since),
        ),
      )
      .orderBy(loginAttempts.attemptedAt);
  const [byEmail, byIp] = await Promise.all([
    failuresSince(loginAttempts.email, email),
    failuresSince(loginAttempts.ip, input.ip),
  ]);
  const decision = decideLoginThrottle(
    { byEmail: byEmail.map((r) => r.at), byIp: byIp.map((r) => r.at) },
    now,
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

  await db
    .insert(loginAttempts)
    .values({ email, ip: input.ip, succeeded: valid, attemptedAt: now });
  if (!user || !valid) return { ok: false, error: "invalid_credentials" };
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

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: profiles.timeZone,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
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
