// Realtime benchmark: our pad server (Hocuspocus + token auth + participant check +
// Postgres persistence + attendance) beside a bare Yjs websocket server (y-protocols sync
// and awareness over `ws`, no auth, no storage), on the same machine.
//
// Each server runs in a child process of its own, fresh for every phase. Memory per room
// is a marginal cost measured in that child after a forced GC: (heapUsed + external with
// every room typing − the same with half of them typing) / rooms added. RSS is printed
// too, but not judged: it drops by 30-40 MB some seconds after start-up as native pages
// are handed back, which swamps the few MB the rooms cost. For our server the database
// lives in that process when it is PGlite (in memory, the default); with DATABASE_URL set
// it is a fresh PostgreSQL database, created and dropped per phase. All clients live in
// this process, so an edit's latency is measured on one clock: from the sender's
// transaction to the peer's observer. CPU of the server, the clients and everything else
// on the machine is reported per phase (a phase disturbed by other work is run again
// once): on a shared 2-core machine other work shows up directly in p99.
//
// Load: 2 clients per room, one types ~8 chars/s; 50, 200 and 500 rooms.
// Run with `npm run bench:realtime`; the last line of output is one JSON object.
// The server stores a pad at most 30 s after typing starts (decision 0018): a window of
// 12 s may hold no store (the output says so); BENCH_SECONDS=40 includes them.
// The replay recorder (decision 0025) is measured as a server of its own, "recording": our
// server with the recorder on, beside "peerloop" with it off; it prints the recording's
// cost in latency and CPU and the replay log's bytes per session-hour at this load. The
// targets are judged on "recording", as production runs (every feature on).
// Knobs: BENCH_SECONDS (measured seconds per phase, default 12), BENCH_ROOMS ("50,200,500"),
// BENCH_KINDS ("raw,peerloop,recording"), BENCH_NODE_FLAGS (V8 flags for both servers),
// BENCH_DEBUG=1 (worst samples and GC pauses), BENCH_PROFILE=<dir> (a CPU profile of
// each server over its measured window, written there).

import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { eq, inArray, sql } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket, WebSocketServer } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { getDb, openDatabase, setDatabaseConnection } from "#db/client";
import {
  loops,
  mockSessions,
  padDocuments,
  replayUpdates,
  rounds,
  sessionParticipants,
  users,
} from "#db/schema";
import { padDocumentName, signRealtimeToken } from "~/modules/sessions/realtime-token";
import { replayRecorder } from "../../realtime/replay-recorder";
import { createRealtimeServer, REALTIME_PATH } from "../../realtime/server";
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabaseName,
} from "../support/postgres-admin";

const ROOM_COUNTS = (process.env.BENCH_ROOMS ?? "50,200,500").split(",").map(Number);
const KINDS = (process.env.BENCH_KINDS ?? "raw,peerloop,recording").split(",") as Kind[];
const CHARS_PER_SECOND = 8;
const WARMUP_MS = 3000;
/** Rooms begin typing at random moments of this first part of the warm-up. */
const TYPING_SPREAD_MS = 2000;
const MEASURE_MS = Math.max(3, Number(process.env.BENCH_SECONDS ?? 12) || 12) * 1000;
const SETTLE_TIMEOUT_MS = 8000;
const SECRET = "realtime-bench-secret-0123456789abcdef";
const TARGETS = { p99RatioMax: 1.5, p99MsMax: 50, memoryRatioMax: 1.5, lost: 0 };
/** A phase during which other processes used more CPU than this is run again, once. */
const OTHER_CPU_RETRY_PCT = 30;

/** peerloop: our server with recording off; recording: the same with the replay recorder. */
type Kind = "raw" | "peerloop" | "recording";

/** What the replay log holds after a phase (recording only). */
interface ReplayStats {
  rows: number;
  /** The updates' own bytes. */
  payloadBytes: number;
  /** replay_updates on disk: heap, TOAST and the primary key. */
  tableBytes: number;
  /** Recorded time summed over the rooms (first to last row of each). */
  sessionHours: number;
}
interface Room {
  name: string;
  sessionId?: string;
  users?: [string, string];
}
type ToParent =
  | { type: "ready"; port: number; rooms: Room[] }
  | { type: "sample"; rss: number; retained: number; cpuMicros: number; stores: number }
  | { type: "stopped"; storedLengths: Record<string, number>; replay?: ReplayStats }
  | { type: "profiled" }
  | { type: "error"; message: string };
type ToChild =
  | { type: "sample"; gc: boolean }
  | { type: "profile"; action: "start" }
  | { type: "profile"; action: "stop"; file: string }
  | { type: "stop" };

// ---------------------------------------------------------------------------
// Child: one server

function send(message: ToParent) {
  process.send?.(message);
}

/** BENCH_DEBUG: report garbage-collection pauses over 20 ms, to explain latency spikes. */
function traceLongGc(who: string) {
  if (!process.env.BENCH_DEBUG) return;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > 20) {
        const at = Math.round((performance.timeOrigin + entry.startTime) % 100_000);
        console.log(`  [gc] ${who}: ${Math.round(entry.duration)} ms at ${at}`);
      }
    }
  });
  observer.observe({ entryTypes: ["gc"] });
}

/** Pads stored so far by the server of this child. */
let stores = 0;

