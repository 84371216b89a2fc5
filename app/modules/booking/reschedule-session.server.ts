import { and, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { levels, mockSessions, rounds, sessionParticipants } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { sessionMinutes } from "~/modules/matching/formats";
import {
  type ProposalView,
  proposeSlots,
  type SlotSearch,
  validateSlot,
} from "~/modules/matching/matching.server";
import { rescheduledMessage } from "~/modules/notify/messages";
import { enqueueSessionEmails } from "~/modules/notify/session-emails.server";
import { BookingConflict } from "./booking-errors";
import { lockPeople, type Result, refusalCode, tstzRange } from "./booking-tx.server";
import { describeCancelPolicy, isLateChange } from "./policy";

// Reschedule: new times with the same peer, until 24 h before the start.

/** How far ahead new times are looked for. */
const RESCHEDULE_HORIZON_DAYS = 14;

/** The session as one participant sees it, and the search for new times with the peer. */
async function loadMove(sessionId: string, userId: string, db: Database) {
  const rows = await db
    .select({
      status: mockSessions.status,
      roundId: mockSessions.roundId,
      format: mockSessions.format,
      startsAt: mockSessions.startsAt,
      sequence: mockSessions.icsSequence,
      roundMinutes: rounds.durationMinutes,
      userId: sessionParticipants.userId,
      levelRank: levels.rank,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(eq(mockSessions.id, sessionId));
  const me = rows.find((r) => r.userId === userId);
  const peer = rows.find((r) => r.userId !== userId);
  if (!me || !peer) return null;
  const search: SlotSearch = {
    userId,
    roundId: me.roundId,
    format: me.format,
    // Only ranking reads the level here (the pair is matched already): the
    // candidate's target, which every booked session records.
    targetLevelRank: me.levelRank ?? peer.levelRank ?? 0,
    roundMinutes: me.roundMinutes,
    horizonDays: RESCHEDULE_HORIZON_DAYS,
    pair: { peerId: peer.userId, sessionId },
  };
  return { session: me, peerId: peer.userId, search };
}

export async function proposeReschedule(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<Result<{ proposals: ProposalView[]; startsAt: Date }>> {
  const found = await loadMove(sessionId, userId, getDb());
  if (!found) return { ok: false, error: "not_found" };
  if (found.session.status !== "scheduled") return { ok: false, error: "not_cancellable" };
  if (isLateChange(found.session.startsAt, now)) {
    return { ok: false, error: "too_late_to_reschedule" };
  }
  // One peer only: show a dozen of their times, spread over the days, and never the
  // time the session already has.
  const proposals = await proposeSlots(found.search, now, { maxProposals: 13, maxPerPeer: 13 });
  const current = found.session.startsAt.toISOString();
  return {
    ok: true,
    startsAt: found.session.startsAt,
    proposals: proposals.filter((p) => p.start !== current).slice(0, 12),
  };
}

export async function rescheduleSession(input: {
  userId: string;
  sessionId: string;
  start: Date;
  now?: Date;
}): Promise<Result<{ sessionId: string }>> {
  const now = input.now ?? new Date();
  try {
    const result = await getDb().transaction(async (tx) => {
      const found = await loadMove(input.sessionId, input.userId, tx);
      if (!found) throw new BookingConflict("not_found");
      await lockPeople(tx, [input.userId, found.peerId]);
      const { session, search } = found;
      if (session.status !== "scheduled") throw new BookingConflict("not_cancellable");
      if (isLateChange(session.startsAt, now)) throw new BookingConflict("too_late_to_reschedule");
      if (input.start.getTime() === session.startsAt.getTime()) {
        throw new BookingConflict("same_time");
      }
      if (!(await validateSlot(search, found.peerId, input.start, now, tx))) {
        throw new BookingConflict("slot_taken");
      }
      const endsAt = new Date(
        input.start.getTime() + sessionMinutes(session.format, session.roundMinutes) * 60_000,
      );
      const moved = await tx
        .update(mockSessions)
        .set({
          startsAt: input.start,
          endsAt,
          icsSequence: sql`${mockSessions.icsSequence} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(mockSessions.id, input.sessionId),
            eq(mockSessions.status, "scheduled"),
            eq(mockSessions.icsSequence, session.sequence),
          ),
        )
        .returning({ id: mockSessions.id });
      if (moved.length !== 1) throw new BookingConflict("slot_taken");
      await tx
        .update(sessionParticipants)
        .set({ during: tstzRange(input.start, endsAt) })
        .where(eq(sessionParticipants.sessionId, input.sessionId));
      await enqueueSessionEmails(tx, input.sessionId, {
        kind: "rescheduled",
        invite: "request",
        build: (m) => rescheduledMessage({ ...m, policy: describeCancelPolicy(m.start, now) }),
      });
      return { ok: true, sessionId: input.sessionId } as const;
    });
    await kickJob("deliver-email");
    return result;
  } catch (err) {
    const code = refusalCode(err);
    if (code) return { ok: false, error: code };
    throw err;
  }
}
