import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { levels, loops, questions, rounds } from "../schema";
import { databricksQuestions } from "./databricks-questions";
import type { QuestionBank } from "./question-types";

export const SHIPPED_QUESTION_BANKS: QuestionBank[] = [databricksQuestions];

/**
 * Upserts every bank's questions on (round_id, slug), so running it again changes
 * nothing and ids stay stable. The loop and its rounds and levels must already be
 * seeded (seedCatalog). Questions that vanished from the data are kept: sessions
 * may still point at them.
 */
export async function seedQuestions(
  db: Database,
  banks: QuestionBank[] = SHIPPED_QUESTION_BANKS,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const bank of banks) {
      const [loop] = await tx
        .select({ id: loops.id })
        .from(loops)
        .where(eq(loops.slug, bank.loopSlug));
      if (!loop) throw new Error(`question bank names unknown loop ${bank.loopSlug}`);
      const loopId = loop.id;

      const levelRows = await tx
        .select({ code: levels.code, rank: levels.rank })
        .from(levels)
        .where(eq(levels.loopId, loopId));
      const rankByCode = new Map(levelRows.map((l) => [l.code, l.rank]));
      const roundRows = await tx
        .select({ id: rounds.id, slug: rounds.slug })
        .from(rounds)
        .where(eq(rounds.loopId, loopId));
      const roundIdBySlug = new Map(roundRows.map((r) => [r.slug, r.id]));

      for (const [roundSlug, definitions] of Object.entries(bank.rounds)) {
        const roundId = roundIdBySlug.get(roundSlug);
        if (roundId === undefined)
          throw new Error(`question bank for ${bank.loopSlug} names unknown round ${roundSlug}`);

        for (const question of definitions) {
          const where = `${bank.loopSlug}/${roundSlug}/${question.slug}`;
          const rankOf = (code: string) => {
            const rank = rankByCode.get(code);
            if (rank === undefined)
              throw new Error(`question ${where} names unknown level ${code}`);
            return rank;
          };
          const minLevelRank = rankOf(question.minLevel);
          const maxLevelRank = rankOf(question.maxLevel);
          if (minLevelRank > maxLevelRank)
            throw new Error(
              `question ${where} has minLevel ${question.minLevel} above maxLevel ${question.maxLevel}`,
            );

          const values = {
            loopId,
            title: question.title,
            prompt: question.prompt,
            followUps: question.followUps,
            hints: question.hints,
            goodAnswerL4: question.goodAnswerL4,
            goodAnswerL6: question.goodAnswerL6,
            minLevelRank,
            maxLevelRank,
            topics: question.topics,
            exercise: question.exercise ?? null,
          };
          await tx
            .insert(questions)
            .values({ roundId, slug: question.slug, ...values })
            .onConflictDoUpdate({ target: [questions.roundId, questions.slug], set: values });
        }
      }
    }
  });
}
