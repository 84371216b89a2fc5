import { and, asc, eq, inArray, ne } from "drizzle-orm";
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
  peer: { id: string; name: string; timeZone: string; role: string; targetLevel: string | null };
}

/** Sessions the person takes part in, soonest first (or latest first for the past). */
export async function listSessionsForUser(
  userId: string,
  options: { sessionId?: string } = {},
): Promise<SessionView[]> {
  const db = getDb();
  const mine = await db
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
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      lateCancel: mockSessions.lateCancel,
      role: sessionParticipants.role,
      levelCode: levels.code,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(
      and(
        eq(sessionParticipants.userId, userId),
        options.sessionId ? eq(mockSessions.id, options.sessionId) : undefined,
      ),
    )
    .orderBy(asc(mockSessions.startsAt));
  if (mine.length === 0) return [];
  const others = await db
    .select({
      sessionId: sessionParticipants.sessionId,
      id: users.id,
      name: users.name,
      timeZone: profiles.timeZone,
      role: sessionParticipants.role,
      levelCode: levels.code,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(
      and(
        inArray(
          sessionParticipants.sessionId,
          mine.map((m) => m.id),
        ),
        ne(sessionParticipants.userId, userId),
      ),
    );
  return mine.map((m) => {
    const peer = others.find((o) => o.sessionId === m.id);
    return {
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
      peer: {
        id: peer?.id ?? "",
        name: peer?.name ?? "Your peer",
        timeZone: peer?.timeZone ?? "UTC",
        role: peer?.role ?? "",
        targetLevel: peer?.levelCode ?? null,
      },
    };
  });
}

/** One session, only for its participants: anyone else gets null (and a 404). */
export async function getSessionForUser(sessionId: string, userId: string) {
  const id = parseUuid(sessionId);
  if (!id) return null;
  const [session] = await listSessionsForUser(userId, { sessionId: id });
  return session ?? null;
}
