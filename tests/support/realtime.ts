import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { eq } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { getDb } from "#db/client";
import { mockSessions } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import {
  padDocumentName,
  type RealtimeClaims,
  signRealtimeToken,
} from "~/modules/sessions/realtime-token";
import { SEAT_COLORS } from "~/modules/sessions/roles";
import {
  createRealtimeServer,
  REALTIME_PATH,
  type RealtimeOptions,
  type RealtimeServer,
} from "../../realtime/server";
import { at, createAvailableUser, NOW, offerToInterview, openRequest } from "./booking-fixtures";

export const REALTIME_TEST_SECRET = "realtime-test-secret-0123456789abcdef";

export interface RunningRealtime {
  realtime: RealtimeServer;
  http: Server;
  /** ws://127.0.0.1:<port>/realtime */
  url: string;
  stop(): Promise<void>;
}

/** An http.Server on port 0 that hands /realtime upgrades to a fresh realtime server. */
export async function startRealtime(
  options: Partial<RealtimeOptions> = {},
): Promise<RunningRealtime> {
  const realtime = createRealtimeServer({
    secret: REALTIME_TEST_SECRET,
    allowedOrigins: "any-same-host",
    storeDebounceMs: 50,
    maxDebounceMs: 200,
    ...options,
  });
  const http = createServer((_request, response) => response.writeHead(404).end());
  http.on("upgrade", (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    realtime,
    http,
    url: `ws://127.0.0.1:${port}${REALTIME_PATH}`,
    async stop() {
      http.close();
      await realtime.close();
    },
  };
}

export interface PadSession {
  sessionId: string;
  candidateId: string;
  interviewerId: string;
  startsAt: Date;
  endsAt: Date;
}

/** A one-way session booked through the booking module, `hoursAfterNow` after NOW. */
export async function bookPadSession(label: string, hoursAfterNow: number): Promise<PadSession> {
  const interviewer = await createAvailableUser(`${label} Interviewer`);
  await offerToInterview(interviewer.id, "coding", "L7");
  const candidate = await createAvailableUser(`${label} Candidate`);
  const requestId = await openRequest(candidate.id);
  const startsAt = at(hoursAfterNow);
  const result = await bookProposal({
    userId: candidate.id,
    requestId,
    peerId: interviewer.id,
    start: startsAt,
    idempotencyKey: randomUUID(),
    now: NOW,
  });
  if (!result.ok) throw new Error(`booking failed: ${result.error}`);
  const [row] = await getDb()
    .select({ startsAt: mockSessions.startsAt, endsAt: mockSessions.endsAt })
    .from(mockSessions)
    .where(eq(mockSessions.id, result.sessionId));
  return {
    sessionId: result.sessionId,
    candidateId: candidate.id,
    interviewerId: interviewer.id,
    startsAt: row!.startsAt,
    endsAt: row!.endsAt,
  };
}

export function padToken(
  claims: Partial<RealtimeClaims> & { sub: string; sid: string },
  options: { secret?: string; nowMs?: number } = {},
): string {
  const nowMs = options.nowMs ?? Date.now();
  return signRealtimeToken(
    {
      name: "Tester",
      color: SEAT_COLORS[0],
      ro: false,
      exp: Math.floor(nowMs / 1000) + 600,
      ...claims,
    },
    options.secret ?? REALTIME_TEST_SECRET,
  );
}

export interface PadClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  events: {
    authenticated: boolean;
    scope?: string;
    failedReason?: string;
    synced: boolean;
    closes: number[];
  };
  destroy(): void;
}

