// Drizzle wraps driver errors (DrizzleQueryError); the SQLSTATE and the constraint
// name sit on the cause. postgres.js and PGlite both use `code` and `constraint`.

interface DriverErrorFields {
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
}

function driverError(err: unknown): DriverErrorFields | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const fields = current as DriverErrorFields & { cause?: unknown };
    if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = "23505";
export const PG_EXCLUSION_VIOLATION = "23P01";
export const PG_FOREIGN_KEY_VIOLATION = "23503";
export const PG_CHECK_VIOLATION = "23514";

export function pgErrorCode(err: unknown): string | undefined {
  const code = driverError(err)?.code;
  return typeof code === "string" ? code : undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  const fields = driverError(err);
  const name = fields?.constraint ?? fields?.constraint_name;
  return typeof name === "string" ? name : undefined;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return (
    pgErrorCode(err) === PG_UNIQUE_VIOLATION &&
    (constraint === undefined || pgConstraint(err) === constraint)
  );
}

/**
 * Error codes that mean "the database could not be reached", not "the query was wrong":
 * the socket's (postgres.js passes node's through), postgres.js' own, and SQLSTATE
 * class 08 (connection exception) and 57P01–57P03 (the server is shutting down or
 * starting up).
 */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
]);

/** True when `err` (or what it wraps) says the database is out of reach: answer 503, not 500. */
export function isDatabaseUnreachable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const fields = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof fields.code === "string") {
      if (UNREACHABLE_CODES.has(fields.code) || fields.code.startsWith("08")) return true;
    }
    // node's happy-eyeballs connect reports every address it tried in one AggregateError.
    if (Array.isArray(fields.errors) && fields.errors.some(isDatabaseUnreachable)) return true;
    current = fields.cause;
  }
  return false;
}
