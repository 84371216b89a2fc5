import { randomBytes } from "node:crypto";
import { createAccount } from "~/modules/identity/signup.server";

export const TEST_PASSWORD = "correct horse battery staple";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

/** A confirmed user, created through the account module. */
export async function createUser(
  overrides: { email?: string; name?: string; timeZone?: string } = {},
) {
  const email = overrides.email ?? uniqueEmail();
  const result = await createAccount({
    email,
    name: overrides.name ?? "Test Person",
    password: TEST_PASSWORD,
    timeZone: overrides.timeZone ?? "Europe/Berlin",
  });
  if (!result.ok) throw new Error(`could not create ${email}: ${result.error}`);
  return { id: result.userId, email, password: TEST_PASSWORD };
}
