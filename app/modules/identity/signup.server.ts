import { and, eq, gt } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import { profiles, signupConfirmations, users } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { kickJob } from "~/jobs/kick.server";
import { postWelcomeGrant } from "~/modules/credits/grants.server";
import { enqueueEmails } from "~/modules/notify/outbox.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { decideThrottle } from "./login-throttle";
import { alreadyRegisteredMessage, confirmSignUpMessage } from "./messages";
import { hashPassword } from "./password.server";
import { consumeLimit } from "./rate-limit.server";
import { hashToken, newToken } from "./tokens.server";

export const CONFIRMATION_TTL_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

interface NewAccount {
  name: string;
  email: string;
  timeZone: string;
}

export type CreateAccountResult =
  | { ok: true; userId: string }
  | { ok: false; error: "email_taken" };

async function insertAccount(
  tx: Database,
  input: NewAccount & { passwordHash: string },
): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash: input.passwordHash })
    .returning({ id: users.id });
  if (!user) throw new Error("insert returned no user");
  await tx.insert(profiles).values({ userId: user.id, timeZone: input.timeZone });
  await postWelcomeGrant(tx, user.id);
  return user.id;
}

function normalized<T extends NewAccount>(input: T): T {
  return { ...input, email: input.email.trim().toLowerCase(), name: input.name.trim() };
}

/**
 * Creates a confirmed account at once: for the demo users and test fixtures, whose
 * addresses need no proof. People signing up go through requestSignUp.
 * Given a `passwordHash` (made by hashPassword) instead of a password, it skips hashing:
 * fixtures that create many accounts with one password hash it once.
 */
export async function createAccount(
  input: NewAccount & ({ password: string } | { passwordHash: string }),
): Promise<CreateAccountResult> {
  const account = normalized({ name: input.name, email: input.email, timeZone: input.timeZone });
  const passwordHash =
    "passwordHash" in input ? input.passwordHash : await hashPassword(input.password);
  try {
    const userId = await getDb().transaction((tx) =>
      insertAccount(tx, { ...account, passwordHash }),
    );
    return { ok: true, userId };
  } catch (err) {
    // Two creations racing for one email: the unique index decides.
    if (isUniqueViolation(err, "users_email_key")) return { ok: false, error: "email_taken" };
    throw err;
  }
}

export type SignUpRequestResult =
  | { ok: true }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * A sign-up answers the same whether the address has an account or not: the same work
 * (one argon2 hash, one email written) and the same reply. The inbox gets either a
 * confirmation link or a note that the account exists. One email per address per hour
 * (the outbox dedupe key), so nobody's inbox can be flooded from here.
 */
export async function requestSignUp(
  input: NewAccount & { password: string; redirectTo?: string; ip: string },
  now: Date = new Date(),
): Promise<SignUpRequestResult> {
  // Counted before the hash: the limit also bounds the CPU and memory spent.
  const decision = decideThrottle([await consumeLimit("signup-ip", input.ip)]);
  if (!decision.allowed) {
    return { ok: false, error: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const account = normalized(input);
  const passwordHash = await hashPassword(input.password);
  const origin = publicOrigin(getEnv());
  const dedupeKey = `signup:${account.email}:${Math.floor(now.getTime() / HOUR_MS)}`;

  await getDb().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, account.email));
    const { token, tokenHash } = newToken();
    const message = existing
      ? alreadyRegisteredMessage({
          loginUrl: `${origin}/login`,
          resetUrl: `${origin}/forgot-password`,
        })
      : confirmSignUpMessage({
          name: account.name,
          link: `${origin}/signup/confirm?${new URLSearchParams({ token })}`,
          validHours: CONFIRMATION_TTL_HOURS,
        });
    const written = await enqueueEmails(tx, [
      {
        userId: existing?.id ?? null,
        toAddress: account.email,
        subject: message.subject,
        textBody: message.text,
        kind: existing ? "signup_existing" : "signup_confirm",
        dedupeKey,
      },
    ]);
    // A repeat within the hour sends no second email, so it stores no second request.
    if (written === 0) return;
    // Every request is recorded the same way, so both answers cost the same writes. For
    // a known address the token is mailed to nobody: that row can never be used, and
    // the purge job drops it when it expires.
    await tx.insert(signupConfirmations).values({
      tokenHash,
      email: account.email,
      name: account.name,
      passwordHash,
      timeZone: account.timeZone,
      redirectTo: input.redirectTo ? safeRedirectPath(input.redirectTo) : null,
      expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_HOURS * HOUR_MS),
    });
  });
  await kickJob("deliver-email");
  return { ok: true };
}

/** The pending sign-up a link names, if it is still valid (for the confirmation page). */
export async function findSignUpConfirmation(
  token: string,
  now: Date = new Date(),
): Promise<{ email: string; name: string } | null> {
  const [row] = await getDb()
    .select({ email: signupConfirmations.email, name: signupConfirmations.name })
    .from(signupConfirmations)
    .where(
      and(
        eq(signupConfirmations.tokenHash, hashToken(token)),
        gt(signupConfirmations.expiresAt, now),
      ),
    );
  return row ?? null;
}

export type ConfirmSignUpResult =
  | { ok: true; userId: string; redirectTo: string | null }
  | { ok: false; error: "invalid_link" | "email_taken" };

/**
 * Turns a pending sign-up into an account. The token row is deleted in the same
 * statement that reads it, so a link works once even when followed twice at once.
 */
export async function confirmSignUp(
  token: string,
  now: Date = new Date(),
): Promise<ConfirmSignUpResult> {
  try {
    return await getDb().transaction(async (tx) => {
      const [pending] = await tx
        .delete(signupConfirmations)
        .where(
          and(
            eq(signupConfirmations.tokenHash, hashToken(token)),
            gt(signupConfirmations.expiresAt, now),
          ),
        )
        .returning();
      if (!pending) return { ok: false, error: "invalid_link" } as const;
      const userId = await insertAccount(tx, pending);
      return { ok: true, userId, redirectTo: pending.redirectTo } as const;
    });
  } catch (err) {
    // Two links for one address (sent in different hours), both followed: one account.
    if (isUniqueViolation(err, "users_email_key")) return { ok: false, error: "email_taken" };
    throw err;
  }
}
