import { createHash, randomBytes } from "node:crypto";

// Links in emails carry a random token; the database keeps only its SHA-256, so a
// leaked table (or backup) opens nothing. 32 random bytes need no slow hash.

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}
