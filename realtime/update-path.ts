import { type Connection, type Document, OutgoingMessage } from "@hocuspocus/server";
import { applyAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { type AwarenessOwners, guardAwarenessFrame } from "./awareness-guard";
import type { AwarenessEntry } from "./frames";

// The hot path of a live pad: document updates and presence from a connection Hocuspocus
// has already opened. At 500 rooms the profile put a third of the server's time into what
// Hocuspocus does around each such frame rather than in Yjs: a queue and four hook chains
// per frame, a scratch Y.Doc per presence frame, an acknowledgement written to the sender
// per update, and the update echoed back to its own sender. Here an update is applied to
// the Hocuspocus document directly, with the connection as its origin, so Hocuspocus'
// own machinery downstream stays as it is: onChange and the store debounce (and the
// Redis fan-out) see every update, and the document's batched broadcast sends it on.
// Everything else a provider sends (sync steps, auth, stateless, close) still goes
// through Hocuspocus. See docs/decisions/0018-realtime-at-scale.md.

/** The transaction origin Hocuspocus gives updates from a connection. */
function originOf(connection: Connection) {
  return { source: "connection" as const, connection };
}

/** How often waiting acknowledgements are looked at. */
const ACK_TICK_MS = 50;

export class UpdatePath {
  /**
   * Acknowledgements owed, per connection, in the order their first one became due: a
   * tick sends those that have waited `ackDelayMs`, so the writes spread over time with
   * the typing instead of every connection's going out in one burst.
   */
  private readonly pendingAcks = new Map<Connection, { count: number; since: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      owners: AwarenessOwners;
      /**
       * Acknowledgements wait up to this long and go out together. The provider only
       * counts them (`unsyncedChanges`), so one write holding several costs a socket
       * write per batch instead of per keystroke.
       */
      ackDelayMs: number;
    },
  ) {}

  /** Applies a Yjs update a connection sent (already checked by `framePayloadProblem`). */
  applyUpdate(connection: Connection, update: Uint8Array): void {
    if (connection.readOnly) {
      // As Hocuspocus answers: not applied, so the provider keeps it as unsynced.
      connection.send(syncStatus(connection, false));
      return;
    }
    Y.applyUpdate(connection.document, update, originOf(connection));
    const pending = this.pendingAcks.get(connection);
    if (pending) pending.count += 1;
    else this.pendingAcks.set(connection, { count: 1, since: Date.now() });
    this.timer ??= setInterval(() => this.sendDueAcks(), ACK_TICK_MS);
  }

  /** Applies the part of a presence frame that the connection may speak for. */
  applyAwareness(connection: Connection, entries: readonly AwarenessEntry[]): void {
    const update = guardAwarenessFrame(this.options.owners, connection, entries);
    if (update) applyAwarenessUpdate(connection.document.awareness, update, originOf(connection));
  }

  /** Sends every acknowledgement still waiting (on shutdown). */
  flushAcks(): void {
    this.sendDueAcks(Number.POSITIVE_INFINITY);
  }

  private sendDueAcks(now = Date.now()): void {
    for (const [connection, { count, since }] of this.pendingAcks) {
      if (now - since < this.options.ackDelayMs) break;
      this.pendingAcks.delete(connection);
      // A closed connection's provider starts counting afresh when it reconnects.
      if (!connection.document.hasConnection(connection)) continue;
      const ack = syncStatus(connection, true);
      const socket = rawSocketOf(connection);
      socket?.cork();
      for (let i = 0; i < count; i++) connection.send(ack);
      socket?.uncork();
    }
    if (this.pendingAcks.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function syncStatus(connection: Connection, applied: boolean): Uint8Array {
  return new OutgoingMessage(connection.messageAddress).writeSyncStatus(applied).toUint8Array();
}

/** The TCP socket under a `ws` WebSocket, to write several frames in one go. */
function rawSocketOf(connection: Connection): { cork(): void; uncork(): void } | undefined {
  const socket = (connection.webSocket as { _socket?: { cork?: unknown; uncork?: unknown } })
    ._socket;
  return typeof socket?.cork === "function" && typeof socket.uncork === "function"
    ? (socket as { cork(): void; uncork(): void })
    : undefined;
}

/** What `skipEchoToSoleOrigin` uses of Document beyond its public API. */
interface DocumentInternals {
  broadcast(encode: (address: string) => Uint8Array, filter?: (c: Connection) => boolean): void;
  broadcastUpdate(update: Uint8Array): void;
}

/**
 * Hocuspocus sends each batch of updates to every connection of the document, the one
 * that sent it included; its provider applies its own update again, to no effect. When a
 * batch holds one connection's updates only, this leaves that connection out. Returns
 * false (and changes nothing) if this Hocuspocus no longer has the methods it replaces.
 */
export function skipEchoToSoleOrigin(document: Document): boolean {
  const internals = document as unknown as DocumentInternals;
  if (
    typeof internals.broadcast !== "function" ||
    typeof internals.broadcastUpdate !== "function" ||
    typeof document.callbacks?.onUpdate !== "function"
  ) {
    return false;
  }
  // The origins of the updates in the batch being gathered; null for a non-connection.
  const origins = new Set<Connection | null>();
  const onUpdate = document.callbacks.onUpdate;
  // Runs before Hocuspocus buffers (or, with batching off, sends) the update.
  document.callbacks.onUpdate = (doc, origin, update) => {
    origins.add(connectionOf(origin));
    onUpdate(doc, origin, update);
  };
  internals.broadcastUpdate = (update) => {
    const [sole] = origins.size === 1 ? origins : [null];
    origins.clear();
    internals.broadcast(
      (address) =>
        new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array(),
      sole ? (connection) => connection !== sole : undefined,
    );
  };
  return true;
}

function connectionOf(origin: unknown): Connection | null {
  if (typeof origin !== "object" || origin === null) return null;
  const { source, connection } = origin as { source?: unknown; connection?: Connection };
  return source === "connection" && connection ? connection : null;
}
