// The database phase of bench:matching: the whole server-side match (proposeSlots: read
// the candidates, their calendars and records, then match) on a fresh PostgreSQL
// database holding DB_PEERS peers (default 100k) in 12 zones, every one with an open
// swap request for the benchmarked round and 60% offering it one-way with a grant.
// Seeded set-based (generate_series), so seeding 100k people is a few statements.
// Needs DATABASE_URL (the admin URL of a server); without it the phase is skipped.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "drizzle-orm";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { openDatabase, setDatabaseConnection } from "#db/client";
import { rowsOf } from "#db/rows";
import {
  forgetMatchPools,
  proposeSlots,
  proposeSlotsFresh,
} from "~/modules/matching/matching.server";
import { percentile } from "../support/percentile";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";

/** The twelve zones both matching phases spread their peers over. */
export const ZONES = [
  "America/Los_Angeles",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];

export interface DatabasePhase {
  peers: number;
  /** Warm requests measured (the pool of their round, format and level already built). */
  requests: number;
  seedMs: number;
  /** Warm: the pool version matches, so a request reads only its requester's rows. */
  p50Ms: number;
  p99Ms: number;
  swapP50Ms: number;
  oneWayP50Ms: number;
  /** Cold: the first request of each (format, level) after the cache was emptied. */
  coldRequests: number;
  coldP50Ms: number;
  coldMaxMs: number;
  /** Heap growth (MB) from building one pool (the largest key), and all of them. */
  heapMbOnePool: number;
  heapMbAllPools: number;
  /** Requests whose cached answer was compared with a fresh, uncached computation. */
  verified: number;
  identical: boolean;
}

