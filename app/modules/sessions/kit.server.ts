import { and, desc, eq, isNotNull, max, or, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { ownQuestions, profiles, questions, sessionQuestions, storyNotes } from "#db/schema";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { loadReceivedScorecards } from "~/modules/feedback/feedback.server";
import {
  type FlaggedArea,
  flaggedAreas,
  leastRecentlyAsked,
  MAX_OWN_QUESTIONS,
  MAX_STORIES_PER_HALF,
  type OwnQuestionInput,
  type StoryInput,
} from "./kit";
import { rolesForHalf } from "./roles";
import type { RoomAccess } from "./room.server";

// The interviewer kit's writes and the reads it adds to the room: questions the
// interviewer brings, the bank's offer once it has run out for a candidate, story notes
// (STAR) and the hiring-manager round's flagged areas. Every function answers only the
// current half's interviewer; for anyone else it changes and reveals nothing.

/** The roles of the current half when `userId` interviews it, else null. */
function interviewedBy(access: RoomAccess, userId: string) {
  if (!access.isInterviewer || access.window === "before") return null;
  const roles = rolesForHalf(access.shape, access.half);
  return roles && roles.interviewerId === userId ? roles : null;
}

/** The kit can be written to: the interviewer's half, while the session runs. */
export function kitWritable(access: RoomAccess, userId: string): boolean {
  return interviewedBy(access, userId) !== null && access.window === "open" && !access.readOnly;
}

// ---------------------------------------------------------------------------
// Bring your own question

export interface OwnQuestionView {
  id: string;
  title: string;
  prompt: string;
  followUps: string[];
}

/** The owner's saved questions, newest first. Never called with anyone else's id. */
export async function listOwnQuestions(ownerId: string): Promise<OwnQuestionView[]> {
  return getDb()
    .select({
      id: ownQuestions.id,
      title: ownQuestions.title,
      prompt: ownQuestions.prompt,
      followUps: ownQuestions.followUps,
    })
    .from(ownQuestions)
    .where(eq(ownQuestions.ownerId, ownerId))
    .orderBy(desc(ownQuestions.createdAt), desc(ownQuestions.id))
    .limit(MAX_OWN_QUESTIONS);
}

export type OwnQuestionOutcome = "ok" | "not_found" | "full";

/**
 * Makes one of the interviewer's own questions (a saved one, or one written now and
 * saved to their list) this half's question, in place of whatever it had. A question id
 * that is not theirs is "not_found", exactly like one that does not exist.
 */
export async function askOwnQuestion(
  access: RoomAccess,
  userId: string,
  choice: { ownQuestionId: string } | { write: OwnQuestionInput },
): Promise<OwnQuestionOutcome> {
  const roles = interviewedBy(access, userId);
  if (!roles || !kitWritable(access, userId)) return "not_found";
  return getDb().transaction(async (tx) => {
    let ownQuestionId: string;
    if ("ownQuestionId" in choice) {
      const [mine] = await tx
        .select({ id: ownQuestions.id })
        .from(ownQuestions)
        .where(and(eq(ownQuestions.id, choice.ownQuestionId), eq(ownQuestions.ownerId, userId)));
      if (!mine) return "not_found";
      ownQuestionId = mine.id;
    } else {
      // The count and the insert in one statement; the cap is a limit, not an invariant
      // worth a lock (two tabs racing may end one over it).
      const [saved] = await tx
        .insert(ownQuestions)
        .select(
          sql`select gen_random_uuid(), ${userId}::uuid, ${choice.write.title}, ${choice.write.prompt},
            array(select jsonb_array_elements_text(${JSON.stringify(choice.write.followUps)}::jsonb)),
            now()
          where (select count(*) from ${ownQuestions} where ${ownQuestions.ownerId} = ${userId}) < ${MAX_OWN_QUESTIONS}`,
        )
        .returning({ id: ownQuestions.id });
      if (!saved) return "full";
      ownQuestionId = saved.id;
    }
    await tx
      .insert(sessionQuestions)
      .values({
        sessionId: access.session.id,
        half: access.half,
        questionId: null,
        ownQuestionId,
        repeat: false,
        interviewerId: roles.interviewerId,
        candidateId: roles.candidateId,
      })
      .onConflictDoUpdate({
        target: [sessionQuestions.sessionId, sessionQuestions.half],
        set: { questionId: null, ownQuestionId, repeat: false, assignedAt: new Date() },
      });
    return "ok";
  });
}

// ---------------------------------------------------------------------------
// When the bank runs out

export interface RunOutOffer {
  /** The question the candidate met longest ago, to ask again only if chosen. */
  leastRecent: { id: number; title: string; lastSeenAt: string } | null;
}

/**
 * Null while the bank still holds a question of this round the candidate has never met
 * (as candidate or as interviewer); otherwise what the kit can offer instead.
 */
export async function bankRunOut(
  access: RoomAccess,
  candidateId: string,
): Promise<RunOutOffer | null> {
  const db = getDb();
  const roundId = access.session.roundId;
  const [bank, history, thisSession] = await Promise.all([
    db
      .select({ id: questions.id, title: questions.title })
      .from(questions)
      .where(eq(questions.roundId, roundId)),
    db
      .select({
        questionId: sessionQuestions.questionId,
        lastSeenAt: max(sessionQuestions.assignedAt),
      })
      .from(sessionQuestions)
      .innerJoin(questions, eq(questions.id, sessionQuestions.questionId))
      .where(
        and(
          eq(questions.roundId, roundId),
          or(
            eq(sessionQuestions.candidateId, candidateId),
            eq(sessionQuestions.interviewerId, candidateId),
          ),
        ),
      )
      .groupBy(sessionQuestions.questionId),
    db
      .select({ questionId: sessionQuestions.questionId })
      .from(sessionQuestions)
      .where(
        and(
          eq(sessionQuestions.sessionId, access.session.id),
          isNotNull(sessionQuestions.questionId),
        ),
      ),
  ]);
  const met = new Set(history.map((h) => h.questionId));
  if (bank.some((q) => !met.has(q.id))) return null;
  const offer = leastRecentlyAsked(
    history.map((h) => ({ questionId: h.questionId!, lastSeenAt: h.lastSeenAt! })),
    new Set(thisSession.map((q) => q.questionId!)),
  );
  const question = offer && bank.find((q) => q.id === offer.questionId);
  return {
    leastRecent:
      offer && question
        ? { id: question.id, title: question.title, lastSeenAt: offer.lastSeenAt.toISOString() }
        : null,
  };
}

export type RepeatOutcome = "ok" | "not_found" | "not_offered" | "taken";

/**
 * The interviewer explicitly asks again the question the bank offers once it has run
 * out. Only that question (the one the candidate met longest ago) and only while the
 * half has none: a repeat is never silent and never a shortcut past a fresh question.
 */
export async function askAgain(
  access: RoomAccess,
  userId: string,
  questionId: number,
): Promise<RepeatOutcome> {
  const roles = interviewedBy(access, userId);
  if (!roles || !kitWritable(access, userId)) return "not_found";
  const offer = await bankRunOut(access, roles.candidateId);
  if (offer?.leastRecent?.id !== questionId) return "not_offered";
  const [row] = await getDb()
    .insert(sessionQuestions)
    .values({
      sessionId: access.session.id,
      half: access.half,
      questionId,
      repeat: true,
      interviewerId: roles.interviewerId,
      candidateId: roles.candidateId,
    })
    .onConflictDoNothing({ target: [sessionQuestions.sessionId, sessionQuestions.half] })
    .returning({ half: sessionQuestions.half });
  return row ? "ok" : "taken";
}

// ---------------------------------------------------------------------------
// Story notes (STAR)

export type { StoryView } from "./story-notes.server";
export { storiesOfHalf as listStories } from "./story-notes.server";

/** A new, empty story note for the current half; null when it may not or the half is full. */
export async function addStory(
  access: RoomAccess,
  userId: string,
): Promise<{ id: string } | "not_found" | "full"> {
  if (!kitWritable(access, userId)) return "not_found";
  const { id: sessionId } = access.session;
  const [row] = await getDb()
    .insert(storyNotes)
    .select(
      sql`select gen_random_uuid(), ${sessionId}::uuid, ${access.half}::smallint, ${userId}::uuid,
        null::integer, '', '', '', '', '', now(), now()
      where (select count(*) from ${storyNotes} where ${storyNotes.sessionId} = ${sessionId}
        and ${storyNotes.half} = ${access.half} and ${storyNotes.authorId} = ${userId}) < ${MAX_STORIES_PER_HALF}`,
    )
    .returning({ id: storyNotes.id });
  return row ? { id: row.id } : "full";
}

/** The dimension ids of the session's round, by slug (the values a story can evidence). */
async function roundValues(roundId: number): Promise<Map<string, number>> {
  const round = (await getLoopCatalogs()).flatMap((l) => l.rounds).find((r) => r.id === roundId);
  return new Map((round?.dimensions ?? []).map((d) => [d.slug, d.id]));
}

/** The story `storyId`, if it is the user's own of the current half (else matches nothing). */
function ownStoryOfThisHalf(access: RoomAccess, userId: string, storyId: string) {
  return and(
    eq(storyNotes.id, storyId),
    eq(storyNotes.sessionId, access.session.id),
    eq(storyNotes.half, access.half),
    eq(storyNotes.authorId, userId),
  );
}

/** Saves a story note of the current half, by its author only. False: no such story of theirs. */
export async function saveStory(
  access: RoomAccess,
  userId: string,
  storyId: string,
  input: StoryInput,
): Promise<boolean> {
  if (!kitWritable(access, userId)) return false;
  const values = await roundValues(access.session.roundId);
  const rows = await getDb()
    .update(storyNotes)
    .set({
      title: input.title,
      dimensionId: input.value ? (values.get(input.value) ?? null) : null,
      situation: input.situation,
      task: input.task,
      action: input.action,
      result: input.result,
      updatedAt: new Date(),
    })
    .where(ownStoryOfThisHalf(access, userId, storyId))
    .returning({ id: storyNotes.id });
  return rows.length === 1;
}

export async function deleteStory(
  access: RoomAccess,
  userId: string,
  storyId: string,
): Promise<boolean> {
  if (!kitWritable(access, userId)) return false;
  const rows = await getDb()
    .delete(storyNotes)
    .where(ownStoryOfThisHalf(access, userId, storyId))
    .returning({ id: storyNotes.id });
  return rows.length === 1;
}

// ---------------------------------------------------------------------------
// Hiring manager: areas earlier scorecards flagged

export interface FlaggedAreasView {
  /** The candidate allows it (profile setting, off by default). */
  shared: boolean;
  areas: FlaggedArea[];
}

/** What the candidate's earlier revealed scorecards flagged, if they share it. */
export async function flaggedAreasOf(candidateId: string): Promise<FlaggedAreasView> {
  if (!(await getShareFlaggedAreas(candidateId))) return { shared: false, areas: [] };
  const [scorecards, catalogs] = await Promise.all([
    loadReceivedScorecards(candidateId),
    getLoopCatalogs(),
  ]);
  // Keyed by loop too: two loops may each have a round of the same slug.
  const roundNames = new Map(
    catalogs.flatMap((l) => l.rounds.map((r) => [`${l.slug}/${r.slug}`, r.name])),
  );
  return {
    shared: true,
    areas: flaggedAreas(
      scorecards.map((card) => ({
        roundName: roundNames.get(`${card.loopSlug}/${card.roundSlug}`) ?? card.roundSlug,
        startsAt: card.startsAt,
        scores: card.scores,
      })),
    ),
  };
}

export async function getShareFlaggedAreas(userId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ share: profiles.shareFlaggedAreas })
    .from(profiles)
    .where(eq(profiles.userId, userId));
  return row?.share ?? false;
}

/** Turns the hiring-manager sharing on or off for the person themselves. */
export async function setShareFlaggedAreas(userId: string, share: boolean): Promise<void> {
  await getDb()
    .update(profiles)
    .set({ shareFlaggedAreas: share, updatedAt: new Date() })
    .where(eq(profiles.userId, userId));
}
