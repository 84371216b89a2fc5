import { randomBytes } from "node:crypto";
import { hashPassword } from "~/modules/identity/password.server";
import { createAccount } from "~/modules/identity/signup.server";

export const TEST_PASSWORD = "correct horse battery staple";

// Every fixture user has TEST_PASSWORD, hashed once per test file with the production
// argon2 settings: logging in still verifies a real hash, and the suite does not pay a
// 19 MiB argon2 hash for each of its hundreds of users.
let testPasswordHash: Promise<string> | undefined;
function hashedTestPassword(): Promise<string> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  return testPasswordHash;
}

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
    passwordHash: await hashedTestPassword(),
    timeZone: overrides.timeZone ?? "Europe/Berlin",
  });
  if (!result.ok) throw new Error(`could not create ${email}: ${result.error}`);
  return { id: result.userId, email, password: TEST_PASSWORD };
}