async function serve(kind: Kind, roomCount: number) {
  traceLongGc(`${kind} server`);
  const server = createServer((_req, res) => res.writeHead(426).end());
  let rooms: Room[];
  let stop: () => Promise<{ lengths: Record<string, number>; replay?: ReplayStats }>;

  if (kind === "raw") {
    const raw = createRawYjsServer();
    server.on("upgrade", (req, socket, head) => raw.handleUpgrade(req, socket, head));
    rooms = Array.from({ length: roomCount }, (_, i) => ({ name: `room-${i}` }));
    stop = async () => {
      raw.close();
      return { lengths: {} };
    };
  } else {
    const url = process.env.BENCH_DB_URL;
    const connection = setDatabaseConnection(
      openDatabase(url ? { kind: "postgres", url } : { kind: "pglite", dataDir: "memory://" }),
    );
    await connection.migrate();
    await seedCatalog(connection.db);
    rooms = await createSessions(roomCount);
    // The production settings, store debounce included; stores are counted so the output
    // says whether any fell in the measured window.
    const realtime = createRealtimeServer({
      secret: SECRET,
      allowedOrigins: "any-same-host",
      extensions: [
        {
          async afterStoreDocument() {
            stores += 1;
          },
        },
        // The production default (REPLAY_RECORDING=on), flushing every second.
        ...(kind === "recording" ? [replayRecorder()] : []),
      ],
    });
    server.on("upgrade", (req, socket, head) => {
      if (!realtime.handleUpgrade(req, socket, head)) socket.destroy();
    });
    stop = async () => {
      await realtime.close();
      const stored = await getDb()
        .select({ sessionId: padDocuments.sessionId, state: padDocuments.state })
        .from(padDocuments);
      const lengths: Record<string, number> = {};
      for (const row of stored) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, row.state);
        lengths[row.sessionId] = doc.getText("code").length;
      }
      const replay = kind === "recording" ? await replayStats() : undefined;
      await connection.close();
      return { lengths, replay };
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let profiler: Session | undefined;
  process.on("message", async (message: ToChild) => {
    if (message.type === "sample") {
      if (message.gc) {
        globalThis.gc?.();
        await new Promise((resolve) => setTimeout(resolve, 100));
        globalThis.gc?.();
      }
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      send({
        type: "sample",
        rss: memory.rss,
        // What the process keeps: the JS heap plus memory held outside it (buffers,
        // PGlite's WebAssembly memory), measured right after a full GC.
        retained: memory.heapUsed + memory.external,
        cpuMicros: cpu.user + cpu.system,
        stores,
      });
    } else if (message.type === "profile") {
      // The measured window only: start-up (migrations, seeding, connecting) would
      // otherwise dominate the profile.
      if (message.action === "start") {
        profiler = new Session();
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      } else if (profiler) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(message.file, JSON.stringify(profile));
        profiler.disconnect();
        profiler = undefined;
      }
      send({ type: "profiled" });
    } else if (message.type === "stop") {
      server.close();
      const { lengths: storedLengths, replay } = await stop();
      send({ type: "stopped", storedLengths, ...(replay ? { replay } : {}) });
      process.exit(0);
    }
  });
  send({ type: "ready", port: (server.address() as AddressInfo).port, rooms });
}

/** The replay log after the recording server closed (it flushes on close). */
async function replayStats(): Promise<ReplayStats> {
  const [totals] = await getDb()
    .select({
      rows: sql<number>`count(*)::int`,
      payload: sql<string>`coalesce(sum(octet_length(${replayUpdates.update})), 0)::bigint`,
      tableBytes: sql<string>`pg_total_relation_size('replay_updates')::bigint`,
    })
    .from(replayUpdates);
  const spans = await getDb()
    .select({
      ms: sql<string>`(extract(epoch from max(${replayUpdates.at}) - min(${replayUpdates.at})) * 1000)::float8`,
    })
    .from(replayUpdates)
    .groupBy(replayUpdates.sessionId);
  return {
    rows: Number(totals?.rows ?? 0),
    payloadBytes: Number(totals?.payload ?? 0),
    tableBytes: Number(totals?.tableBytes ?? 0),
    sessionHours: spans.reduce((sum, span) => sum + Number(span.ms), 0) / 3_600_000,
  };
}

