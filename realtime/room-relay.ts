import type { Connection, Extension } from "@hocuspocus/server";

// The room tells the peer "something changed, look again" (roles switched, the question
// moved on) through the pad's socket: a participant's provider sends this stateless
// message and the server passes it to the other connections of the same document. Only
// this exact notice is relayed, only from a writable connection, and at most once per
// interval per connection (more fold into one at the interval's end); the receiver
// revalidates from the server, so the notice carries no data worth forging.

export const ROOM_CHANGED_NOTICE = JSON.stringify({ type: "room:changed" });

/** True for exactly `{"type":"room:changed"}` (as JSON, spacing aside). */
export function isRoomChangedNotice(payload: string): boolean {
  if (payload.length > 64) return false;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return false;
  }
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { type?: unknown }).type === "room:changed"
  );
}

export function roomRelay(options: { intervalMs: number; now?: () => number }): Extension {
  const now = options.now ?? Date.now;
  const relays = new WeakMap<Connection, { lastAt: number; pending: boolean }>();

  // The canonical text, never the sender's bytes; broadcastStateless also reaches the
  // other instances through Redis.
  const relay = (connection: Connection) => {
    if (!connection.document.hasConnection(connection)) return;
    connection.document.broadcastStateless(ROOM_CHANGED_NOTICE, (other) => other !== connection);
  };

  return {
    extensionName: "peerloop-room-relay",

    async onStateless({ connection, payload }) {
      if (connection.readOnly || !isRoomChangedNotice(payload)) return;
      const at = now();
      const state = relays.get(connection);
      if (!state || at - state.lastAt >= options.intervalMs) {
        relays.set(connection, { lastAt: at, pending: false });
        relay(connection);
        return;
      }
      // Notices inside the interval fold into one at its end, so the peer still looks
      // again after the last change (two quick role switches must not leave it stale).
      if (state.pending) return;
      state.pending = true;
      setTimeout(
        () => {
          state.pending = false;
          state.lastAt = now();
          relay(connection);
        },
        options.intervalMs - (at - state.lastAt),
      ).unref();
    },
  };
}
