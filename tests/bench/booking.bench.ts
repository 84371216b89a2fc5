// Booking benchmark: the real booking path (bookProposal: validation, advisory locks,
// exclusion constraint, outbox emails) against a bare insert of the same rows, both at
// concurrency 16, on a fresh PostgreSQL database of its own (always dropped at the end).
// Then one contended phase (many attempts on one slot) and an overlap check.
// Run with `npm run bench:booking`. The last line of output is one JSON object.

import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { seedCatalog } from "#db/catalog/seed-catalog";
import {
  closeDatabase,
  type Database,
  type DatabaseConnection,
  getConnection,
  getDb,
  openDatabase,
  setDatabaseConnection,
} from "#db/client";
import { rowsOf } from "#db/rows";
import * as schema from "#db/schema";
import {
  availabilityRules,
  availabilitySettings,
  creditEntries,
  interviewerGrants,
  interviewerRounds,
  levels,
  loops,
  mockRequests,
  mockSessions,
  outboxEmails,
  profiles,
  rounds,
  sessionParticipants,
  users,
} from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { buildBooking } from "~/modules/booking/build-booking";
import { getRequest, requestSearch } from "~/modules/booking/requests.server";
import { sessionMinutes } from "~/modules/matching/formats";
import { validateSlot } from "~/modules/matching/matching.server";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const CONCURRENCY = 16;
/** The pool leaves a few connections spare for the replay look-up outside transactions. */
const MAX_CONNECTIONS = CONCURRENCY + 4;
/** 64 interviewers and 64 candidates. */
const PEOPLE = 64;
/** Measured operations per repetition, for each of the two paths. */
const OPS = Math.max(64, Math.floor(Number(process.env.BENCH_OPS ?? 1000)) || 1000);
/** Booking and bare alternate REPS times, so drift hits both alike. */
const REPS = 2;
const CONTENDED_SLOTS = 4;
const PROFILE_ROUNDS = 4;
const FORCE_PROFILE = process.env.BENCH_PROFILE === "1";

const TARGETS = { ratioMin: 0.33, p99MsMax: 50, overlaps: 0 };

/** A Monday, far ahead of real time; every booking passes it as "now". */
const NOW = new Date("2027-03-01T00:00:00Z");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const HORIZON_DAYS = 14;
const LOOP = "databricks-ic";
const ROUND = "coding";
/** Not a real hash: users are inserted directly, nobody logs in. */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaA$YmVuY2hiZW5jaGJlbmNoYmVuY2g";

// ---------------------------------------------------------------------------
// Schedule. Round r is one time slot; in it candidate c meets interviewer (c + r) % 64,
// so every person is in exactly one session per round (no two pairs share a person)
// and every pair is new. Rounds are 3 h apart, so nothing overlaps and no daily cap
// (12) is reached. Bare inserts use the same pairs and rounds, 60 days in the past:
// outside the busy window bookProposal reads, so they do not change its work.

const roundsPerRep = Math.ceil(OPS / PEOPLE);
const WARMUP_ROUND = 0;
const repFirstRound = (rep: number) => 1 + rep * roundsPerRep;
const CONTENDED_FIRST_ROUND = repFirstRound(REPS);
const PROFILE_FIRST_ROUND = CONTENDED_FIRST_ROUND + CONTENDED_SLOTS;
const TOTAL_ROUNDS = PROFILE_FIRST_ROUND + PROFILE_ROUNDS;

const bookingStart = (round: number) => new Date(NOW.getTime() + (6 + 3 * round) * HOUR);
const bareStart = (round: number) => new Date(NOW.getTime() - 60 * DAY + 3 * round * HOUR);

interface Slot {
  candidate: number;
  interviewer: number;
  round: number;
}

function slotOf(firstRound: number, k: number): Slot {
  const round = firstRound + Math.floor(k / PEOPLE);
  const candidate = k % PEOPLE;
  return { candidate, interviewer: (candidate + round) % PEOPLE, round };
}

// ---------------------------------------------------------------------------
// Small helpers

