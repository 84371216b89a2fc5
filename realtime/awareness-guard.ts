import type { Connection, Document, Extension } from "@hocuspocus/server";
import { type AwarenessEntry, awarenessClientIdsOfFrame, encodeAwarenessEntries } from "./frames";

// Presence (cursors, names) travels as awareness updates, which Hocuspocus relays to
// every connection of the document as they come. A connection may speak only for its own
// awareness client: otherwise one participant could overwrite the other's cursor and name,
// or invent people in the room. Read-only connections (the pad after the session) show no
// presence at all.
//
// Two paths apply the same rule: frames of an open connection are guarded by
// `guardAwarenessFrame` before our server applies them itself (see update-path.ts); the
// few that Hocuspocus handles (queued while the connection was being authenticated) pass
// the `awarenessGuard` extension.

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

/** Which awareness client each connection speaks for, shared by both paths. */
export class AwarenessOwners {
  private readonly owners = new WeakMap<Connection, number>();

  /** The client id `connection` may set a state for, given the ids it sent states for. */
  ownerFor(connection: Connection, document: Document, sent: readonly number[]) {
    if (connection.readOnly) return undefined;
    const owner = claimAwarenessClient(this.owners.get(connection), sent, (clientId) =>
      document
        .getConnections()
        .some((other) => other !== connection && this.owners.get(other) === clientId),
    );
    if (owner !== undefined) this.owners.set(connection, owner);
    return owner;
  }
}

/**
 * The awareness update to apply for a frame's entries: only the sender's own client, and
 * only a state (a client leaves when its connection closes, not when it says so). Null:
 * nothing to apply.
 */
export function guardAwarenessFrame(
  owners: AwarenessOwners,
  connection: Connection,
  entries: readonly AwarenessEntry[],
): Uint8Array | null {
  const withState = entries.filter((entry) => JSON.parse(entry.state) !== null);
  const owner = owners.ownerFor(
    connection,
    connection.document,
    withState.map((entry) => entry.clientId),
  );
  if (owner === undefined) return null;
  const own = withState.filter((entry) => entry.clientId === owner);
  return own.length > 0 ? encodeAwarenessEntries(own) : null;
}

export function awarenessGuard(owners: AwarenessOwners): Extension {
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
      const owner = owners.ownerFor(connection, document, sent);
      // Emptied, the update changes nothing and Hocuspocus relays nothing.
      for (const clientId of [...states.keys()]) {
        if (clientId !== owner || !sent.includes(clientId)) states.delete(clientId);
      }
    },
  };
}
