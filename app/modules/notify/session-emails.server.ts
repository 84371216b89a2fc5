import { asc, eq } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { mockSessions, profiles, rounds, sessionParticipants, users } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { enqueueEmails, type OutgoingEmail } from "./outbox.server";
import { buildSessionEmails, type MessageBuilder, type SessionPeople } from "./session-emails";

async function loadSessionPeople(tx: Database, sessionId: string): Promise<SessionPeople | null> {
  const rows = await tx
    .select({
      roundName: rounds.name,
      format: mockSessions.format,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      sequence: mockSessions.icsSequence,
      userId: users.id,
      name: users.name,
      email: users.email,
      timeZone: profiles.timeZone,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(mockSessions.id, sessionId))
    .orderBy(asc(users.id));
  const first = rows[0];
  if (!first) return null;
  return {
    sessionId,
    roundName: first.roundName,
    format: first.format,
    startsAt: first.startsAt,
    endsAt: first.endsAt,
    sequence: first.sequence,
    people: rows.map((r) => ({ id: r.userId, name: r.name, email: r.email, timeZone: r.timeZone })),
  };
}

/**
 * Writes one email per participant about a session as it stands in `tx` (call it
 * after the change, in the change's transaction), once per kind, session version and
 * reader. Returns the number written.
 */
export async function enqueueSessionEmails(
  tx: Database,
  sessionId: string,
  options: { kind: string; invite: "request" | "cancel" | null; build: MessageBuilder },
): Promise<number> {
  const info = await loadSessionPeople(tx, sessionId);
  if (!info) return 0;
  return enqueueEmails(
    tx,
    buildSessionEmails(info, { ...options, origin: publicOrigin(getEnv()) }),
  );
}

/** The same outside any other change (reminders): its own transaction. */
export async function sendSessionEmails(
  sessionId: string,
  kind: string,
  build: MessageBuilder,
): Promise<number> {
  return getDb().transaction((tx) =>
    enqueueSessionEmails(tx, sessionId, { kind, invite: null, build }),
  );
}

/** The emails about a session not written yet (a booking builds them before its one write). */
export function sessionEmails(
  info: SessionPeople,
  options: { kind: string; invite: "request" | "cancel" | null; build: MessageBuilder },
): OutgoingEmail[] {
  return buildSessionEmails(info, { ...options, origin: publicOrigin(getEnv()) });
}
