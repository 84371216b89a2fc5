// Identifiers arrive from URLs, forms and webhooks: untrusted text. A malformed one is
// "not found" to the caller, and must never reach the database, where a bad uuid or an
// out-of-range integer is an error (a 500) rather than an empty result.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id in its canonical (lower-case) form, or null when it is not a uuid. */
export function parseUuid(value: unknown): string | null {
  return typeof value === "string" && UUID.test(value) ? value.toLowerCase() : null;
}

/** Largest value of a PostgreSQL bigserial that a JavaScript number holds exactly. */
const MAX_SERIAL_ID = Number.MAX_SAFE_INTEGER;

/** A positive serial id written in plain decimal digits, or null. */
export function parseSerialId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_SERIAL_ID ? id : null;
}
