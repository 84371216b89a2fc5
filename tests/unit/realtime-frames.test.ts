import { randomBytes } from "node:crypto";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { claimAwarenessClient } from "../../realtime/awareness-guard";
import {
  awarenessClientIdsOfFrame,
  awarenessEntriesOfFrame,
  encodeAwarenessEntries,
  framePayloadProblem,
  isYjsUpdate,
  MessageType,
  messageTypeOf,
  readEnvelope,
  syncUpdateOfFrame,
} from "../../realtime/frames";
import { rateLimitedLog, SlotCounter } from "../../realtime/limits";
import { isRoomChangedNotice, ROOM_CHANGED_NOTICE } from "../../realtime/room-relay";

const NAME = "session:0b6f3a52-4f0e-4c43-9c1a-2c8a9b7d1e55";

function frame(address: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(step: number, body: Uint8Array, address = NAME): Uint8Array {
  return frame(address, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, body);
  });
}

/** A document using every kind of content Yjs encodes, with deletions. */
function richUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = doc.getText("code");
  text.insert(0, "def solve(nums):\n    return sorted(nums)\n");
  text.format(0, 3, { bold: true });
  text.insertEmbed(4, { image: "x.png" });
  text.delete(5, 4);
  const map = doc.getMap("meta");
  map.set("language", "python");
  map.set("numbers", [1, 2.5, -3, null, true, { nested: "yes" }]);
  map.set("bytes", new Uint8Array([1, 2, 3]));
  map.set("list", new Y.Array());
  (map.get("list") as Y.Array<unknown>).push(["a", 1, null]);
  const xml = doc.getXmlFragment("board");
  const element = new Y.XmlElement("shape");
  element.setAttribute("kind", "box");
  xml.insert(0, [element, new Y.XmlText("label")]);
  map.set("sub", new Y.Doc());
  map.delete("language");
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

describe("readEnvelope", () => {
  it("takes exactly a session pad's document name", () => {
    expect(readEnvelope(syncFrame(0, new Uint8Array([0])))).toEqual({
      documentName: NAME,
      type: MessageType.Sync,
    });
  });

  it("refuses the same pad under a suffixed address", () => {
    expect(readEnvelope(syncFrame(0, new Uint8Array([0]), `${NAME}\0abc`))).toBeNull();
    expect(readEnvelope(syncFrame(0, new Uint8Array([0]), `${NAME} `))).toBeNull();
    expect(readEnvelope(syncFrame(0, new Uint8Array([0]), "session:not-a-uuid"))).toBeNull();
    // The same pad spelt in capitals would be a second in-memory document.
    expect(readEnvelope(syncFrame(0, new Uint8Array([0]), NAME.toUpperCase()))).toBeNull();
    expect(
      readEnvelope(syncFrame(0, new Uint8Array([0]), `session:${NAME.slice(8).toUpperCase()}`)),
    ).toBeNull();
  });

  it("reads the message type after the address", () => {
    expect(messageTypeOf(syncFrame(0, new Uint8Array([0])))).toBe(MessageType.Sync);
    expect(messageTypeOf(frame(NAME, (e) => encoding.writeVarUint(e, MessageType.Close)))).toBe(
      MessageType.Close,
    );
    expect(messageTypeOf(new Uint8Array([5, 1]))).toBeNull();
  });

  it("refuses server-internal and unknown message types", () => {
    for (const type of [6, 8, 9, 100]) {
      expect(readEnvelope(frame(NAME, (e) => encoding.writeVarUint(e, type)))).toBeNull();
    }
  });
});