const round2 = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)]!;
}

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Whole-machine CPU counters (Linux); null elsewhere. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
    const values = fields.map(Number);
    const total = values.reduce((sum, v) => sum + v, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

let clockTicksPerSecond: number | undefined;

/**
 * CPU time (ms) used so far by every PostgreSQL process on this machine (Linux, and only
 * when the server runs here); null when it cannot be read. Backends that exit during a
 * phase take their time with them, but the pool's connections live throughout.
 */
function postgresCpuMs(): number | null {
  try {
    clockTicksPerSecond ??=
      Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    let ticks = 0;
    let found = false;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(")");
      if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
      const fields = stat.slice(close + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the comm.
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    }
    return found ? (ticks * 1000) / clockTicksPerSecond : null;
  } catch {
    return null;
  }
}

interface PhaseResult<T> {
  results: T[];
  latencies: number[];
  wallMs: number;
  opsPerSec: number;
  /** Node's own CPU (user + system) per operation. */
  nodeCpuMsPerOp: number;
  /** PostgreSQL's CPU per operation, when its processes can be read here. */
  postgresCpuMsPerOp: number | null;
  /** Share of all cores busy during the phase (Node, PostgreSQL and anything else). */
  machineBusyPct: number | null;
  /** Share of all cores busy with neither this process nor PostgreSQL: other load. */
  otherLoadPct: number | null;
}

/** Set on SIGINT/SIGTERM: workers take no new tasks, so the in-flight ones can drain. */
let stopping = false;
const inFlight = new Set<Promise<unknown>>();

/** Waits (at most `ms`) for the tasks in flight to settle. */
async function drain(ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled([...inFlight]),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Runs `count` tasks with `concurrency` workers; a task that throws is recorded through
 * `onError`, never left running behind a rejected pool (the database is only closed
 * once nothing uses it any more).
 */
async function runPool<T>(
  count: number,
  concurrency: number,
  task: (k: number) => Promise<T>,
  onError: (err: unknown) => T,
): Promise<PhaseResult<T>> {
  const results = new Array<T>(count);
  const latencies = new Array<number>(count);
  let next = 0;
  const cpu0 = process.cpuUsage();
  const machine0 = machineCpu();
  const postgres0 = postgresCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const k = next++;
        if (k >= count || stopping) return;
        const t0 = performance.now();
        const running = task(k);
        inFlight.add(running);
        try {
          results[k] = await running;
        } catch (err) {
          results[k] = onError(err);
        } finally {
          inFlight.delete(running);
        }
        latencies[k] = performance.now() - t0;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const machine1 = machineCpu();
  const postgres1 = postgresCpuMs();
  const machineBusyPct =
    machine0 && machine1 && machine1.total > machine0.total
      ? (100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total)
      : null;
  return {
    results,
    latencies,
    wallMs,
    opsPerSec: (count / wallMs) * 1000,
    nodeCpuMsPerOp: (cpu.user + cpu.system) / 1000 / count,
    postgresCpuMsPerOp:
      postgres0 !== null && postgres1 !== null ? (postgres1 - postgres0) / count : null,
    machineBusyPct,
    otherLoadPct:
      machineBusyPct !== null && postgres0 !== null && postgres1 !== null
        ? Math.max(
            0,
            machineBusyPct -
              (100 * ((cpu.user + cpu.system) / 1000 + (postgres1 - postgres0))) /
                (wallMs * cpus().length),
          )
        : null,
  };
}

function errorText(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause;
  const text = err instanceof Error ? err.message : String(err);
  return cause instanceof Error ? `${text} (${cause.message})` : text;
}

function tally(outcomes: { ok: boolean; error?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.ok ? "ok" : (o.error ?? "error");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------
// Seeding: users, profiles and availability written directly (no argon2), requests too.

interface World {
  loopId: number;
  roundId: number;
  roundMinutes: number;
  roundName: string;
  levelL5: number;
  interviewers: string[];
  candidates: string[];
  /** requests[c][r]: candidate c's open request used in round r. */
  requests: string[][];
}

async function seedPeople(db: Database): Promise<World> {
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP));
  if (!loop) throw new Error(`catalog has no loop ${LOOP}`);
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, ROUND));
  const levelRows = await db.select().from(levels).where(eq(levels.loopId, loop.id));
  const levelId = (code: string) => {
    const row = levelRows.find((l) => l.code === code);
    if (!row) throw new Error(`catalog has no level ${code}`);
    return row.id;
  };
  if (!round) throw new Error(`catalog has no round ${ROUND}`);

  const interviewers: string[] = Array.from({ length: PEOPLE }, () => randomUUID());
  const candidates: string[] = Array.from({ length: PEOPLE }, () => randomUUID());
  const everyone = [...interviewers, ...candidates];
  const label = (id: string) =>
    interviewers.includes(id)
      ? `Interviewer ${interviewers.indexOf(id)}`
      : `Candidate ${candidates.indexOf(id)}`;

  await db.insert(users).values(
    everyone.map((id, k) => ({
      id,
      email: `bench-${k}-${id.slice(0, 8)}@example.test`,
      name: label(id),
      passwordHash: DUMMY_PASSWORD_HASH,
    })),
  );
  await db.insert(profiles).values(everyone.map((userId) => ({ userId, timeZone: "UTC" })));
  await db.insert(availabilitySettings).values(
    everyone.map((userId) => ({
      userId,
      timeZone: "UTC",
      minNoticeMinutes: 0,
      maxSessionsPerDay: 12,
      bufferMinutes: 0,
      autoBook: false,
    })),
  );
  // Every day, all day.
  await db.insert(availabilityRules).values(
    everyone.flatMap((userId) =>
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        userId,
        weekday,
        startMinute: 0,
        endMinute: 1440,
      })),
    ),
  );
  await db.insert(interviewerRounds).values(
    interviewers.map((userId) => ({
      userId,
      loopId: loop.id,
      roundId: round.id,
      maxLevelId: levelId("L7"),
    })),
  );
  // Offering alone does not qualify: the interviewers are granted the round too.
  await db.insert(interviewerGrants).values(
    interviewers.map((userId) => ({
      userId,
      loopId: loop.id,
      roundId: round.id,
      maxLevelId: levelId("L7"),
      note: "Benchmark",
    })),
  );
  // Enough credits for every one-way booking the run makes (the price is held in escrow).
  await db.insert(creditEntries).values(
    candidates.map((userId) => ({
      userId,
      amount: 10 * TOTAL_ROUNDS,
      reason: "admin_grant" as const,
      reference: `bench:${userId}`,
    })),
  );
  const requests = candidates.map(() => Array.from({ length: TOTAL_ROUNDS }, () => randomUUID()));
  const expiresAt = new Date(NOW.getTime() + HORIZON_DAYS * DAY);
  const requestRows = candidates.flatMap((userId, c) =>
    requests[c]!.map((id) => ({
      id,
      userId,
      loopId: loop.id,
      roundId: round.id,
      targetLevelId: levelId("L5"),
      format: "one_way" as const,
      horizonDays: HORIZON_DAYS,
      createdAt: NOW,
      expiresAt,
    })),
  );
  for (let k = 0; k < requestRows.length; k += 1000) {
    await db.insert(mockRequests).values(requestRows.slice(k, k + 1000));
  }
  return {
    loopId: loop.id,
    roundId: round.id,
    roundMinutes: round.durationMinutes,
    roundName: round.name,
    levelL5: levelId("L5"),
    interviewers,
    candidates,
    requests,
  };
}

