import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as Y from "yjs";
import { type Database, getDb } from "#db/client";
import {
  dimensions,
  type FeedbackKind,
  feedback,
  feedbackDrafts,
  feedbackReveals,
  feedbackScores,
  levels,
  mockSessions,
  type OverallCall,
  padDocuments,
  profiles,
  questions,
  roundLevelBars,
  rounds,
  sessionParticipants,
  sessionQuestions,
  storyNotes,
  users,
} from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import type { BoardElement } from "~/modules/board/board-elements";
import { storedBoardElements } from "~/modules/board/board-snapshot";
import { measureBoard, renderBoardSvg, SESSION_BOARD_TITLE } from "~/modules/board/board-svg";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { settleOnScorecard } from "~/modules/credits/escrow.server";
import type { SessionShape } from "~/modules/sessions/roles";
import { DOC_ROOTS, META_KEYS } from "~/modules/sessions/shared-doc";
import { storiesOfHalf } from "~/modules/sessions/story-notes.server";
import { sharedForScorecard } from "~/modules/stories/shares.server";
import { parseUuid } from "~/utils/ids";
import {
  canReadFeedback,
  type FeedbackDuty,
  feedbackDuties,
  REVEAL_AFTER_MS,
  type SessionProgress,
  WRITE_WINDOW_MS,
  type WriteState,
  writeState,
} from "./duties";
import type { RatingInput, ScorecardInput } from "./forms";
import type { ReceivedScorecard } from "./readiness";
import { pieceReveal, revealDueHalves } from "./reveal.server";

type Executor = Database;

const seat = alias(sessionParticipants, "seat");
const seatUser = alias(users, "seat_user");
const seatProfile = alias(profiles, "seat_profile");
const storyValue = alias(dimensions, "story_value");

/**
 * A session's participants as one json column, for a query over mock_sessions. (An alias
 * renders as its bare name inside sql``: the table goes before it.)
 */
function participantsJson() {
  return sql<FeedbackSession["participants"] | string>`(
    select coalesce(json_agg(json_build_object(
      'userId', ${seat.userId}, 'role', ${seat.role}, 'targetLevelId', ${seat.targetLevelId},
      'name', ${seatUser.name}, 'email', ${seatUser.email}, 'timeZone', ${seatProfile.timeZone}
    )), '[]')
    from ${sessionParticipants} ${seat}
    inner join ${users} ${seatUser} on ${seatUser.id} = ${seat.userId}
    inner join ${profiles} ${seatProfile} on ${seatProfile.userId} = ${seat.userId}
    where ${seat.sessionId} = ${mockSessions.id})`;
}

/** A json column as the driver hands it over: parsed already (both drivers do), or text. */
function jsonOf<T>(value: T[] | string): T[] {
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}

export function parseHalf(value: string | undefined): 1 | 2 | null {
  return value === "1" ? 1 : value === "2" ? 2 : null;
}

/** The one submitted piece of a half and kind (the unique key of `feedback`). */
function feedbackSlot(sessionId: string, half: number, kind: FeedbackKind) {
  return and(eq(feedback.sessionId, sessionId), eq(feedback.half, half), eq(feedback.kind, kind));
}

/** The draft of a half and kind (the primary key of `feedback_drafts`). */
function draftSlot(sessionId: string, half: number, kind: FeedbackKind) {
  return and(
    eq(feedbackDrafts.sessionId, sessionId),
    eq(feedbackDrafts.half, half),
    eq(feedbackDrafts.kind, kind),
  );
}

interface FeedbackSession extends SessionProgress {
  id: string;
  loopId: number;
  roundId: number;
  roundName: string;
  startsAt: Date;
  endsAt: Date;
  participants: (SessionShape["participants"][number] & {
    targetLevelId: number | null;
    name: string;
    email: string;
    timeZone: string;
  })[];
}

