import { and, asc, eq, inArray, sql, TransactionRollbackError } from "drizzle-orm";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { bankStories, bankStoryValues, sessionStoryShares } from "#db/schema";
import { roundKind } from "~/modules/sessions/pad-setup";
import { rolesForHalf } from "~/modules/sessions/roles";
import type { RoomAccess } from "~/modules/sessions/room.server";
import { type CoverageValue, uncoveredValues } from "./coverage";
import { SHARES_PER_SESSION_MAX } from "./limits";
import { listStories } from "./stories.server";
import { valuesOfRoundsLoop } from "./values.server";

// Sharing story TITLES into a mock. Only the session's candidate (in a swap, each half's
// candidate) shares, only their own stories; the interviewer reads titles and value
// names, never situation, task, action or result: no query here selects those columns.

/** A shared story as the interviewer sees it. */
export interface SharedTitle {
  id: string;
  title: string;
  valueIds: number[];
  values: string[];
}

/** Rounds told in stories: those whose scorecard has values, and hiring-manager rounds. */
async function sharingContext(access: RoomAccess) {
  const context = await valuesOfRoundsLoop(access.session.roundId);
  if (!context || context.values.length === 0) return null;
  const storyRound =
    context.roundValueIds.length > 0 || roundKind(access.session.roundSlug) === "hiring_manager";
  return storyRound ? context : null;
}

/** True when `userId` is interviewed in some half of the session. */
function isCandidate(access: RoomAccess, userId: string): boolean {
  const halves = access.session.format === "swap" ? ([1, 2] as const) : ([1] as const);
  return halves.some((half) => rolesForHalf(access.shape, half)?.candidateId === userId);
}

/** Shares can change until the session is over (a cancelled one is over too). */
function sharesOpen(access: RoomAccess): boolean {
  return !access.readOnly && access.session.status !== "cancelled";
}

/** The titles `candidateId` shared into a session, with their values' names. */
export async function sharedTitles(
  sessionId: string,
  candidateId: string,
  values: CoverageValue[],
): Promise<SharedTitle[]> {
  const db = getDb();
  const rows = await db
    .select({ id: bankStories.id, title: bankStories.title })
    .from(sessionStoryShares)
    .innerJoin(
      bankStories,
      and(
        eq(bankStories.id, sessionStoryShares.storyId),
        eq(bankStories.ownerId, sessionStoryShares.candidateId),
      ),
    )
    .where(
      and(
        eq(sessionStoryShares.sessionId, sessionId),
        eq(sessionStoryShares.candidateId, candidateId),
      ),
    )
    .orderBy(asc(sessionStoryShares.sharedAt), asc(bankStories.title));
  if (rows.length === 0) return [];
  const tags = await db
    .select()
    .from(bankStoryValues)
    .where(
      inArray(
        bankStoryValues.storyId,
        rows.map((r) => r.id),
      ),
    );
  const names = new Map(values.map((v) => [v.dimensionId, v.name]));
  return rows.map((row) => {
    const valueIds = tags.filter((t) => t.storyId === row.id).map((t) => t.dimensionId);
    return {
      id: row.id,
      title: row.title,
      valueIds,
      values: valueIds.flatMap((id) => {
        const name = names.get(id);
        return name ? [name] : [];
      }),
    };
  });
}

export interface KitStories {
  shared: SharedTitle[];
  /** The loop's values no shared story shows: what to probe. */
  uncovered: string[];
}

/** For the interviewer's kit: the titles the current half's candidate shared. */
export async function kitSharedStories(
  access: RoomAccess,
  candidateId: string,
): Promise<KitStories | null> {
  const context = await sharingContext(access);
  if (!context) return null;
  const shared = await sharedTitles(access.session.id, candidateId, context.values);
  return {
    shared,
    uncovered: uncoveredValues(context.values, shared).map((v) => v.name),
  };
}

