import type { Connection, Extension } from "@hocuspocus/server";
import { awarenessClientIdsOfFrame } from "./frames";

// Presence (cursors, names) travels as awareness updates, which Hocuspocus relays to
// every connection of the document as they come. A connection may speak only for its own
// awareness client: otherwise one participant could overwrite the other's cursor and name,
// or invent people in the room. Read-only connections (the pad after the session) show no
// presence at all.

/**
 * The awareness client id a connection speaks for: the one it is bound to, else the first
 * id it sends, unless another connection of the document already speaks for that one.
 * Undefined: nothing it sent is its own.
 */
export function claimAwarenessClient(
  bound: number | undefined,
  sent: readonly number[],
  heldElsewhere: (clientId: number) => boolean,
): number | undefined {
  if (bound !== undefined) return bound;
  const first = sent[0];
  if (first === undefined || heldElsewhere(first)) return undefined;
  return first;
}

export function awarenessGuard(): Extension {
  const owners = new WeakMap<Connection, number>();
  // Hocuspocus hands beforeHandleAwareness the decoded states of a scratch Awareness,
  // which holds an empty state of its own besides what the client sent; the client ids
  // actually sent come from the frame, read just before (messages of one connection are
  // handled one at a time).
  const sentIds = new WeakMap<Connection, number[]>();

  return {
    extensionName: "peerloop-awareness-guard",

    async beforeHandleMessage({ connection, update }) {
      const ids = awarenessClientIdsOfFrame(update);
      if (ids) sentIds.set(connection, ids);
    },

    async beforeHandleAwareness({ connection, document, states }) {
      // Without a connection the update comes from this server or another instance
      // (Redis), which guarded it on its side.
      if (!connection) return;
      const sent = sentIds.get(connection) ?? [];
      sentIds.delete(connection);
      const owner = connection.readOnly
        ? undefined
        : claimAwarenessClient(owners.get(connection), sent, (clientId) =>
            document
              .getConnections()
              .some((other) => other !== connection && owners.get(other) === clientId),
          );
      if (owner !== undefined) owners.set(connection, owner);
      // Emptied, the update changes nothing and Hocuspocus relays nothing.
      for (const clientId of [...states.keys()]) {
        if (clientId !== owner || !sent.includes(clientId)) states.delete(clientId);
      }
    },
  };
}