/** Sessions with their participants, in two queries however many are asked for. */
async function loadFeedbackSessions(
  sessionIds: string[],
  db: Executor = getDb(),
): Promise<Map<string, FeedbackSession>> {
  const loaded = new Map<string, FeedbackSession>();
  if (sessionIds.length === 0) return loaded;
  const [sessions, participants] = await Promise.all([
    db
      .select(sessionColumns())
      .from(mockSessions)
      .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
      .where(inArray(mockSessions.id, sessionIds)),
    db
      .select({
        sessionId: sessionParticipants.sessionId,
        userId: sessionParticipants.userId,
        role: sessionParticipants.role,
        targetLevelId: sessionParticipants.targetLevelId,
        name: users.name,
        email: users.email,
        timeZone: profiles.timeZone,
      })
      .from(sessionParticipants)
      .innerJoin(users, eq(users.id, sessionParticipants.userId))
      .innerJoin(profiles, eq(profiles.userId, sessionParticipants.userId))
      .where(inArray(sessionParticipants.sessionId, sessionIds)),
  ]);
  for (const session of sessions) {
    loaded.set(session.id, {
      ...session,
      participants: participants
        .filter((p) => p.sessionId === session.id)
        .map(({ sessionId: _, ...p }) => p),
    });
  }
  return loaded;
}

async function loadFeedbackSession(
  sessionId: string,
  db: Executor = getDb(),
): Promise<FeedbackSession | null> {
  return (await loadFeedbackSessions([sessionId], db)).get(sessionId) ?? null;
}

function dutyOf(session: FeedbackSession, half: 1 | 2, authorId: string): FeedbackDuty | null {
  return feedbackDuties(session).find((d) => d.half === half && d.authorId === authorId) ?? null;
}

async function loadRoundRubric(roundId: number, db: Executor) {
  const [round] = await db
    .select({ id: rounds.id, slug: rounds.slug, name: rounds.name, loopId: rounds.loopId })
    .from(rounds)
    .where(eq(rounds.id, roundId));
  const dims = await db
    .select({
      id: dimensions.id,
      slug: dimensions.slug,
      name: dimensions.name,
      description: dimensions.description,
      anchor1: dimensions.anchor1,
      anchor2: dimensions.anchor2,
      anchor3: dimensions.anchor3,
      anchor4: dimensions.anchor4,
    })
    .from(dimensions)
    .where(eq(dimensions.roundId, roundId))
    .orderBy(asc(dimensions.position));
  return {
    ...round!,
    dimensions: dims.map((d) => ({
      id: d.id,
      slug: d.slug,
      name: d.name,
      description: d.description,
      anchors: [d.anchor1, d.anchor2, d.anchor3, d.anchor4] as [string, string, string, string],
    })),
  };
}

async function loopRounds(loopId: number, db: Executor) {
  return db
    .select({ id: rounds.id, slug: rounds.slug, name: rounds.name })
    .from(rounds)
    .where(eq(rounds.loopId, loopId))
    .orderBy(asc(rounds.position));
}

async function questionOfHalf(sessionId: string, half: number, db: Executor) {
  const [row] = await db
    .select({ title: questions.title, prompt: questions.prompt })
    .from(sessionQuestions)
    .innerJoin(questions, eq(questions.id, sessionQuestions.questionId))
    .where(and(eq(sessionQuestions.sessionId, sessionId), eq(sessionQuestions.half, half)));
  return row ?? null;
}

export type FeedbackForm = NonNullable<Awaited<ReturnType<typeof getFeedbackForm>>>;

/**
 * What the author of one half's feedback needs to write it, or null (404) for anyone
 * who owes nothing there. Never contains the other side's feedback.
 */
