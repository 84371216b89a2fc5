// The database phase of bench:matching: the whole server-side match (proposeSlots: read
// the candidates, their calendars and records, then match) on a fresh PostgreSQL
// database holding DB_PEERS peers (default 100k) in 12 zones, every one with an open
// swap request for the benchmarked round and 60% offering it one-way with a grant.
// Seeded set-based (generate_series), so seeding 100k people is a few statements.
// Needs DATABASE_URL (the admin URL of a server); without it the phase is skipped.

import { sql } from "drizzle-orm";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { openDatabase, setDatabaseConnection } from "#db/client";
import { rowsOf } from "#db/rows";
import { proposeSlots } from "~/modules/matching/matching.server";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";

const ZONES = [
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
  requests: number;
  seedMs: number;
  p50Ms: number;
  p99Ms: number;
  swapP50Ms: number;
  oneWayP50Ms: number;
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)]!;
}

export async function runDatabasePhase(): Promise<DatabasePhase | null> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("database phase skipped: set DATABASE_URL to a PostgreSQL server to run it");
    return null;
  }
  const peers = Number(process.env.DB_PEERS ?? 100_000);
  const requests = Number(process.env.DB_REQUESTS ?? 10);
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
    // Warm-up: prepared statements, JIT, Intl.
    for (let k = 0; k < 3; k++) await proposeSlots(searchOf(requesters[k]!, k), now);
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
    const sorted = [...durations].sort((a, b) => a - b);
    const round2 = (v: number) => Math.round(v * 10) / 10;
    const result: DatabasePhase = {
      peers,
      requests: durations.length,
      seedMs: Math.round(seedMs),
      p50Ms: round2(percentile(sorted, 50)),
      p99Ms: round2(percentile(sorted, 99)),
      swapP50Ms: round2(
        percentile(
          swap.sort((a, b) => a - b),
          50,
        ),
      ),
      oneWayP50Ms: round2(
        percentile(
          oneWay.sort((a, b) => a - b),
          50,
        ),
      ),
    };
    console.log(
      `database: ${peers} peers seeded in ${result.seedMs} ms; proposeSlots over ${result.requests} requests: ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (swap p50 ${result.swapP50Ms} ms, one-way p50 ${result.oneWayP50Ms} ms)`,
    );
    return result;
  } finally {
    await connection.close();
    await dropDatabase(adminUrl, name);
  }
}
