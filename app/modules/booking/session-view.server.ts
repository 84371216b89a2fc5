import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client";
import {
  levels,
  mockSessions,
  profiles,
  rounds,
  type SessionStatus,
  sessionParticipants,
  users,
} from "#db/schema";
import type { MockFormat } from "~/modules/matching/types";
import { parseUuid } from "~/utils/ids";

// The read model of booked sessions: what the session pages, cards and room show.

export interface SessionView {
  id: string;
  roundId: number;
  bookedBy: string;
  currentHalf: number;
  noShowUserIds: string[];
  status: SessionStatus;
  format: MockFormat;
  roundName: string;
  roundSlug: string;
  startsAt: Date;
  endsAt: Date;
  lateCancel: boolean;
  myRole: (typeof sessionParticipants.$inferSelect)["role"];
  myTargetLevel: string | null;
  /** Swap: when the roles were switched. */
  halfTwoStartedAt: Date | null;
  /** The length of one round (a swap runs two). */
  roundMinutes: number;
  peer: { id: string; name: string; timeZone: string; role: string; targetLevel: string | null };
}

const peerSeat = alias(sessionParticipants, "peer_seat");
const peerLevel = alias(levels, "peer_level");

/**
 * Sessions the person takes part in, soonest first, each with the other participant:
 * one statement (the person's seat, the session, its round and the peer's seat joined).
 * `upcomingAt` keeps only what is still to come at that instant (scheduled or under
 * way, not yet ended), as the dashboard shows.
 */
export async function listSessionsForUser(
  userId: string,
  options: { sessionId?: string; upcomingAt?: Date } = {},
): Promise<SessionView[]> {
  const rows = await getDb()
    .select({
      id: mockSessions.id,
      roundId: mockSessions.roundId,
      bookedBy: mockSessions.bookedBy,
      currentHalf: mockSessions.currentHalf,
      noShowUserIds: mockSessions.noShowUserIds,
      status: mockSessions.status,
      format: mockSessions.format,
      roundName: rounds.name,
      roundSlug: rounds.slug,
      roundMinutes: rounds.durationMinutes,
      halfTwoStartedAt: mockSessions.halfTwoStartedAt,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      lateCancel: mockSessions.lateCancel,
      role: sessionParticipants.role,
      levelCode: levels.code,
      peerId: users.id,
      peerName: users.name,
      peerTimeZone: profiles.timeZone,
      peerRole: peerSeat.role,
      peerLevelCode: peerLevel.code,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .leftJoin(
      peerSeat,
      and(eq(peerSeat.sessionId, mockSessions.id), ne(peerSeat.userId, sessionParticipants.userId)),
    )
    .leftJoin(users, eq(users.id, peerSeat.userId))
    .leftJoin(profiles, eq(profiles.userId, peerSeat.userId))
    .leftJoin(peerLevel, eq(peerLevel.id, peerSeat.targetLevelId))
    .where(
      and(
        eq(sessionParticipants.userId, userId),
        options.sessionId ? eq(mockSessions.id, options.sessionId) : undefined,
        options.upcomingAt
          ? and(
              inArray(mockSessions.status, ["scheduled", "in_progress"]),
              gt(mockSessions.endsAt, options.upcomingAt),
            )
          : undefined,
      ),
    )
    .orderBy(asc(mockSessions.startsAt));
  const sessions: SessionView[] = [];
  const seen = new Set<string>();
  for (const m of rows) {
    // Two seats per session: one row each. Should a session ever hold more, the first
    // peer stands for them, as before.
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    sessions.push({
      id: m.id,
      roundId: m.roundId,
      bookedBy: m.bookedBy,
      currentHalf: m.currentHalf,
      noShowUserIds: m.noShowUserIds ?? [],
      status: m.status,
      format: m.format,
      roundName: m.roundName,
      roundSlug: m.roundSlug,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      lateCancel: m.lateCancel,
      myRole: m.role,
      myTargetLevel: m.levelCode,
      halfTwoStartedAt: m.halfTwoStartedAt,
      roundMinutes: m.roundMinutes,
      peer: {
        id: m.peerId ?? "",
        name: m.peerName ?? "Your peer",
        timeZone: m.peerTimeZone ?? "UTC",
        role: m.peerRole ?? "",
        targetLevel: m.peerLevelCode ?? null,
      },
    });
  }
  return sessions;
}

/** One session, only for its participants: anyone else gets null (and a 404). */
export async function getSessionForUser(sessionId: string, userId: string) {
  const id = parseUuid(sessionId);
  if (!id) return null;
  const [session] = await listSessionsForUser(userId, { sessionId: id });
  return session ?? null;
}
