import { and, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import {
  bankStories,
  feedback,
  feedbackReveals,
  feedbackScores,
  loops as loopTable,
  mockSessions,
  profiles,
} from "#db/schema";
import { pieceReveal } from "~/modules/feedback/reveal.server";
import { buildCoverage, type ToldScore, type ValueCoverage } from "./coverage";
import { type BankStory, listStories } from "./stories.server";
import { type LoopValues, loopsWithValues } from "./values.server";

/**
 * The scores of the owner's stories when told in mocks: only from scorecards the owner
 * received and whose half is revealed (feedback_reveals). An unrevealed scorecard does
 * not move the map, or the map would leak it before the reveal.
 */
export async function toldScores(ownerId: string): Promise<ToldScore[]> {
  const rows = await getDb()
    .select({
      storyId: feedbackScores.bankStoryId,
      dimensionId: feedbackScores.dimensionId,
      score: feedbackScores.score,
      at: mockSessions.startsAt,
    })
    .from(feedbackScores)
    .innerJoin(feedback, eq(feedback.id, feedbackScores.feedbackId))
    .innerJoin(feedbackReveals, pieceReveal)
    .innerJoin(mockSessions, eq(mockSessions.id, feedback.sessionId))
    .innerJoin(
      bankStories,
      and(eq(bankStories.id, feedbackScores.bankStoryId), eq(bankStories.ownerId, ownerId)),
    )
    .where(and(eq(feedback.recipientId, ownerId), eq(feedback.kind, "scorecard")));
  return rows.map((r) => ({
    storyId: r.storyId!,
    dimensionId: r.dimensionId,
    score: r.score,
    at: r.at.toISOString(),
  }));
}

export interface StoryBankPage {
  stories: BankStory[];
  /** Every loop with values (the form offers all of them; the map shows one). */
  loops: LoopValues[];
  /** The loop the map shows: the one asked for, else the profile's target, else the first. */
  loop: LoopValues | null;
  coverage: ValueCoverage[];
}

/** The /stories page of one person. */
export async function loadStoryBank(
  ownerId: string,
  loopSlug: string | null,
): Promise<StoryBankPage> {
  const [stories, loops, told, [target]] = await Promise.all([
    listStories(ownerId),
    loopsWithValues(),
    toldScores(ownerId),
    getDb()
      .select({ slug: loopTable.slug })
      .from(profiles)
      .innerJoin(loopTable, eq(loopTable.id, profiles.targetLoopId))
      .where(eq(profiles.userId, ownerId)),
  ]);
  const loop =
    loops.find((l) => l.slug === loopSlug) ??
    loops.find((l) => l.slug === target?.slug) ??
    loops[0] ??
    null;
  return {
    stories,
    loops,
    loop,
    coverage: loop ? buildCoverage(loop.values, stories, told) : [],
  };
}
