import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Redis } from "@hocuspocus/extension-redis";
import {
  type Connection,
  type Extension,
  Hocuspocus,
  type onAuthenticatePayload,
} from "@hocuspocus/server";
import { and, eq, sql } from "drizzle-orm";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import type { Env } from "../app/env.server";
import {
  padDocumentName,
  sessionIdFromDocumentName,
  verifyRealtimeToken,
} from "../app/modules/sessions/realtime-token";
import { getDb } from "../db/client";
import { attendanceEvents, mockSessions, padDocuments, sessionParticipants } from "../db/schema";
import { AwarenessOwners, awarenessGuard } from "./awareness-guard";
import { checkUpdate } from "./doc-guard";
import {
  appliedUpdateOfFrame,
  awarenessEntriesOfFrame,
  framePayloadProblem,
  MessageType,
  messageTypeOf,
  readEnvelope,
} from "./frames";
import {
  HOSTILE_LOG_LINES_PER_MINUTE,
  MAX_CONNECTIONS_PER_PARTICIPANT,
  MAX_DOCUMENTS_PER_SOCKET,
  ROOM_NOTICE_INTERVAL_MS,
  rateLimitedLog,
  type Slot,
  SlotCounter,
} from "./limits";
import { replayRecorder } from "./replay-recorder";
import { roomRelay } from "./room-relay";
import { skipEchoToSoleOrigin, UpdatePath } from "./update-path";

// The code pad's collaboration server: Hocuspocus behind our own `ws` upgrade on
// /realtime, so it shares the app's port (or runs alone, see main.ts). Hocuspocus does
// the Yjs protocol; this file decides who may open which document, keeps the document
// in pad_documents, and makes sure no socket, however malformed, can take the process
// down.

export const REALTIME_PATH = "/realtime";

export interface RealtimeOptions {
  /** Verifies the tokens the app mints (REALTIME_SECRET). */
  secret: string;
  /** Browser origins allowed to open the socket; "any-same-host": Origin host = Host. */
  allowedOrigins: string[] | "any-same-host";
  /** Fans documents out across instances through Hocuspocus' Redis extension. */
  redisUrl?: string;
  storeDebounceMs?: number;
  maxDebounceMs?: number;
  /** How long acknowledgements of updates may wait to go out together (see UpdatePath). */
  ackDelayMs?: number;
  /**
   * More Hocuspocus extensions, after ours. An extension's `onChange` sees every update
   * applied to a pad, with the sender's context (userId, sessionId). The replay's log of
   * every edit is one (replay-recorder.ts; realtimeOptionsFromEnv puts it in).
   */
  extensions?: Extension[];
  /** Frames above this close their socket with 1009. */
  maxMessageBytes?: number;
  /** A socket that has not authenticated any document by then is closed. */
  authTimeoutMs?: number;
  /** The clock for token expiry and the end of sessions (tests move it). */
  now?: () => number;
  /** Where diagnostics go; defaults to console. */
  log?: Pick<Console, "warn" | "error">;
}