/** Sessions with two participants each, in progress now (rows written directly). */
async function createSessions(count: number): Promise<Room[]> {
  const db = getDb();
  const [loop] = await db.select({ id: loops.id }).from(loops).limit(1);
  const [round] = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(eq(rounds.loopId, loop!.id))
    .limit(1);
  const startsAt = new Date(Date.now() - 10 * 60_000);
  const endsAt = new Date(Date.now() + 2 * 60 * 60_000);
  const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
  const rooms: Room[] = [];
  for (let offset = 0; offset < count; offset += 100) {
    const batch = Math.min(100, count - offset);
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: batch * 2 }, (_, i) => ({
          email: `bench-${offset + i}-${randomUUID()}@example.test`,
          name: `Bench ${offset + i}`,
          passwordHash: "not-a-hash",
        })),
      )
      .returning({ id: users.id });
    const sessions = await db
      .insert(mockSessions)
      .values(
        Array.from({ length: batch }, (_, i) => ({
          loopId: loop!.id,
          roundId: round!.id,
          format: "one_way" as const,
          startsAt,
          endsAt,
          status: "in_progress" as const,
          bookedBy: people[2 * i]!.id,
          idempotencyKey: randomUUID(),
        })),
      )
      .returning({ id: mockSessions.id });
    await db.insert(sessionParticipants).values(
      sessions.flatMap((session, i) => [
        { sessionId: session.id, userId: people[2 * i]!.id, role: "candidate" as const, during },
        {
          sessionId: session.id,
          userId: people[2 * i + 1]!.id,
          role: "interviewer" as const,
          during,
        },
      ]),
    );
    sessions.forEach((session, i) => {
      rooms.push({
        name: padDocumentName(session.id),
        sessionId: session.id,
        users: [people[2 * i]!.id, people[2 * i + 1]!.id],
      });
    });
  }
  const participants = await db.$count(
    sessionParticipants,
    inArray(
      sessionParticipants.sessionId,
      rooms.slice(0, 10).map((room) => room.sessionId!),
    ),
  );
  if (participants !== Math.min(10, count) * 2) throw new Error("participants missing");
  return rooms;
}

// ---------------------------------------------------------------------------
// The baseline: a minimal y-websocket-style server (sync + awareness, one doc per path)

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function createRawYjsServer() {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const rooms = new Map<
    string,
    { doc: Y.Doc; awareness: awarenessProtocol.Awareness; conns: Set<WebSocket> }
  >();

  const roomFor = (name: string) => {
    let room = rooms.get(name);
    if (room) return room;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const conns = new Set<WebSocket>();
    room = { doc, awareness, conns };
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const conn of conns) if (conn !== origin) conn.send(message);
    });
    awareness.on(
      "update",
      ({ added, updated, removed }: Record<string, number[]>, _origin: unknown) => {
        const changed = [...added!, ...updated!, ...removed!];
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(awareness, changed),
        );
        const message = encoding.toUint8Array(encoder);
        for (const conn of conns) conn.send(message);
      },
    );
    rooms.set(name, room);
    return room;
  };

  wss.on("connection", (ws, req) => {
    const room = roomFor(req.url ?? "/");
    room.conns.add(ws);
    ws.on("error", () => {});
    ws.on("message", (data: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        const encoder = encoding.createEncoder();
        const type = decoding.readVarUint(decoder);
        if (type === MESSAGE_SYNC) {
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
          if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
        } else if (type === MESSAGE_AWARENESS) {
          awarenessProtocol.applyAwarenessUpdate(
            room.awareness,
            decoding.readVarUint8Array(decoder),
            ws,
          );
        }
      } catch {
        ws.close(1007);
      }
    });
    ws.on("close", () => {
      room.conns.delete(ws);
      if (room.conns.size === 0) {
        room.awareness.destroy();
        room.doc.destroy();
        rooms.delete(req.url ?? "/");
      }
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    ws.send(encoding.toUint8Array(encoder));
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

// ---------------------------------------------------------------------------
// Clients

interface Client {
  doc: Y.Doc;
  synced: () => boolean;
  destroy(): void;
}

function rawClient(url: string): Client {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: "bench" });
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let synced = false;
  const sendMessage = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    write(encoder);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(encoder));
  };
  ws.on("open", () => {
    sendMessage((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
    });
    sendMessage((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
    });
  });
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const step = syncProtocol.readSyncMessage(decoder, encoder, doc, "server");
      if (step === syncProtocol.messageYjsSyncStep2) synced = true;
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        awareness,
        decoding.readVarUint8Array(decoder),
        "server",
      );
    }
  });
  ws.on("error", () => {});
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === "server") return;
    sendMessage((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
    });
  });
  return {
    doc,
    synced: () => synced,
    destroy() {
      awareness.destroy();
      ws.terminate();
    },
  };
}

