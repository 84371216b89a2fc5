import { and, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { inIds } from "#db/in-ids";
import { feedback, feedbackReveals, mockSessions, sessionParticipants } from "#db/schema";
import { buildPersonRecord, type PersonRecord, type RatingTotals } from "./record";
import { pieceReveal } from "./reveal.server";

/**
 * The records of these people, in two grouped queries whatever their number. Everyone
 * asked for gets an entry, an empty record when they have no history.
 *
 * Ratings count only once their half is revealed: before that the person rated
 * could learn, from a moving average, what their partner wrote (double-blind).
 */
export async function loadPersonRecords(
  userIds: string[],
  db: Database = getDb(),
): Promise<Map<string, PersonRecord>> {
  const ids = [...new Set(userIds)];
  const records = new Map<string, PersonRecord>();
  if (ids.length === 0) return records;

  const me = sessionParticipants.userId;
  const [sessionRows, ratingRows] = await Promise.all([
    // Participant rows stay after a cancel or no-show (only `active` flips), so they
    // are the history; `active` must not be filtered on here.
    db
      .select({
        userId: me,
        held: sql<number>`(count(*) filter (where ${mockSessions.status} = 'completed'))::int`,
        noShows: sql<number>`(count(*) filter (where ${mockSessions.status} = 'no_show' and ${me} = any(${mockSessions.noShowUserIds})))::int`,
        lateCancels: sql<number>`(count(*) filter (where ${mockSessions.status} = 'cancelled' and ${mockSessions.lateCancel} and ${mockSessions.cancelledBy} = ${me}))::int`,
      })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .where(inIds(me, ids))
      .groupBy(me),
    db
      .select({
        userId: feedback.recipientId,
        count: sql<number>`count(*)::int`,
        preparationSum: sql<number>`sum(${feedback.preparation})::int`,
        helpfulnessSum: sql<number>`sum(${feedback.helpfulness})::int`,
        claritySum: sql<number>`sum(${feedback.clarity})::int`,
        wouldPractiseAgainCount: sql<number>`(count(*) filter (where ${feedback.wouldPractiseAgain}))::int`,
      })
      .from(feedback)
      .innerJoin(feedbackReveals, pieceReveal)
      .where(and(eq(feedback.kind, "rating"), inIds(feedback.recipientId, ids)))
      .groupBy(feedback.recipientId),
  ]);

  const sessionsOf = new Map(sessionRows.map((row) => [row.userId, row]));
  const ratingsOf = new Map<string, RatingTotals>(ratingRows.map((row) => [row.userId, row]));
  for (const id of ids) {
    const counts = sessionsOf.get(id);
    records.set(
      id,
      buildPersonRecord(
        {
          held: counts?.held ?? 0,
          noShows: counts?.noShows ?? 0,
          lateCancels: counts?.lateCancels ?? 0,
        },
        ratingsOf.get(id) ?? null,
      ),
    );
  }
  return records;
}
