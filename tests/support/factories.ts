import { randomBytes } from "node:crypto";
import { signUp } from "~/modules/identity/auth.server";

export const TEST_PASSWORD = "correct horse battery staple";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

/** A user created through the sign-up module, as the sign-up page does it. */
export async function createUser(
  overrides: { email?: string; name?: string; timeZone?: string } = {},
) {
  const email = overrides.email ?? uniqueEmail();
  const result = await signUp({
    email,
    name: overrides.name ?? "Test Person",
    password: TEST_PASSWORD,
    timeZone: overrides.timeZone ?? "Europe/Berlin",
  });
  if (!result.ok) throw new Error(`could not create ${email}: ${result.error}`);
  return { id: result.userId, email, password: TEST_PASSWORD };
}