export interface RealtimeServer {
  hocuspocus: Hocuspocus<PadContext>;
  /** True when the request was for /realtime and the socket is now ours. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/** What a socket carries across the documents it opens. */
interface SocketState {
  ws: WebSocket;
  authenticated: boolean;
  /** Auth frames received whose check has not finished (our database, not the client). */
  pendingAuths: number;
  /** Documents pending or open on this socket (see MAX_DOCUMENTS_PER_SOCKET). */
  documents: Set<string>;
  /** Participant slots held by this socket's document connections. */
  slots: Set<Slot>;
  /** Document connections Hocuspocus has opened on this socket, by document name. */
  open: Map<string, Connection<PadContext>>;
}

/** Per document connection, filled in by onAuthenticate. */
export interface PadContext {
  socket: SocketState;
  userId?: string;
  sessionId?: string;
  /** Epoch ms; edits after it are refused even on a connection opened before. */
  endsAt?: number;
  /** A "joined" was recorded for this connection. */
  attended?: boolean;
  /** Set by onAuthenticate: what this document connection holds. */
  held?: HeldConnection;
}

/** Shared by every copy Hocuspocus makes of a connection's context. */
interface HeldConnection {
  /** Its place among its participant's open connections to the pad. */
  slot: Slot;
  /** The provider closed it (a CLOSE frame): a normal goodbye. */
  saidGoodbye: boolean;
}

/** Sessions in these states have ended: their pad is kept, read-only. */
const FINISHED_STATUSES = new Set(["completed", "cancelled", "no_show"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stores in flight at once; more only queue up in the database pool. */
const STORE_CONCURRENCY = 4;
/** Hocuspocus' ConnectionTimeout close code. */
export const AUTH_TIMEOUT_CODE = 4408;
/** A frame that does not decode as what it says it is (RFC 6455: inconsistent data). */
export const INVALID_MESSAGE_CODE = 1007;
/** A socket over one of the limits (RFC 6455: policy violation). */
export const POLICY_CODE = 1008;
/** The close reason of a refused update (the log line says why). */
const UPDATE_REFUSED = "update refused";
/** A provider answers a server Ping with this single byte; we never ping, so drop it. */
const PONG = 10;

/** Keystrokes closer together than this re-arm the store debounce once. */
const STORE_REARM_MS = 250;

/**
 * Hocuspocus re-arms a document's store timer (clearTimeout + setTimeout) on every
 * update: thousands of timers a second at 500 rooms. Re-armed at most every
 * STORE_REARM_MS, a store runs at most that much sooner than "debounce after the last
 * change", and still sees every change (it encodes the document when it runs, and a
 * change after it started arms the next one).
 */
class PadHocuspocus extends Hocuspocus<PadContext> {
  private readonly armedAt = new WeakMap<object, number>();

  override storeDocumentHooks(
    ...args: Parameters<Hocuspocus<PadContext>["storeDocumentHooks"]>
  ): ReturnType<Hocuspocus<PadContext>["storeDocumentHooks"]> {
    const [document, , immediately] = args;
    if (!immediately) {
      const at = Date.now();
      const armed = this.armedAt.get(document);
      if (
        armed !== undefined &&
        at - armed < STORE_REARM_MS &&
        this.debouncer.isDebounced(`onStoreDocument-${document.name}`)
      ) {
        return Promise.resolve();
      }
      this.armedAt.set(document, at);
    }
    return super.storeDocumentHooks(...args);
  }
}

/** Denials travel to the provider as the permission-denied reason. */
class AccessDenied extends Error {
  constructor(readonly reason: string) {
    // An empty message keeps Hocuspocus from logging every refused token as an error.
    super("");
  }
}

export function createRealtimeServer(options: RealtimeOptions): RealtimeServer {
  const now = options.now ?? Date.now;
  const log = options.log ?? console;
  const authTimeoutMs = options.authTimeoutMs ?? 5000;
  const pendingWrites = new Set<Promise<unknown>>();
  const storeSlots = limiter(STORE_CONCURRENCY);
  const participantSlots = new SlotCounter(MAX_CONNECTIONS_PER_PARTICIPANT);
  const logHostile = rateLimitedLog((line) => log.warn(line), HOSTILE_LOG_LINES_PER_MINUTE);
  const awarenessOwners = new AwarenessOwners();
  const updates = new UpdatePath({
    owners: awarenessOwners,
    ackDelayMs: options.ackDelayMs ?? 500,
  });
  let warnedEcho = false;

  /** A client's update the document must not take: nothing of it is applied. */
  const refuseUpdate = (ws: WebSocket, reason: string) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    logHostile(`realtime: closing a socket after a refused update: ${reason}`);
    ws.close(INVALID_MESSAGE_CODE, UPDATE_REFUSED);
  };
  let closing = false;

  /** A connection opened before the end turns read-only when the session ends. */
  const turnReadOnlyAtEnd = (connection: Connection, context: PadContext) => {
    if (!connection.readOnly && context.endsAt !== undefined && now() >= context.endsAt) {
      connection.readOnly = true;
    }
  };

  /** Best-effort writes (attendance) that nobody waits for, but close() does. */
  const track = (what: string, work: () => Promise<unknown>) => {
    const promise = work()
      .catch((err: unknown) => log.warn(`realtime: ${what} failed:`, errorText(err)))
      .finally(() => pendingWrites.delete(promise));
    pendingWrites.add(promise);
  };

  const recordAttendance = (context: PadContext, kind: "joined" | "left") => {
    const { sessionId, userId } = context;
    if (!sessionId || !userId) return;
    // Attendance is about the session itself: reading the pad afterwards is not turning
    // up, and a "left" only pairs with a "joined".
    if (kind === "joined") {
      if (context.endsAt === undefined || now() >= context.endsAt) return;
      context.attended = true;
    } else if (!context.attended) {
      return;
    }
    track(`attendance ${kind}`, () =>
      getDb()
        .insert(attendanceEvents)
        .values({
          sessionId,
          userId,
          source: "realtime",
          kind,
          at: new Date(now()),
        }),
    );
  };

  /** The token, the document it opens, and the participant row behind it. */
  async function authenticate(
    data: onAuthenticatePayload<PadContext>,
  ): Promise<Partial<PadContext>> {
    const sessionId = sessionIdFromDocumentName(data.documentName);
    if (!sessionId || !UUID.test(sessionId)) throw new AccessDenied("unknown-document");
    const check = verifyRealtimeToken(data.token, options.secret, now());
    if (!check.ok) {
      throw new AccessDenied(check.reason === "expired" ? "token-expired" : "invalid-token");
    }
    const { claims } = check;
    // Each document on a socket authenticates on its own: a token opens only its
    // session's pad, under its one exact name.
    if (data.documentName !== padDocumentName(claims.sid) || !UUID.test(claims.sub)) {
      throw new AccessDenied("forbidden");
    }
    let rows: { endsAt: Date; status: string }[];
    try {
      rows = await getDb()
        .select({ endsAt: mockSessions.endsAt, status: mockSessions.status })
        .from(sessionParticipants)
        .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
        .where(
          and(
            eq(sessionParticipants.sessionId, sessionId),
            eq(sessionParticipants.userId, claims.sub),
          ),
        )
        .limit(1);
    } catch (err) {
      log.error("realtime: participant check failed:", errorText(err));
      throw new AccessDenied("unavailable");
    }
    const session = rows[0];
    if (!session) throw new AccessDenied("forbidden");
    const endsAt = session.endsAt.getTime();
    // Checked here, not at minting: a token minted before the end still opens the
    // pad read-only afterwards.
    if (claims.ro || now() >= endsAt || FINISHED_STATUSES.has(session.status)) {
      data.connectionConfig.readOnly = true;
    }
    const { socket } = data.context;
    // A socket that closed while we checked holds nothing more (its slots are released).
    if (socket.ws.readyState !== WebSocket.OPEN) throw new AccessDenied("closed");
    // Taken after the last await, so parallel authentications cannot all see room left.
    const slot = participantSlots.take(`${claims.sub}:${sessionId}`);
    if (!slot) throw new AccessDenied("too-many-connections");
    socket.slots.add(slot);
    socket.authenticated = true;
    const held: HeldConnection = { slot, saidGoodbye: false };
    return { userId: claims.sub, sessionId, endsAt, held };
  }

  /** Gives a connection's participant slot back (idempotent). */
  const releaseSlot = (socket: SocketState, slot: Slot | undefined) => {
    if (!slot) return;
    participantSlots.release(slot);
    socket.slots.delete(slot);
  };

  const pad: Extension = {
    extensionName: "peerloop-pad",

    async onAuthenticate(data: onAuthenticatePayload<PadContext>) {
      try {
        return await authenticate(data);
      } catch (err) {
        // Hocuspocus forgets a refused document; so does the socket.
        const { socket } = data.context;
        socket.documents.delete(data.documentName);
        throw err;
      } finally {
        const { socket } = data.context;
        socket.pendingAuths = Math.max(0, socket.pendingAuths - 1);
      }
    },

    async onLoadDocument({ documentName, document }) {
      const sessionId = sessionIdFromDocumentName(documentName);
      if (!sessionId) throw new AccessDenied("unknown-document");
      // A failure here must refuse the connection: carrying on with an empty document
      // would later overwrite the stored pad with nothing.
      const [row] = await getDb()
        .select({ state: padDocuments.state })
        .from(padDocuments)
        .where(eq(padDocuments.sessionId, sessionId));
      if (row) Y.applyUpdate(document, row.state);
    },

    async afterLoadDocument({ document }) {
      if (!skipEchoToSoleOrigin(document) && !warnedEcho) {
        warnedEcho = true;
        log.warn("realtime: this Hocuspocus has changed; updates are echoed to their senders");
      }
    },

    async onStoreDocument({ documentName, document }) {
      const sessionId = sessionIdFromDocumentName(documentName);
      if (!sessionId) return;
      // Rooms that started together reach maxDebounce together. Queued and yielding
      // between stores, a burst of them never holds the event loop for long (PGlite runs
      // queries on this thread, and back-to-back promises would not let sockets in).
      await storeSlots(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        const state = Buffer.from(Y.encodeStateAsUpdate(document));
        // A throw keeps the document in memory (Hocuspocus retries on the next change).
        await getDb()
          .insert(padDocuments)
          .values({ sessionId, state })
          .onConflictDoUpdate({
            target: padDocuments.sessionId,
            set: { state, updatedAt: sql`now()` },
          });
      });
    },

    async connected({ context, documentName, connection }) {
      try {
        // Counted again here: a reopened document may have been released by its previous
        // connection's disconnect while it authenticated.
        const { socket } = context;
        socket.documents.add(documentName);
        socket.open.set(documentName, connection);
        if (socket.documents.size > MAX_DOCUMENTS_PER_SOCKET) {
          socket.ws.close(POLICY_CODE, "too many documents");
        }
        recordAttendance(context, "joined");
      } catch (err) {
        log.warn("realtime: connected hook failed:", errorText(err));
      }
    },

    async beforeHandleMessage({ connection, context, update, document }) {
      turnReadOnlyAtEnd(connection, context);
      // Sync steps (and updates that arrived before their connection opened) go through
      // Hocuspocus: checked here, in order after everything the connection sent before.
      if (!connection.readOnly) {
        const applied = appliedUpdateOfFrame(update);
        const verdict = applied && checkUpdate(document, applied.update, context.userId ?? "");
        if (verdict && !verdict.ok) {
          refuseUpdate(context.socket.ws, verdict.reason);
          // Throwing is the one way to keep Hocuspocus from applying it.
          throw Object.assign(new Error("update refused"), {
            code: INVALID_MESSAGE_CODE,
            reason: UPDATE_REFUSED,
          });
        }
      }
      // Marked on the connection, not the document name: a provider may close and reopen
      // the same document before the first close has run its hooks.
      if (context.held && messageTypeOf(update) === MessageType.Close) {
        context.held.saidGoodbye = true;
      }
    },

    async onDisconnect({ context, documentName }) {
      try {
        const { socket } = context;
        releaseSlot(socket, context.held?.slot);
        socket.documents.delete(documentName);
        const open = socket.open.get(documentName);
        if (open && open.context.held === context.held) socket.open.delete(documentName);
        recordAttendance(context, "left");
        // Hocuspocus answers a message that fails to apply by closing that document's
        // connection and keeping the socket. Unless the provider said goodbye to the
        // document itself, a document closing under an open socket ends the socket.
        if (context.held?.saidGoodbye) return;
        if (socket.ws.readyState === WebSocket.OPEN) socket.ws.close(4205, "reset");
      } catch (err) {
        log.warn("realtime: disconnect hook failed:", errorText(err));
      }
    },
  };

  const extensions: Extension[] = [
    pad,
    awarenessGuard(awarenessOwners),
    roomRelay({ intervalMs: ROOM_NOTICE_INTERVAL_MS }),
    ...(options.extensions ?? []),
  ];
  if (options.redisUrl) {
    extensions.push(guarded(new Redis(redisConfiguration(options.redisUrl)), log));
  }

  const hocuspocus = new PadHocuspocus({
    name: "peerloop-realtime",
    quiet: true,
    // The stored pad is the copy for when everyone has left (which stores at once,
    // below): while people type, their providers hold every edit and give it back on a
    // reconnect, so storing a live pad often buys little. At 500 rooms a store every 10 s
    // each was a tenth of the process (PGlite runs on this thread).
    debounce: options.storeDebounceMs ?? 5000,
    maxDebounce: options.maxDebounceMs ?? 30_000,
    // Store on the last disconnect rather than waiting for the debounce.
    unloadImmediately: true,
    extensions,
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 512 * 1024,
    // Compression costs memory per socket and invites zip bombs; Yjs updates are small.
    perMessageDeflate: false,
  });
  const sockets = new Set<WebSocket>();

  function accept(ws: WebSocket, request: IncomingMessage) {
    const state: SocketState = {
      ws,
      authenticated: false,
      pendingAuths: 0,
      documents: new Set(),
      slots: new Set(),
      open: new Map(),
    };
    sockets.add(ws);
    // Without this listener an oversized frame ('error' before the 1009 close) would be
    // an unhandled 'error' event, which ends the process.
    ws.on("error", () => {});
    let client: ReturnType<Hocuspocus<PadContext>["handleConnection"]>;
    try {
      client = hocuspocus.handleConnection(ws, toRequestLike(request), { socket: state });
    } catch (err) {
      log.error("realtime: could not accept a socket:", errorText(err));
      ws.terminate();
      sockets.delete(ws);
      return;
    }
    // Hocuspocus' own `timeout` (60 s) doubles as the idle timeout of authenticated
    // sockets and is only checked once per period; a tighter deadline for sockets that
    // never authenticate is ours. A client that sent its token in time is not punished
    // for a busy server: while its check runs, the deadline moves (up to 4 periods).
    const openedAt = Date.now();
    let authTimer: NodeJS.Timeout;
    const checkAuthenticated = () => {
      if (state.authenticated || ws.readyState !== WebSocket.OPEN) return;
      if (state.pendingAuths > 0 && Date.now() - openedAt < 4 * authTimeoutMs) {
        authTimer = setTimeout(checkAuthenticated, authTimeoutMs).unref();
        return;
      }
      ws.close(AUTH_TIMEOUT_CODE, "authentication timeout");
    };
    authTimer = setTimeout(checkAuthenticated, authTimeoutMs).unref();

    ws.on("message", (data: RawData, isBinary: boolean) => {
      // Frames already in flight when we closed the socket are not worth a look (or a log line).
      if (ws.readyState !== WebSocket.OPEN) return;
      if (!isBinary) {
        ws.close(1003, "binary frames only");
        return;
      }
      const bytes = toUint8Array(data);
      if (bytes.length === 1 && bytes[0] === PONG) return;
      const envelope = readEnvelope(bytes);
      if (!envelope) {
        ws.close(INVALID_MESSAGE_CODE, "malformed message");
        return;
      }
      const { documentName, type } = envelope;
      if (!state.documents.has(documentName)) {
        if (state.documents.size >= MAX_DOCUMENTS_PER_SOCKET) {
          ws.close(POLICY_CODE, "too many documents");
          return;
        }
        state.documents.add(documentName);
      }
      // Refused here, a bad frame is neither acknowledged nor applied, and costs one log
      // line (rate-limited) instead of a stack from deep inside Yjs.
      const problem = framePayloadProblem(bytes);
      if (problem) {
        logHostile(`realtime: closing a socket after a ${typeName(type)} frame: ${problem}`);
        ws.close(INVALID_MESSAGE_CODE, problem);
        return;
      }
      if (type === MessageType.Auth && !state.authenticated) state.pendingAuths += 1;
      try {
        if (handleOnOpenConnection(state.open.get(documentName), type, bytes)) {
          // Hocuspocus' idle timeout counts from the last frame it saw.
          client.lastMessageReceivedAt = Date.now();
          return;
        }
        client.handleMessage(bytes);
      } catch (err) {
        logHostile(`realtime: closing a socket after a bad message: ${errorText(err)}`);
        ws.close(INVALID_MESSAGE_CODE, "malformed message");
      }
    });

    /**
     * Updates and presence of an open connection take our short path (update-path.ts);
     * false: Hocuspocus handles the frame. The checks of the hooks they skip (read-only
     * at the end of the session, whose presence it is) are made here.
     */
    function handleOnOpenConnection(
      connection: Connection<PadContext> | undefined,
      type: number,
      bytes: Uint8Array,
    ): boolean {
      if (!connection?.document.hasConnection(connection)) return false;
      if (type === MessageType.Sync || type === MessageType.SyncReply) {
        const applied = appliedUpdateOfFrame(bytes);
        if (!applied) return false;
        turnReadOnlyAtEnd(connection, connection.context);
        if (!connection.readOnly) {
          const { userId = "" } = connection.context;
          const verdict = checkUpdate(connection.document, applied.update, userId);
          if (!verdict.ok) {
            // Content the server has not seen yet may still be on its way through
            // Hocuspocus' queue: the update waits its turn there and is checked again.
            if (verdict.reason === "unresolved") return false;
            refuseUpdate(connection.context.socket.ws, verdict.reason);
            return true;
          }
        }
        // A sync step answers Hocuspocus' own state exchange: it handles (and re-checks) it.
        if (applied.step !== "update") return false;
        updates.applyUpdate(connection, applied.update);
        return true;
      }
      if (type === MessageType.Awareness) {
        const entries = awarenessEntriesOfFrame(bytes);
        if (!entries) return false;
        turnReadOnlyAtEnd(connection, connection.context);
        updates.applyAwareness(connection, entries);
        return true;
      }
      return false;
    }

    ws.on("close", (code: number, reason: Buffer) => {
      clearTimeout(authTimer);
      sockets.delete(ws);
      try {
        client.handleClose({ code, reason: reason.toString() });
      } catch (err) {
        log.warn("realtime: error while closing a socket:", errorText(err));
      }
      // Whatever the document connections did or did not get to, a closed socket holds
      // nothing (an authenticated document whose load failed never disconnects).
      for (const slot of [...state.slots]) releaseSlot(state, slot);
      state.documents.clear();
    });
  }

  function isAllowedOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    // Browsers always send Origin on websocket upgrades; other clients need a token anyway.
    if (origin === undefined) return true;
    if (options.allowedOrigins === "any-same-host") {
      try {
        return new URL(origin).host === request.headers.host;
      } catch {
        return false;
      }
    }
    return options.allowedOrigins.includes(origin);
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (pathOf(request.url) !== REALTIME_PATH) return false;
    socket.on("error", () => {});
    if (closing) {
      refuse(socket, 503, "Service Unavailable");
      return true;
    }
    if (!isAllowedOrigin(request)) {
      refuse(socket, 403, "Forbidden");
      return true;
    }
    try {
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request));
    } catch (err) {
      log.warn("realtime: upgrade failed:", errorText(err));
      socket.destroy();
    }
    return true;
  }

  let closed: Promise<void> | undefined;
  async function runClose() {
    closing = true;
    updates.flushAcks();
    // Closing every document connection runs the last-disconnect path: pending stores
    // execute now and documents unload.
    hocuspocus.closeConnections();
    hocuspocus.flushPendingStores();
    for (const ws of sockets) ws.close(1001, "server shutting down");
    const deadline = Date.now() + 5000;
    while (
      (hocuspocus.getDocumentsCount() > 0 || hocuspocus.loadingDocuments.size > 0) &&
      Date.now() < deadline
    ) {
      await delay(20);
    }
    if (hocuspocus.getDocumentsCount() > 0) {
      log.warn(`realtime: ${hocuspocus.getDocumentsCount()} documents still open at shutdown`);
    }
    while (pendingWrites.size > 0) await Promise.allSettled([...pendingWrites]);
    for (const ws of sockets) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await hocuspocus.hooks("onDestroy", { instance: hocuspocus }).catch((err: unknown) => {
      log.warn("realtime: onDestroy failed:", errorText(err));
    });
  }

  return {
    hocuspocus,
    handleUpgrade,
    close() {
      closed ??= runClose();
      return closed;
    },
  };
}

