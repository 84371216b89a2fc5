import { isUtf8 } from "node:buffer";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { padDocumentName, sessionIdFromDocumentName } from "../app/modules/sessions/realtime-token";

// What a frame from a provider may look like, checked before Hocuspocus sees it. Pure:
// bytes in, a verdict out. Hocuspocus and Yjs would otherwise find out about a bad frame
// by throwing halfway through it (a stack in the log per frame), or not at all (Yjs
// stops reading an update where it ends and ignores what follows, and Hocuspocus acks
// it as saved).

/** Hocuspocus' MessageType values a provider sends. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  Close: 7,
} as const;

// BroadcastStateless (6) is server-internal and SyncStatus (8) goes the other way.
const CLIENT_MESSAGE_TYPES: ReadonlySet<number> = new Set(Object.values(MessageType));

const AUTH_TOKEN = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export interface Envelope {
  documentName: string;
  type: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The frame's address and message type. The address must be exactly a session pad's
 * document name: Hocuspocus would take `name\0<anything>` as one more connection to the
 * same document, so one socket could hold the pad thousands of times over (and get every
 * update echoed as often). Our provider does not use session-aware addresses.
 */
export function readEnvelope(bytes: Uint8Array): Envelope | null {
  const reader = { pos: 0 };
  const length = readVarUint(bytes, reader);
  if (length === null || length > 200 || reader.pos + length > bytes.length) return null;
  let address: string;
  try {
    address = STRICT_UTF8.decode(bytes.subarray(reader.pos, reader.pos + length));
  } catch {
    return null;
  }
  reader.pos += length;
  const sessionId = sessionIdFromDocumentName(address);
  // Canonical spelling only: "session:<ID>" in capitals would be a second in-memory
  // document for the same stored pad, each overwriting the other's saves.
  if (!sessionId || !UUID.test(sessionId) || address !== padDocumentName(sessionId)) return null;
  const type = readVarUint(bytes, reader);
  if (type === null || !CLIENT_MESSAGE_TYPES.has(type)) return null;
  return { documentName: address, type };
}

/** The message type of a frame that passed `readEnvelope`, read without decoding text. */
export function messageTypeOf(bytes: Uint8Array): number | null {
  const reader = { pos: 0 };
  const length = readVarUint(bytes, reader);
  if (length === null) return null;
  reader.pos += length;
  return readVarUint(bytes, reader);
}

/**
 * Null when the frame's body decodes completely as what its type says (a Yjs update, a
 * state vector, an awareness update, a token…), else the reason. Only structure is
 * checked; whether the sender may do it is for the hooks.
 */
export function framePayloadProblem(bytes: Uint8Array): string | null {
  const decoder = decoding.createDecoder(bytes);
  try {
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const step = decoding.readVarUint(decoder);
        const body = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP_1) {
          if (!isStateVector(body)) return "invalid state vector";
        } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
          if (!isYjsUpdate(body)) return "invalid update";
        } else {
          return "unknown sync step";
        }
        break;
      }
      case MessageType.Awareness:
        if (readAwarenessClientIds(decoding.readVarUint8Array(decoder)) === null) {
          return "invalid awareness update";
        }
        break;
      case MessageType.Auth:
        // A client only ever sends its token; Hocuspocus logs any other kind, per frame.
        if (decoding.readVarUint(decoder) !== AUTH_TOKEN) return "unknown auth message";
        decoding.readVarString(decoder);
        // Newer providers append their version.
        if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
        break;
      case MessageType.Stateless:
        decoding.readVarString(decoder);
        break;
      case MessageType.QueryAwareness:
        break;
      case MessageType.Close:
        // Our provider sends no body; a reason string (as the server writes one) is allowed.
        if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
        break;
      default:
        return "unknown message type";
    }
    return decoding.hasContent(decoder) ? "trailing bytes" : null;
  } catch {
    return "truncated message";
  }
}

/**
 * The client ids whose state an Awareness frame sets (removals, a null state, left out);
 * null when it is not an Awareness frame or does not decode.
 */
export function awarenessClientIdsOfFrame(bytes: Uint8Array): number[] | null {
  const decoder = decoding.createDecoder(bytes);
  try {
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return null;
    return readAwarenessClientIds(decoding.readVarUint8Array(decoder));
  } catch {
    return null;
  }
}

/**
 * The Yjs update a Sync (or SyncReply) frame carries as an "update" step, else null.
 * Only for frames `framePayloadProblem` passed.
 */