// ---------------------------------------------------------------------------
// The two workloads

interface Outcome {
  ok: boolean;
  error?: string;
}

function book(world: World, slot: Slot, start: Date): Promise<Outcome> {
  return bookProposal({
    userId: world.candidates[slot.candidate]!,
    requestId: world.requests[slot.candidate]![slot.round]!,
    peerId: world.interviewers[slot.interviewer]!,
    start,
    idempotencyKey: randomUUID(),
    now: NOW,
  }).then((r) => (r.ok ? { ok: true } : { ok: false, error: r.error }));
}

/** The same three rows bookProposal writes, in one transaction, with no checks at all. */
async function bareInsert(world: World, slot: Slot, db: Database = getDb()): Promise<Outcome> {
  const startsAt = bareStart(slot.round);
  const endsAt = new Date(
    startsAt.getTime() + sessionMinutes("one_way", world.roundMinutes) * 60_000,
  );
  const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
  const candidate = world.candidates[slot.candidate]!;
  const interviewer = world.interviewers[slot.interviewer]!;
  await db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.execute(sql`
      insert into mock_sessions
        (id, loop_id, round_id, format, starts_at, ends_at, booked_by, idempotency_key)
      values (${id}, ${world.loopId}, ${world.roundId}, 'one_way', ${startsAt.toISOString()},
        ${endsAt.toISOString()}, ${candidate}, ${randomUUID()})`);
    await tx.execute(sql`
      insert into session_participants (session_id, user_id, role, target_level_id, during)
      values (${id}, ${candidate}, 'candidate', ${world.levelL5}, ${during}::tstzrange),
             (${id}, ${interviewer}, 'interviewer', null, ${during}::tstzrange)`);
  });
  return { ok: true };
}