export async function getFeedbackForm(
  sessionId: string,
  half: 1 | 2,
  viewerId: string,
  now: Date = new Date(),
) {
  const db = getDb();
  const session = await loadFeedbackSession(sessionId, db);
  if (!session) return null;
  const duty = dutyOf(session, half, viewerId);
  if (!duty) return null;
  const [round, practiseRounds, question, [existing], [draft], stories, bank] = await Promise.all([
    loadRoundRubric(session.roundId, db),
    loopRounds(session.loopId, db),
    questionOfHalf(sessionId, half, db),
    db
      .select({ id: feedback.id, submittedAt: feedback.submittedAt })
      .from(feedback)
      .where(feedbackSlot(sessionId, half, duty.kind)),
    db
      .select({ values: feedbackDrafts.values, updatedAt: feedbackDrafts.updatedAt })
      .from(feedbackDrafts)
      .where(draftSlot(sessionId, half, duty.kind)),
    duty.kind === "scorecard" ? storiesOfHalf(sessionId, half, viewerId, db) : [],
    // The candidate's shared bank stories (titles only) a value's score may refer to.
    duty.kind === "scorecard"
      ? sharedForScorecard(sessionId, session.roundId, duty.recipientId)
      : { shared: [], valueDimensionIds: [] as number[] },
  ]);
  const candidate = session.participants.find(
    (p) => p.userId === (duty.kind === "scorecard" ? duty.recipientId : duty.authorId),
  );
  const [target] = candidate?.targetLevelId
    ? await db
        .select({ id: levels.id, code: levels.code, bar: roundLevelBars.expectation })
        .from(levels)
        .leftJoin(
          roundLevelBars,
          and(eq(roundLevelBars.levelId, levels.id), eq(roundLevelBars.roundId, session.roundId)),
        )
        .where(eq(levels.id, candidate.targetLevelId))
    : [];
  return {
    session: {
      id: session.id,
      format: session.format,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      status: session.status,
    },
    half,
    kind: duty.kind,
    state: writeState(session, half, now) as WriteState,
    revealBy: new Date(session.endsAt.getTime() + REVEAL_AFTER_MS),
    round,
    practiseRounds,
    question,
    peerName: session.participants.find((p) => p.userId === duty.recipientId)?.name ?? "Your peer",
    targetLevel: target ? { code: target.code, bar: target.bar } : null,
    submitted: existing ?? null,
    draft: draft ?? null,
    stories,
    bankStories: {
      shared: bank.shared.map(({ id, title, values }) => ({ id, title, values })),
      /** The value dimensions (by slug) a score may tie to one of the shared stories. */
      valueSlugs: round.dimensions
        .filter((d) => bank.valueDimensionIds.includes(d.id))
        .map((d) => d.slug),
    },
  };
}

/**
 * Submits and reveals of one session run one after the other: two last pieces arriving
 * together would otherwise each miss the other's row (read committed) and neither would
 * reveal, and the sweep could reveal a half a submit is revealing too.
 */
async function lockSession(tx: Executor, sessionId: string): Promise<void> {
  await tx
    .select({ id: mockSessions.id })
    .from(mockSessions)
    .where(eq(mockSessions.id, sessionId))
    .for("update");
}

export type SaveDraftResult = "saved" | "not_found" | "submitted" | "closed";

/** Keeps the form as typed. Refused once submitted or outside the writing window. */
export async function saveFeedbackDraft(
  sessionId: string,
  half: 1 | 2,
  viewerId: string,
  values: Record<string, string>,
  now: Date = new Date(),
): Promise<SaveDraftResult> {
  const db = getDb();
  const session = await loadFeedbackSession(sessionId, db);
  const duty = session ? dutyOf(session, half, viewerId) : null;
  if (!session || !duty) return "not_found";
  if (writeState(session, half, now) !== "open") return "closed";
  const [done] = await db
    .select({ id: feedback.id })
    .from(feedback)
    .where(feedbackSlot(sessionId, half, duty.kind));
  if (done) return "submitted";
  await db
    .insert(feedbackDrafts)
    .values({ sessionId, half, kind: duty.kind, authorId: viewerId, values, updatedAt: now })
    .onConflictDoUpdate({
      target: [feedbackDrafts.sessionId, feedbackDrafts.half, feedbackDrafts.kind],
      set: { values, updatedAt: now },
    });
  return "saved";
}

export type SubmitResult =
  /** `revealed`: the piece's half is readable by its recipient now (they were told by email). */
  | { ok: true; feedbackId: string; revealed: boolean }
  | { ok: false; error: "not_found" | "not_yet" | "closed" | "not_held" };

type SubmitPayload =
  | { kind: "scorecard"; value: ScorecardInput }
  | { kind: "rating"; value: RatingInput };

/**
 * Stores submitted feedback in one transaction: the row, its scores, the draft gone,
 * its half revealed if this was the half's last piece, and the "ready" emails of what
 * became readable; delivery is kicked after the commit. Submitting twice returns the
 * first submission (the unique key on session, half and kind decides).
 */
