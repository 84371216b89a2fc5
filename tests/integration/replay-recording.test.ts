import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getDb } from "#db/client";
import {
  mockSessions,
  padDocuments,
  replayRemovals,
  replaySnapshots,
  replayUpdates,
  roomEvents,
  sessionParticipants,
} from "#db/schema";
import {
  compactReplay,
  deleteReplay,
  expireReplays,
  getReplay,
} from "~/modules/replay/replay.server";
import {
  type DocContent,
  docContent,
  documentAt,
  recorderGaps,
  seek,
} from "~/modules/replay/timeline";
import type { RunRecord } from "~/modules/runs/run-records";
import { padDocumentName } from "~/modules/sessions/realtime-token";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import { replayRecorder } from "../../realtime/replay-recorder";
import { arrow, freedraw, rectangle, text } from "../support/board-fixtures";
import { createAvailableUser } from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import {
  bookPadSession,
  openPad,
  type PadClient,
  type PadSession,
  padToken,
  startRealtime,
  waitFor,
} from "../support/realtime";
import { loadRecordedUpdates } from "../support/replay-fixtures";

setupFreshDatabase();

const MINUTE = 60_000;
const SESSION_MINUTES = 60;

/** A session whose end is far enough after its start for 60 minutes of recording. */
async function bookLongSession(label: string, hoursAfterNow: number): Promise<PadSession> {
  const session = await bookPadSession(label, hoursAfterNow);
  const endsAt = new Date(session.startsAt.getTime() + (SESSION_MINUTES + 5) * MINUTE);
  await getDb().update(mockSessions).set({ endsAt }).where(eq(mockSessions.id, session.sessionId));
  return { ...session, endsAt };
}

function honestRun(by: string, id: string, at: number): RunRecord {
  return {
    id,
    by,
    byName: "Tester",
    kind: "code",
    language: "python",
    code: "print(1)",
    input: "",
    stdout: "1\n",
    stderr: "",
    exit: "ok",
    ms: 12,
    at,
    truncated: false,
  };
}

/** A small deterministic generator, so a failure replays the same session. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** One step of the synthetic session: a burst of typing, a deletion, a drawing, a run… */
function edit(doc: Y.Doc, userId: string, step: number, random: () => number, clock: number) {
  const code = doc.getText(DOC_ROOTS.code);
  const board = doc.getMap(DOC_ROOTS.board);
  const roll = random();
  if (roll < 0.6) {
    // Keystrokes, one update each, somewhere in the pad.
    const at = Math.floor(random() * (code.length + 1));
    const word = ["def ", "x", "return ", "\n", "    ", "(a, b)", "# why\n"][step % 7]!;
    for (let i = 0; i < word.length; i++) code.insert(at + i, word[i]!);
  } else if (roll < 0.75 && code.length > 4) {
    code.delete(Math.floor(random() * (code.length - 4)), 1 + Math.floor(random() * 3));
  } else if (roll < 0.93) {
    const id = `e${step % 40}`;
    const kinds = [rectangle, text, arrow];
    const element =
      step % 10 === 0
        ? freedraw(20 + (step % 30), id)
        : kinds[step % 3]!(id, { version: step + 1, x: step % 500 });
    board.set(id, element);
    if (step % 17 === 0) board.delete(`e${(step + 7) % 40}`);
  } else if (roll < 0.97) {
    doc.getArray(DOC_ROOTS.runs).push([honestRun(userId, `run-${step}`, clock)]);
  } else {
    doc.getMap(DOC_ROOTS.meta).set("language", step % 2 ? "python" : "sql");
  }
}