describe("framePayloadProblem", () => {
  it("accepts every real Yjs update, as update and as sync step 2", () => {
    for (const update of richUpdates()) {
      expect(isYjsUpdate(update)).toBe(true);
      expect(framePayloadProblem(syncFrame(2, update))).toBeNull();
      expect(framePayloadProblem(syncFrame(1, update))).toBeNull();
    }
  });

  it("accepts what a provider sends: state vector, awareness, auth, stateless, close", () => {
    const doc = new Y.Doc();
    doc.getText("code").insert(0, "x");
    expect(framePayloadProblem(syncFrame(0, Y.encodeStateVector(doc)))).toBeNull();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField("user", { name: "Ada", color: "#3b4cca" });
    const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
    const awarenessFrame = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(e, update);
    });
    expect(framePayloadProblem(awarenessFrame)).toBeNull();
    expect(awarenessClientIdsOfFrame(awarenessFrame)).toEqual([doc.clientID]);
    awareness.destroy();
    const auth = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Auth);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, "token");
      encoding.writeVarString(e, "4.8.0");
    });
    expect(framePayloadProblem(auth)).toBeNull();
    const stateless = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Stateless);
      encoding.writeVarString(e, ROOM_CHANGED_NOTICE);
    });
    expect(framePayloadProblem(stateless)).toBeNull();
    expect(
      framePayloadProblem(frame(NAME, (e) => encoding.writeVarUint(e, MessageType.Close))),
    ).toBe(null);
  });

  it("refuses updates Yjs would ignore the end of, or choke on", () => {
    const [first] = richUpdates();
    // Yjs reads "no structs, no deletions" and stops: the rest would be acked unread.
    expect(isYjsUpdate(new Uint8Array([0, 0, 0xde, 0xad]))).toBe(false);
    expect(isYjsUpdate(Buffer.concat([first!, Buffer.from([7])]))).toBe(false);
    expect(isYjsUpdate(first!.subarray(0, first!.length - 1))).toBe(false);
    expect(framePayloadProblem(syncFrame(2, new Uint8Array([0, 0, 1])))).toBe("invalid update");
    expect(framePayloadProblem(syncFrame(0, new Uint8Array([1, 5])))).toBe("invalid state vector");
    expect(framePayloadProblem(syncFrame(3, new Uint8Array([0, 0])))).toBe("unknown sync step");
  });

  it("refuses an update whose text is not UTF-8 (Yjs would throw on it)", () => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on("update", (u: Uint8Array) => {
      update = u;
    });
    doc.getText("code").insert(0, "abcd");
    const at = Buffer.from(update).indexOf(Buffer.from("abcd"));
    const broken = new Uint8Array(update);
    broken[at] = 0xff;
    expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow();
    expect(isYjsUpdate(update)).toBe(true);
    expect(isYjsUpdate(broken)).toBe(false);
  });

  it("refuses random bytes as an update, and never throws", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const verdict = isYjsUpdate(bytes);
        if (verdict) {
          // Whatever passes must apply cleanly to a document.
          expect(() => Y.applyUpdate(new Y.Doc(), bytes)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
    for (let i = 0; i < 200; i++) {
      expect(isYjsUpdate(randomBytes(1 + (i % 90)))).toBe(false);
    }
  });

  it("names the clients an awareness update sets, not those it removes", () => {
    const update = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 2);
      for (const [clientId, state] of [
        [11, null],
        [12, { user: { name: "Ada" } }],
      ] as const) {
        encoding.writeVarUint(inner, clientId);
        encoding.writeVarUint(inner, 3);
        encoding.writeVarString(inner, JSON.stringify(state));
      }
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
    expect(framePayloadProblem(update)).toBeNull();
    expect(awarenessClientIdsOfFrame(update)).toEqual([12]);
  });

  it("refuses awareness updates that do not decode", () => {
    const bad = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, 42);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, "{not json");
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
    expect(framePayloadProblem(bad)).toBe("invalid awareness update");
    expect(awarenessClientIdsOfFrame(bad)).toBeNull();
  });

  it("refuses auth messages other than a token", () => {
    const denied = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Auth);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, "permission-denied");
    });
    expect(framePayloadProblem(denied)).toBe("unknown auth message");
  });

  it("refuses trailing bytes after any message", () => {
    const stateless = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Stateless);
      encoding.writeVarString(e, "{}");
      encoding.writeUint8(e, 1);
    });
    expect(framePayloadProblem(stateless)).toBe("trailing bytes");
  });
});