export async function submitFeedback(
  sessionId: string,
  half: 1 | 2,
  viewerId: string,
  payload: SubmitPayload,
  now: Date = new Date(),
): Promise<SubmitResult> {
  const db = getDb();
  const session = await loadFeedbackSession(sessionId, db);
  const duty = session ? dutyOf(session, half, viewerId) : null;
  if (!session || !duty || duty.kind !== payload.kind) return { ok: false, error: "not_found" };
  const state = writeState(session, half, now);
  if (state !== "open") return { ok: false, error: state };

  const round = payload.kind === "scorecard" ? await loadRoundRubric(session.roundId, db) : null;
  const practise =
    payload.kind === "scorecard"
      ? (await loopRounds(session.loopId, db)).find((r) => r.slug === payload.value.practiseRound)
      : null;
  if (payload.kind === "scorecard" && !practise) return { ok: false, error: "not_found" };
  const candidateLevel = session.participants.find(
    (p) => p.userId === duty.recipientId,
  )?.targetLevelId;

  const result = await db.transaction(async (tx) => {
    await lockSession(tx, sessionId);
    const common = {
      sessionId,
      half,
      kind: duty.kind,
      authorId: duty.authorId,
      recipientId: duty.recipientId,
      roundId: session.roundId,
      submittedAt: now,
    };
    const values =
      payload.kind === "scorecard"
        ? {
            ...common,
            targetLevelId: candidateLevel ?? null,
            overall: payload.value.overall,
            strengths: payload.value.strengths,
            improvements: payload.value.improvements,
            practiseRoundId: practise!.id,
            practiseTopic: payload.value.practiseTopic || null,
          }
        : {
            ...common,
            preparation: payload.value.preparation,
            helpfulness: payload.value.helpfulness,
            clarity: payload.value.clarity,
            wouldPractiseAgain: payload.value.wouldPractiseAgain,
            comment: payload.value.comment || null,
          };
    const [row] = await tx
      .insert(feedback)
      .values(values)
      .onConflictDoNothing({ target: [feedback.sessionId, feedback.half, feedback.kind] })
      .returning({ id: feedback.id });
    if (!row) {
      const [first] = await tx
        .select({ id: feedback.id })
        .from(feedback)
        .where(feedbackSlot(sessionId, half, duty.kind));
      return { ok: true as const, feedbackId: first!.id, revealed: false, emails: 0 };
    }
    if (payload.kind === "scorecard") {
      await tx.insert(feedbackScores).values(
        round!.dimensions.map((d) => ({
          feedbackId: row.id,
          dimensionId: d.id,
          score: payload.value.score[d.slug] as number,
          evidence: payload.value.evidence[d.slug] as string,
          storyId: (payload.value.story?.[d.slug] as string | undefined) ?? null,
          bankStoryId: (payload.value.bankStory?.[d.slug] as string | undefined) ?? null,
          momentMs: (payload.value.moment?.[d.slug] as number | undefined) ?? null,
        })),
      );
    }
    await tx.delete(feedbackDrafts).where(draftSlot(sessionId, half, duty.kind));
    // A one-way mock held and scored: the interviewer earns its escrow, with the scorecard.
    if (payload.kind === "scorecard" && session.format === "one_way") {
      await settleOnScorecard(tx, sessionId, now);
    }
    const outcome = await revealDueHalves(tx, session, now, row.id);
    return {
      ok: true as const,
      feedbackId: row.id,
      revealed: outcome.readable.includes(half),
      emails: outcome.emails,
    };
  });
  if (result.emails > 0) await kickJob("deliver-email");
  return { ok: true, feedbackId: result.feedbackId, revealed: result.revealed };
}

/**
 * The timed reveal: halves with a submitted piece, not yet revealed, whose session
 * ended more than REVEAL_AFTER_MS ago. Each session is revealed in its own transaction,
 * under the same row lock as submits, with its "ready" emails. Returns the ids of the
 * sessions where this sweep revealed something.
 */
export async function revealOverdueFeedback(now: Date = new Date()): Promise<string[]> {
  const db = getDb();
  const due = await db
    .selectDistinct({ id: feedback.sessionId })
    .from(feedback)
    .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
    .leftJoin(feedbackReveals, pieceReveal)
    .where(
      and(
        isNull(feedbackReveals.sessionId),
        lte(mockSessions.endsAt, new Date(now.getTime() - REVEAL_AFTER_MS)),
      ),
    );
  const revealed: string[] = [];
  let emails = 0;
  const sessions = await loadFeedbackSessions(
    due.map((d) => d.id),
    db,
  );
  for (const [id, session] of sessions) {
    const outcome = await db.transaction(async (tx) => {
      await lockSession(tx, id);
      return revealDueHalves(tx, session, now);
    });
    if (outcome.halves.length > 0) revealed.push(id);
    emails += outcome.emails;
  }
  if (emails > 0) await kickJob("deliver-email");
  return revealed;
}

/** The halves of a session whose feedback is readable by its recipients. */
export async function revealedHalves(sessionId: string, db: Executor = getDb()): Promise<number[]> {
  const rows = await db
    .select({ half: feedbackReveals.half })
    .from(feedbackReveals)
    .where(eq(feedbackReveals.sessionId, sessionId));
  return rows.map((r) => r.half);
}