describe("a recorded 60-minute session replays exactly", () => {
  let session: PadSession;
  const moments: { at: number; content: DocContent }[] = [];
  let clients: PadClient[] = [];

  beforeAll(async () => {
    session = await bookLongSession("Replay", 30);
    let clock = session.startsAt.getTime();
    const now = () => clock;
    const random = generator(13);
    const steps = (SESSION_MINUTES * MINUTE) / 3000;
    // Two halves, each on a fresh realtime server with a fresh recorder: the second
    // numbers its rows after the first's without being told where it stopped.
    for (const [from, to] of [
      [0, steps / 2],
      [steps / 2, steps],
    ] as const) {
      const recorder = replayRecorder({ now, flushIntervalMs: 1000, maxBatchRows: 64 });
      const running = await startRealtime({ now, extensions: [recorder] });
      const open = (userId: string) =>
        openPad(
          running.url,
          session.sessionId,
          padToken({ sub: userId, sid: session.sessionId }, { nowMs: clock }),
        );
      const candidate = open(session.candidateId);
      const interviewer = open(session.interviewerId);
      clients = [candidate, interviewer];
      const serverDoc = () =>
        running.realtime.hocuspocus.documents.get(padDocumentName(session.sessionId));
      try {
        await waitFor(() => candidate.events.synced && interviewer.events.synced, "both to sync");
        // One step every 3 s of the session's clock: someone types, deletes, draws or runs.
        for (let step = from; step < to; step++) {
          clock = session.startsAt.getTime() + step * 3000;
          const writer = random() < 0.7 ? candidate : interviewer;
          const userId = writer === candidate ? session.candidateId : session.interviewerId;
          edit(writer.doc, userId, step, random, clock);
          const want = Y.decodeStateVector(Y.encodeStateVector(writer.doc));
          await waitFor(
            () => {
              const doc = serverDoc();
              if (!doc) return false;
              const has = Y.decodeStateVector(Y.encodeStateVector(doc));
              return [...want].every(([client, clock]) => (has.get(client) ?? 0) >= clock);
            },
            `the server to apply step ${step} (closes: ${writer.events.closes})`,
            5000,
          );
          moments.push({ at: clock, content: docContent(serverDoc()!) });
        }
        clock += 1000;
      } finally {
        for (const client of clients) client.destroy();
        // Closing flushes what the recorder still holds.
        await running.stop();
      }
    }
  }, 180_000);

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it("numbers every update gap-free, names its sender, and closes the recording", async () => {
    const log = await loadRecordedUpdates(session.sessionId);
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((row) => row.mark).map((row) => row.mark)).toEqual([
      "opened",
      "closed",
      "opened",
      "closed",
    ]);
    expect(log[0]?.mark).toBe("opened");
    expect(log.at(-1)?.mark).toBe("closed");
    expect(recorderGaps(log)).toEqual([]);
    const senders = new Set(log.filter((row) => row.update).map((row) => row.userId));
    expect(senders).toEqual(new Set([session.candidateId, session.interviewerId]));
    expect(log.length).toBeGreaterThan(1200);
    // Runs are room events on the same clock.
    const runs = await getDb()
      .select()
      .from(roomEvents)
      .where(eq(roomEvents.sessionId, session.sessionId));
    const last = moments.at(-1)!.content;
    expect(runs).toHaveLength(last.runs.length);
  });

  it("rebuilds, at every recorded moment, the document the server had then", async () => {
    const afterEnd = new Date(session.endsAt.getTime() + MINUTE);
    await compactReplay(session.sessionId, { intervalMs: 5 * MINUTE, now: afterEnd });
    const replay = await getReplay(session.sessionId, session.candidateId, afterEnd);
    if (replay?.state !== "ready") throw new Error(`replay not ready: ${replay?.state}`);
    // Snapshots every 5 minutes, and the final state.
    expect(replay.snapshots.length).toBeGreaterThanOrEqual(12);
    for (const moment of moments) {
      const rebuilt = seek(replay.snapshots, replay.updates, moment.at);
      expect(rebuilt.incomplete).toBe(false);
      expect(docContent(rebuilt.doc)).toEqual(moment.content);
    }
    // Only the shared document's roots are in the replay: nothing private is.
    const final = seek(replay.snapshots, replay.updates, afterEnd.getTime()).doc;
    expect(
      [...final.share.keys()].every((key) => Object.values(DOC_ROOTS).includes(key as never)),
    ).toBe(true);
    expect(replay.markers.some((m) => m.kind === "code_run")).toBe(true);
    expect(replay.markers.some((m) => m.kind === "phase")).toBe(true);
    expect(replay.markers.some((m) => m.kind === "pad_joined")).toBe(true);
  });
});

describe("a pad stored before it was recorded", () => {
  it("starts its log with what the pad held, so the replay is never incomplete", async () => {
    const session = await bookPadSession("Earlier", 66);
    const earlier = new Y.Doc();
    earlier.getText(DOC_ROOTS.code).insert(0, "typed before recording");
    await getDb()
      .insert(padDocuments)
      .values({ sessionId: session.sessionId, state: Y.encodeStateAsUpdate(earlier) });
    const clock = session.startsAt.getTime() + MINUTE;
    const running = await startRealtime({
      now: () => clock,
      extensions: [replayRecorder({ now: () => clock })],
    });
    const pad = openPad(
      running.url,
      session.sessionId,
      padToken({ sub: session.candidateId, sid: session.sessionId }, { nowMs: clock }),
    );
    try {
      await waitFor(() => pad.events.synced, "sync");
      pad.text.insert(pad.text.length, ", and after");
      await waitFor(
        () =>
          running.realtime.hocuspocus.documents
            .get(padDocumentName(session.sessionId))
            ?.getText("code")
            .toString() === "typed before recording, and after",
        "the server to apply it",
      );
    } finally {
      pad.destroy();
      await running.stop();
    }
    const log = await loadRecordedUpdates(session.sessionId);
    expect(log[0]?.mark).toBe("opened");
    expect(log[1]).toMatchObject({ userId: null, mark: null });
    const rebuilt = documentAt(null, log, clock);
    expect(rebuilt.incomplete).toBe(false);
    expect(docContent(rebuilt.doc).code).toBe("typed before recording, and after");
  });
});