export interface MySharesView {
  editable: boolean;
  max: number;
  /** The candidate's own stories, each marked shared or not (titles and values only). */
  stories: { id: string; title: string; values: string[]; shared: boolean }[];
}

/** The candidate's panel in the room: their stories to share, or null if not theirs to share. */
export async function myShares(access: RoomAccess, userId: string): Promise<MySharesView | null> {
  if (!isCandidate(access, userId)) return null;
  const context = await sharingContext(access);
  if (!context) return null;
  const [stories, shared] = await Promise.all([
    listStories(userId),
    getDb()
      .select({ storyId: sessionStoryShares.storyId })
      .from(sessionStoryShares)
      .where(
        and(
          eq(sessionStoryShares.sessionId, access.session.id),
          eq(sessionStoryShares.candidateId, userId),
        ),
      ),
  ]);
  const sharedIds = new Set(shared.map((s) => s.storyId));
  const names = new Map(context.values.map((v) => [v.dimensionId, v.name]));
  return {
    editable: sharesOpen(access),
    max: SHARES_PER_SESSION_MAX,
    stories: stories.map((s) => ({
      id: s.id,
      title: s.title,
      values: s.valueIds.flatMap((id) => names.get(id) ?? []),
      shared: sharedIds.has(s.id),
    })),
  };
}

export type ShareOutcome = "ok" | "not_found" | "closed" | "too_many";

/**
 * Replaces the titles the candidate shares into this session with `storyIds`, in one
 * transaction. A story that is not theirs is "not_found", exactly like a missing one,
 * and nothing changes.
 */
export async function setShares(
  access: RoomAccess,
  userId: string,
  storyIds: string[],
): Promise<ShareOutcome> {
  if (!isCandidate(access, userId) || !(await sharingContext(access))) return "not_found";
  if (!sharesOpen(access)) return "closed";
  if (storyIds.length > SHARES_PER_SESSION_MAX) return "too_many";
  const sessionId = access.session.id;
  try {
    return await getDb().transaction(async (tx) => {
      await tx
        .delete(sessionStoryShares)
        .where(
          and(
            eq(sessionStoryShares.sessionId, sessionId),
            eq(sessionStoryShares.candidateId, userId),
          ),
        );
      if (storyIds.length === 0) return "ok" as const;
      // Only the candidate's own stories are selected; the composite key would refuse others.
      const inserted = await tx
        .insert(sessionStoryShares)
        .select(
          sql`select ${sessionId}::uuid, ${bankStories.id}, ${userId}::uuid, now()
            from ${bankStories}
            where ${bankStories.ownerId} = ${userId}
              and ${bankStories.id} in (select jsonb_array_elements_text(${JSON.stringify(storyIds)}::jsonb)::uuid)`,
        )
        .returning({ storyId: sessionStoryShares.storyId });
      if (inserted.length !== storyIds.length) {
        tx.rollback();
      }
      return "ok" as const;
    });
  } catch (err) {
    if (err instanceof TransactionRollbackError) return "not_found";
    if (pgConstraint(err) === "session_story_shares_cap") return "too_many";
    throw err;
  }
}

/**
 * For the scorecard of one half: the stories its candidate shared into the session (titles
 * and values only) and the round's value dimensions a score may tie one to.
 */
export async function sharedForScorecard(
  sessionId: string,
  roundId: number,
  candidateId: string,
): Promise<{ shared: SharedTitle[]; valueDimensionIds: number[] }> {
  const context = await valuesOfRoundsLoop(roundId);
  if (!context || context.roundValueIds.length === 0) return { shared: [], valueDimensionIds: [] };
  return {
    shared: await sharedTitles(sessionId, candidateId, context.values),
    valueDimensionIds: context.roundValueIds,
  };
}

export const SHARE_MESSAGES: Record<Exclude<ShareOutcome, "ok">, string> = {
  not_found: "Choose stories from your bank.",
  closed: "The session is over: the stories you shared stay as they were.",
  too_many: `Share at most ${SHARES_PER_SESSION_MAX} titles in one mock.`,
};
