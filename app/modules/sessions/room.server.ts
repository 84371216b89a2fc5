import { createHmac } from "node:crypto";
import { and, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import { AccessToken, WebhookReceiver } from "livekit-server-sdk";
import type { Exercise } from "#db/catalog/question-types";
import { getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import {
  attendanceEvents,
  interviewerNotes,
  levels,
  mockSessions,
  ownQuestions,
  questions,
  type SessionStatus,
  sessionParticipants,
  sessionQuestions,
} from "#db/schema";
import { getEnv, noShowGraceMs, roomOpensBeforeMs } from "~/env.server";
import { joinWindow } from "~/modules/booking/policy";
import { getSessionForUser, type SessionView } from "~/modules/booking/session-view.server";
import { transitionSession } from "~/modules/booking/transition-session.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { openNoShowWindow } from "~/modules/credits/escrow.server";
import { type PublicExercise, publicExercise } from "~/modules/runs/exercise-views";
import { type KitStories, kitSharedStories } from "~/modules/stories/shares.server";
import { parseUuid } from "~/utils/ids";
import type { FlaggedArea } from "./kit";
import {
  bankRunOut,
  flaggedAreasOf,
  kitWritable,
  listOwnQuestions,
  listStories,
  type OwnQuestionView,
  type RunOutOffer,
  type StoryView,
} from "./kit.server";
import { type RoundKind, roundKind } from "./pad-setup";
import { REALTIME_TOKEN_TTL_SECONDS, signRealtimeToken } from "./realtime-token";
import {
  pickQuestion,
  rolesForHalf,
  type SessionShape,
  type SwitchRefusal,
  seatColor,
  statusLagsClock,
  switchRefusal,
} from "./roles";

export type RoomWindow = "before" | "open" | "after";

export interface RoomAccess {
  session: SessionView;
  shape: SessionShape;
  window: RoomWindow;
  /** The pad can be read but not edited. */
  readOnly: boolean;
  half: 1 | 2;
  /** This person interviews in the current half. */
  isInterviewer: boolean;
  /** The length of one round (a swap runs two). */
  roundMinutes: number;
  /** Swap: when the roles were switched. */
  halfTwoStartedAt: Date | null;
}

/**
 * Who sits where, from the session view itself (the viewer's seat and the peer's): the
 * view carries both seats, so the room needs no read of its own.
 */
function shapeOf(session: SessionView, userId: string): SessionShape {
  const participants: SessionShape["participants"] = [{ userId, role: session.myRole }];
  if (session.peer.id) {
    participants.push({
      userId: session.peer.id,
      role: session.peer.role as SessionShape["participants"][number]["role"],
    });
  }
  return { format: session.format, bookedBy: session.bookedBy, participants };
}

/** The room as one participant sees it, or null for anyone else (answered as 404). */
export async function getRoomAccess(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<RoomAccess | null> {
  const session = await getSessionForUser(sessionId, userId);
  if (!session) return null;
  const { opensAt, closesAt } = joinWindow(session.startsAt, session.endsAt, roomOpensBeforeMs());
  const cancelled = session.status === "cancelled";
  const window: RoomWindow =
    now < opensAt || cancelled ? "before" : now < closesAt ? "open" : "after";
  const { halfTwoStartedAt, roundMinutes } = session;
  const shape = shapeOf(session, userId);
  const half = (session.currentHalf === 2 ? 2 : 1) as 1 | 2;
  const roles = rolesForHalf(shape, half);
  return {
    session,
    shape,
    window: cancelled ? "after" : window,
    readOnly:
      now >= session.endsAt ||
      cancelled ||
      session.status === "no_show" ||
      session.status === "completed",
    half,
    isInterviewer: roles?.interviewerId === userId,
    roundMinutes,
    halfTwoStartedAt,
  };
}

/**
 * Brings the stored session up to the clock when someone in the room asks (a POST, never
 * a page load): started → in progress, and at the end the same settlement the sweep job
 * makes (no-show or completed). Also picks the current half's question once the room is
 * open, so the interviewer's kit is ready. Every step is compare-and-swap or
 * insert-once: two rooms asking at the same moment change things once.
 */
export async function syncRoom(access: RoomAccess, now: Date): Promise<SessionStatus> {
  const { session } = access;
  let status = session.status;
  if (statusLagsClock(session, now)) {
    const settled =
      now.getTime() >= session.startsAt.getTime() + noShowGraceMs()
        ? await settleSession({ id: session.id, status: session.status }, now)
        : null;
    if (settled) status = settled;
    else if (
      session.status === "scheduled" &&
      (await transitionSession(session.id, "scheduled", "in_progress"))
    )
      status = "in_progress";
  }
  if (access.window === "open" && now < session.endsAt) {
    const roles = rolesForHalf(access.shape, access.half);
    if (roles) await assignQuestion(access, access.half, roles.candidateId, roles.interviewerId);
  }
  return status;
}

/** The room asks for a sync when the status lags the clock or the kit has no question yet. */
export async function roomNeedsSync(access: RoomAccess, now: Date): Promise<boolean> {
  if (statusLagsClock(access.session, now)) return true;
  if (access.window !== "open" || now >= access.session.endsAt) return false;
  return !(await halfHasQuestion(access.session.id, access.half));
}

/** Whether a half was given its question (the bank's or the interviewer's own). */
async function halfHasQuestion(sessionId: string, half: 1 | 2): Promise<boolean> {
  const [row] = await getDb()
    .select({ half: sessionQuestions.half })
    .from(sessionQuestions)
    .where(and(eq(sessionQuestions.sessionId, sessionId), eq(sessionQuestions.half, half)));
  return row !== undefined;
}

export function mintPadToken(access: RoomAccess, user: { id: string; name: string }, now: Date) {
  return signRealtimeToken(
    {
      sub: user.id,
      sid: access.session.id,
      name: user.name,
      color: seatColor(access.shape, user.id),
      ro: access.readOnly,
      exp: Math.floor(now.getTime() / 1000) + REALTIME_TOKEN_TTL_SECONDS,
    },
    getEnv().REALTIME_SECRET,
  );
}

// ---------------------------------------------------------------------------
// Video (LiveKit)

export const VIDEO_TOKEN_TTL = "15m";

export function videoRoomName(sessionId: string): string {
  return `session-${sessionId}`;
}

/** An identity LiveKit sees for a person in one room: stable, but says nothing about them. */
export function opaqueIdentity(sessionId: string, userId: string): string {
  const digest = createHmac("sha256", getEnv().LIVEKIT_API_SECRET)
    .update(`${sessionId}:${userId}`)
    .digest("base64url");
  return `p_${digest.slice(0, 22)}`;
}

/** A LiveKit token for this room only, for a participant inside the join window. */
export async function mintVideoToken(access: RoomAccess, user: { id: string; name: string }) {
  const env = getEnv();
  const token = new AccessToken(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    identity: opaqueIdentity(access.session.id, user.id),
    name: user.name,
    ttl: VIDEO_TOKEN_TTL,
  });
  token.addGrant({
    room: videoRoomName(access.session.id),
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: false,
  });
  return { url: env.LIVEKIT_URL, token: await token.toJwt() };
}

export type WebhookOutcome = "recorded" | "duplicate" | "ignored";

/** A webhook that is not LiveKit's (bad signature, body hash or JSON): the sender's fault. */
export class InvalidWebhookError extends Error {
  constructor(cause: unknown) {
    super("invalid webhook", { cause });
    this.name = "InvalidWebhookError";
  }
}

/**
 * Verifies a LiveKit webhook (signature and body hash) before anything is written, then
 * records participant joins and leaves once per event id.
 */
export async function recordVideoWebhook(
  body: string,
  authorization: string | null,
): Promise<WebhookOutcome> {
  const env = getEnv();
  const receiver = new WebhookReceiver(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
  // Only a failed verification is the sender's fault (4xx); anything failing after it is
  // ours, and must reach LiveKit as a 5xx so that it retries.
  const event = await receiver.receive(body, authorization ?? undefined).catch((err: unknown) => {
    throw new InvalidWebhookError(err);
  });
  if (event.event !== "participant_joined" && event.event !== "participant_left") return "ignored";
  const room = event.room?.name ?? "";
  const sessionId = room.startsWith("session-") ? parseUuid(room.slice("session-".length)) : null;
  const identity = event.participant?.identity;
  if (!sessionId || !identity || !event.id) return "ignored";
  const participants = await getDb()
    .select({ userId: sessionParticipants.userId })
    .from(sessionParticipants)
    .where(eq(sessionParticipants.sessionId, sessionId));
  const person = participants.find((p) => opaqueIdentity(sessionId, p.userId) === identity);
  if (!person) return "ignored";
  const inserted = await getDb()
    .insert(attendanceEvents)
    .values({
      sessionId,
      userId: person.userId,
      source: "livekit",
      kind: event.event === "participant_joined" ? "joined" : "left",
      externalId: `livekit:${event.id}`,
      at: event.createdAt ? new Date(Number(event.createdAt) * 1000) : new Date(),
    })
    .onConflictDoNothing({ target: attendanceEvents.externalId })
    .returning({ id: attendanceEvents.id });
  return inserted.length > 0 ? "recorded" : "duplicate";
}

// ---------------------------------------------------------------------------
// Interviewer kit

export interface InterviewerKit {
  half: 1 | 2;
  /** Null while the question of this half is being chosen (see syncRoom). */
  question: {
    title: string;
    prompt: string;
    followUps: string[];
    hints: string[];
    goodAnswerL4: string;
    goodAnswerL6: string;
    /** The whole exercise, reference and hidden tests included: the kit's only. */
    exercise: Exercise | null;
    /** From the bank, or one the interviewer brought (theirs alone). */
    source: "bank" | "own";
    /** A bank question the candidate met before, asked again by the interviewer's choice. */
    repeat: boolean;
  } | null;
  targetLevel: string | null;
  levelBar: string | null;
  /** `probes`: the probe ladder of a value (opening question first), empty for most rounds. */
  rubric: {
    slug: string;
    name: string;
    description: string;
    anchors: string[];
    probes: string[];
  }[];
  notes: string;
  roundKind: RoundKind;
  /** The kit can still be written to (the half is the interviewer's and the session runs). */
  writable: boolean;
  /** The interviewer's own saved questions (only ever their own). */
  ownQuestions: OwnQuestionView[];
  /** No question yet and none left in the bank for this candidate: what to do instead. */
  runOut: RunOutOffer | null;
  /** Story notes (STAR), for the rounds told in stories; null for the others. */
  stories: StoryView[] | null;
  /** Hiring-manager round: what the candidate's earlier scorecards flagged, if shared. */
  flagged: { shared: boolean; areas: FlaggedArea[] } | null;
  /**
   * Rounds told in stories: the TITLES of the bank stories the candidate shared, with
   * their values, and the loop's values none of them shows. Never a story's text.
   */
  sharedStories: KitStories | null;
}

/** Assigns (once) the question of a half: fitting the candidate's level, never one they had. */
async function assignQuestion(
  access: RoomAccess,
  half: 1 | 2,
  candidateId: string,
  interviewerId: string,
) {
  const db = getDb();
  if (await halfHasQuestion(access.session.id, half)) return null;

  const [candidateLevel] = await db
    .select({ rank: levels.rank })
    .from(sessionParticipants)
    .innerJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(
      and(
        eq(sessionParticipants.sessionId, access.session.id),
        eq(sessionParticipants.userId, candidateId),
      ),
    );
  const bank = await db
    .select({
      id: questions.id,
      minLevelRank: questions.minLevelRank,
      maxLevelRank: questions.maxLevelRank,
    })
    .from(questions)
    .where(eq(questions.roundId, access.session.roundId));
  // Never a question the candidate was asked before, nor one whose kit (hints, good
  // answers) they held as an interviewer: in a swap that includes the first half's.
  const seen = await db
    .select({ id: sessionQuestions.questionId })
    .from(sessionQuestions)
    .where(
      or(
        eq(sessionQuestions.candidateId, candidateId),
        eq(sessionQuestions.interviewerId, candidateId),
      ),
    );
  const usage = await db
    .select({ id: sessionQuestions.questionId, n: sql<number>`count(*)::int` })
    .from(sessionQuestions)
    .where(inArray(sessionQuestions.questionId, bank.map((q) => q.id).concat(-1)))
    .groupBy(sessionQuestions.questionId);
  const seenIds = new Set(seen.flatMap((s) => (s.id === null ? [] : [s.id])));
  for (let attempt = 0; attempt < 3; attempt++) {
    const choice = pickQuestion(
      bank,
      candidateLevel?.rank ?? 5,
      seenIds,
      new Map(usage.map((u) => [u.id ?? -1, u.n])),
      Date.now() + attempt,
    );
    if (!choice) return null;
    try {
      const [row] = await db
        .insert(sessionQuestions)
        .values({
          sessionId: access.session.id,
          half,
          questionId: choice.id,
          interviewerId,
          candidateId,
        })
        .onConflictDoNothing({ target: [sessionQuestions.sessionId, sessionQuestions.half] })
        .returning({ questionId: sessionQuestions.questionId });
      // Or the other participant's page assigned it a moment ago.
      return row?.questionId ?? null;
    } catch (err) {
      if (
        !isUniqueViolation(err, "session_questions_candidate_question_key") &&
        !isUniqueViolation(err, "session_questions_session_question_key")
      )
        throw err;
      seenIds.add(choice.id);
    }
  }
  return null;
}

/**
 * The kit of the current half, only for its interviewer. Everyone else gets null: the
 * question's hints, rubric and notes never reach the candidate's browser. Reads only:
 * the question is chosen by syncRoom (a POST).
 */
export async function getInterviewerKit(
  access: RoomAccess,
  userId: string,
): Promise<InterviewerKit | null> {
  if (!access.isInterviewer || access.window === "before") return null;
  const roles = rolesForHalf(access.shape, access.half);
  if (!roles || roles.interviewerId !== userId) return null;
  // One statement for what is the session's own (the question of this half and the
  // interviewer's notes); the candidate's level comes with the session view, and the
  // rubric and the level's bar from the cached catalog (they took four more reads).
  const [[assigned], catalogs] = await Promise.all([
    getDb()
      .select({
        question: questions,
        own: ownQuestions,
        repeat: sessionQuestions.repeat,
        notes: sql<string | null>`(
          select ${interviewerNotes.body} from ${interviewerNotes}
          where ${interviewerNotes.sessionId} = ${sessionQuestions.sessionId}
            and ${interviewerNotes.half} = ${sessionQuestions.half}
            and ${interviewerNotes.authorId} = ${userId})`,
      })
      .from(sessionQuestions)
      .leftJoin(questions, eq(questions.id, sessionQuestions.questionId))
      // Only ever the reader's own question (the foreign key makes it the interviewer's).
      .leftJoin(
        ownQuestions,
        and(eq(ownQuestions.id, sessionQuestions.ownQuestionId), eq(ownQuestions.ownerId, userId)),
      )
      .where(
        and(
          eq(sessionQuestions.sessionId, access.session.id),
          eq(sessionQuestions.half, access.half),
        ),
      ),
    getLoopCatalogs(),
  ]);
  // Notes are saved only once the half has its question, but read them alone otherwise.
  const notes = assigned
    ? { body: assigned.notes }
    : (
        await getDb()
          .select({ body: interviewerNotes.body })
          .from(interviewerNotes)
          .where(
            and(
              eq(interviewerNotes.sessionId, access.session.id),
              eq(interviewerNotes.half, access.half),
              eq(interviewerNotes.authorId, userId),
            ),
          )
      )[0];
  const question = assigned?.question;
  const own = assigned?.own;
  const { session } = access;
  const kind = roundKind(session.roundSlug);
  const [ownList, runOut, stories, flagged, sharedStories] = await Promise.all([
    listOwnQuestions(userId),
    assigned ? null : bankRunOut(access, roles.candidateId),
    kind === "behavioral" || kind === "hiring_manager"
      ? listStories(session.id, access.half, userId)
      : null,
    kind === "hiring_manager" ? flaggedAreasOf(roles.candidateId) : null,
    kitSharedStories(access, roles.candidateId),
  ]);
  const candidateLevel =
    roles.candidateId === session.peer.id ? session.peer.targetLevel : session.myTargetLevel;
  const round = catalogs.flatMap((loop) => loop.rounds).find((r) => r.id === session.roundId);
  const bar = candidateLevel ? round?.levelBars[candidateLevel] : undefined;
  const rubric = (round?.dimensions ?? []).map((d) => ({
    slug: d.slug,
    probes: d.probes,
    name: d.name,
    description: d.description,
    anchor1: d.anchors[0],
    anchor2: d.anchors[1],
    anchor3: d.anchors[2],
    anchor4: d.anchors[3],
  }));
  return {
    half: access.half,
    question: question
      ? {
          title: question.title,
          prompt: question.prompt,
          followUps: question.followUps,
          hints: question.hints,
          goodAnswerL4: question.goodAnswerL4,
          goodAnswerL6: question.goodAnswerL6,
          exercise: question.exercise ?? null,
          source: "bank" as const,
          repeat: assigned?.repeat ?? false,
        }
      : own
        ? {
            title: own.title,
            prompt: own.prompt,
            followUps: own.followUps,
            hints: [],
            goodAnswerL4: "",
            goodAnswerL6: "",
            exercise: null,
            source: "own" as const,
            repeat: false,
          }
        : null,
    targetLevel: candidateLevel ?? null,
    levelBar: bar ?? null,
    rubric: rubric.map((d) => ({
      slug: d.slug,
      name: d.name,
      description: d.description,
      anchors: [d.anchor1, d.anchor2, d.anchor3, d.anchor4],
      probes: [...d.probes],
    })),
    notes: notes?.body ?? "",
    roundKind: kind,
    writable: kitWritable(access, userId),
    ownQuestions: ownList,
    runOut,
    stories,
    flagged,
    sharedStories,
  };
}

/**
 * The current half's exercise as both people may see it (no reference, no hidden tests),
 * or null before the room opens or for a question without one.
 */
export async function getPublicExercise(access: RoomAccess): Promise<PublicExercise | null> {
  if (access.window === "before") return null;
  const [row] = await getDb()
    .select({ exercise: questions.exercise })
    .from(sessionQuestions)
    .innerJoin(questions, eq(questions.id, sessionQuestions.questionId))
    .where(
      and(
        eq(sessionQuestions.sessionId, access.session.id),
        eq(sessionQuestions.half, access.half),
      ),
    );
  return publicExercise(row?.exercise);
}

/** Saves the current interviewer's private notes; anyone else changes nothing. */
export async function saveInterviewerNotes(
  access: RoomAccess,
  userId: string,
  body: string,
): Promise<boolean> {
  if (!access.isInterviewer || access.window === "before") return false;
  await getDb()
    .insert(interviewerNotes)
    .values({ sessionId: access.session.id, half: access.half, authorId: userId, body })
    .onConflictDoUpdate({
      target: [interviewerNotes.sessionId, interviewerNotes.half, interviewerNotes.authorId],
      set: { body, updatedAt: new Date() },
    });
  return true;
}

/**
 * Swap only: the first half's interviewer hands the kit to the other person for the
 * second half, whose clock starts now. Compare-and-swap on the half, so of two racing
 * switches one wins and the other is told it already happened. The session counts as
 * started from here (the feedback of the first half opens). The second half's question
 * is chosen at once, so the new interviewer's kit is ready when their page reloads.
 */
export async function switchRoles(
  access: RoomAccess,
  userId: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; error: SwitchRefusal }> {
  const refusal = switchRefusal({ ...access.session, ...access.shape }, userId, now);
  if (refusal) return { ok: false, error: refusal };
  const rows = await getDb()
    .update(mockSessions)
    .set({
      currentHalf: 2,
      halfTwoStartedAt: now,
      status: sql`case when ${mockSessions.status} = 'scheduled' then 'in_progress' else ${mockSessions.status} end`,
      updatedAt: now,
    })
    .where(
      and(
        eq(mockSessions.id, access.session.id),
        eq(mockSessions.currentHalf, 1),
        inArray(mockSessions.status, ["scheduled", "in_progress"]),
      ),
    )
    .returning({ id: mockSessions.id });
  if (rows.length !== 1) return { ok: false, error: "already_switched" };
  const roles = rolesForHalf(access.shape, 2);
  if (roles) {
    await assignQuestion(
      { ...access, half: 2, isInterviewer: roles.interviewerId === userId },
      2,
      roles.candidateId,
      roles.interviewerId,
    );
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Attendance and no-shows

/**
 * Settles sessions by time: a participant who has not appeared (video or pad) within
 * the grace window after the start (NO_SHOW_GRACE_MINUTES, 10 by default) makes the
 * session a no-show (a one-way mock's escrow then waits out the dispute window); sessions whose end has passed
 * are completed. Both moves are compare-and-swap, so a sweep racing a person joining
 * or another sweep changes each session once.
 */
export async function settleSessions(
  now: Date = new Date(),
): Promise<{ noShows: number; completed: number }> {
  const db = getDb();
  const due = await db
    .select({ id: mockSessions.id, status: mockSessions.status })
    .from(mockSessions)
    .where(
      and(
        inArray(mockSessions.status, ["scheduled", "in_progress"]),
        lte(mockSessions.startsAt, new Date(now.getTime() - noShowGraceMs())),
        gt(mockSessions.startsAt, new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000)),
      ),
    );
  let noShows = 0;
  let completed = 0;
  for (const session of due) {
    const outcome = await settleSession(session, now);
    if (outcome === "no_show") noShows++;
    if (outcome === "completed") completed++;
  }
  return { noShows, completed };
}

/**
 * Settles one session that started at least the grace window ago: a no-show if someone never
 * appeared, completed if its end has passed, otherwise nothing.
 */
async function settleSession(
  session: { id: string; status: SessionStatus },
  now: Date,
): Promise<"no_show" | "completed" | null> {
  const db = getDb();
  const [people, seen] = await Promise.all([
    db
      .select({ userId: sessionParticipants.userId })
      .from(sessionParticipants)
      .where(eq(sessionParticipants.sessionId, session.id)),
    db
      .selectDistinct({ userId: attendanceEvents.userId })
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.sessionId, session.id), eq(attendanceEvents.kind, "joined"))),
  ]);
  const absent = people.map((p) => p.userId).filter((id) => !seen.some((s) => s.userId === id));
  if (absent.length > 0) {
    // The status, the freed time and the escrow's dispute window change together.
    return db.transaction(async (tx) => {
      const rows = await tx
        .update(mockSessions)
        .set({ status: "no_show", noShowUserIds: absent, updatedAt: now })
        .where(and(eq(mockSessions.id, session.id), eq(mockSessions.status, session.status)))
        .returning({ id: mockSessions.id });
      if (rows.length !== 1) return null;
      await tx
        .update(sessionParticipants)
        .set({ active: false })
        .where(eq(sessionParticipants.sessionId, session.id));
      await openNoShowWindow(tx, { sessionId: session.id, absentUserIds: absent, now });
      return "no_show" as const;
    });
  }
  const [ended] = await db
    .select({ endsAt: mockSessions.endsAt })
    .from(mockSessions)
    .where(eq(mockSessions.id, session.id));
  if (ended && ended.endsAt <= now) {
    if (session.status === "scheduled")
      await transitionSession(session.id, "scheduled", "in_progress");
    if (await transitionSession(session.id, "in_progress", "completed")) return "completed";
  }
  return null;
}