/** The session's shared document as it was left: the pad's language and text, the board. */
export async function padSnapshot(
  sessionId: string,
  db: Executor = getDb(),
): Promise<{ language: string | null; code: string; board: BoardElement[] } | null> {
  const [row] = await db
    .select({ state: padDocuments.state })
    .from(padDocuments)
    .where(eq(padDocuments.sessionId, sessionId));
  if (!row) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, row.state);
    return {
      language: doc.getMap<string>(DOC_ROOTS.meta).get(META_KEYS.language) ?? null,
      code: doc.getText(DOC_ROOTS.code).toString(),
      board: storedBoardElements(doc.getMap<unknown>(DOC_ROOTS.board)),
    };
  } finally {
    doc.destroy();
  }
}

/**
 * The session's board as an SVG, for the feedback's author or (after the reveal) its
 * recipient, as the feedback detail shows it. Null for everyone else, and when the
 * session left no board.
 */
export async function getFeedbackBoardSvg(
  feedbackId: string,
  viewerId: string,
): Promise<string | null> {
  const db = getDb();
  const item = await findReadableFeedback(feedbackId, viewerId, db);
  if (!item) return null;
  const pad = await padSnapshot(item.row.sessionId, db);
  const picture = renderBoardSvg(pad?.board ?? [], { title: SESSION_BOARD_TITLE });
  return picture.empty ? null : picture.svg;
}

/**
 * The feedback row with what its pages show beside it, when the viewer may read it: its
 * author always, its recipient once revealed. Null otherwise (every route answers 404).
 */
async function findReadableFeedback(feedbackId: string, viewerId: string, db: Executor) {
  if (!parseUuid(feedbackId)) return null;
  const [item] = await db
    .select({
      row: feedback,
      roundName: rounds.name,
      roundSlug: rounds.slug,
      levelCode: levels.code,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      format: mockSessions.format,
      revealedAt: feedbackReveals.revealedAt,
    })
    .from(feedback)
    .innerJoin(rounds, eq(rounds.id, feedback.roundId))
    .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
    .leftJoin(levels, eq(levels.id, feedback.targetLevelId))
    .leftJoin(feedbackReveals, pieceReveal)
    .where(eq(feedback.id, feedbackId));
  if (!item || !canReadFeedback(item.row, viewerId, item.revealedAt !== null)) return null;
  return item;
}

export type FeedbackDetail = NonNullable<Awaited<ReturnType<typeof getFeedbackForViewer>>>;

/**
 * One piece of feedback in full, for its author or (after the reveal) its recipient.
 * Everyone else gets null, which every route answers with 404.
 */