/** A Hocuspocus provider for a session's pad, attached to its own or a shared socket. */
export function openPad(
  url: string,
  sessionId: string,
  token: string | null,
  shared?: HocuspocusProviderWebsocket,
): PadClient {
  const socket =
    shared ??
    new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: WebSocket,
      // Reconnects would only add noise to tests that end in a refusal.
      maxAttempts: 1,
    });
  const doc = new Y.Doc();
  const events: PadClient["events"] = { authenticated: false, synced: false, closes: [] };
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: padDocumentName(sessionId),
    document: doc,
    token,
    onAuthenticated: ({ scope }) => {
      events.authenticated = true;
      events.scope = scope;
    },
    onAuthenticationFailed: ({ reason }) => {
      events.failedReason = reason;
    },
    onSynced: ({ state }) => {
      events.synced = state;
    },
    onClose: ({ event }) => {
      events.closes.push(event.code);
    },
  });
  // Gotcha: with an explicit websocketProvider the provider connects but never syncs
  // until attached.
  provider.attach();
  return {
    doc,
    text: doc.getText("code"),
    provider,
    socket,
    events,
    destroy() {
      provider.destroy();
      if (!shared) socket.destroy();
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw `ws` client; resolves once open (or rejects with the HTTP refusal). */
export function rawSocket(
  url: string,
  origin?: string,
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; afterMs: number }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const openedAt = Date.now();
    const closed = new Promise<{ code: number; afterMs: number }>((done) => {
      ws.on("close", (code) => done({ code, afterMs: Date.now() - openedAt }));
    });
    ws.on("open", () => resolve({ ws, closed }));
    ws.on("unexpected-response", (_request, response) => {
      reject(Object.assign(new Error("refused"), { status: response.statusCode }));
      ws.terminate();
    });
    ws.on("error", reject);
  });
}

/** What a raw socket got from the server, decoded as far as the tests need. */
export interface ServerMessage {
  address: string;
  type: number;
  /** Auth: "authenticated:<scope>" or "denied:<reason>". */
  auth?: string;
  /** SyncStatus: whether the server says it saved the update. */
  saved?: boolean;
  stateless?: string;
}

function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(bytes);
  const address = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const message: ServerMessage = { address, type };
  if (type === 2) {
    const kind = decoding.readVarUint(decoder);
    if (kind === 2) message.auth = `authenticated:${decoding.readVarString(decoder)}`;
    if (kind === 1) message.auth = `denied:${decoding.readVarString(decoder)}`;
  } else if (type === 8) {
    message.saved = decoding.readVarUint(decoder) === 1;
  } else if (type === 5) {
    message.stateless = decoding.readVarString(decoder);
  }
  return message;
}

/** A `ws` client speaking Hocuspocus frames by hand, recording what comes back. */
export async function rawPad(url: string) {
  const { ws, closed } = await rawSocket(url);
  const received: ServerMessage[] = [];
  ws.on("message", (data: Buffer) => received.push(decodeServerMessage(new Uint8Array(data))));
  return {
    ws,
    closed,
    received,
    send(bytes: Uint8Array) {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
    },
    /** Authenticates `documentName` and resolves with the server's answer. */
    async authenticate(documentName: string, token: string): Promise<string> {
      const before = received.length;
      ws.send(padFrames.auth(documentName, token));
      let answer: string | undefined;
      await waitFor(() => {
        answer = received
          .slice(before)
          .find((message) => message.address === documentName && message.auth)?.auth;
        return answer !== undefined;
      }, `an answer to authenticating ${documentName}`);
      return answer!;
    },
  };
}

function hocuspocusFrame(address: string, write: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Frames as a provider would send them (Hocuspocus' MessageType numbers). */
export const padFrames = {
  auth: (address: string, token: string) =>
    hocuspocusFrame(address, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, token);
    }),
  syncStep1: (address: string) =>
    hocuspocusFrame(address, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
    }),
  update: (address: string, update: Uint8Array) =>
    hocuspocusFrame(address, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
  awareness: (
    address: string,
    states: Array<{ clientId: number; clock: number; state: unknown }>,
  ) =>
    hocuspocusFrame(address, (e) => {
      encoding.writeVarUint(e, 1);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, states.length);
      for (const { clientId, clock, state } of states) {
        encoding.writeVarUint(inner, clientId);
        encoding.writeVarUint(inner, clock);
        encoding.writeVarString(inner, JSON.stringify(state));
      }
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    }),
  stateless: (address: string, payload: string) =>
    hocuspocusFrame(address, (e) => {
      encoding.writeVarUint(e, 5);
      encoding.writeVarString(e, payload);
    }),
  close: (address: string) => hocuspocusFrame(address, (e) => encoding.writeVarUint(e, 7)),
};

/** REDIS_URL, else the local Redis when one answers (the project's machines), else "". */
export async function testRedisUrl(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  return (await reachable(6379)) ? "redis://127.0.0.1:6379" : "";
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 300 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
