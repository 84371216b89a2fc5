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