export async function getFeedbackForViewer(feedbackId: string, viewerId: string) {
  const db = getDb();
  const item = await findReadableFeedback(feedbackId, viewerId, db);
  if (!item) return null;
  const row = item.row;
  const [people, scores, practise, question, pad] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [row.authorId, row.recipientId])),
    row.kind === "scorecard"
      ? db
          .select({
            slug: dimensions.slug,
            name: dimensions.name,
            description: dimensions.description,
            score: feedbackScores.score,
            evidence: feedbackScores.evidence,
            momentMs: feedbackScores.momentMs,
            anchor1: dimensions.anchor1,
            anchor2: dimensions.anchor2,
            anchor3: dimensions.anchor3,
            anchor4: dimensions.anchor4,
            story: {
              title: storyNotes.title,
              value: storyValue.name,
              situation: storyNotes.situation,
              task: storyNotes.task,
              action: storyNotes.action,
              result: storyNotes.result,
            },
          })
          .from(feedbackScores)
          .innerJoin(dimensions, eq(dimensions.id, feedbackScores.dimensionId))
          // The cited story note, read with the scorecard (never on its own).
          .leftJoin(storyNotes, eq(storyNotes.id, feedbackScores.storyId))
          .leftJoin(storyValue, eq(storyValue.id, storyNotes.dimensionId))
          .where(eq(feedbackScores.feedbackId, row.id))
          .orderBy(asc(dimensions.position))
      : Promise.resolve([]),
    row.practiseRoundId
      ? db
          .select({ slug: rounds.slug, name: rounds.name })
          .from(rounds)
          .where(eq(rounds.id, row.practiseRoundId))
      : Promise.resolve([]),
    questionOfHalf(row.sessionId, row.half, db),
    padSnapshot(row.sessionId, db),
  ]);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "A peer";
  return {
    id: row.id,
    kind: row.kind,
    sessionId: row.sessionId,
    half: row.half,
    format: item.format,
    viewerIsAuthor: row.authorId === viewerId,
    revealedAt: item.revealedAt,
    authorName: nameOf(row.authorId),
    recipientName: nameOf(row.recipientId),
    round: { slug: item.roundSlug, name: item.roundName },
    levelCode: item.levelCode,
    startsAt: item.startsAt,
    revealBy: new Date(item.endsAt.getTime() + REVEAL_AFTER_MS),
    submittedAt: row.submittedAt,
    overall: row.overall,
    strengths: row.strengths,
    improvements: row.improvements,
    practise: practise[0] ? { ...practise[0], topic: row.practiseTopic } : null,
    scores: scores.map((s) => ({
      slug: s.slug,
      name: s.name,
      description: s.description,
      score: s.score,
      evidence: s.evidence,
      momentMs: s.momentMs,
      anchor: [s.anchor1, s.anchor2, s.anchor3, s.anchor4][s.score - 1] ?? "",
      story: s.story?.title !== undefined && s.story.title !== null ? s.story : null,
    })),
    rating:
      row.kind === "rating"
        ? {
            preparation: row.preparation!,
            helpfulness: row.helpfulness!,
            clarity: row.clarity!,
            wouldPractiseAgain: row.wouldPractiseAgain!,
            comment: row.comment,
          }
        : null,
    question,
    pad: pad ? { language: pad.language, code: pad.code } : null,
    // Only its size: the picture itself loads from its own route (board.svg), once.
    board: measureBoard(pad?.board ?? []),
  };
}

export interface ReceivedItem {
  id: string;
  kind: FeedbackKind;
  sessionId: string;
  roundName: string;
  roundSlug: string;
  levelCode: string | null;
  startsAt: Date;
  authorName: string;
  overall: OverallCall | null;
  averageScore: number | null;
  ratingAverage: number | null;
}

/** Feedback the viewer has received and may read (revealed), newest session first. */
export async function listReceivedFeedback(viewerId: string): Promise<ReceivedItem[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: feedback.id,
      kind: feedback.kind,
      sessionId: feedback.sessionId,
      roundName: rounds.name,
      roundSlug: rounds.slug,
      levelCode: levels.code,
      startsAt: mockSessions.startsAt,
      authorName: users.name,
      overall: feedback.overall,
      averageScore: sql<
        string | null
      >`(select avg(s.score) from feedback_scores s where s.feedback_id = ${feedback.id})`,
      preparation: feedback.preparation,
      helpfulness: feedback.helpfulness,
      clarity: feedback.clarity,
    })
    .from(feedback)
    .innerJoin(feedbackReveals, pieceReveal)
    .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
    .innerJoin(rounds, eq(rounds.id, feedback.roundId))
    .innerJoin(users, eq(users.id, feedback.authorId))
    .leftJoin(levels, eq(levels.id, feedback.targetLevelId))
    .where(eq(feedback.recipientId, viewerId))
    .orderBy(desc(mockSessions.startsAt), asc(feedback.half));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    sessionId: r.sessionId,
    roundName: r.roundName,
    roundSlug: r.roundSlug,
    levelCode: r.levelCode,
    startsAt: r.startsAt,
    authorName: r.authorName,
    overall: r.overall,
    averageScore: r.averageScore === null ? null : Number(r.averageScore),
    ratingAverage:
      r.kind === "rating"
        ? ((r.preparation ?? 0) + (r.helpfulness ?? 0) + (r.clarity ?? 0)) / 3
        : null,
  }));
}

export interface PendingFeedback {
  sessionId: string;
  half: 1 | 2;
  kind: FeedbackKind;
  roundName: string;
  peerName: string;
  startsAt: Date;
  revealBy: Date;
  closesAt: Date;
  hasDraft: boolean;
  /** The other piece of this half is in: its reveal waits only for this one. */
  peerSubmitted: boolean;
}

/** The session fields every feedback read selects. */
function sessionColumns() {
  return {
    id: mockSessions.id,
    loopId: mockSessions.loopId,
    roundId: mockSessions.roundId,
    roundName: rounds.name,
    format: mockSessions.format,
    bookedBy: mockSessions.bookedBy,
    status: mockSessions.status,
    currentHalf: mockSessions.currentHalf,
    startsAt: mockSessions.startsAt,
    endsAt: mockSessions.endsAt,
  };
}

