import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import * as Y from "yjs";
import { getDb } from "#db/client";
import {
  dimensions,
  feedback,
  feedbackDrafts,
  feedbackScores,
  levels,
  loops,
  mockSessions,
  padDocuments,
  profiles,
  rounds,
  sessionParticipants,
} from "#db/schema";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import { TEST_PASSWORD } from "./factories";
import type { HttpClient } from "./http";

export const LOOP_SLUG = "databricks-ic";
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export async function loopRounds() {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP_SLUG));
  return db
    .select({ id: rounds.id, slug: rounds.slug, name: rounds.name })
    .from(rounds)
    .where(eq(rounds.loopId, loop!.id))
    .orderBy(asc(rounds.position));
}

export async function dimensionsOf(roundSlug: string) {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP_SLUG));
  const [round] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.slug, roundSlug), eq(rounds.loopId, loop!.id)));
  return db
    .select({ slug: dimensions.slug, name: dimensions.name })
    .from(dimensions)
    .where(eq(dimensions.roundId, round!.id))
    .orderBy(asc(dimensions.position));
}

/**
 * A session written straight into the database, as the booking and room code would
 * leave it: `candidate` booked it (in a swap the booker is the candidate of half 1).
 */
export async function insertSession(options: {
  candidateId: string;
  interviewerId: string;
  round?: string;
  format?: "one_way" | "swap";
  startsAt: Date;
  endsAt: Date;
  status?: "scheduled" | "in_progress" | "completed" | "cancelled" | "no_show";
  currentHalf?: 1 | 2;
  level?: string;
}) {
  const db = getDb();
  const format = options.format ?? "one_way";
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP_SLUG));
  const [round] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.slug, options.round ?? "coding"), eq(rounds.loopId, loop!.id)));
  const [level] = await db
    .select()
    .from(levels)
    .where(and(eq(levels.code, options.level ?? "L5"), eq(levels.loopId, loop!.id)));
  const [session] = await db
    .insert(mockSessions)
    .values({
      loopId: loop!.id,
      roundId: round!.id,
      format,
      startsAt: options.startsAt,
      endsAt: options.endsAt,
      status: options.status ?? "completed",
      bookedBy: options.candidateId,
      idempotencyKey: randomUUID(),
      currentHalf: options.currentHalf ?? (format === "swap" ? 2 : 1),
    })
    .returning({ id: mockSessions.id });
  const during = `[${options.startsAt.toISOString()},${options.endsAt.toISOString()})`;
  await db.insert(sessionParticipants).values([
    {
      sessionId: session!.id,
      userId: options.candidateId,
      role: format === "swap" ? "swap" : "candidate",
      targetLevelId: level!.id,
      during,
    },
    {
      sessionId: session!.id,
      userId: options.interviewerId,
      role: format === "swap" ? "swap" : "interviewer",
      targetLevelId: format === "swap" ? level!.id : null,
      during,
    },
  ]);
  return session!.id;
}

const DAY = 24 * HOUR;
let pastSlotDay = 30;

/**
 * A session running now (45 minutes, started 5 minutes ago). Each session's participants
 * first take a distinct past slot, so one person can sit in several live sessions at once
 * (the concurrency tests need that; booking itself never allows it).
 */
export async function insertLiveSession(
  candidateId: string,
  interviewerId: string,
  options: { round?: string; format?: "one_way" | "swap" } = {},
) {
  const past = new Date(Date.now() - pastSlotDay++ * DAY);
  const sessionId = await insertSession({
    candidateId,
    interviewerId,
    round: options.round ?? "behavioral",
    format: options.format,
    currentHalf: 1,
    startsAt: past,
    endsAt: new Date(past.getTime() + 45 * MINUTE),
    status: "in_progress",
  });
  const now = Date.now();
  await getDb()
    .update(mockSessions)
    .set({ startsAt: new Date(now - 5 * MINUTE), endsAt: new Date(now + 40 * MINUTE) })
    .where(eq(mockSessions.id, sessionId));
  return sessionId;
}