function peerloopClient(url: string, room: Room, userId: string): Client {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  const token = signRealtimeToken(
    {
      sub: userId,
      sid: room.sessionId!,
      name: "Bench",
      color: "#3b4cca",
      ro: false,
      exp: Math.floor(Date.now() / 1000) + 3600,
    },
    SECRET,
  );
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room.name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => {
      console.error(`bench: authentication failed for ${room.name}: ${reason}`);
    },
  });
  provider.attach();
  return {
    doc,
    synced: () => provider.isSynced,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

// ---------------------------------------------------------------------------
// Parent: phases

interface PhaseResult {
  kind: Kind;
  rooms: number;
  edits: number;
  editsPerSecond: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  rssBaseMB: number;
  rssHalfMB: number;
  rssLoadedMB: number;
  rssPerRoomKB: number;
  retainedPerRoomKB: number;
  lost: number;
  mismatchedRooms: number;
  storedLost?: number;
  connectMs: number;
  /** CPU used during the measured window, % of one core. */
  serverCpuPct: number;
  /** Server CPU (user + system) per edit typed in the measured window. */
  cpuPerEditUs: number;
  /** Pads stored per second in the measured window (0 when none fell in it). */
  storesPerSecond: number;
  clientCpuPct: number;
  /** Everything else on the machine in that window (PostgreSQL, other processes). */
  otherCpuPct: number;
  /** The recording server's replay log. */
  replay?: ReplayStats;
}

const thisFile = fileURLToPath(import.meta.url);

function startChild(kind: Kind, rooms: number, dbUrl?: string) {
  const child = fork(thisFile, ["--serve", kind, String(rooms)], {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      // Same V8 flags for both servers, e.g. BENCH_NODE_FLAGS=--max-semi-space-size=32.
      ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...(dbUrl ? { BENCH_DB_URL: dbUrl } : {}) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiters: Array<(message: ToParent) => boolean> = [];
  child.on("message", (message: ToParent) => {
    if (message.type === "error") {
      console.error(`bench: ${kind} server failed: ${message.message}`);
      process.exit(1);
    }
    const index = waiters.findIndex((waiter) => waiter(message));
    if (index !== -1) waiters.splice(index, 1);
  });
  function next<T extends ToParent["type"]>(type: T, timeoutMs = 120_000) {
    return new Promise<Extract<ToParent, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} from ${kind}`)), timeoutMs);
      waiters.push((message) => {
        if (message.type !== type) return false;
        clearTimeout(timer);
        resolve(message as Extract<ToParent, { type: T }>);
        return true;
      });
    });
  }
  return {
    child,
    next,
    ask(message: ToChild) {
      child.send(message);
    },
  };
}

/** Busy and total jiffies of the whole machine (Linux), to tell our CPU from others'. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
    const values = fields.map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** CPU in use between two readings, in % of one core. */
function machineCpuPct(from: ReturnType<typeof machineCpu>, to: ReturnType<typeof machineCpu>) {
  if (!from || !to || to.total === from.total) return Number.NaN;
  return (100 * cpus().length * (to.busy - from.busy)) / (to.total - from.total);
}

/** Other work on a shared machine skews latency: wait (up to 30 s) for a quiet second. */
async function waitForQuietMachine() {
  for (let attempt = 0; attempt < 30; attempt++) {
    const before = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pct = machineCpuPct(before, machineCpu());
    if (!(pct > 30)) return;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

interface Pair {
  room: Room;
  sender: Client;
  peer: Client;
}

async function runPhase(kind: Kind, roomCount: number, dbUrl?: string): Promise<PhaseResult> {
  await waitForQuietMachine();
  const server = startChild(kind, roomCount, dbUrl);
  const ready = await server.next("ready");
  const sample = async (gc: boolean) => {
    server.ask({ type: "sample", gc });
    return server.next("sample");
  };
  const rssBase = (await sample(true)).rss;

  const base =
    kind === "raw"
      ? `ws://127.0.0.1:${ready.port}`
      : `ws://127.0.0.1:${ready.port}${REALTIME_PATH}`;
  let connectMs = 0;
  const connect = async (rooms: Room[]): Promise<Pair[]> => {
    const started = performance.now();
    const pairs = rooms.map((room) => {
      const make = (i: 0 | 1) =>
        kind === "raw"
          ? rawClient(`${base}/${room.name}`)
          : peerloopClient(base, room, room.users![i]);
      return { room, sender: make(0), peer: make(1) };
    });
    const synced = await waitUntil(
      () => pairs.every((pair) => pair.sender.synced() && pair.peer.synced()),
      60_000,
    );
    if (!synced) throw new Error(`${kind}: not every client synced`);
    connectMs += performance.now() - started;
    return pairs;
  };

  let measuring = false;
  const samples: number[] = [];
  const timeline: [number, number][] = [];
  let edits = 0;
  const typers: NodeJS.Timeout[] = [];
  const sentCounts = new Map<Pair, number>();
  const startTyping = (pair: Pair) => {
    const sentAt = new Map<number, number>();
    const senderText = pair.sender.doc.getText("code");
    // The shared document takes only its own roots (realtime/doc-guard.ts): the
    // sequence number rides in meta, as a short scalar.
    const senderMeta = pair.sender.doc.getMap<number>("meta");
    const peerMeta = pair.peer.doc.getMap<number>("meta");
    sentCounts.set(pair, 0);
    peerMeta.observe(() => {
      const seq = peerMeta.get("benchSeq");
      if (seq === undefined) return;
      const at = sentAt.get(seq);
      if (at === undefined) return;
      sentAt.delete(seq);
      if (measuring) {
        const now = performance.now();
        samples.push(now - at);
        if (process.env.BENCH_DEBUG) {
          timeline.push([
            Math.round((performance.timeOrigin + now) % 100_000),
            Math.round(now - at),
          ]);
        }
      }
    });
    const type = () => {
      const seq = sentCounts.get(pair)! + 1;
      sentCounts.set(pair, seq);
      edits += 1;
      sentAt.set(seq, performance.now());
      pair.sender.doc.transact(() => {
        senderText.insert(senderText.length, String.fromCharCode(97 + (seq % 26)));
        senderMeta.set("benchSeq", seq);
      });
    };
    // Rooms start typing at random moments of the warm-up, as people do, rather than
    // in one 125 ms lockstep (which would also line up every room's store debounce).
    const start = setTimeout(
      () => typers.push(setInterval(type, 1000 / CHARS_PER_SECOND)),
      Math.random() * TYPING_SPREAD_MS,
    );
    typers.push(start);
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  // Memory per room is the marginal cost: RSS with every room typing minus RSS with half
  // of them typing, over the rooms added in between. Code warm-up, the database's own
  // footprint and one-time buffers fall out of the difference.
  const half = Math.floor(ready.rooms.length / 2);
  const firstHalf = await connect(ready.rooms.slice(0, half));
  firstHalf.forEach(startTyping);
  await sleep(WARMUP_MS);
  const halfSample = await sample(true);
  const rssHalf = halfSample.rss;
  const secondHalf = await connect(ready.rooms.slice(half));
  secondHalf.forEach(startTyping);
  const pairs = [...firstHalf, ...secondHalf];
  await sleep(WARMUP_MS);

  const profileDir = process.env.BENCH_PROFILE;
  if (profileDir) {
    server.ask({ type: "profile", action: "start" });
    await server.next("profiled");
  }
  const startSample = await sample(false);
  const serverCpuStart = startSample.cpuMicros;
  const clientCpuStart = process.cpuUsage();
  const machineStart = machineCpu();
  const wallStart = performance.now();
  measuring = true;
  edits = 0;
  await sleep(MEASURE_MS);
  measuring = false;
  const wall = (performance.now() - wallStart) * 1000;
  const clientCpu = process.cpuUsage(clientCpuStart);
  const machinePct = machineCpuPct(machineStart, machineCpu());
  const endSample = await sample(false);
  const serverCpu = endSample.cpuMicros - serverCpuStart;
  const storesMeasured = endSample.stores - startSample.stores;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    const database = kind === "raw" ? "" : dbUrl ? "-postgres" : "-pglite";
    const file = `${profileDir}/${kind}-${roomCount}${database}-${Date.now()}.cpuprofile`;
    server.ask({ type: "profile", action: "stop", file });
    await server.next("profiled");
    console.log(`  profile of the measured window: ${file}`);
  }
  const fullSample = await sample(true);
  const rssLoaded = fullSample.rss;
  const measuredEdits = edits;
  for (const timer of typers) {
    clearTimeout(timer);
    clearInterval(timer);
  }

  const texts = () =>
    pairs.map((pair) => ({
      sent: sentCounts.get(pair)!,
      sender: pair.sender.doc.getText("code").toString(),
      peer: pair.peer.doc.getText("code").toString(),
    }));
  await waitUntil(
    () => texts().every((t) => t.sender === t.peer && t.peer.length === t.sent),
    SETTLE_TIMEOUT_MS,
  );
  let lost = 0;
  let mismatchedRooms = 0;
  for (const t of texts()) {
    if (t.sender !== t.peer) mismatchedRooms += 1;
    lost += Math.max(0, t.sent - t.peer.length);
  }

  // Leaving stores the last edits; the server reports what it stored.
  for (const pair of pairs) {
    pair.sender.destroy();
    pair.peer.destroy();
  }
  server.ask({ type: "stop" });
  const stopped = await server.next("stopped", 60_000);
  let storedLost: number | undefined;
  if (kind !== "raw") {
    storedLost = 0;
    for (const pair of pairs) {
      const stored = stopped.storedLengths[pair.room.sessionId!] ?? 0;
      storedLost += Math.max(0, sentCounts.get(pair)! - stored);
    }
  }
  await new Promise((resolve) => server.child.once("exit", resolve));

  if (process.env.BENCH_DEBUG) {
    const worst = [...timeline].sort((a, b) => b[1] - a[1]).slice(0, 15);
    console.log(`  ${kind} worst ([epoch ms mod 1e5, latency ms]):`, JSON.stringify(worst));
  }
  const sorted = samples.sort((a, b) => a - b);
  const serverPct = (100 * serverCpu) / wall;
  const clientPct = (100 * (clientCpu.user + clientCpu.system)) / wall;
  return {
    kind,
    rooms: roomCount,
    edits: measuredEdits,
    editsPerSecond: Math.round(measuredEdits / (wall / 1e6)),
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    rssBaseMB: round(rssBase / 2 ** 20),
    rssHalfMB: round(rssHalf / 2 ** 20),
    rssLoadedMB: round(rssLoaded / 2 ** 20),
    rssPerRoomKB: round((rssLoaded - rssHalf) / 1024 / (roomCount - half)),
    retainedPerRoomKB: round(
      (fullSample.retained - halfSample.retained) / 1024 / (roomCount - half),
    ),
    lost,
    mismatchedRooms,
    ...(storedLost !== undefined ? { storedLost } : {}),
    connectMs: Math.round(connectMs),
    serverCpuPct: Math.round(serverPct),
    cpuPerEditUs: Math.round(serverCpu / Math.max(1, measuredEdits)),
    storesPerSecond: round(storesMeasured / (wall / 1e6)),
    clientCpuPct: Math.round(clientPct),
    otherCpuPct: Math.max(0, Math.round(machinePct - serverPct - clientPct)),
    ...(stopped.replay ? { replay: stopped.replay } : {}),
  };
}

/** The replay log's size per hour of recorded session, at this bench's typing rate. */
function bytesPerSessionHour(replay: ReplayStats | undefined): number {
  if (!replay || replay.sessionHours === 0) return Number.NaN;
  return Math.round(replay.tableBytes / replay.sessionHours);
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function main() {
  const started = Date.now();
  traceLongGc("clients");
  const adminUrl = process.env.DATABASE_URL?.trim();
  console.log(
    `realtime bench: ${ROOM_COUNTS.join("/")} rooms × 2 clients, ${CHARS_PER_SECOND} chars/s ` +
      `per room, ${WARMUP_MS / 1000}s warm-up + ${MEASURE_MS / 1000}s measured per phase; ` +
      `database: ${adminUrl ? "PostgreSQL (fresh database per phase)" : "PGlite in memory (in the server process)"}`,
  );
  const results: PhaseResult[] = [];
  const runOnce = async (kind: Kind, rooms: number) => {
    let dbName: string | undefined;
    if (kind !== "raw" && adminUrl) {
      dbName = uniqueDatabaseName("peerloop_bench_realtime");
      await createDatabase(adminUrl, dbName);
    }
    try {
      return await runPhase(kind, rooms, dbName ? withDatabaseName(adminUrl!, dbName) : undefined);
    } finally {
      if (dbName) await dropDatabase(adminUrl!, dbName);
    }
  };
  for (const rooms of ROOM_COUNTS) {
    for (const kind of KINDS) {
      let result = await runOnce(kind, rooms);
      if (result.otherCpuPct > OTHER_CPU_RETRY_PCT) {
        console.log(
          `  ${kind} ${rooms} rooms: other processes used ${result.otherCpuPct}% CPU; once more`,
        );
        const again = await runOnce(kind, rooms);
        if (again.otherCpuPct < result.otherCpuPct) result = again;
      }
      results.push(result);
      console.log(
        `  ${kind.padEnd(8)} ${String(rooms).padStart(3)} rooms: p50 ${result.p50} ms, ` +
          `p99 ${result.p99} ms, memory/room ${result.retainedPerRoomKB} KiB ` +
          `(RSS Δ ${result.rssPerRoomKB} KiB), lost ${result.lost}, other CPU ${result.otherCpuPct}%` +
          (result.storedLost !== undefined ? ` (stored lost ${result.storedLost})` : ""),
      );
      if (result.replay) {
        const { rows, payloadBytes, tableBytes, sessionHours } = result.replay;
        console.log(
          `  replay log: ${rows} rows, ${payloadBytes} B of updates, ${tableBytes} B on disk ` +
            `over ${round(sessionHours * 60)} session-minutes → ` +
            `${bytesPerSessionHour(result.replay)} B per session-hour ` +
            `(${round(tableBytes / Math.max(1, rows))} B per row, ${CHARS_PER_SECOND} chars/s)`,
        );
      }
      if (kind === "peerloop" && result.storesPerSecond === 0) {
        console.log(
          "  no pad was stored in the measured window (the store waits up to 30 s while " +
            "people type): BENCH_SECONDS=40 measures the store too",
        );
      }
    }
  }

  if (!KINDS.includes("raw") || !KINDS.includes("peerloop")) {
    // A partial run (BENCH_KINDS) has nothing to compare.
    console.log(JSON.stringify({ bench: "realtime", partial: true, results }));
    process.exit(0);
  }
  const phases = ROOM_COUNTS.map((rooms) => {
    const raw = results.find((r) => r.rooms === rooms && r.kind === "raw")!;
    const off = results.find((r) => r.rooms === rooms && r.kind === "peerloop")!;
    const recording = results.find((r) => r.rooms === rooms && r.kind === "recording");
    // Judged as production runs it, with every feature on: the replay recorder too.
    const ours = recording ?? off;
    const p99Ratio = round(ours.p99 / raw.p99);
    const rssRatio = round(ours.rssPerRoomKB / raw.rssPerRoomKB);
    const memoryRatio = round(ours.retainedPerRoomKB / raw.retainedPerRoomKB);
    const lost = ours.lost + (ours.storedLost ?? 0) + ours.mismatchedRooms;
    return {
      rooms,
      raw,
      ours,
      peerloop: off,
      recording,
      p99Ratio,
      rssRatio,
      memoryRatio,
      pass: {
        p99Ratio: p99Ratio <= TARGETS.p99RatioMax,
        p99Ms: ours.p99 < TARGETS.p99MsMax,
        memoryRatio: memoryRatio <= TARGETS.memoryRatioMax,
        lost: lost === TARGETS.lost,
      },
    };
  });

  const header = [
    "rooms",
    "server",
    "edits/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "RSS base MiB",
    "RSS half MiB",
    "RSS full MiB",
    "RSS Δ/room KiB",
    "mem/room KiB",
    "lost",
    "stored lost",
    "connect ms",
    "server CPU %",
    "CPU/edit µs",
    "client CPU %",
    "other CPU %",
  ];
  const rows = results.map((r) => [
    r.rooms,
    r.kind,
    r.editsPerSecond,
    r.p50,
    r.p99,
    r.max,
    r.rssBaseMB,
    r.rssHalfMB,
    r.rssLoadedMB,
    r.rssPerRoomKB,
    r.retainedPerRoomKB,
    r.lost + r.mismatchedRooms,
    r.storedLost ?? "-",
    r.connectMs,
    r.serverCpuPct,
    r.cpuPerEditUs,
    r.clientCpuPct,
    r.otherCpuPct,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
  );
  const format = (cells: (string | number)[]) =>
    cells.map((cell, i) => String(cell).padStart(widths[i]!)).join("  ");
  console.log("");
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  console.log("");
  for (const phase of phases) {
    if (phase.recording) {
      console.log(
        `  ${phase.rooms} rooms, recording on vs off: p50 ${phase.recording.p50} vs ` +
          `${phase.peerloop.p50} ms, p99 ${phase.recording.p99} vs ${phase.peerloop.p99} ms, ` +
          `server CPU ${phase.recording.serverCpuPct} vs ${phase.peerloop.serverCpuPct}%, ` +
          `CPU/edit ${phase.recording.cpuPerEditUs} vs ${phase.peerloop.cpuPerEditUs} µs; ` +
          `replay ${bytesPerSessionHour(phase.recording.replay)} B per session-hour`,
      );
    }
    console.log(
      `  ${phase.rooms} rooms (${phase.ours.kind}): p99 ratio ${phase.p99Ratio} (≤ ${TARGETS.p99RatioMax}), ` +
        `p99 ${phase.ours.p99} ms (< ${TARGETS.p99MsMax}), memory/room ratio ` +
        `${phase.memoryRatio} (≤ ${TARGETS.memoryRatioMax}) → ` +
        `${Object.values(phase.pass).every(Boolean) ? "pass" : "MISS"}`,
    );
  }

  // Judged at 500 rooms (the issue's load), or at the largest count run (BENCH_ROOMS).
  const judged = phases.find((phase) => phase.rooms === 500) ?? phases.at(-1)!;
  const at = `At${judged.rooms}`;
  const lostTotal = phases.reduce(
    (sum, phase) =>
      sum +
      phase.peerloop.lost +
      (phase.peerloop.storedLost ?? 0) +
      phase.peerloop.mismatchedRooms +
      (phase.recording
        ? phase.recording.lost + (phase.recording.storedLost ?? 0) + phase.recording.mismatchedRooms
        : 0),
    0,
  );
  const figures: Record<string, number> = {
    [`p99RatioToRaw${at}`]: judged.p99Ratio,
    [`p99Ms${at}`]: judged.ours.p99,
    [`recordingOffP99Ms${at}`]: judged.peerloop.p99,
    [`recordingOffP99RatioToRaw${at}`]: round(judged.peerloop.p99 / judged.raw.p99),
    recordingOffMemoryPerRoomRatioToRaw: round(
      judged.peerloop.retainedPerRoomKB / judged.raw.retainedPerRoomKB,
    ),
    memoryPerRoomRatioToRaw: judged.memoryRatio,
    lost: lostTotal,
    [`rawP99Ms${at}`]: judged.raw.p99,
    [`p50Ms${at}`]: judged.ours.p50,
    [`rawP50Ms${at}`]: judged.raw.p50,
    [`memoryPerRoomKB${at}`]: judged.ours.retainedPerRoomKB,
    [`rawMemoryPerRoomKB${at}`]: judged.raw.retainedPerRoomKB,
    [`cpuPerEditUs${at}`]: judged.ours.cpuPerEditUs,
    [`rawCpuPerEditUs${at}`]: judged.raw.cpuPerEditUs,
    [`cpuPerEditRatioToRaw${at}`]: round(
      judged.ours.cpuPerEditUs / Math.max(1, judged.raw.cpuPerEditUs),
    ),
    [`storesPerSecond${at}`]: judged.ours.storesPerSecond,
    [`otherCpuPct${at}`]: Math.max(judged.raw.otherCpuPct, judged.ours.otherCpuPct),
  };
  // The replay recorder's cost (recording on vs off) and the log's size.
  if (judged.recording) {
    const rec = judged.recording;
    figures[`recordingP50Ms${at}`] = rec.p50;
    figures[`recordingP99Ms${at}`] = rec.p99;
    figures[`recordingCpuPerEditUs${at}`] = rec.cpuPerEditUs;
    figures[`recordingServerCpuPct${at}`] = rec.serverCpuPct;
    figures[`recordingCpuPerEditRatioToOff${at}`] = round(
      rec.cpuPerEditUs / Math.max(1, judged.peerloop.cpuPerEditUs),
    );
    figures[`replayBytesPerSessionHour${at}`] = bytesPerSessionHour(rec.replay);
    figures[`replayBytesPerRow${at}`] = round(
      (rec.replay?.tableBytes ?? 0) / Math.max(1, rec.replay?.rows ?? 0),
    );
  }
  for (const phase of phases) {
    if (phase === judged) continue;
    figures[`p99MsAt${phase.rooms}`] = phase.ours.p99;
    figures[`rawP99MsAt${phase.rooms}`] = phase.raw.p99;
    figures[`cpuPerEditUsAt${phase.rooms}`] = phase.ours.cpuPerEditUs;
    figures[`rawCpuPerEditUsAt${phase.rooms}`] = phase.raw.cpuPerEditUs;
  }
  const targets: Record<string, string> = {
    [`p99RatioToRaw${at}`]: `<= ${TARGETS.p99RatioMax}`,
    [`p99Ms${at}`]: `< ${TARGETS.p99MsMax}`,
    memoryPerRoomRatioToRaw: `<= ${TARGETS.memoryRatioMax}`,
    lost: `== ${TARGETS.lost}`,
  };
  const met: Record<string, boolean> = {
    [`p99RatioToRaw${at}`]: judged.pass.p99Ratio,
    [`p99Ms${at}`]: judged.pass.p99Ms,
    memoryPerRoomRatioToRaw: judged.pass.memoryRatio,
    lost: lostTotal === TARGETS.lost,
  };
  const machineNote =
    `other processes used ${figures[`otherCpuPct${at}`]}% of a core during the phase; ` +
    `server CPU per edit ${judged.ours.cpuPerEditUs} µs vs raw ${judged.raw.cpuPerEditUs} µs`;
  const limits: Record<string, string> = {};
  if (!met[`p99RatioToRaw${at}`] || !met[`p99Ms${at}`]) {
    const text =
      `p99 ${judged.ours.p99} ms (recording ${judged.recording ? "on" : "off"}; ` +
      `${judged.peerloop.p99} ms with it off) vs raw ${judged.raw.p99} ms (${machineNote}). ` +
      "Profile of the measured window (BENCH_PROFILE): besides what the raw server does " +
      "(Yjs apply, one broadcast write), the batched acknowledgements the provider needs " +
      "(a write per connection per half second), Hocuspocus' onChange payload per update, " +
      "GC, and the pad store (PGlite on this thread unless DATABASE_URL is set). Latency " +
      "tails on this shared 2-core machine follow its load (see the raw p99). Next: re-run " +
      "on a quiet machine; if the ratio still misses, the store off the event loop " +
      "(PostgreSQL or a worker) and fewer allocations per update (decision 0018).";
    if (!met[`p99RatioToRaw${at}`]) limits[`p99RatioToRaw${at}`] = text;
    if (!met[`p99Ms${at}`]) limits[`p99Ms${at}`] = text;
  }
  if (!met.memoryPerRoomRatioToRaw) {
    limits.memoryPerRoomRatioToRaw =
      `${judged.ours.retainedPerRoomKB} KiB vs raw ${judged.raw.retainedPerRoomKB} KiB per room: ` +
      "Hocuspocus keeps a Connection, hook payloads and a context per document connection, " +
      "and per-socket state of its own and ours.";
  }
  if (!met.lost) {
    limits.lost = `${lostTotal} edits lost or mismatched: a correctness bug, not a speed limit.`;
  }

  const summary = {
    bench: "realtime",
    machine: { cpus: cpus().length, node: process.version },
    figures,
    targets,
    met,
    limits,
    database: adminUrl ? "postgres" : "pglite",
    judgedServer: judged.recording
      ? "recording (every feature on: replay recorder included); recordingOff* figures are the same server with it off"
      : "peerloop (replay recorder off: BENCH_KINDS left out recording)",
    memoryMethod:
      "server child process, after a forced GC: (heapUsed + external with all rooms typing − the same with half of them typing) / rooms added; RSS deltas are printed too but not judged: RSS drops by 30-40 MB seconds after start-up as native pages are returned, which swamps a few MB of rooms",
    latencyMethod: "sender transaction → peer Y.Map observer, one process clock",
    charsPerSecondPerRoom: CHARS_PER_SECOND,
    measuredSecondsPerPhase: MEASURE_MS / 1000,
    phases: phases.map((phase) => ({
      rooms: phase.rooms,
      rawP50Ms: phase.raw.p50,
      rawP99Ms: phase.raw.p99,
      p50Ms: phase.ours.p50,
      p99Ms: phase.ours.p99,
      p99Ratio: phase.p99Ratio,
      rawRssPerRoomKB: phase.raw.rssPerRoomKB,
      rssPerRoomKB: phase.ours.rssPerRoomKB,
      rssRatio: phase.rssRatio,
      rawMemoryPerRoomKB: phase.raw.retainedPerRoomKB,
      memoryPerRoomKB: phase.ours.retainedPerRoomKB,
      memoryRatio: phase.memoryRatio,
      rawLost: phase.raw.lost + phase.raw.mismatchedRooms,
      lost: phase.ours.lost + phase.ours.mismatchedRooms,
      storedLost: phase.ours.storedLost,
      editsPerSecond: phase.ours.editsPerSecond,
      serverCpuPct: phase.ours.serverCpuPct,
      rawServerCpuPct: phase.raw.serverCpuPct,
      cpuPerEditUs: phase.ours.cpuPerEditUs,
      rawCpuPerEditUs: phase.raw.cpuPerEditUs,
      otherCpuPct: Math.max(phase.raw.otherCpuPct, phase.ours.otherCpuPct),
      ...(phase.recording
        ? {
            recordingP50Ms: phase.recording.p50,
            recordingP99Ms: phase.recording.p99,
            recordingServerCpuPct: phase.recording.serverCpuPct,
            recordingCpuPerEditUs: phase.recording.cpuPerEditUs,
            replayRows: phase.recording.replay?.rows,
            replayTableBytes: phase.recording.replay?.tableBytes,
            replayBytesPerSessionHour: bytesPerSessionHour(phase.recording.replay),
          }
        : {}),
      pass: phase.pass,
    })),
    ok: phases.every((phase) => Object.values(phase.pass).every(Boolean)),
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(summary));
  process.exit(0);
}

const serveIndex = process.argv.indexOf("--serve");
if (serveIndex !== -1) {
  const kind = process.argv[serveIndex + 1] as Kind;
  const rooms = Number(process.argv[serveIndex + 2]);
  serve(kind, rooms).catch((err: unknown) => {
    send({
      type: "error",
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error("realtime bench failed:", err);
    process.exit(1);
  });
}