/** Feedback the viewer still owes (writable now), oldest session first. */
export async function listFeedbackToWrite(
  viewerId: string,
  now: Date = new Date(),
): Promise<PendingFeedback[]> {
  // One statement: the sessions still in their writing window, each with its
  // participants, the feedback submitted on it and the viewer's drafts (it took five).
  const written = alias(feedback, "written");
  const draft = alias(feedbackDrafts, "draft");
  const rows = await getDb()
    .select({
      ...sessionColumns(),
      participants: participantsJson(),
      submitted: sql<{ half: number; kind: string; authorId: string }[] | string>`(
        select coalesce(json_agg(json_build_object(
          'half', ${written.half}, 'kind', ${written.kind}, 'authorId', ${written.authorId}
        )), '[]')
        from ${feedback} ${written} where ${written.sessionId} = ${mockSessions.id})`,
      drafts: sql<{ half: number; kind: string }[] | string>`(
        select coalesce(json_agg(json_build_object('half', ${draft.half}, 'kind', ${draft.kind})), '[]')
        from ${feedbackDrafts} ${draft}
        where ${draft.sessionId} = ${mockSessions.id} and ${draft.authorId} = ${viewerId})`,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .where(
      and(
        eq(sessionParticipants.userId, viewerId),
        inArray(mockSessions.status, ["completed", "in_progress"]),
        gt(mockSessions.endsAt, new Date(now.getTime() - WRITE_WINDOW_MS)),
      ),
    );
  if (rows.length === 0) return [];
  const submitted = rows.flatMap((r) =>
    jsonOf(r.submitted).map((f) => ({ ...f, sessionId: r.id })),
  );
  const drafts = rows.flatMap((r) => jsonOf(r.drafts).map((d) => ({ ...d, sessionId: r.id })));
  const sessions = new Map<string, FeedbackSession>(
    rows.map(({ submitted: _s, drafts: _d, participants, ...session }) => [
      session.id,
      { ...session, participants: jsonOf(participants) },
    ]),
  );
  const key = (s: { sessionId: string; half: number; kind: string }) =>
    `${s.sessionId}:${s.half}:${s.kind}`;
  const done = new Set(submitted.map(key));
  const drafted = new Set(drafts.map(key));
  const pending: PendingFeedback[] = [];
  for (const [sessionId, session] of sessions) {
    const duties = feedbackDuties(session);
    const peer = session.participants.find((p) => p.userId !== viewerId);
    for (const duty of duties) {
      if (duty.authorId !== viewerId) continue;
      if (done.has(key({ sessionId, ...duty }))) continue;
      if (writeState(session, duty.half, now) !== "open") continue;
      pending.push({
        sessionId,
        half: duty.half,
        kind: duty.kind,
        roundName: session.roundName,
        peerName: peer?.name ?? "your peer",
        startsAt: session.startsAt,
        revealBy: new Date(session.endsAt.getTime() + REVEAL_AFTER_MS),
        closesAt: new Date(session.endsAt.getTime() + WRITE_WINDOW_MS),
        hasDraft: drafted.has(key({ sessionId, ...duty })),
        peerSubmitted: duties
          .filter((d) => d.half === duty.half && d.authorId !== viewerId)
          .every((d) => done.has(key({ sessionId, ...d }))),
      });
    }
  }
  return pending.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The viewer's revealed scorecards with their scores: the input of trends and readiness. */
/** A received scorecard with the loop its round belongs to (loops may share round slugs). */
export type LoopScorecard = ReceivedScorecard & { loopSlug: string };

export async function loadReceivedScorecards(viewerId: string): Promise<LoopScorecard[]> {
  // One statement, each scorecard with its scores in the dimensions' order; the
  // practise-next round's slug comes from the cached catalog (it read every round).
  const score = alias(feedbackScores, "score");
  const dimension = alias(dimensions, "dimension");
  const [rows, catalogs] = await Promise.all([
    getDb()
      .select({
        id: feedback.id,
        roundId: rounds.id,
        roundSlug: rounds.slug,
        startsAt: mockSessions.startsAt,
        levelCode: levels.code,
        levelRank: levels.rank,
        overall: feedback.overall,
        practiseRoundId: feedback.practiseRoundId,
        practiseTopic: feedback.practiseTopic,
        scores: sql<{ slug: string; name: string; score: number }[] | string>`(
          select coalesce(json_agg(json_build_object(
            'slug', ${dimension.slug}, 'name', ${dimension.name}, 'score', ${score.score}
          ) order by ${dimension.position}), '[]')
          from ${feedbackScores} ${score}
          inner join ${dimensions} ${dimension} on ${dimension.id} = ${score.dimensionId}
          where ${score.feedbackId} = ${feedback.id})`,
      })
      .from(feedback)
      .innerJoin(feedbackReveals, pieceReveal)
      .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
      .innerJoin(rounds, eq(rounds.id, feedback.roundId))
      .innerJoin(levels, eq(levels.id, feedback.targetLevelId))
      .where(and(eq(feedback.recipientId, viewerId), eq(feedback.kind, "scorecard")))
      .orderBy(asc(mockSessions.startsAt), asc(feedback.half)),
    getLoopCatalogs(),
  ]);
  const roundSlugs = new Map(catalogs.flatMap((loop) => loop.rounds.map((r) => [r.id, r.slug])));
  const loopSlugs = new Map(catalogs.flatMap((loop) => loop.rounds.map((r) => [r.id, loop.slug])));
  return rows.map((r) => ({
    feedbackId: r.id,
    loopSlug: loopSlugs.get(r.roundId) ?? "",
    roundSlug: r.roundSlug,
    startsAt: r.startsAt,
    levelCode: r.levelCode,
    levelRank: r.levelRank,
    overall: r.overall!,
    scores: jsonOf(r.scores),
    practiseRoundSlug:
      r.practiseRoundId === null ? null : (roundSlugs.get(r.practiseRoundId) ?? null),
    practiseTopic: r.practiseTopic,
  }));
}

export interface SessionFeedbackStatus {
  /** What the viewer writes in this session, half by half. */
  mine: { half: 1 | 2; kind: FeedbackKind; state: WriteState; feedbackId: string | null }[];
  /** What the viewer received and may read (its half revealed). */
  received: { id: string; half: number; kind: FeedbackKind }[];
  /** Every half that calls for feedback is revealed: nothing more will appear. */
  revealed: boolean;
}

/** The feedback part of a session page, for one participant. */
export async function sessionFeedbackStatus(
  sessionId: string,
  viewerId: string,
  now: Date = new Date(),
): Promise<SessionFeedbackStatus | null> {
  // One statement: the session with its participants, its feedback and its revealed
  // halves (it took four).
  const id = parseUuid(sessionId);
  if (!id) return null;
  const written = alias(feedback, "written");
  const reveal = alias(feedbackReveals, "reveal");
  const [row] = await getDb()
    .select({
      ...sessionColumns(),
      participants: participantsJson(),
      feedback: sql<
        { id: string; half: number; kind: FeedbackKind; authorId: string; recipientId: string }[]
      >`(
        select coalesce(json_agg(json_build_object(
          'id', ${written.id}, 'half', ${written.half}, 'kind', ${written.kind},
          'authorId', ${written.authorId}, 'recipientId', ${written.recipientId}
        )), '[]')
        from ${feedback} ${written} where ${written.sessionId} = ${mockSessions.id})`,
      revealedHalves: sql<number[]>`(
        select coalesce(json_agg(${reveal.half}), '[]')
        from ${feedbackReveals} ${reveal} where ${reveal.sessionId} = ${mockSessions.id})`,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .where(eq(mockSessions.id, id));
  if (!row) return null;
  const { feedback: feedbackJson, revealedHalves: revealedJson, participants, ...facts } = row;
  const session: FeedbackSession = { ...facts, participants: jsonOf(participants) };
  if (!session.participants.some((p) => p.userId === viewerId)) return null;
  const rows = jsonOf(feedbackJson);
  const halves = jsonOf(revealedJson);
  const mine = feedbackDuties(session)
    .filter((d) => d.authorId === viewerId)
    .map((d) => ({
      half: d.half,
      kind: d.kind,
      state: writeState(session, d.half, now),
      feedbackId: rows.find((r) => r.half === d.half && r.kind === d.kind)?.id ?? null,
    }));
  const received = rows
    .filter((r) => r.recipientId === viewerId && halves.includes(r.half))
    .map((r) => ({ id: r.id, half: r.half, kind: r.kind }));
  const revealed = feedbackDuties(session).every((d) => halves.includes(d.half));
  return { mine, received, revealed };
}