/** The options server.ts and main.ts derive from the parsed environment. */
export function realtimeOptionsFromEnv(
  env: Pick<
    Env,
    "REALTIME_SECRET" | "APP_ORIGIN" | "REALTIME_ALLOWED_ORIGINS" | "REDIS_URL" | "REPLAY_RECORDING"
  >,
  fallbackOrigin?: string,
): RealtimeOptions {
  const extra = (env.REALTIME_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => new URL(value).origin);
  const appOrigin = env.APP_ORIGIN ?? fallbackOrigin;
  return {
    secret: env.REALTIME_SECRET,
    allowedOrigins: appOrigin ? [appOrigin, ...extra] : "any-same-host",
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    // Every update of a session's document goes to its replay log (REPLAY_RECORDING=off: none).
    extensions: env.REPLAY_RECORDING === "off" ? [] : [replayRecorder()],
  };
}

// ---------------------------------------------------------------------------

const MESSAGE_TYPE_NAMES = new Map<number, string>(
  Object.entries(MessageType).map(([name, n]) => [n, name]),
);

function typeName(type: number): string {
  return MESSAGE_TYPE_NAMES.get(type) ?? String(type);
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Hocuspocus v4 takes a Fetch API Request but reads only `headers` and `url`, and
 * parses `url` into query parameters for every hook of every message. A path-only url
 * takes its cheap branch (no `new URL()` per message); a real Request would insist on
 * an absolute one.
 */
function toRequestLike(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    } catch {
      // A header the Fetch API will not hold is of no use to the hooks either.
    }
  }
  return { url: request.url ?? REALTIME_PATH, method: "GET", headers } as unknown as Request;
}

