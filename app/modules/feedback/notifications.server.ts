import { and, eq, gt, inArray, lte } from "drizzle-orm";
import { getDb } from "#db/client";
import { feedback, mockSessions, profiles, rounds, sessionParticipants, users } from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { type FeedbackReminderStage, feedbackDueMessage } from "~/modules/notify/messages";
import { enqueueEmails, type OutgoingEmail } from "~/modules/notify/outbox.server";
import { feedbackDuties, REVEAL_AFTER_MS, writeState } from "./duties";
import { revealOverdueFeedback } from "./feedback.server";

// Reminders to write feedback, and the sweep that reveals overdue halves. (The notice
// that feedback can be read is written by the reveal itself: reveal.server.ts.) Every
// email carries a dedupe key, so each job run after the first is a no-op.

const HOUR_MS = 60 * 60 * 1000;

/**
 * A stage is due from `from` after the session's end until the next one starts, so
 * a sweep that runs late sends the later reminder only, never both at once. Nothing
 * is sent after the reveal deadline: the dashboard still lists what is owed.
 */
const STAGES: { stage: FeedbackReminderStage; from: number; until: number }[] = [
  { stage: "1h", from: HOUR_MS, until: REVEAL_AFTER_MS - 24 * HOUR_MS },
  { stage: "final", from: REVEAL_AFTER_MS - 24 * HOUR_MS, until: REVEAL_AFTER_MS },
];

async function loadPeople(sessionIds: string[]) {
  return getDb()
    .select({
      sessionId: sessionParticipants.sessionId,
      userId: sessionParticipants.userId,
      role: sessionParticipants.role,
      name: users.name,
      email: users.email,
      timeZone: profiles.timeZone,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(profiles, eq(profiles.userId, sessionParticipants.userId))
    .where(inArray(sessionParticipants.sessionId, sessionIds));
}

/**
 * Writes the reminders that are due: to each participant of a completed session who
 * still owes feedback for it, one email per stage listing what they owe. Returns the
 * number of emails written.
 */
export async function sendFeedbackReminders(now: Date = new Date()): Promise<number> {
  const db = getDb();
  const origin = publicOrigin(getEnv());
  let written = 0;
  for (const { stage, from, until } of STAGES) {
    const sessions = await db
      .select({
        id: mockSessions.id,
        format: mockSessions.format,
        bookedBy: mockSessions.bookedBy,
        status: mockSessions.status,
        currentHalf: mockSessions.currentHalf,
        startsAt: mockSessions.startsAt,
        endsAt: mockSessions.endsAt,
        roundName: rounds.name,
      })
      .from(mockSessions)
      .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
      .where(
        and(
          eq(mockSessions.status, "completed"),
          lte(mockSessions.endsAt, new Date(now.getTime() - from)),
          gt(mockSessions.endsAt, new Date(now.getTime() - until)),
        ),
      );
    if (sessions.length === 0) continue;
    const ids = sessions.map((s) => s.id);
    const [people, submitted] = await Promise.all([
      loadPeople(ids),
      db
        .select({ sessionId: feedback.sessionId, half: feedback.half, kind: feedback.kind })
        .from(feedback)
        .where(inArray(feedback.sessionId, ids)),
    ]);
    const emails: OutgoingEmail[] = [];
    for (const session of sessions) {
      const participants = people.filter((p) => p.sessionId === session.id);
      const done = new Set(
        submitted.filter((s) => s.sessionId === session.id).map((s) => `${s.half}:${s.kind}`),
      );
      const owing = feedbackDuties({ ...session, participants }).filter(
        (d) =>
          !done.has(`${d.half}:${d.kind}`) &&
          writeState({ ...session, participants }, d.half, now) === "open",
      );
      for (const reader of participants) {
        const owed = owing.filter((d) => d.authorId === reader.userId);
        if (owed.length === 0) continue;
        const peer = participants.find((p) => p.userId !== reader.userId);
        const message = feedbackDueMessage({
          stage,
          roundName: session.roundName,
          start: session.startsAt,
          revealBy: new Date(session.endsAt.getTime() + REVEAL_AFTER_MS),
          reader: { name: reader.name, timeZone: reader.timeZone },
          peerName: peer?.name ?? "your peer",
          owed: owed.map((d) => ({
            kind: d.kind,
            half: d.half,
            swap: session.format === "swap",
            url: `${origin}/sessions/${session.id}/feedback/${d.half}`,
          })),
        });
        emails.push({
          userId: reader.userId,
          toAddress: reader.email,
          subject: message.subject,
          textBody: message.text,
          kind: "feedback-due",
          sessionId: session.id,
          dedupeKey: `feedback-due-${stage}:${session.id}:${reader.userId}`,
        });
      }
    }
    written += await enqueueEmails(db, emails);
  }
  return written;
}

/**
 * The feedback job: reveals what is overdue (each reveal writes its own "ready"
 * emails in its transaction), then writes the reminders that are due.
 */
export async function runFeedbackSweep(now: Date = new Date()) {
  const revealed = await revealOverdueFeedback(now);
  const reminders = await sendFeedbackReminders(now);
  return { revealed: revealed.length, reminders };
}
