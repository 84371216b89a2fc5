import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { type Database, getDb } from "#db/client";
import { rateLimits } from "#db/schema";
import { LIMITS, type LimitName, type LimitOutcome } from "./login-throttle";

// rate-limiter-flexible's Drizzle store counts in the rate_limits table with one atomic
// upsert per consume, on PostgreSQL and on the embedded PGlite alike (see decision 0010).
// A point is consumed *before* the work it guards, so concurrent requests cannot all
// pass a check that none of them has counted yet.

const limiters = new WeakMap<Database, Map<LimitName, RateLimiterDrizzle>>();

function limiter(name: LimitName): RateLimiterDrizzle {
  // Tests swap the process database per file; a limiter belongs to one database.
  const db = getDb();
  let forDb = limiters.get(db);
  if (!forDb) {
    forDb = new Map();
    limiters.set(db, forDb);
  }
  let found = forDb.get(name);
  if (!found) {
    const { points, durationSeconds } = LIMITS[name];
    found = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      // The purge job deletes expired rows; no timer per limiter per process.
      clearExpiredByTimeout: false,
    });
    forDb.set(name, found);
  }
  return found;
}

/**
 * Counts one attempt against a limit and says whether it is within it. Store errors
 * propagate (a limiter that fails open would be no limit at all).
 */
export async function consumeLimit(name: LimitName, key: string): Promise<LimitOutcome> {
  try {
    const res = await limiter(name).consume(key);
    return { allowed: true, msBeforeNext: res.msBeforeNext };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, msBeforeNext: rejection.msBeforeNext };
    }
    throw rejection;
  }
}

/** Gives back a point consumed for an attempt that turned out not to count (a success). */
export async function refundLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key, 1);
}

/** Forgets a key's count (after a password reset the owner may log in at once). */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}