/** Runs at most `concurrency` tasks at once, the rest in arrival order. */
function limiter(concurrency: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line.
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

function pathOf(url: string | undefined): string | null {
  if (!url) return null;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------
// Redis

/**
 * Hocuspocus calls some hooks (onChange, onAwarenessUpdate, beforeBroadcastStateless,
 * onConfigure) without awaiting them; a rejection there would be unhandled and end the
 * process. The Redis extension talks to the network in exactly those hooks, so each of
 * its hooks is wrapped: fire-and-forget ones swallow errors, awaited ones pass them on.
 */
function guarded(extension: Extension, log: Pick<Console, "warn">): Extension {
  const unawaited = new Set([
    "onChange",
    "onAwarenessUpdate",
    "beforeBroadcastStateless",
    "onConfigure",
    "onListen",
  ]);
  return new Proxy(extension, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      if (!unawaited.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (err) {
          log.warn(`realtime: redis ${property} failed:`, errorText(err));
        }
      };
    },
  });
}

/** redis://[user:password@]host[:port][/db] → the extension's (ioredis) settings. */
export function redisConfiguration(redisUrl: string) {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace(/^\//, "") || 0);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(Number.isInteger(db) && db > 0 ? { db } : {}),
      ...(url.protocol === "rediss:" ? { tls: {} } : {}),
      maxRetriesPerRequest: 3,
    },
  };
}
