// Booking benchmark: the real booking path (bookProposal: the slot validated from a
// snapshot, then one call of book_session with the locks, the re-checks, the escrow and
// the invites) against a bare insert of the same rows (one statement, no checks), both
// at concurrency 16, on a fresh PostgreSQL database of its own (always dropped at the
// end). Then one contended phase (64 attempts on each of a few slots), an overlap check,
// and statements and round trips per operation counted on the wire (a proxy on a port
// from 3300). Run with `npm run bench:booking`; BENCH_OPS=256 for a quick run. The last
// line of output is one JSON object (the benchmark contract).

import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { cpus } from "node:os";
import { eq, sql } from "drizzle-orm";
import { seedCatalog } from "#db/catalog/seed-catalog";
import {
  closeDatabase,
  type Database,
  getConnection,
  getDb,
  openDatabase,
  setDatabaseConnection,
} from "#db/client";
import { rowsOf } from "#db/rows";
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
import { describeCancelPolicy } from "~/modules/booking/policy";
import { sessionMinutes } from "~/modules/matching/formats";
import { bookedMessage } from "~/modules/notify/messages";
import { toOutboxRow } from "~/modules/notify/outbox.server";
import { buildSessionEmails } from "~/modules/notify/session-emails";
import { percentile } from "../support/percentile";
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
  /** An invite as long as a booking's, for the bare insert's outbox rows. */
  sampleEmail: ReturnType<typeof toOutboxRow>;
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
  const sampleStart = bareStart(0);
  const [sample] = buildSessionEmails(
    {
      sessionId: randomUUID(),
      roundName: round.name,
      format: "one_way",
      startsAt: sampleStart,
      endsAt: new Date(sampleStart.getTime() + round.durationMinutes * 60_000),
      sequence: 0,
      people: [0, 1].map((k) => ({
        id: everyone[k]!,
        name: label(everyone[k]!),
        email: `bench-${k}@example.test`,
        timeZone: "UTC",
      })),
    },
    {
      kind: "booked",
      invite: "request",
      origin: "http://localhost:3000",
      build: (m) => bookedMessage({ ...m, policy: describeCancelPolicy(m.start, NOW) }),
    },
  );
  return {
    sampleEmail: toOutboxRow(sample!),
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

/**
 * The rows a one-way booking inserts (session, both participants, escrow, hold entry,
 * two invites), with no checks at all, in one statement and one round trip: the
 * strictest baseline. Only the request's closing update is left out (the bare rows
 * take no request). The invites are as long as the booking's (a sample built once).
 */
async function bareInsert(world: World, slot: Slot, db: Database = getDb()): Promise<Outcome> {
  const startsAt = bareStart(slot.round);
  const endsAt = new Date(
    startsAt.getTime() + sessionMinutes("one_way", world.roundMinutes) * 60_000,
  );
  const candidate = world.candidates[slot.candidate]!;
  const interviewer = world.interviewers[slot.interviewer]!;
  const id = randomUUID();
  const emails = [candidate, interviewer].map((userId) => ({
    ...world.sampleEmail,
    user_id: userId,
    dedupe_key: `bare:${id}:${userId}`,
  }));
  await db.execute(sql`
    with new_session as (
      insert into mock_sessions
        (id, loop_id, round_id, format, starts_at, ends_at, booked_by, idempotency_key,
         price_credits)
      values (${id}, ${world.loopId}, ${world.roundId}, 'one_way', ${startsAt.toISOString()},
        ${endsAt.toISOString()}, ${candidate}, ${randomUUID()}, 1)
      returning id
    ), participants as (
      insert into session_participants (session_id, user_id, role, target_level_id, during)
      values (${id}, ${candidate}, 'candidate', ${world.levelL5}::int,
              tstzrange(${startsAt.toISOString()}, ${endsAt.toISOString()}, '[)')),
             (${id}, ${interviewer}, 'interviewer', null,
              tstzrange(${startsAt.toISOString()}, ${endsAt.toISOString()}, '[)'))
      returning 1
    ), escrow as (
      insert into session_escrows (session_id, candidate_id, interviewer_id, amount)
      values (${id}, ${candidate}, ${interviewer}, 1)
      returning 1
    ), hold as (
      insert into credit_entries (user_id, amount, reason, reference, session_id, memo)
      values (${candidate}, -1, 'escrow_hold', ${`hold:${id}`}, ${id}, 'One-way mock booked')
      returning 1
    ), invites as (
      insert into outbox_emails
        (user_id, to_address, subject, text_body, ics, kind, session_id, dedupe_key)
      select e.user_id, e.to_address, e.subject, e.text_body, e.ics, e.kind, ${id}::uuid,
             e.dedupe_key
      from jsonb_to_recordset(${JSON.stringify(emails)}::jsonb) as e(
        user_id uuid, to_address text, subject text, text_body text, ics text, kind text,
        dedupe_key text)
      returning 1
    )
    select (select count(*) from new_session) + (select count(*) from participants)
         + (select count(*) from escrow) + (select count(*) from hold)
         + (select count(*) from invites) as rows`);
  return { ok: true };
}

const failed = (err: unknown): Outcome => ({ ok: false, error: `exception: ${errorText(err)}` });

// ---------------------------------------------------------------------------
// Profiling: statements and round trips per operation, counted on the wire.

/** What the counting proxy saw: statements executed and round trips, over all connections. */
interface WireCounts {
  statements: number;
  roundTrips: number;
}

/**
 * A TCP proxy in front of PostgreSQL that reads the client's side of the protocol.
 * Statements: Execute and simple Query messages. Round trips: bursts the client sends
 * after the server has answered (on each connection), so a pipelined batch counts once
 * and parallel queries on several connections count once each. It listens on the first
 * free port from 3300.
 */
async function countingProxy(
  target: URL,
): Promise<{ url: string; counts: WireCounts; close(): Promise<void> }> {
  const counts: WireCounts = { statements: 0, roundTrips: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    let serverSpoke = true;
    let startupDone = false;
    let pending = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      if (serverSpoke) counts.roundTrips++;
      serverSpoke = false;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!startupDone) {
          // Untyped start-up messages: SSLRequest / GSSENCRequest, then StartupMessage.
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          if (pending.readInt32BE(4) === 196608) startupDone = true;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const type = String.fromCharCode(pending[0]!);
        if (type === "E" || type === "Q") counts.statements++;
        pending = pending.subarray(1 + length);
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      serverSpoke = true;
      client.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
    client.on("error", closeBoth);
    upstream.on("error", closeBoth);
  });
  let port = 3300;
  for (; ; port++) {
    if (port > 3399) throw new Error("no free port for the counting proxy in 3300-3399");
    const listening = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (listening) break;
  }
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    counts,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Profile {
  statementsPerBooking: number;
  roundTripsPerBooking: number;
  statementsPerBare: number;
  roundTripsPerBare: number;
  serialBookingP50Ms: number;
  serialBareP50Ms: number;
}

/**
 * Statements and round trips per operation, and latency with nothing else running
 * (concurrency 1), through the app's own database client (openDatabase: prepared
 * statements) pointed at the counting proxy. Connections and prepared statements are
 * warmed up first, so the counts are those of a steady server.
 */
async function profile(world: World, url: string): Promise<Profile> {
  const normal = getConnection();
  const proxy = await countingProxy(new URL(url));
  const counted = openDatabase({
    kind: "postgres",
    url: proxy.url,
    maxConnections: MAX_CONNECTIONS,
  });
  setDatabaseConnection(counted);
  try {
    const warm = PROFILE_FIRST_ROUND + 1;
    await runPool(8, 1, (k) => book(world, slotOf(warm, k), bookingStart(warm)), failed);
    await runPool(8, 1, (k) => bareInsert(world, slotOf(warm, k)), failed);
    const first = PROFILE_FIRST_ROUND;
    const measure = async (task: (k: number) => Promise<Outcome>) => {
      proxy.counts.statements = 0;
      proxy.counts.roundTrips = 0;
      const run = await runPool(PEOPLE, 1, task, failed);
      const bad = run.results.find((o) => !o.ok);
      if (bad) throw new Error(`profiled operation failed: ${bad.error}`);
      return {
        statements: proxy.counts.statements / PEOPLE,
        roundTrips: proxy.counts.roundTrips / PEOPLE,
        p50: percentile(sortedCopy(run.latencies), 50),
      };
    };
    const booking = await measure((k) => {
      const slot = slotOf(first, k);
      return book(world, slot, bookingStart(slot.round));
    });
    const bare = await measure((k) => bareInsert(world, slotOf(first, k)));
    return {
      statementsPerBooking: round2(booking.statements, 1),
      roundTripsPerBooking: round2(booking.roundTrips, 1),
      statementsPerBare: round2(bare.statements, 1),
      roundTripsPerBare: round2(bare.roundTrips, 1),
      serialBookingP50Ms: round2(booking.p50),
      serialBareP50Ms: round2(bare.p50),
    };
  } finally {
    setDatabaseConnection(normal);
    await counted.close();
    await proxy.close();
  }
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

    const overlaps = await overlapCount();
    // Always: statements and round trips are figures of the report, not only a diagnosis.
    const profiled = await profile(world, url);
    const db = getDb();
    const sessions = await db.$count(mockSessions);
    const participants = await db.$count(sessionParticipants);
    const emails = await db.$count(outboxEmails);

    const figures = {
      ratioToBareInsert: round2(ratio, 3),
      p99Ms: round2(booking.p99),
      overlaps: overlaps.pairs,
      p50Ms: round2(booking.p50),
      bookingOpsPerSec: round2(booking.opsPerSec, 1),
      bareOpsPerSec: round2(bare.opsPerSec, 1),
      bareP99Ms: round2(bare.p99),
      statementsPerBooking: profiled.statementsPerBooking,
      roundTripsPerBooking: profiled.roundTripsPerBooking,
      statementsPerBare: profiled.statementsPerBare,
      roundTripsPerBare: profiled.roundTripsPerBare,
      serialBookingP50Ms: profiled.serialBookingP50Ms,
      serialBareP50Ms: profiled.serialBareP50Ms,
      bookingNodeCpuMsPerOp: round2(booking.nodeCpuMsPerOp),
      bookingPostgresCpuMsPerOp:
        booking.postgresCpuMsPerOp === null ? -1 : round2(booking.postgresCpuMsPerOp),
      bareNodeCpuMsPerOp: round2(bare.nodeCpuMsPerOp),
      barePostgresCpuMsPerOp:
        bare.postgresCpuMsPerOp === null ? -1 : round2(bare.postgresCpuMsPerOp),
      contendedP99Ms: round2(percentile(contendedLatencies, 99)),
      otherLoadPctMax: round2(Math.max(booking.otherLoadPct ?? 0, bare.otherLoadPct ?? 0), 0),
    };
    const met = {
      ratioToBareInsert: ratio >= TARGETS.ratioMin,
      p99Ms: booking.p99 < TARGETS.p99MsMax,
      overlaps: overlaps.pairs === TARGETS.overlaps,
    };
    const sane = {
      allUncontendedSucceeded: booking.succeeded === booking.ops && bare.succeeded === bare.ops,
      contendedOneWinnerPerSlot: contendedWins === CONTENDED_SLOTS,
    };

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
    if (figures.otherLoadPctMax > 10) {
      console.log(
        `warning: other processes used up to ${figures.otherLoadPctMax}% of the machine during a ` +
          "measured phase; the figures are lower than on a quiet machine",
      );
    }
    console.log("");
    line("ratio (booking / bare)", `${ratio.toFixed(3)}  (target ≥ ${TARGETS.ratioMin})`);
    line(
      "booking p50 / p99",
      `${booking.p50.toFixed(2)} / ${booking.p99.toFixed(2)} ms  (target p99 < ${TARGETS.p99MsMax} ms)`,
    );
    line(
      "statements per operation",
      `booking ${profiled.statementsPerBooking}, bare ${profiled.statementsPerBare}`,
    );
    line(
      "round trips per operation",
      `booking ${profiled.roundTripsPerBooking}, bare ${profiled.roundTripsPerBare} (parallel ones each count)`,
    );
    line(
      "latency at concurrency 1 (p50)",
      `booking ${profiled.serialBookingP50Ms} ms, bare ${profiled.serialBareP50Ms} ms`,
    );
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

    const limits: Record<string, string> = {};
    const cpuNote =
      `CPU per booking ${figures.bookingNodeCpuMsPerOp} ms Node + ${figures.bookingPostgresCpuMsPerOp} ms PostgreSQL ` +
      `against ${figures.bareNodeCpuMsPerOp} + ${figures.barePostgresCpuMsPerOp} for the bare insert; ` +
      `${profiled.statementsPerBooking} statements in ${profiled.roundTripsPerBooking} round trips against ` +
      `${profiled.statementsPerBare} in ${profiled.roundTripsPerBare}`;
    if (!met.ratioToBareInsert) {
      limits.ratioToBareInsert =
        `${cpuNote}. The write and its locked re-checks are one call (book_session); the ` +
        "rest is the snapshot read (both people's availability and calendars, the request) and " +
        "the price, counted over every qualified interviewer of the round. Next step: keep the " +
        "scarcity count in the database instead of recounting it per booking.";
    }
    if (!met.p99Ms) {
      limits.p99Ms =
        `At concurrency 16 on ${cpus().length} cores the machine is CPU-bound (${cpuNote}), ` +
        `so p99 is queueing: other load up to ${figures.otherLoadPctMax}% during the run.`;
    }
    const summary = {
      bench: "booking",
      machine: { cores: cpus().length, concurrency: CONCURRENCY, opsPerPath: booking.ops },
      figures,
      targets: {
        ratioToBareInsert: `>= ${TARGETS.ratioMin}`,
        p99Ms: `< ${TARGETS.p99MsMax}`,
        overlaps: `== ${TARGETS.overlaps}`,
      },
      met,
      limits,
      checks: sane,
      outcomes: {
        booking: booking.outcomes,
        bare: bare.outcomes,
        contended: tally(contended.results),
      },
    };
    console.log(JSON.stringify(summary));
    // The bench itself is broken (not a missed target) when bookings that must succeed fail,
    // a contended slot is won other than once, or anything overlaps.
    if (!met.overlaps || !sane.allUncontendedSucceeded || !sane.contendedOneWinnerPerSlot) {
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