/** Sets a person's target loop and level, so /progress has something to measure against. */
export async function setTarget(userId: string, levelCode = "L5") {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP_SLUG));
  const [level] = await db
    .select()
    .from(levels)
    .where(and(eq(levels.code, levelCode), eq(levels.loopId, loop!.id)));
  await db
    .update(profiles)
    .set({ targetLoopId: loop!.id, targetLevelId: level!.id })
    .where(eq(profiles.userId, userId));
}

/** A complete, valid scorecard payload for submitFeedback (every dimension a 3). */
export function scorecardPayload(dims: { slug: string }[]) {
  return {
    kind: "scorecard" as const,
    value: {
      score: Object.fromEntries(dims.map((d) => [d.slug, 3])),
      evidence: Object.fromEntries(dims.map((d) => [d.slug, "Evidence."])),
      overall: "hire" as const,
      strengths: "Strengths.",
      improvements: "Improvements.",
      practiseRound: "coding",
    },
  };
}

/** A complete, valid rating payload for submitFeedback. */
export const RATING_PAYLOAD = {
  kind: "rating" as const,
  value: { preparation: 4, helpfulness: 4, clarity: 4, wouldPractiseAgain: true },
};

/** A complete, valid scorecard form for a round's dimensions. */
export function scorecardForm(
  dims: { slug: string }[],
  text: { marker?: string; practiseRound?: string; practiseTopic?: string } = {},
): Record<string, string> {
  const marker = text.marker ?? "ok";
  const form: Record<string, string> = { intent: "submit" };
  for (const d of dims) {
    form[`score.${d.slug}`] = "3";
    form[`evidence.${d.slug}`] = `Evidence for ${d.slug}: ${marker}`;
  }
  form.overall = "hire";
  form.strengths = `Strengths ${marker}`;
  form.improvements = `Improvements ${marker}`;
  form.practiseRound = text.practiseRound ?? "coding";
  if (text.practiseTopic !== undefined) form.practiseTopic = text.practiseTopic;
  return form;
}

export function ratingForm(comment = "Helpful session"): Record<string, string> {
  return {
    intent: "submit",
    preparation: "4",
    helpfulness: "5",
    clarity: "4",
    wouldPractiseAgain: "yes",
    comment,
  };
}

/** Rows of feedback, scores and drafts of the given sessions (all sessions when empty). */
export async function feedbackCounts(sessionIds: string[] = []) {
  const db = getDb();
  const rows = await db
    .select({ id: feedback.id })
    .from(feedback)
    .where(sessionIds.length ? inArray(feedback.sessionId, sessionIds) : undefined);
  const scores =
    rows.length === 0
      ? 0
      : await db.$count(
          feedbackScores,
          inArray(
            feedbackScores.feedbackId,
            rows.map((r) => r.id),
          ),
        );
  const drafts = await db.$count(
    feedbackDrafts,
    sessionIds.length ? inArray(feedbackDrafts.sessionId, sessionIds) : undefined,
  );
  return { feedback: rows.length, scores, drafts };
}

export async function signIn(client: HttpClient, email: string) {
  const response = await client.post("/login", { email, password: TEST_PASSWORD });
  expect(response.status).toBe(302);
  return client;
}

/**
 * A session's shared document as the realtime server stores it (an encoded Yjs state in
 * pad_documents): Python code in the pad and, if given, elements on the board.
 */
export async function seedPadDocument(
  sessionId: string,
  { code, board = [] }: { code: string; board?: Record<string, unknown>[] },
) {
  const doc = new Y.Doc();
  doc.getMap<string>(DOC_ROOTS.meta).set("language", "python");
  doc.getText(DOC_ROOTS.code).insert(0, code);
  const map = doc.getMap<unknown>(DOC_ROOTS.board);
  for (const element of board) map.set(element.id as string, element);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await getDb().insert(padDocuments).values({ sessionId, state });
}