describe("sequence numbers", () => {
  it("stay unique and gap-free with flushes racing and after a restart", async () => {
    const session = await bookPadSession("Race", 60);
    const makeRows = (recorderName: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        sessionId: session.sessionId,
        at: new Date(session.startsAt.getTime() + i),
        userId: session.candidateId,
        update: Buffer.from(`${recorderName}:${i}`),
        mark: null,
      }));
    // Eight writers (realtime instances' flushes) at once: on PostgreSQL (DATABASE_URL)
    // each on its own connection of the pool, so they truly race for the numbers.
    const batches = Array.from({ length: 8 }, (_, w) => makeRows(`w${w}`, 150));
    await Promise.all(batches.map((rows) => getDb().insert(replayUpdates).values(rows)));
    // A failed flush takes no number with it.
    await expect(
      getDb()
        .insert(replayUpdates)
        .values([...makeRows("doomed", 3), { ...makeRows("doomed", 1)[0]!, userId: randomUUID() }]),
    ).rejects.toThrow();
    // A writer that starts afresh (a restarted server) resumes after the last number
    // without reading it; the round trip above restarts a real server midway too.
    const fresh = await getDb()
      .insert(replayUpdates)
      .values(makeRows("restarted", 5))
      .returning({ seq: replayUpdates.seq });
    const log = await loadRecordedUpdates(session.sessionId);
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log).toHaveLength(8 * 150 + 5);
    expect(fresh.map((row) => Number(row.seq))).toEqual([1201, 1202, 1203, 1204, 1205]);
    // Within each writer's batch, the rows keep their order.
    for (let w = 0; w < 8; w++) {
      const mine = log.filter((row) => Buffer.from(row.update!).toString().startsWith(`w${w}:`));
      const order = mine.map((row) => Number(Buffer.from(row.update!).toString().split(":")[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("are given by the database: a number a writer passes is replaced", async () => {
    const session = await bookPadSession("Numbers", 62);
    const [row] = await getDb()
      .insert(replayUpdates)
      .values({ sessionId: session.sessionId, seq: 999, at: new Date(), update: Buffer.from("x") })
      .returning({ seq: replayUpdates.seq });
    expect(Number(row!.seq)).toBe(1);
  });
});

describe("append-only", () => {
  let session: PadSession;
  beforeAll(async () => {
    session = await bookPadSession("Append", 64);
    await getDb()
      .insert(replayUpdates)
      .values({
        sessionId: session.sessionId,
        at: new Date(),
        userId: session.candidateId,
        update: Buffer.from("x"),
      });
    await getDb()
      .insert(replaySnapshots)
      .values({
        sessionId: session.sessionId,
        seq: 1,
        at: new Date(),
        state: Buffer.from("s"),
      });
  });

  const refused = async (statement: ReturnType<typeof sql>) => {
    const err = await getDb()
      .execute(statement)
      .then(
        () => null,
        (e: unknown) => e as { cause?: { code?: string } },
      );
    expect(err?.cause?.code).toBe("42501");
  };

  it("refuses UPDATE, DELETE and TRUNCATE of the log and the snapshots", async () => {
    const id = session.sessionId;
    await refused(sql`update replay_updates set at = now() where session_id = ${id}`);
    await refused(sql`update replay_updates set seq = 7 where session_id = ${id}`);
    await refused(sql`delete from replay_updates where session_id = ${id}`);
    await refused(sql`truncate replay_updates cascade`);
    await refused(sql`update replay_snapshots set state = '' where session_id = ${id}`);
    await refused(sql`delete from replay_snapshots where session_id = ${id}`);
    await refused(sql`truncate replay_snapshots`);
    await refused(sql`update room_events set at = now()`);
  });

  it("lets rows go with their participant (a foreign key's cascade)", async () => {
    await getDb()
      .delete(sessionParticipants)
      .where(
        and(
          eq(sessionParticipants.sessionId, session.sessionId),
          eq(sessionParticipants.userId, session.candidateId),
        ),
      );
    expect(await loadRecordedUpdates(session.sessionId)).toEqual([]);
  });
});

describe("access, deletion and retention", () => {
  let mine: PadSession;
  let other: PadSession;
  let strangerId: string;
  const afterEnd = () => new Date(mine.endsAt.getTime() + MINUTE);

  beforeAll(async () => {
    mine = await bookPadSession("Access", 70);
    other = await bookPadSession("Other", 72);
    strangerId = (await createAvailableUser("Stranger")).id;
    const recorder = replayRecorder({ now: () => mine.startsAt.getTime() + MINUTE });
    let clock = mine.startsAt.getTime() + MINUTE;
    const running = await startRealtime({ now: () => clock, extensions: [recorder] });
    const pad = openPad(
      running.url,
      mine.sessionId,
      padToken({ sub: mine.candidateId, sid: mine.sessionId }, { nowMs: clock }),
    );
    try {
      await waitFor(() => pad.events.synced, "sync");
      pad.text.insert(0, "final words");
      await waitFor(
        () =>
          running.realtime.hocuspocus.documents
            .get(padDocumentName(mine.sessionId))
            ?.getText("code")
            .toString() === "final words",
        "the server to apply it",
      );
      clock += MINUTE;
    } finally {
      pad.destroy();
      await running.stop();
    }
  });

  it("gives the replay to its participants only; anyone else gets nothing (404)", async () => {
    for (const userId of [mine.candidateId, mine.interviewerId]) {
      expect((await getReplay(mine.sessionId, userId, afterEnd()))?.state).toBe("ready");
    }
    expect(await getReplay(mine.sessionId, strangerId, afterEnd())).toBeNull();
    expect(await getReplay(mine.sessionId, other.candidateId, afterEnd())).toBeNull();
    expect(await getReplay(mine.sessionId, other.interviewerId, afterEnd())).toBeNull();
    expect(await getReplay("not-a-uuid", mine.candidateId, afterEnd())).toBeNull();
    expect(await getReplay(randomUUID(), mine.candidateId, afterEnd())).toBeNull();
    expect(await deleteReplay(mine.sessionId, strangerId)).toBeNull();
    expect(await deleteReplay(mine.sessionId, other.candidateId)).toBeNull();
    expect((await loadRecordedUpdates(mine.sessionId)).length).toBeGreaterThan(0);
    // Before the end there is nothing to replay yet.
    const during = new Date(mine.startsAt.getTime() + MINUTE);
    expect((await getReplay(mine.sessionId, mine.candidateId, during))?.state).toBe("not_ended");
    // Nor can it be deleted yet: that would stop recording the other person's session.
    expect(await deleteReplay(mine.sessionId, mine.candidateId, during)).toEqual({
      notEnded: true,
    });
    expect((await loadRecordedUpdates(mine.sessionId)).length).toBeGreaterThan(0);
  });

  it("keeps only the final state after the retention period, and records nothing more", async () => {
    const ended = afterEnd();
    // Inside the period: untouched.
    expect(await expireReplays({ now: ended, retentionMs: 180 * 24 * 60 * MINUTE })).toEqual({
      expired: 0,
    });
    const later = new Date(ended.getTime() + 181 * 24 * 60 * MINUTE);
    // (Other sessions of this file expire with it: the count is theirs as well.)
    expect((await expireReplays({ now: later })).expired).toBeGreaterThanOrEqual(1);
    expect(await loadRecordedUpdates(mine.sessionId)).toEqual([]);
    const replay = await getReplay(mine.sessionId, mine.interviewerId, later);
    if (replay?.state !== "ready") throw new Error("replay not ready");
    expect(replay.expired?.reason).toBe("retention");
    expect(replay.snapshots).toHaveLength(1);
    expect(docContent(seek(replay.snapshots, replay.updates, later.getTime()).doc).code).toBe(
      "final words",
    );
    expect(replay.markers.some((m) => m.kind === "replay_expired")).toBe(true);
    await getDb()
      .insert(replayUpdates)
      .values({ sessionId: mine.sessionId, at: later, update: Buffer.from("late") });
    expect(await loadRecordedUpdates(mine.sessionId)).toEqual([]);
  });

  it("lets a participant delete it, and both then see that it was deleted", async () => {
    const removed = await deleteReplay(mine.sessionId, mine.candidateId, afterEnd());
    if (!removed || !("removal" in removed)) throw new Error("not deleted");
    expect(removed.removal).toMatchObject({ reason: "participant", removedBy: mine.candidateId });
    for (const userId of [mine.candidateId, mine.interviewerId]) {
      const replay = await getReplay(mine.sessionId, userId, afterEnd());
      expect(replay?.state).toBe("deleted");
      if (replay?.state === "deleted") expect(replay.removal.removedBy).toBe(mine.candidateId);
    }
    const left = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(replaySnapshots)
      .where(eq(replaySnapshots.sessionId, mine.sessionId));
    expect(left[0]?.n).toBe(0);
    // Deleting again keeps the first record.
    const again = await deleteReplay(mine.sessionId, mine.interviewerId, afterEnd());
    expect(again && "removal" in again ? again.removal.removedBy : null).toBe(mine.candidateId);
    const removals = await getDb()
      .select()
      .from(replayRemovals)
      .where(eq(replayRemovals.sessionId, mine.sessionId));
    expect(removals.map((r) => r.reason).sort()).toEqual(["participant", "retention"]);
  });
});
