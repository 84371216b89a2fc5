import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { calendarFeeds, mockSessions, rounds, sessionParticipants, users } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { FORMAT_LABELS } from "~/modules/matching/formats";
import { buildFeed, type CalendarEventInput } from "~/modules/notify/ics";

function newToken() {
  return randomBytes(24).toString("base64url");
}

export async function getFeedToken(userId: string): Promise<string> {
  const db = getDb();
  const [existing] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  if (existing) return existing.token;
  const [created] = await db
    .insert(calendarFeeds)
    .values({ userId, token: newToken() })
    .onConflictDoNothing()
    .returning();
  if (created) return created.token;
  const [raced] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return raced!.token;
}

/** A new secret URL; the old one stops working at once. */
export async function rotateFeedToken(userId: string): Promise<string> {
  const token = newToken();
  await getDb()
    .insert(calendarFeeds)
    .values({ userId, token })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { token, createdAt: new Date() } });
  return token;
}

export function feedUrl(token: string): string {
  return `${publicOrigin(getEnv())}/calendar/${token}.ics`;
}

/** The iCalendar feed for a token, or null for an unknown (or revoked) one. */
export async function feedForToken(token: string): Promise<string | null> {
  const db = getDb();
  const [owner] = await db
    .select({ userId: calendarFeeds.userId, name: users.name })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.token, token));
  if (!owner) return null;
  const mine = db
    .select({ id: sessionParticipants.sessionId })
    .from(sessionParticipants)
    .where(eq(sessionParticipants.userId, owner.userId));
  const sessions = await db
    .select({
      id: mockSessions.id,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      status: mockSessions.status,
      sequence: mockSessions.icsSequence,
      format: mockSessions.format,
      roundName: rounds.name,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .where(and(inArray(mockSessions.id, mine)));
  const origin = publicOrigin(getEnv());
  const events: CalendarEventInput[] = sessions.map((s) => ({
    sessionId: s.id,
    sequence: s.sequence,
    start: s.startsAt,
    end: s.endsAt,
    title: `Peerloop mock: ${s.roundName}`,
    description: `${FORMAT_LABELS[s.format]}. ${origin}/sessions/${s.id}`,
    url: `${origin}/sessions/${s.id}`,
    cancelled: s.status === "cancelled",
    attendees: [],
  }));
  return buildFeed(`Peerloop: ${owner.name}`, events);
}