export function syncUpdateOfFrame(bytes: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(bytes);
  try {
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
    if (decoding.readVarUint(decoder) !== SYNC_UPDATE) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/**
 * The Yjs update a Sync (or SyncReply) frame would apply, a "sync step 2" or an
 * "update", else null. Only for frames `framePayloadProblem` passed.
 */
export function appliedUpdateOfFrame(
  bytes: Uint8Array,
): { update: Uint8Array; step: "sync" | "update" } | null {
  const decoder = decoding.createDecoder(bytes);
  try {
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
    const step = decoding.readVarUint(decoder);
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
    return {
      update: decoding.readVarUint8Array(decoder),
      step: step === SYNC_UPDATE ? "update" : "sync",
    };
  } catch {
    return null;
  }
}

/** One client's entry of an awareness update, as sent. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; "null" when the client says it has left. */
  state: string;
}

/** The entries of an Awareness frame (null when it is not one, or does not decode). */
export function awarenessEntriesOfFrame(bytes: Uint8Array): AwarenessEntry[] | null {
  const decoder = decoding.createDecoder(bytes);
  try {
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return null;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      entries.push({ clientId, clock, state: decoding.readVarString(update) });
    }
    return entries;
  } catch {
    return null;
  }
}

/** An awareness update (y-protocols' encoding) holding exactly these entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** y-protocols' awareness update: count, then (clientID, clock, JSON state) each. */
function readAwarenessClientIds(update: Uint8Array): number[] | null {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      if (JSON.parse(decoding.readVarString(decoder)) !== null) ids.push(clientId);
    }
    return decoding.hasContent(decoder) ? null : ids;
  } catch {
    return null;
  }
}

function isStateVector(bytes: Uint8Array): boolean {
  const decoder = decoding.createDecoder(bytes);
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
    return !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

// Yjs' struct info byte (see yjs/src/utils/encoding.js, readClientsStructRefs).
const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const SKIP = 10;

/**
 * Walks a Yjs (v1) update the way Yjs' struct reader does, without building anything:
 * structs per client, then the delete set, and nothing after. Every loop consumes at
 * least a byte per turn, so the walk is linear in the frame size.
 */
export function isYjsUpdate(bytes: Uint8Array): boolean {
  const decoder = decoding.createDecoder(bytes);
  try {
    const clients = decoding.readVarUint(decoder);
    for (let i = 0; i < clients; i++) {
      const structs = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // client
      decoding.readVarUint(decoder); // clock
      for (let j = 0; j < structs; j++) {
        const info = decoding.readUint8(decoder);
        if (info === SKIP || (info & BITS5) === 0) {
          decoding.readVarUint(decoder); // Skip or GC length
          continue;
        }
        if ((info & BIT8) === BIT8) readId(decoder); // origin
        if ((info & BIT7) === BIT7) readId(decoder); // right origin
        if ((info & (BIT7 | BIT8)) === 0) {
          if (decoding.readVarUint(decoder) === 1) skipString(decoder);
          else readId(decoder);
          if ((info & BIT6) === BIT6) skipString(decoder); // parentSub
        }
        if (!skipContent(decoder, info & BITS5)) return false;
      }
    }
    const deleteClients = decoding.readVarUint(decoder);
    for (let i = 0; i < deleteClients; i++) {
      decoding.readVarUint(decoder); // client
      const ranges = decoding.readVarUint(decoder);
      for (let j = 0; j < ranges; j++) {
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
      }
    }
    return !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

/**
 * A string Yjs only stores (text, keys, names) is checked, not decoded: Yjs refuses bad
 * UTF-8, and checking is far cheaper than building the string.
 */
function skipString(decoder: decoding.Decoder) {
  if (!isUtf8(decoding.readVarUint8Array(decoder))) throw new Error("invalid UTF-8");
}

function readId(decoder: decoding.Decoder) {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Yjs' content refs 1–9 (yjs/src/structs/Item.js contentRefs). */
function skipContent(decoder: decoding.Decoder, ref: number): boolean {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return true;
    case 2: {
      // JSON: strings, each "undefined" or JSON
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) {
        const value = decoding.readVarString(decoder);
        if (value !== "undefined") JSON.parse(value);
      }
      return true;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return true;
    case 4: // string
      skipString(decoder);
      return true;
    case 5: // embed
      JSON.parse(decoding.readVarString(decoder));
      return true;
    case 6: // format: key, JSON value
      skipString(decoder);
      JSON.parse(decoding.readVarString(decoder));
      return true;
    case 7: {
      // type: Array, Map, Text, XmlElement(name), XmlFragment, XmlHook(name), XmlText
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > 6) return false;
      if (typeRef === 3 || typeRef === 5) skipString(decoder);
      return true;
    }
    case 8: {
      // any
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) readAny(decoder);
      return true;
    }
    case 9: // subdocument: guid, options
      skipString(decoder);
      readAny(decoder);
      return true;
    default:
      return false;
  }
}

/** lib0's readAny answers an unknown tag with a TypeError; say no instead. */
function readAny(decoder: decoding.Decoder): void {
  const tag = decoder.arr[decoder.pos];
  if (tag === undefined || tag < 116 || tag > 127) throw new Error("unknown value tag");
  decoding.readAny(decoder);
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** lib0's varUint (7 bits a byte, little end first), bounded to 32 bits. */
function readVarUint(bytes: Uint8Array, reader: { pos: number }): number | null {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (reader.pos >= bytes.length) return null;
    const byte = bytes[reader.pos++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
  }
  return null;
}