const failed = (err: unknown): Outcome => ({ ok: false, error: `exception: ${errorText(err)}` });

// ---------------------------------------------------------------------------
// Profiling (only when a target is missed, or BENCH_PROFILE=1): where the time goes.

/** A second connection to the same database whose client counts every statement sent. */
function countingConnection(url: string, counter: { n: number }): DatabaseConnection {
  const client = postgres(url, {
    max: MAX_CONNECTIONS,
    onnotice: () => {},
    debug: () => {
      counter.n++;
    },
  });
  return {
    config: { kind: "postgres", url, maxConnections: MAX_CONNECTIONS },
    db: drizzle({ client, schema }) as unknown as Database,
    async migrate() {},
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

interface Profile {
  statementsPerBooking: number;
  statementsPerBare: number;
  serialBookingP50Ms: number;
  serialBareP50Ms: number;
  /** validateSlot alone (the matcher's check a booking runs): reads and CPU. */
  validateSlotMsIsolated: number;
  /** buildBooking alone (the pure build of a booking's rows). */
  buildBookingMsIsolated: number;
}

async function profile(world: World, url: string): Promise<Profile> {
  const normal = getConnection();
  // 1. Statements per operation and latency with nothing else running (concurrency 1).
  const counter = { n: 0 };
  const counting = countingConnection(url, counter);
  setDatabaseConnection(counting);
  let serialBooking: PhaseResult<Outcome>;
  let serialBare: PhaseResult<Outcome>;
  let bookingStatements: number;
  let bareStatements: number;
  try {
    const first = PROFILE_FIRST_ROUND;
    serialBooking = await runPool(
      PEOPLE,
      1,
      (k) => {
        const slot = slotOf(first, k);
        return book(world, slot, bookingStart(slot.round));
      },
      failed,
    );
    bookingStatements = counter.n / PEOPLE;
    counter.n = 0;
    serialBare = await runPool(PEOPLE, 1, (k) => bareInsert(world, slotOf(first, k)), failed);
    bareStatements = counter.n / PEOPLE;
  } finally {
    setDatabaseConnection(normal);
    await counting.close();
  }

  // 2. The booking's own parts, called as bookProposal calls them, on one real request.
  const slot = slotOf(PROFILE_FIRST_ROUND + 1, 0);
  const ctx = (await getRequest(world.requests[slot.candidate]![slot.round]!))!;
  const peerId = world.interviewers[slot.interviewer]!;
  const start = bookingStart(slot.round);
  const validRuns = 50;
  let t0 = performance.now();
  for (let k = 0; k < validRuns; k++) {
    if (!(await validateSlot(requestSearch(ctx), peerId, start, NOW))) {
      throw new Error("validateSlot refused a free slot");
    }
  }
  const validMs = (performance.now() - t0) / validRuns;
  const buildRuns = 2000;
  t0 = performance.now();
  for (let k = 0; k < buildRuns; k++) {
    buildBooking({
      sessionId: randomUUID(),
      request: ctx,
      peerId,
      start,
      idempotencyKey: randomUUID(),
    });
  }
  const buildMs = (performance.now() - t0) / buildRuns;
  return {
    statementsPerBooking: round2(bookingStatements, 1),
    statementsPerBare: round2(bareStatements, 1),
    serialBookingP50Ms: round2(percentile(sortedCopy(serialBooking.latencies), 50)),
    serialBareP50Ms: round2(percentile(sortedCopy(serialBare.latencies), 50)),
    validateSlotMsIsolated: round2(validMs, 3),
    buildBookingMsIsolated: round2(buildMs, 4),
  };
}

// ---------------------------------------------------------------------------
// Checks on what the database holds afterwards

async function overlapCount(): Promise<{ pairs: number; people: number }> {
  const result = await getDb().execute(sql`
    select a.user_id, count(*)::int as n
    from session_participants a
    join session_participants b
      on a.user_id = b.user_id and a.session_id < b.session_id and a.during && b.during
    where a.active and b.active
    group by a.user_id`);
  const rows = rowsOf<{ user_id: string; n: number }>(result);
  return { pairs: rows.reduce((sum, r) => sum + Number(r.n), 0), people: rows.length };
}

// ---------------------------------------------------------------------------

async function main() {
  const envUrl = process.env.DATABASE_URL?.trim();
  const adminUrl = envUrl || DEFAULT_URL;
  if (!envUrl) console.log(`DATABASE_URL is not set: using ${DEFAULT_URL}`);
  const lastSlotEnd = bookingStart(TOTAL_ROUNDS - 1).getTime() + 2 * HOUR;
  if (lastSlotEnd > NOW.getTime() + HORIZON_DAYS * DAY) {
    throw new Error(`BENCH_OPS=${OPS} needs more slots than a ${HORIZON_DAYS}-day horizon holds`);
  }

  const dbName = uniqueDatabaseName("peerloop_bench");
  const url = withDatabaseName(adminUrl, dbName);
  let created = false;
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await closeDatabase().catch(() => {});
      if (created) {
        await dropDatabase(adminUrl, dbName).catch((err: unknown) =>
          console.error(`could not drop database ${dbName}: ${errorText(err)}`),
        );
      }
    })();
    return cleaning;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: letting work in flight finish, then dropping ${dbName}`);
    stopping = true;
    void drain(5_000)
      .then(cleanup)
      .finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    await createDatabase(adminUrl, dbName);
    created = true;
    // Should anything call getDb() after the connection is closed, getConnection() opens
    // one from the environment: let that be this throw-away database, never the
    // default PGlite directory (.data/pglite) a dev server may have open.
    process.env.DATABASE_URL = url;
    const connection = openDatabase({ kind: "postgres", url, maxConnections: MAX_CONNECTIONS });
    setDatabaseConnection(connection);
    await connection.migrate();
    await seedCatalog(connection.db);
    const seedStarted = performance.now();
    const world = await seedPeople(connection.db);
    console.log(
      `database ${dbName}: ${PEOPLE} interviewers, ${PEOPLE} candidates, ` +
        `${PEOPLE * TOTAL_ROUNDS} open requests (seeded in ${Math.round(performance.now() - seedStarted)} ms)`,
    );
    console.log(
      `workload: ${REPS} × ${OPS} operations per path at concurrency ${CONCURRENCY}, alternating ` +
        `booking and bare; pool of ${MAX_CONNECTIONS} connections; machine has ${
          cpus().length
        } cores`,
    );

    // Warm-up: JIT, prepared statements, connections, Intl formatters.
    await runPool(
      PEOPLE,
      CONCURRENCY,
      (k) => {
        const slot = slotOf(WARMUP_ROUND, k);
        return book(world, slot, bookingStart(slot.round));
      },
      failed,
    );
    await runPool(PEOPLE, CONCURRENCY, (k) => bareInsert(world, slotOf(WARMUP_ROUND, k)), failed);

    const bookingReps: PhaseResult<Outcome>[] = [];
    const bareReps: PhaseResult<Outcome>[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const first = repFirstRound(rep);
      bookingReps.push(
        await runPool(
          OPS,
          CONCURRENCY,
          (k) => {
            const slot = slotOf(first, k);
            return book(world, slot, bookingStart(slot.round));
          },
          failed,
        ),
      );
      bareReps.push(
        await runPool(OPS, CONCURRENCY, (k) => bareInsert(world, slotOf(first, k)), failed),
      );
    }
    const summarise = (reps: PhaseResult<Outcome>[]) => {
      const latencies = sortedCopy(reps.flatMap((r) => r.latencies));
      const ops = reps.reduce((sum, r) => sum + r.results.length, 0);
      const wall = reps.reduce((sum, r) => sum + r.wallMs, 0);
      const outcomes = reps.flatMap((r) => r.results);
      return {
        ops,
        opsPerSec: (ops / wall) * 1000,
        perRep: reps.map((r) => round2(r.opsPerSec, 1)),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1] ?? Number.NaN,
        outcomes: tally(outcomes),
        succeeded: outcomes.filter((o) => o.ok).length,
        nodeCpuMsPerOp: reps.reduce((s, r) => s + r.nodeCpuMsPerOp, 0) / reps.length,
        postgresCpuMsPerOp: reps.every((r) => r.postgresCpuMsPerOp !== null)
          ? reps.reduce((s, r) => s + r.postgresCpuMsPerOp!, 0) / reps.length
          : null,
        machineBusyPct: reps.every((r) => r.machineBusyPct !== null)
          ? reps.reduce((s, r) => s + r.machineBusyPct!, 0) / reps.length
          : null,
        otherLoadPct: reps.every((r) => r.otherLoadPct !== null)
          ? Math.max(...reps.map((r) => r.otherLoadPct!))
          : null,
      };
    };
    const booking = summarise(bookingReps);
    const bare = summarise(bareReps);
    const ratio = booking.opsPerSec / bare.opsPerSec;
    const firstError = [...bookingReps, ...bareReps]
      .flatMap((r) => r.results)
      .find((o) => !o.ok)?.error;

    // Contended: all 64 candidates go for the same interviewer and time, 16 at a time.
    const contendedAttempts = CONTENDED_SLOTS * PEOPLE;
    const contended = await runPool(
      contendedAttempts,
      CONCURRENCY,
      (k) => {
        const round = CONTENDED_FIRST_ROUND + Math.floor(k / PEOPLE);
        const candidate = k % PEOPLE;
        const interviewer = round % PEOPLE;
        return book(world, { candidate, interviewer, round }, bookingStart(round));
      },
      failed,
    );
    const contendedWins = contended.results.filter((o) => o.ok).length;
    const contendedLatencies = sortedCopy(contended.latencies);

    const met = {
      ratioMin: ratio >= TARGETS.ratioMin,
      p99MsMax: booking.p99 < TARGETS.p99MsMax,
      overlaps: false,
      allUncontendedSucceeded: booking.succeeded === booking.ops && bare.succeeded === bare.ops,
      contendedOneWinnerPerSlot: contendedWins === CONTENDED_SLOTS,
    };
    const profiled =
      FORCE_PROFILE || !met.ratioMin || !met.p99MsMax ? await profile(world, url) : null;

    const overlaps = await overlapCount();
    met.overlaps = overlaps.pairs === TARGETS.overlaps;
    const db = getDb();
    const sessions = await db.$count(mockSessions);
    const participants = await db.$count(sessionParticipants);
    const emails = await db.$count(outboxEmails);

    // --- Report -----------------------------------------------------------------------
    const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
    console.log("");
    console.log(
      "path     | ops   | ops/s  | per rep        | p50 ms  | p99 ms  | max ms  | CPU ms/op node + postgres | machine busy",
    );
    console.log(
      "---------|-------|--------|----------------|---------|---------|---------|---------------------------|-------------",
    );
    for (const [name, s] of [
      ["booking", booking],
      ["bare", bare],
    ] as const) {
      console.log(
        [
          name.padEnd(8),
          String(s.ops).padStart(5),
          s.opsPerSec.toFixed(1).padStart(6),
          s.perRep.join(" / ").padStart(14),
          s.p50.toFixed(2).padStart(7),
          s.p99.toFixed(2).padStart(7),
          s.max.toFixed(1).padStart(7),
          `${s.nodeCpuMsPerOp.toFixed(2)} + ${
            s.postgresCpuMsPerOp === null ? "n/a" : s.postgresCpuMsPerOp.toFixed(2)
          }`.padStart(25),
          s.machineBusyPct === null
            ? "n/a"
            : `${s.machineBusyPct.toFixed(0)}%${
                s.otherLoadPct === null ? "" : ` (other load ${s.otherLoadPct.toFixed(0)}%)`
              }`,
        ].join(" | "),
      );
    }
    const otherLoad = Math.max(booking.otherLoadPct ?? 0, bare.otherLoadPct ?? 0);
    if (otherLoad > 10) {
      console.log(
        `warning: other processes used up to ${otherLoad.toFixed(0)}% of the machine during a ` +
          "measured phase; the figures are lower than on a quiet machine",
      );
    }
    console.log("");
    line("ratio (booking / bare)", `${ratio.toFixed(3)}  (target ≥ ${TARGETS.ratioMin})`);
    line("booking p99", `${booking.p99.toFixed(2)} ms  (target < ${TARGETS.p99MsMax} ms)`);
    line("booking outcomes", JSON.stringify(booking.outcomes));
    line("bare outcomes", JSON.stringify(bare.outcomes));
    if (firstError) line("first failure", firstError);
    line(
      "contended",
      `${contendedAttempts} attempts on ${CONTENDED_SLOTS} slots (${PEOPLE} per slot, ` +
        `concurrency ${CONCURRENCY}): ${contendedWins} succeeded ${JSON.stringify(tally(contended.results))}, ` +
        `p50 ${percentile(contendedLatencies, 50).toFixed(2)} ms, p99 ${percentile(contendedLatencies, 99).toFixed(2)} ms`,
    );
    line(
      "overlapping active bookings",
      `${overlaps.pairs} pairs across ${overlaps.people} people (must be 0)`,
    );
    line(
      "rows written",
      `${sessions} sessions, ${participants} participants, ${emails} outbox emails`,
    );

    if (profiled) {
      console.log("");
      console.log(
        `profile (${FORCE_PROFILE ? "BENCH_PROFILE=1" : "a target was missed"}): where a booking's time goes`,
      );
      line(
        "statements per operation",
        `booking ${profiled.statementsPerBooking}, bare ${profiled.statementsPerBare} (incl. begin/commit)`,
      );
      line(
        "latency at concurrency 1 (p50)",
        `booking ${profiled.serialBookingP50Ms} ms, bare ${profiled.serialBareP50Ms} ms`,
      );
      line(
        "isolated, one request",
        `validateSlot ${profiled.validateSlotMsIsolated} ms (SQL + matcher, outside a tx), ` +
          `buildBooking ${profiled.buildBookingMsIsolated} ms (CPU)`,
      );
    }

    const summary = {
      bench: "booking",
      concurrency: CONCURRENCY,
      opsPerPath: booking.ops,
      booking: {
        opsPerSec: round2(booking.opsPerSec, 1),
        p50Ms: round2(booking.p50),
        p99Ms: round2(booking.p99),
        succeeded: booking.succeeded,
        nodeCpuMsPerOp: round2(booking.nodeCpuMsPerOp),
        postgresCpuMsPerOp:
          booking.postgresCpuMsPerOp === null ? null : round2(booking.postgresCpuMsPerOp),
      },
      bare: {
        opsPerSec: round2(bare.opsPerSec, 1),
        p50Ms: round2(bare.p50),
        p99Ms: round2(bare.p99),
        succeeded: bare.succeeded,
        nodeCpuMsPerOp: round2(bare.nodeCpuMsPerOp),
        postgresCpuMsPerOp:
          bare.postgresCpuMsPerOp === null ? null : round2(bare.postgresCpuMsPerOp),
      },
      ratio: round2(ratio, 3),
      otherLoadPctMax: round2(otherLoad, 0),
      contended: { attempts: contendedAttempts, slots: CONTENDED_SLOTS, succeeded: contendedWins },
      overlaps: overlaps.pairs,
      ...(profiled
        ? {
            profile: {
              statementsPerBooking: profiled.statementsPerBooking,
              statementsPerBare: profiled.statementsPerBare,
              validateSlotMs: profiled.validateSlotMsIsolated,
              buildBookingMs: profiled.buildBookingMsIsolated,
            },
          }
        : {}),
      targets: TARGETS,
      met,
    };
    console.log(JSON.stringify(summary));
    if (!met.overlaps || !met.allUncontendedSucceeded || !met.contendedOneWinnerPerSlot) {
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  // After a signal the phases are cut short on purpose; the handler reports and exits.
  if (!stopping) console.error(err);
  process.exitCode = 1;
});
