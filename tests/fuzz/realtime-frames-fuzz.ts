import { WebSocket } from "ws";
import * as Y from "yjs";
import { padFrames } from "../support/realtime";

// Hostile websocket traffic for the realtime server: valid Hocuspocus/Yjs frames mutated
// (bits flipped, cut short, spliced, varints blown up), garbage, huge frames, messages
// fragmented across websocket continuation frames, and floods, from a seeded generator so
// that a failure can be replayed (FUZZ_SEED). Used by tests/integration/realtime-fuzz.test.ts
// (30 s in the normal suite, 10 minutes under `npm run fuzz`).

/** xorshift32: small, seeded, good enough to pick mutations. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    bytes: (length: number) => {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Real frames a provider sends for `documentName`, to mutate. */
export function validFrames(documentName: string, token: string, random: Random): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText("code").insert(0, `print(${random.int(1000)})\n`.repeat(1 + random.int(5)));
  doc.getMap("board").set(`el${random.int(100)}`, { id: "x", type: "rectangle", x: 1, y: 2 });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return [
    padFrames.auth(documentName, token),
    padFrames.syncStep1(documentName),
    padFrames.update(documentName, update),
    padFrames.awareness(documentName, [
      { clientId: 1 + random.int(2 ** 30), clock: random.int(10), state: { user: { name: "Z" } } },
    ]),
    padFrames.stateless(documentName, JSON.stringify({ type: "room:changed" })),
    padFrames.close(documentName),
  ];
}

/** One mutation of a frame. */
export function mutate(frame: Uint8Array, random: Random): Uint8Array {
  const copy = new Uint8Array(frame);
  switch (random.int(8)) {
    case 0: {
      // Flip a few bits.
      for (let k = 0; k < 1 + random.int(4); k++)
        copy[random.int(copy.length)]! ^= 1 << random.int(8);
      return copy;
    }
    case 1:
      return copy.slice(0, random.int(copy.length));
    case 2: {
      // A run of random bytes spliced in.
      const at = random.int(copy.length + 1);
      return concat(copy.slice(0, at), random.bytes(1 + random.int(64)), copy.slice(at));
    }
    case 3: {
      // A varint claiming a huge length (0xff… continuation bytes).
      const at = random.int(copy.length + 1);
      const bomb = new Uint8Array(5 + random.int(6)).fill(0xff);
      return concat(copy.slice(0, at), bomb, copy.slice(at));
    }
    case 4:
      return concat(copy, copy);
    case 5: {
      const at = random.int(copy.length);
      copy[at] = random.pick([0, 1, 0x7f, 0x80, 0xff]);
      return copy;
    }
    case 6:
      return copy.slice(random.int(copy.length));
    default:
      return concat(copy, random.bytes(random.int(32)));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface FuzzTally {
  sockets: number;
  messages: number;
  bytes: number;
  refusedConnections: number;
}

/** Opens a socket; null when the server refused the upgrade (which is an answer, not a crash). */
function open(url: string, tally: FuzzTally): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    tally.sockets++;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(null);
    }, 5000);
    ws.on("open", () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.on("error", () => {
      clearTimeout(timer);
      tally.refusedConnections++;
      resolve(null);
    });
    ws.on("message", () => {});
  });
}

function send(ws: WebSocket, data: Uint8Array | string, tally: FuzzTally, options = {}) {
  if (ws.readyState !== WebSocket.OPEN) return;
  tally.messages++;
  tally.bytes += data.length;
  ws.send(data, options);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One round of hostile traffic on a fresh socket: what kind is chosen by the generator.
 * Resolves when the round's socket is done (closed by us or by the server).
 */
export async function fuzzRound(
  url: string,
  documentName: string,
  token: string,
  random: Random,
  tally: FuzzTally,
): Promise<string> {
  const ws = await open(url, tally);
  if (!ws) return "refused";
  const frames = validFrames(documentName, token, random);
  const kind = random.pick([
    "mutated-after-auth",
    "mutated-before-auth",
    "garbage",
    "text",
    "huge",
    "fragmented",
    "flood",
    "many-documents",
  ] as const);
  try {
    switch (kind) {
      case "mutated-after-auth":
        send(ws, frames[0]!, tally);
        send(ws, frames[1]!, tally);
        for (let i = 0; i < 5 + random.int(30); i++) {
          send(ws, mutate(random.pick(frames.slice(1)), random), tally);
        }
        break;
      case "mutated-before-auth":
        for (let i = 0; i < 1 + random.int(10); i++)
          send(ws, mutate(random.pick(frames), random), tally);
        break;
      case "garbage":
        for (let i = 0; i < 1 + random.int(20); i++)
          send(ws, random.bytes(random.int(2048)), tally);
        break;
      case "text":
        send(ws, Buffer.from(random.bytes(random.int(512))).toString("latin1"), tally);
        break;
      case "huge": {
        // Past any sane frame: a valid header, then megabytes.
        const size = (1 + random.int(8)) * 1024 * 1024;
        send(ws, concat(frames[2]!.slice(0, 40), random.bytes(size)), tally);
        break;
      }
      case "fragmented": {
        // One message in many websocket continuation frames, sometimes never finished.
        const message = random.pick(frames);
        const finish = random.next() < 0.7;
        for (let at = 0; at < message.length; at += 1 + random.int(8)) {
          const last = at + 8 >= message.length;
          send(ws, message.slice(at, at + 8), tally, { fin: last && finish });
          if (last) break;
        }
        break;
      }
      case "flood":
        send(ws, frames[0]!, tally);
        for (let i = 0; i < 500 + random.int(2000); i++) {
          send(ws, random.next() < 0.5 ? frames[3]! : frames[4]!, tally);
        }
        break;
      case "many-documents":
        for (let i = 0; i < 20 + random.int(50); i++) {
          const name = `session:${crypto.randomUUID()}`;
          send(ws, padFrames.auth(name, token), tally);
        }
        break;
    }
    await settle(20 + random.int(200));
  } finally {
    if (random.next() < 0.5) ws.terminate();
    else ws.close();
  }
  return kind;
}
