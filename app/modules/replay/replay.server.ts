import { and, asc, desc, eq, gt, lt, notExists, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import {
  mockSessions,
  type ReplayRemoval,
  replayEvents,
  replayRemovals,
  replaySnapshots,
  replayUpdates,
  roomEvents,
} from "#db/schema";
import { replayRetentionMs, replaySnapshotIntervalMs } from "~/env.server";
import { getSessionForUser, type SessionView } from "~/modules/booking/session-view.server";
import { roundKind } from "~/modules/sessions/pad-setup";
import { gapMarkers, mergeMarkers, phaseMarkers, type ReplayMarker } from "./markers";
import {
  planSnapshots,
  type RecordedUpdate,
  type ReplaySnapshot,
  recorderGaps,
  type TimelineGap,
} from "./timeline";

// The replay's reads and upkeep: what the replay page loads (its participants only),
// the compaction that adds snapshots, retention, and a participant's "delete replay".
// The rules of the timeline itself are pure (timeline.ts, markers.ts).

export interface ReplayRemovalView {
  reason: ReplayRemoval;
  removedBy: string | null;
  at: Date;
}

/** A session still to come or under way: nothing to replay (or delete) yet. */
function isLive(session: SessionView, now: Date): boolean {
  const live = session.status === "scheduled" || session.status === "in_progress";
  return live && now < session.endsAt;
}

export type ReplayView =
  | { state: "not_ended"; session: SessionView }
  | { state: "deleted"; session: SessionView; removal: ReplayRemovalView }
  | {
      state: "ready";
      session: SessionView;
      /** Set once retention removed the update log: only the final state is left. */
      expired: ReplayRemovalView | null;
      snapshots: ReplaySnapshot[];
      updates: RecordedUpdate[];
      markers: ReplayMarker[];
      gaps: TimelineGap[];
    };

/** A replay_updates row as the replay reads it (also how the tests read the log back). */
export const toUpdate = (row: {
  seq: number;
  at: Date;
  userId: string | null;
  update: Uint8Array | null;
  mark: "opened" | "closed" | null;
}): RecordedUpdate => ({
  seq: Number(row.seq),
  at: row.at.getTime(),
  userId: row.userId,
  update: row.update ? new Uint8Array(row.update) : null,
  mark: row.mark,
});

const toSnapshot = (row: { seq: number; at: Date; state: Uint8Array }): ReplaySnapshot => ({
  seq: Number(row.seq),
  at: row.at.getTime(),
  state: new Uint8Array(row.state),
});

/**
 * Everything the replay page shows of a session, for one of its two participants; null
 * for anyone else, or an id that names nothing (the route answers 404 either way, so a
 * stranger cannot tell a session exists). Before the end there is nothing to replay yet.
 */
export async function getReplay(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<ReplayView | null> {
  const session = await getSessionForUser(sessionId, userId);
  if (!session) return null;
  if (isLive(session, now)) return { state: "not_ended", session };
  const db = getDb();
  const removals = await db
    .select({
      reason: replayRemovals.reason,
      removedBy: replayRemovals.removedBy,
      at: replayRemovals.at,
    })
    .from(replayRemovals)
    .where(eq(replayRemovals.sessionId, session.id));
  const deleted = removals.find((r) => r.reason === "participant");
  if (deleted) return { state: "deleted", session, removal: deleted };
  const [snapshotRows, updateRows, eventRows] = await Promise.all([
    db
      .select({ seq: replaySnapshots.seq, at: replaySnapshots.at, state: replaySnapshots.state })
      .from(replaySnapshots)
      .where(eq(replaySnapshots.sessionId, session.id))
      .orderBy(asc(replaySnapshots.seq)),
    db
      .select({
        seq: replayUpdates.seq,
        at: replayUpdates.at,
        userId: replayUpdates.userId,
        update: replayUpdates.update,
        mark: replayUpdates.mark,
      })
      .from(replayUpdates)
      .where(eq(replayUpdates.sessionId, session.id))
      .orderBy(asc(replayUpdates.seq)),
    db
      .select({
        at: replayEvents.at,
        kind: replayEvents.kind,
        userId: replayEvents.userId,
        detail: replayEvents.detail,
      })
      .from(replayEvents)
      .where(eq(replayEvents.sessionId, session.id))
      .orderBy(asc(replayEvents.at)),
  ]);
  const updates = updateRows.map(toUpdate);
  const gaps = recorderGaps(updates);
  const markers = mergeMarkers(
    eventRows.map((e) => ({
      at: e.at.getTime(),
      kind: e.kind,
      userId: e.userId,
      detail: e.detail ?? null,
    })),
    phaseMarkers({ ...session, kind: roundKind(session.roundSlug) }),
    gapMarkers(gaps),
  );
  return {
    state: "ready",
    session,
    expired: removals.find((r) => r.reason === "retention") ?? null,
    snapshots: snapshotRows.map(toSnapshot),
    updates,
    markers,
    gaps,
  };
}

/**
 * Adds the snapshots a session's replay lacks: one every `intervalMs` of the recording
 * (REPLAY_SNAPSHOT_MINUTES), after the last one taken, and the final state once the
 * session has ended. Idempotent: a snapshot is keyed by its seq and always the same.
 */
export async function compactReplay(
  sessionId: string,
  options: { intervalMs?: number; now?: Date } = {},
): Promise<{ added: number }> {
  const db = getDb();
  const now = options.now ?? new Date();
  const [session] = await db
    .select({ startsAt: mockSessions.startsAt, endsAt: mockSessions.endsAt })
    .from(mockSessions)
    .where(eq(mockSessions.id, sessionId));
  if (!session) return { added: 0 };
  const [base] = await db
    .select({ seq: replaySnapshots.seq, at: replaySnapshots.at, state: replaySnapshots.state })
    .from(replaySnapshots)
    .where(eq(replaySnapshots.sessionId, sessionId))
    .orderBy(desc(replaySnapshots.seq))
    .limit(1);
  const rows = await db
    .select({
      seq: replayUpdates.seq,
      at: replayUpdates.at,
      userId: replayUpdates.userId,
      update: replayUpdates.update,
      mark: replayUpdates.mark,
    })
    .from(replayUpdates)
    .where(and(eq(replayUpdates.sessionId, sessionId), gt(replayUpdates.seq, base?.seq ?? 0)))
    .orderBy(asc(replayUpdates.seq));
  const planned = planSnapshots(
    base ? toSnapshot(base) : null,
    rows.map(toUpdate),
    options.intervalMs ?? replaySnapshotIntervalMs(),
    { final: now >= session.endsAt, origin: session.startsAt.getTime() },
  );
  if (planned.length === 0) return { added: 0 };
  const added = await db
    .insert(replaySnapshots)
    .values(planned.map((s) => ({ sessionId, seq: s.seq, at: new Date(s.at), state: s.state })))
    .onConflictDoNothing()
    .returning({ seq: replaySnapshots.seq });
  return { added: added.length };
}

/** Compacts every session with updates newer than its last snapshot (the job's sweep). */
export async function compactReplays(
  options: { intervalMs?: number; now?: Date } = {},
): Promise<{ sessions: number; added: number }> {
  const db = getDb();
  const due = await db
    .select({ sessionId: replayUpdates.sessionId })
    .from(replayUpdates)
    .groupBy(replayUpdates.sessionId)
    .having(
      sql`max(${replayUpdates.seq}) > coalesce((select max(${replaySnapshots.seq}) from ${replaySnapshots} where ${replaySnapshots.sessionId} = ${replayUpdates.sessionId}), 0)`,
    );
  let added = 0;
  for (const { sessionId } of due) added += (await compactReplay(sessionId, options)).added;
  return { sessions: due.length, added };
}

/**
 * Retention (REPLAY_RETENTION_DAYS after the end, 180 by default): the update log and all
 * but the final snapshot go, and the replay says it expired. The final snapshot is taken
 * first if the compaction has not, so what the session ended with is never lost.
 */
export async function expireReplays(
  options: { now?: Date; retentionMs?: number } = {},
): Promise<{ expired: number }> {
  const db = getDb();
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionMs ?? replayRetentionMs()));
  const due = await db
    .selectDistinct({ sessionId: replayUpdates.sessionId })
    .from(replayUpdates)
    .innerJoin(mockSessions, eq(mockSessions.id, replayUpdates.sessionId))
    .where(
      and(
        lt(mockSessions.endsAt, cutoff),
        notExists(
          db
            .select({ one: sql`1` })
            .from(replayRemovals)
            .where(eq(replayRemovals.sessionId, replayUpdates.sessionId)),
        ),
      ),
    );
  for (const { sessionId } of due) {
    await compactReplay(sessionId, { now });
    await db.transaction(async (tx) => {
      // The removal row first: the append-only guards let the rows go only after it.
      await tx
        .insert(replayRemovals)
        .values({ sessionId, reason: "retention", at: now })
        .onConflictDoNothing();
      const [final] = await tx
        .select({ seq: replaySnapshots.seq })
        .from(replaySnapshots)
        .where(eq(replaySnapshots.sessionId, sessionId))
        .orderBy(desc(replaySnapshots.seq))
        .limit(1);
      await tx.delete(replayUpdates).where(eq(replayUpdates.sessionId, sessionId));
      await tx
        .delete(replaySnapshots)
        .where(
          and(eq(replaySnapshots.sessionId, sessionId), lt(replaySnapshots.seq, final?.seq ?? 0)),
        );
    });
  }
  return { expired: due.length };
}

