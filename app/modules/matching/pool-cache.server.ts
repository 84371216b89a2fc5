import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { rowsOf } from "#db/rows";

/**
 * The matching pool's version: the sum of match_pool_version's slots, which statement
 * triggers bump on every write that changes a table the pool holds (migrations 0015,
 * 0024). One index-only read of sixteen rows; as a string, since the sum is a bigint.
 */
export async function readPoolVersion(db: Database): Promise<string> {
  const [row] = rowsOf<{ version: string | number | null }>(
    await db.execute(
      sql`select coalesce(sum(version), 0)::text as version from match_pool_version`,
    ),
  );
  return String(row?.version ?? "0");
}

/** Something built from the database at a version, usable while `fits(now)` holds. */
export interface Versioned {
  version: string;
  /** Whether what was built still equals a fresh read at this instant (time-bound rows). */
  fits(now: number): boolean;
}

/**
 * Built values per database and key, reused while the database's pool version is the
 * one they were built at. The version is read before the build's own reads, so a write
 * that commits during a build leaves the entry under an older version: the next request
 * rebuilds rather than keeping a pool that misses the write. Concurrent requests for a
 * stale key share one build.
 */
export class VersionedCache<T extends Versioned> {
  readonly #byDatabase = new WeakMap<Database, Map<string, Promise<T>>>();

  async get(
    db: Database,
    key: string,
    version: string,
    now: number,
    build: () => Promise<T>,
  ): Promise<{ value: T; built: boolean }> {
    let entries = this.#byDatabase.get(db);
    if (!entries) {
      entries = new Map();
      this.#byDatabase.set(db, entries);
    }
    const pending = entries.get(key);
    if (pending) {
      const value = await pending.catch(() => null);
      if (value && value.version === version && value.fits(now)) return { value, built: false };
    }
    // Someone else may have started a fresh build while this request waited.
    const current = entries.get(key);
    if (current && current !== pending) {
      const value = await current.catch(() => null);
      if (value && value.version === version && value.fits(now)) return { value, built: false };
    }
    const building = build();
    entries.set(key, building);
    building.catch(() => {
      if (entries.get(key) === building) entries.delete(key);
    });
    return { value: await building, built: true };
  }

  /** Forgets every entry of this database (benchmarks measuring a cold build). */
  clear(db: Database): void {
    this.#byDatabase.delete(db);
  }
}
