import { lt } from "drizzle-orm";
import { getDb } from "#db/client";
import {
  authSessions,
  loginAttempts,
  passwordResets,
  rateLimits,
  signupConfirmations,
} from "#db/schema";

/** Log-in attempts are kept this long for looking into incidents, then dropped. */
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes what no request can use any more: expired sessions, sign-up and reset links,
 * limiter counters whose window ended, and old log-in attempts. Run by a recurring job.
 */
export async function purgeExpiredAuthData(now: Date = new Date()) {
  const db = getDb();
  const count = (rows: unknown[]) => rows.length;
  const [sessions, confirmations, resets, limits, attempts] = await Promise.all([
    db
      .delete(authSessions)
      .where(lt(authSessions.expiresAt, now))
      .returning({ id: authSessions.id }),
    db
      .delete(signupConfirmations)
      .where(lt(signupConfirmations.expiresAt, now))
      .returning({ id: signupConfirmations.tokenHash }),
    db
      .delete(passwordResets)
      .where(lt(passwordResets.expiresAt, now))
      .returning({ id: passwordResets.tokenHash }),
    db.delete(rateLimits).where(lt(rateLimits.expire, now)).returning({ id: rateLimits.key }),
    db
      .delete(loginAttempts)
      .where(lt(loginAttempts.attemptedAt, new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS)))
      .returning({ id: loginAttempts.id }),
  ]);
  return {
    sessions: count(sessions),
    signupConfirmations: count(confirmations),
    passwordResets: count(resets),
    rateLimits: count(limits),
    loginAttempts: count(attempts),
  };
}
