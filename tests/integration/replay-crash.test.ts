import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { docContent, documentAt, scanTimeline } from "~/modules/replay/timeline";
import { padDocumentName } from "~/modules/sessions/realtime-token";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { bookPadSession, padToken, sleep, waitFor } from "../support/realtime";
import { cleanUpRealtimeProcesses, startRealtimeProcess } from "../support/realtime-process";
import { loadRecordedUpdates } from "../support/replay-fixtures";

// kill -9 of a realtime server while it records: the standalone tier (realtime/main.ts)
// runs as a child process on the test's PostgreSQL database, is killed mid-typing, and
// a second one takes over. Nothing older than the flush interval may be lost, and the
// timeline shows a gap where the first died, never a corrupt document. PostgreSQL only:
// two processes cannot share the embedded PGlite.

const db = setupFreshDatabase();

/** The recorder's default flush interval (realtime/replay-recorder.ts). */
const FLUSH_INTERVAL_MS = 1000;
/** For the keystroke to reach the server and the batch's INSERT to commit. */
const DELIVERY_SLACK_MS = 500;
const PORT = 4617;

cleanUpRealtimeProcesses();

const startServer = () => startRealtimeProcess({ port: PORT, databaseUrl: db.url!() });

function connect(sessionId: string, userId: string, doc: Y.Doc) {
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${PORT}/realtime`,
    WebSocketPolyfill: WebSocket,
    maxAttempts: 1,
  });
  let synced = false;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: padDocumentName(sessionId),
    document: doc,
    token: padToken({ sub: userId, sid: sessionId }),
    onSynced: ({ state }) => {
      synced = state;
    },
  });
  provider.attach();
  return {
    synced: () => synced,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

describe.skipIf(!usingPostgres)("a realtime server killed while recording", () => {
  it("loses nothing older than the flush interval and shows a gap, not a corrupt state", async () => {
    const session = await bookPadSession("Crash", 48);
    const doc = new Y.Doc();
    const code = doc.getText("code");
    const first = await startServer();
    let client = connect(session.sessionId, session.candidateId, doc);
    await waitFor(() => client.synced(), "the first server to sync");

    // Type one character every 20 ms for 3 s, noting when each was typed, then kill -9.
    const typedAt: number[] = [];
    const alphabet = "abcdefghijklmnopqrstuvwxyz";
    const typing = setInterval(() => {
      code.insert(code.length, alphabet[typedAt.length % alphabet.length]!);
      typedAt.push(Date.now());
    }, 20);
    await sleep(3000);
    const firstExited = first.kill("SIGKILL");
    const killedAt = Date.now();
    clearInterval(typing);
    await firstExited;
    client.destroy();

    const afterKill = await loadRecordedUpdates(session.sessionId);
    const recorded = documentAt(null, afterKill, Number.POSITIVE_INFINITY);
    expect(recorded.incomplete).toBe(false);
    const recordedText = docContent(recorded.doc).code;
    const mustHave = typedAt.filter(
      (at) => at < killedAt - FLUSH_INTERVAL_MS - DELIVERY_SLACK_MS,
    ).length;
    expect(mustHave).toBeGreaterThan(50);
    expect(recordedText.length).toBeGreaterThanOrEqual(mustHave);
    expect(code.toString().startsWith(recordedText)).toBe(true);

    // A new server takes over; the person's provider gives back what the first lost.
    const second = await startServer();
    client = connect(session.sessionId, session.candidateId, doc);
    await waitFor(() => client.synced(), "the second server to sync");
    code.insert(code.length, "!");
    await waitFor(
      async () => {
        const log = await loadRecordedUpdates(session.sessionId);
        return (
          docContent(documentAt(null, log, Number.POSITIVE_INFINITY).doc).code === code.toString()
        );
      },
      "the second server to record the rest",
      10_000,
    );
    client.destroy();
    await second.kill("SIGTERM");

    const log = await loadRecordedUpdates(session.sessionId);
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
    const { gaps, final } = scanTimeline(null, log);
    const lost = gaps.filter((gap) => gap.kind === "recorder_lost");
    expect(lost).toHaveLength(1);
    expect(lost[0]!.from).toBeLessThanOrEqual(killedAt);
    expect(lost[0]!.to).toBeGreaterThanOrEqual(killedAt);
    expect(docContent(final.doc).code).toBe(code.toString());
    expect(log.at(-1)?.mark).toBe("closed");
    // At every recorded moment the document is whole: what was typed up to some point.
    for (const row of log) {
      const at = documentAt(null, log, row.at);
      expect(at.incomplete).toBe(false);
      expect(code.toString().startsWith(docContent(at.doc).code)).toBe(true);
    }
  }, 60_000);
});