/**
 * A participant deletes the session's replay: the log, the snapshots and the room's
 * run markers go, and a row says who deleted it and when, which both participants then
 * see. Null for anyone else (answered as 404). Deleting twice keeps the first record.
 */
export async function deleteReplay(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<{ removal: ReplayRemovalView } | { notEnded: true } | null> {
  const session = await getSessionForUser(sessionId, userId);
  if (!session) return null;
  // Not while the session runs: deleting would silently stop recording the other
  // person's session too. The page offers it only once the session has ended.
  if (isLive(session, now)) return { notEnded: true };
  return getDb().transaction(async (tx) => {
    await tx
      .insert(replayRemovals)
      .values({ sessionId: session.id, reason: "participant", removedBy: userId, at: now })
      .onConflictDoNothing();
    await tx.delete(replayUpdates).where(eq(replayUpdates.sessionId, session.id));
    await tx.delete(replaySnapshots).where(eq(replaySnapshots.sessionId, session.id));
    await tx.delete(roomEvents).where(eq(roomEvents.sessionId, session.id));
    const [removal] = await tx
      .select({
        reason: replayRemovals.reason,
        removedBy: replayRemovals.removedBy,
        at: replayRemovals.at,
      })
      .from(replayRemovals)
      .where(
        and(eq(replayRemovals.sessionId, session.id), eq(replayRemovals.reason, "participant")),
      );
    return { removal: removal! };
  });
}

/** The replay job: compaction, then retention. */
export async function runReplayMaintenance(now: Date = new Date()) {
  const compacted = await compactReplays({ now });
  const { expired } = await expireReplays({ now });
  return { ...compacted, expired };
}