describe("claimAwarenessClient", () => {
  const nobodyElse = () => false;

  it("binds a connection to the first client id it sends", () => {
    expect(claimAwarenessClient(undefined, [7, 8], nobodyElse)).toBe(7);
    expect(claimAwarenessClient(7, [8], nobodyElse)).toBe(7);
  });

  it("refuses an id another connection of the document speaks for", () => {
    expect(claimAwarenessClient(undefined, [7], (id) => id === 7)).toBeUndefined();
    expect(claimAwarenessClient(undefined, [], nobodyElse)).toBeUndefined();
  });
});

describe("isRoomChangedNotice", () => {
  it("takes only the room-changed notice", () => {
    expect(isRoomChangedNotice(ROOM_CHANGED_NOTICE)).toBe(true);
    expect(isRoomChangedNotice('{ "type" : "room:changed" }')).toBe(true);
    for (const forged of [
      '{"type":"room:changed","role":"interviewer"}',
      '{"type":"room:other"}',
      '["room:changed"]',
      "room:changed",
      "null",
      '{"type":"room:changed"',
      `{"type":"room:changed"${" ".repeat(100)}}`,
    ]) {
      expect(isRoomChangedNotice(forged)).toBe(false);
    }
  });
});

describe("SlotCounter", () => {
  it("gives out at most the limit per key and takes each slot back once", () => {
    const counter = new SlotCounter(2);
    const a = counter.take("u:s")!;
    const b = counter.take("u:s")!;
    expect(counter.take("u:s")).toBeNull();
    expect(counter.take("v:s")).not.toBeNull();
    counter.release(a);
    counter.release(a);
    expect(counter.count("u:s")).toBe(1);
    expect(counter.take("u:s")).not.toBeNull();
    expect(counter.take("u:s")).toBeNull();
    counter.release(b);
    expect(counter.count("u:s")).toBe(1);
  });
});

describe("rateLimitedLog", () => {
  it("writes the first lines of a minute, then says how many it left out", () => {
    let clock = 0;
    const lines: string[] = [];
    const log = rateLimitedLog(
      (line) => lines.push(line),
      2,
      () => clock,
    );
    for (let i = 0; i < 5; i++) log(`line ${i}`);
    expect(lines).toEqual(["line 0", "line 1"]);
    clock = 60_000;
    log("later");
    expect(lines).toEqual([
      "line 0",
      "line 1",
      "realtime: 3 similar lines left out in the last minute",
      "later",
    ]);
  });
});

describe("the frames the short path takes", () => {
  it("finds the update in an update step, and nothing in the other sync steps", () => {
    const [update] = richUpdates();
    expect(syncUpdateOfFrame(syncFrame(2, update!))).toEqual(update);
    expect(syncUpdateOfFrame(syncFrame(1, update!))).toBeNull();
    expect(syncUpdateOfFrame(syncFrame(0, new Uint8Array([0])))).toBeNull();
    const awareness = frame(NAME, (e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(e, new Uint8Array([0]));
    });
    expect(syncUpdateOfFrame(awareness)).toBeNull();
  });

  it("reads awareness entries as sent and writes them back byte for byte", () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name: "Ada", color: "#123456" }, cursor: null });
    const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
    const entries = awarenessEntriesOfFrame(
      frame(NAME, (e) => {
        encoding.writeVarUint(e, MessageType.Awareness);
        encoding.writeVarUint8Array(e, update);
      }),
    );
    expect(entries).toEqual([
      {
        clientId: doc.clientID,
        clock: awareness.meta.get(doc.clientID)!.clock,
        state: JSON.stringify(awareness.getLocalState()),
      },
    ]);
    expect(encodeAwarenessEntries(entries!)).toEqual(update);
    expect(awarenessEntriesOfFrame(syncFrame(2, new Uint8Array([0, 0])))).toBeNull();
  });
});
