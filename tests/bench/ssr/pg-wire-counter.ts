import net from "node:net";

// Counts what this process says to PostgreSQL, read off the wire: every socket write to
// the server is one round trip (postgres.js pipelines what is queued in the same tick
// into one write), every Execute or simple Query message is one statement, and every
// byte the server sends back is counted as read. Patching the socket prototype keeps
// db/client.ts exactly as production runs it.

export interface WireCounts {
  statements: number;
  roundTrips: number;
  bytesRead: number;
}

const counts: WireCounts = { statements: 0, roundTrips: 0, bytesRead: 0 };
const watched = new WeakSet<net.Socket>();

/** Frontend message types after start-up (PostgreSQL protocol 3). */
const FRONTEND_TYPES = new Set("PBDESHCQXpFfcd".split("").map((c) => c.charCodeAt(0)));
const EXECUTE = "E".charCodeAt(0);
const QUERY = "Q".charCodeAt(0);

function countMessages(chunk: Uint8Array) {
  const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let at = 0;
  while (at + 5 <= view.length) {
    const type = view[at]!;
    // The start-up and SSL messages carry no type byte: nothing to count in them.
    if (!FRONTEND_TYPES.has(type)) return;
    if (type === EXECUTE || type === QUERY) counts.statements++;
    at += 1 + view.readInt32BE(at + 1);
  }
}

export function installWireCounter(port: number) {
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function patchedWrite(
    this: net.Socket,
    ...args: Parameters<net.Socket["write"]>
  ) {
    if (this.remotePort === port) {
      if (!watched.has(this)) {
        watched.add(this);
        this.on("data", (data: Buffer) => {
          counts.bytesRead += data.length;
        });
      }
      const chunk = args[0];
      if (typeof chunk !== "string") {
        counts.roundTrips++;
        countMessages(chunk as Uint8Array);
      }
    }
    return write.apply(this, args);
  } as net.Socket["write"];
}

export function readWireCounts(): WireCounts {
  return { ...counts };
}

export function resetWireCounts() {
  counts.statements = 0;
  counts.roundTrips = 0;
  counts.bytesRead = 0;
}
