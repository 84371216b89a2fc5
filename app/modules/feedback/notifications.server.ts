import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import { getDb } from "#db/client";
import {
  feedback,
  feedbackReveals,
  mockSessions,
  profiles,
  rounds,
  sessionParticipants,
  users,
} from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import {
  type FeedbackReminderStage,
  feedbackDueMessage,
  feedbackReadyMessage,
} from "~/modules/notify/messages";
import { enqueueEmails, type OutgoingEmail } from "~/modules/notify/outbox.server";
import { feedbackDuties, REVEAL_AFTER_MS, writeState } from "./duties";
import { revealOverdueFeedback } from "./feedback.server";

// The emails around feedback: reminders to write it, and the notice that it can be
// read. Every email carries a dedupe key, so each job run after the first is a no-op.

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

/** Catch-up window of notifyRevealed in the sweep, for notices lost to a crash. */
const READY_CATCH_UP_MS = 24 * HOUR_MS;

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
 * Tells each recipient that the feedback they received in these sessions can be read.
 * Sessions not revealed are skipped, so calling it after any submission is safe. The
 * reveal itself gets one email per recipient (in a swap it lists two pieces); a piece
 * submitted after the reveal, readable at once, gets an email of its own.
 */
export async function notifyRevealed(sessionIds: string[]): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const db = getDb();
  const origin = publicOrigin(getEnv());
  const pieces = await db
    .select({
      id: feedback.id,
      sessionId: feedback.sessionId,
      kind: feedback.kind,
      half: feedback.half,
      authorId: feedback.authorId,
      recipientId: feedback.recipientId,
      submittedAt: feedback.submittedAt,
      revealedAt: feedbackReveals.revealedAt,
      roundName: rounds.name,
      startsAt: mockSessions.startsAt,
    })
    .from(feedback)
    .innerJoin(feedbackReveals, eq(feedbackReveals.sessionId, feedback.sessionId))
    .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
    .innerJoin(rounds, eq(rounds.id, feedback.roundId))
    .where(inArray(feedback.sessionId, sessionIds))
    .orderBy(asc(feedback.half), asc(feedback.kind));
  if (pieces.length === 0) return 0;
  const people = await loadPeople([...new Set(pieces.map((p) => p.sessionId))]);
  const person = (sessionId: string, userId: string) =>
    people.find((p) => p.sessionId === sessionId && p.userId === userId);

  // Pieces in at the reveal go out together; each later one alone. Grouping by those
  // instants keeps every group (and so its dedupe key) the same on every call.
  const groups = new Map<string, typeof pieces>();
  for (const piece of pieces) {
    const late = piece.submittedAt.getTime() > piece.revealedAt.getTime();
    const key = `${piece.sessionId}:${piece.recipientId}:${late ? piece.id : "reveal"}`;
    groups.set(key, [...(groups.get(key) ?? []), piece]);
  }
  const emails: OutgoingEmail[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const reader = person(first.sessionId, first.recipientId);
    if (!reader) continue;
    const message = feedbackReadyMessage({
      roundName: first.roundName,
      start: first.startsAt,
      reader: { name: reader.name, timeZone: reader.timeZone },
      items: group.map((piece) => ({
        kind: piece.kind,
        authorName: person(piece.sessionId, piece.authorId)?.name ?? "your peer",
        url: `${origin}/feedback/${piece.id}`,
      })),
    });
    emails.push({
      userId: reader.userId,
      toAddress: reader.email,
      subject: message.subject,
      textBody: message.text,
      kind: "feedback-ready",
      sessionId: first.sessionId,
      dedupeKey: `feedback-ready:${first.id}`,
    });
  }
  return enqueueEmails(db, emails);
}

/**
 * The feedback job: reveals what is overdue and says so, then writes due reminders.
 * Sessions revealed lately are notified again (a no-op once sent), so a notice lost
 * between a reveal and its email, by the job or a submission, still goes out.
 */
export async function runFeedbackSweep(now: Date = new Date()) {
  const revealed = await revealOverdueFeedback(now);
  const recent = await getDb()
    .select({ id: feedbackReveals.sessionId })
    .from(feedbackReveals)
    .where(gt(feedbackReveals.revealedAt, new Date(now.getTime() - READY_CATCH_UP_MS)));
  const ready = await notifyRevealed([...new Set([...revealed, ...recent.map((r) => r.id)])]);
  const reminders = await sendFeedbackReminders(now);
  return { revealed: revealed.length, ready, reminders };
}
