import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getDb } from "#db/client";
import { padDocuments } from "#db/schema";
import { docContent, documentAt, scanTimeline } from "~/modules/replay/timeline";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { bookPadSession, sleep, waitFor } from "../support/realtime";
import {
  cleanUpRealtimeProcesses,
  openReconnectingPad,
  type ReconnectingPad,
  startRealtimeProcess,
} from "../support/realtime-process";
import { loadRecordedUpdates } from "../support/replay-fixtures";

// kill -9 of the realtime server in the middle of a session, two people typing. What was
// stored before (the pad, once the save debounce has passed; the replay log, once a flush
// interval has) must survive; the replay must read back whole; and the two browsers'
// providers must find the restarted server by themselves, hand back what the dead one
// never stored, and go on editing together. (replay-crash.test.ts covers the recorder's
// gap marks in detail, with a client that reconnects by hand.) PostgreSQL only: two
// processes cannot share the embedded PGlite.

const db = setupFreshDatabase();
cleanUpRealtimeProcesses();

/** realtime/server.ts: the pad is stored this long after the last edit. */
const STORE_DEBOUNCE_MS = 5000;
/** realtime/replay-recorder.ts: the log is written this often. */
const FLUSH_INTERVAL_MS = 1000;
const SLACK_MS = 1000;
const PORT = 3260;

async function storedPad(sessionId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ state: padDocuments.state })
    .from(padDocuments)
    .where(eq(padDocuments.sessionId, sessionId));
  if (!row) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.state);
  return doc.getText("code").toString();
}

function typeInto(pad: ReconnectingPad, every: number, label: string) {
  const typedAt: number[] = [];
  const timer = setInterval(() => {
    pad.text.insert(pad.text.length, label[typedAt.length % label.length]!);
    typedAt.push(Date.now());
  }, every);
  return { typedAt, stop: () => clearInterval(timer) };
}

describe.skipIf(!usingPostgres)("the realtime server killed with SIGKILL mid-session", () => {
  it("keeps what was stored, reads back a whole replay, and the clients reconnect and edit on", async () => {
    const session = await bookPadSession("Kill", 30);
    const url = `ws://127.0.0.1:${PORT}/realtime`;
    const first = await startRealtimeProcess({ port: PORT, databaseUrl: db.url!() });
    const ada = openReconnectingPad(url, session.sessionId, session.candidateId, "Ada");
    const bo = openReconnectingPad(url, session.sessionId, session.interviewerId, "Bo");
    try {
      await waitFor(() => ada.synced() && bo.synced(), "both clients to sync", 10_000);

      // Typed, then a pause longer than the save debounce: this must be in the stored pad.
      ada.text.insert(0, "def solve(nums):\n");
      await waitFor(() => bo.text.toString() === ada.text.toString(), "Bo to see Ada's line");
      const settled = ada.text.toString();
      await waitFor(
        async () => (await storedPad(session.sessionId)) === settled,
        "the pad to be stored after the debounce",
        STORE_DEBOUNCE_MS + 3 * SLACK_MS,
      );

      // Both type for a few seconds, then the server dies with no chance to store anything.
      const adaTyping = typeInto(ada, 25, "abcdefghij");
      const boTyping = typeInto(bo, 40, "0123456789");
      await sleep(3500);
      await first.kill("SIGKILL");
      const killedAt = Date.now();
      adaTyping.stop();
      boTyping.stop();

      // Stored before the kill: the pad as of the pause, and the log up to the last flush.
      const pad = await storedPad(session.sessionId);
      expect(pad).not.toBeNull();
      expect(pad!.startsWith(settled)).toBe(true);
      const logAfterKill = await loadRecordedUpdates(session.sessionId);
      const recorded = documentAt(null, logAfterKill, Number.POSITIVE_INFINITY);
      expect(recorded.incomplete).toBe(false);
      const recordedText = docContent(recorded.doc).code;
      const flushedBefore = killedAt - FLUSH_INTERVAL_MS - SLACK_MS;
      const mustBeLogged =
        adaTyping.typedAt.filter((at) => at < flushedBefore).length +
        boTyping.typedAt.filter((at) => at < flushedBefore).length;
      expect(mustBeLogged).toBeGreaterThan(10);
      expect(recordedText.length).toBeGreaterThanOrEqual(settled.length + mustBeLogged);

      // The browsers keep typing while the server is away (their providers hold it).
      ada.text.insert(ada.text.length, "\n# typed while offline (Ada)");
      bo.text.insert(0, "# typed while offline (Bo)\n");

      const second = await startRealtimeProcess({ port: PORT, databaseUrl: db.url!() });
      const restartedAt = Date.now();
      const syncsBefore = ada.syncs() + bo.syncs();
      await waitFor(
        () => ada.synced() && bo.synced() && ada.syncs() + bo.syncs() >= syncsBefore + 2,
        "both providers to reconnect on their own",
        20_000,
      );
      const reconnectMs = Date.now() - restartedAt;
      console.log(
        `faults: realtime restart ${second.startupMs} ms; both clients back ${reconnectMs} ms after it listened (${Date.now() - killedAt} ms after the kill)`,
      );
      await waitFor(
        () => ada.text.toString() === bo.text.toString(),
        "the two documents to converge after the reconnect",
        10_000,
      );
      const converged = ada.text.toString();
      expect(converged).toContain("# typed while offline (Ada)");
      expect(converged).toContain("# typed while offline (Bo)");
      expect(converged).toContain(settled);
      expect(converged.length).toBe(
        settled.length +
          adaTyping.typedAt.length +
          boTyping.typedAt.length +
          "\n# typed while offline (Ada)".length +
          "# typed while offline (Bo)\n".length,
      );

      // And they edit on together.
      ada.text.insert(ada.text.length, "\n    return sorted(nums)");
      await waitFor(
        () => bo.text.toString().endsWith("return sorted(nums)"),
        "Bo to see Ada's edit after the restart",
      );
      bo.text.insert(0, "# reviewed\n");
      await waitFor(
        () => ada.text.toString().startsWith("# reviewed\n"),
        "Ada to see Bo's edit after the restart",
      );

      const final = ada.text.toString();
      ada.destroy();
      bo.destroy();
      await second.kill("SIGTERM");

      // Nothing lost in the end: the stored pad and the replay both hold everything.
      expect(await storedPad(session.sessionId)).toBe(final);
      const log = await loadRecordedUpdates(session.sessionId);
      expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
      const { gaps, final: replayed } = scanTimeline(null, log);
      expect(replayed.incomplete).toBe(false);
      expect(docContent(replayed.doc).code).toBe(final);
      expect(gaps.filter((gap) => gap.kind === "recorder_lost")).toHaveLength(1);
      for (const row of log) expect(documentAt(null, log, row.at).incomplete).toBe(false);
    } finally {
      ada.destroy();
      bo.destroy();
    }
  }, 60_000);
});
