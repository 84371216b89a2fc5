import { and, eq, gt, isNotNull } from "drizzle-orm";
import { getDb } from "#db/client";
import { authSessions, passwordResets, users } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { kickJob } from "~/jobs/kick.server";
import { enqueueEmails } from "~/modules/notify/outbox.server";
import { decideThrottle } from "./login-throttle";
import { resetPasswordMessage, resetWithoutAccountMessage } from "./messages";
import { hashPassword } from "./password.server";
import { consumeLimit, resetLimit } from "./rate-limit.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_TTL_MINUTES = 60;

export type ResetRequestResult =
  | { ok: true }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Answers the same for every address. The inbox gets a single-use link when the
 * address has an account, and a short note that it has none otherwise. The per-address
 * limit (3 an hour) keeps anyone's inbox from being flooded from here.
 */
export async function requestPasswordReset(
  input: { email: string; ip: string },
  now: Date = new Date(),
): Promise<ResetRequestResult> {
  const email = input.email.trim().toLowerCase();
  const decision = decideThrottle(
    await Promise.all([consumeLimit("reset-ip", input.ip), consumeLimit("reset-email", email)]),
  );
  if (!decision.allowed) {
    return { ok: false, error: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const origin = publicOrigin(getEnv());
  await getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.email, email));
    const { token, tokenHash } = newToken();
    // Every request is recorded the same way, so both answers cost the same writes;
    // without an account the row names no user and its token is mailed to nobody.
    await tx.insert(passwordResets).values({
      tokenHash,
      userId: user?.id ?? null,
      expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60 * 1000),
    });
    const message = user
      ? resetPasswordMessage({
          name: user.name,
          link: `${origin}/reset-password?${new URLSearchParams({ token })}`,
          validMinutes: RESET_TTL_MINUTES,
        })
      : resetWithoutAccountMessage({ signupUrl: `${origin}/signup` });
    await enqueueEmails(tx, [
      {
        userId: user?.id ?? null,
        toAddress: email,
        subject: message.subject,
        textBody: message.text,
        kind: user ? "reset_password" : "reset_no_account",
        dedupeKey: `reset:${tokenHash}`,
      },
    ]);
  });
  await kickJob("deliver-email");
  return { ok: true };
}

/** Whether a reset link is still usable (for the page that asks for the new password). */
export async function isResetTokenValid(token: string, now: Date = new Date()): Promise<boolean> {
  const [row] = await getDb()
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        gt(passwordResets.expiresAt, now),
        isNotNull(passwordResets.userId),
      ),
    );
  return Boolean(row);
}

export type ResetPasswordResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_link" };

/**
 * Sets the new password. The token row is deleted by the statement that reads it (so
 * it works once); every other reset link and every session of the account end with it.
 */
export async function resetPassword(
  input: { token: string; password: string },
  now: Date = new Date(),
): Promise<ResetPasswordResult> {
  const passwordHash = await hashPassword(input.password);
  const result = await getDb().transaction(async (tx) => {
    const [reset] = await tx
      .delete(passwordResets)
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(input.token)),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    // A request for an address without an account names no user: its token opens nothing.
    const userId = reset?.userId;
    if (!userId) return { ok: false, error: "invalid_link" } as const;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await tx.delete(authSessions).where(eq(authSessions.userId, userId));
    return { ok: true, userId, email: user?.email } as const;
  });
  if (!result.ok) return result;
  // Whoever proved they read the inbox may try the new password at once.
  if (result.email) await resetLimit("login-email", result.email);
  return { ok: true, userId: result.userId };
}