/** A full collection, then the heap in use (MB): for the pool's footprint. */
function heapMb(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

export async function runDatabasePhase(): Promise<DatabasePhase | null> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("database phase skipped: set DATABASE_URL to a PostgreSQL server to run it");
    return null;
  }
  const peers = Number(process.env.DB_PEERS ?? 100_000);
  const requests = Number(process.env.DB_REQUESTS ?? 200);
  const name = uniqueDatabaseName("bench_matching");
  const url = withDatabaseName(adminUrl, name);
  await createDatabase(adminUrl, name);
  const connection = openDatabase({ kind: "postgres", url, maxConnections: 4 });
  setDatabaseConnection(connection);
  try {
    await connection.migrate();
    const { db } = connection;
    await seedCatalog(db);
    const [round] = rowsOf<{ id: number; loop_id: number; minutes: number }>(
      await db.execute(sql`
        select id, loop_id, duration_minutes as minutes from rounds
        where allows_swap order by position limit 1`),
    );
    if (!round) throw new Error("the catalog has no swap round");
    const seedStarted = performance.now();
    const zones = sql.raw(`array[${ZONES.map((z) => `'${z}'`).join(",")}]`);
    // Deterministic pseudo-random figures from the peer number (hashtext), so every
    // run seeds the same world.
    await db.execute(sql`
      create temporary table bench_peers as
      select n, gen_random_uuid() as id,
             (${zones})[1 + n % 12] as zone,
             (select id from levels where loop_id = ${round.loop_id}
              order by rank offset (abs(hashtext('lvl' || n)) % 5) limit 1) as level_id,
             (select id from levels where loop_id = ${round.loop_id}
              order by rank offset (abs(hashtext('tgt' || n)) % 5) limit 1) as target_level_id,
             (select id from levels where loop_id = ${round.loop_id}
              order by rank offset 1 + (abs(hashtext('up' || n)) % 4) limit 1) as up_level_id,
             abs(hashtext('h' || n)) % 9 as evening,
             abs(hashtext('w' || n)) as weekdays
      from generate_series(1, ${peers}) n`);
    await db.execute(sql`
      insert into users (id, email, name, password_hash)
      select id, 'peer' || n || '@bench.test', 'Peer ' || n, 'x' from bench_peers`);
    await db.execute(sql`
      insert into profiles (user_id, time_zone, target_loop_id, current_level_id, target_level_id)
      select id, zone, ${round.loop_id}, level_id, target_level_id from bench_peers`);
    await db.execute(sql`
      insert into availability_settings (user_id, time_zone, min_notice_minutes, max_sessions_per_day, buffer_minutes)
      select id, zone, (array[120, 360, 720, 1440])[1 + n % 4], 1 + n % 3, (array[0, 15, 30])[1 + n % 3]
      from bench_peers`);
    // Weekday evenings (each weekday with probability ~0.55) and a weekend afternoon.
    await db.execute(sql`
      insert into availability_rules (user_id, weekday, start_minute, end_minute)
      select id, d, (34 + evening) * 30, least(1440, (34 + evening) * 30 + 150)
      from bench_peers, generate_series(1, 5) d
      where (weekdays >> d) % 9 < 5`);
    await db.execute(sql`
      insert into availability_rules (user_id, weekday, start_minute, end_minute)
      select id, 6 + n % 2, 600, 840 from bench_peers where weekdays % 2 = 0`);
    await db.execute(sql`
      insert into mock_requests (user_id, loop_id, round_id, target_level_id, format, status, expires_at)
      select id, ${round.loop_id}, ${round.id}, target_level_id, 'swap', 'open', now() + interval '30 days'
      from bench_peers`);
    await db.execute(sql`
      insert into interviewer_rounds (user_id, loop_id, round_id, max_level_id)
      select id, ${round.loop_id}, ${round.id}, up_level_id from bench_peers where n % 5 < 3`);
    await db.execute(sql`
      insert into interviewer_grants (user_id, loop_id, round_id, max_level_id, note)
      select id, ${round.loop_id}, ${round.id}, up_level_id, 'bench' from bench_peers where n % 5 < 3`);
    await db.execute(sql`analyze`);
    const seedMs = performance.now() - seedStarted;

    const requesters = rowsOf<{ id: string }>(
      await db.execute(sql`
        select id from bench_peers where n % ${Math.max(1, Math.floor(peers / requests))} = 0
        order by n limit ${requests}`),
    ).map((r) => r.id);
    const now = new Date(Date.UTC(2026, 9, 20));
    const searchOf = (userId: string, k: number) => ({
      userId,
      roundId: round.id,
      format: k % 5 < 3 ? ("swap" as const) : ("one_way" as const),
      targetLevelRank: 4 + (k % 3),
      roundMinutes: round.minutes,
      horizonDays: 14,
    });
    // Warm-up on a small key's pool: prepared statements, JIT, Intl. Then the cache is
    // emptied so every cold figure below includes its build.
    await proposeSlots(searchOf(requesters[0]!, 0), now);
    forgetMatchPools(db);

    const round2 = (v: number) => Math.round(v * 10) / 10;
    const sortedOf = (values: number[]) => [...values].sort((a, b) => a - b);
    // Cold: one request per (format, level) key, each building its pool. The first
    // one (swap at rank 4 + k % 3 = 4 for k = 0) also gives the heap one pool takes.
    const keys = new Map<string, number>();
    for (let k = 0; k < requesters.length && keys.size < 6; k++) {
      const s = searchOf(requesters[k]!, k);
      const key = `${s.format}|${s.targetLevelRank}`;
      if (!keys.has(key)) keys.set(key, k);
    }
    const cold: number[] = [];
    const heapBefore = heapMb();
    let heapAfterOne = heapBefore;
    for (const k of keys.values()) {
      const started = performance.now();
      await proposeSlots(searchOf(requesters[k]!, k), now);
      cold.push(performance.now() - started);
      if (cold.length === 1) heapAfterOne = heapMb();
    }
    const heapAfterAll = heapMb();

    const durations: number[] = [];
    const swap: number[] = [];
    const oneWay: number[] = [];
    for (let k = 0; k < requesters.length; k++) {
      const search = searchOf(requesters[k]!, k);
      const started = performance.now();
      await proposeSlots(search, now);
      const elapsed = performance.now() - started;
      durations.push(elapsed);
      (search.format === "swap" ? swap : oneWay).push(elapsed);
    }
    // Correctness at scale: a few cached answers against the fresh computation (each
    // fresh one reads the whole pool, seconds at 100k).
    const verify = Math.min(requesters.length, Number(process.env.DB_VERIFY ?? 2));
    let identical = true;
    for (let k = 0; k < verify; k++) {
      // k = 0 and 3: a swap and a one-way search.
      const index = k % 2 === 0 ? k : k + 2;
      const search = searchOf(requesters[index % requesters.length]!, index);
      const cached = await proposeSlots(search, now);
      const fresh = await proposeSlotsFresh(search, now);
      if (JSON.stringify(cached) !== JSON.stringify(fresh)) identical = false;
    }
    const sorted = sortedOf(durations);
    const coldSorted = sortedOf(cold);
    const result: DatabasePhase = {
      peers,
      requests: durations.length,
      seedMs: Math.round(seedMs),
      p50Ms: round2(percentile(sorted, 50)),
      p99Ms: round2(percentile(sorted, 99)),
      swapP50Ms: round2(percentile(sortedOf(swap), 50)),
      oneWayP50Ms: round2(percentile(sortedOf(oneWay), 50)),
      coldRequests: cold.length,
      coldP50Ms: round2(percentile(coldSorted, 50)),
      coldMaxMs: round2(coldSorted.at(-1) ?? 0),
      heapMbOnePool: round2(heapAfterOne - heapBefore),
      heapMbAllPools: round2(heapAfterAll - heapBefore),
      verified: verify,
      identical,
    };
    console.log(
      `database: ${peers} peers seeded in ${result.seedMs} ms; proposeSlots, warm (pool cached) over ${result.requests} requests: ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (swap p50 ${result.swapP50Ms} ms, one-way p50 ${result.oneWayP50Ms} ms); ` +
        `cold (builds the pool) over ${result.coldRequests} keys: p50 ${result.coldP50Ms} ms, max ${result.coldMaxMs} ms; ` +
        `heap ${result.heapMbOnePool} MB for one pool, ${result.heapMbAllPools} MB for all; ` +
        `${result.verified} answers ${result.identical ? "identical to" : "DIFFERENT from"} a fresh computation`,
    );
    return result;
  } finally {
    await connection.close();
    await dropDatabase(adminUrl, name);
  }
}
