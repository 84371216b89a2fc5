import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { levels, loops, questions, rounds } from "../schema";
import { validateQuestionBanks } from "./question-schema";
import type { QuestionBank } from "./question-types";
import { SHIPPED_LOOPS } from "./shipped-loops";
import { SHIPPED_QUESTION_BANKS } from "./shipped-question-banks";

export { SHIPPED_QUESTION_BANKS };

/**
 * Checks every bank (validateQuestionBanks, against the shipped loops it belongs to),
 * then upserts its questions on (round_id, slug), so running it again changes nothing
 * and ids stay stable. The loop and its rounds and levels must already be seeded
 * (seedCatalog); a bank for a loop that does not ship is checked against the database.
 * Questions that vanished from the data are kept: sessions may still point at them.
 */
export async function seedQuestions(
  db: Database,
  banks: QuestionBank[] = SHIPPED_QUESTION_BANKS,
): Promise<void> {
  // Bad bank data stops the seed with every problem named, before anything is written
  // (the shipped banks were checked when they were loaded).
  if (banks !== SHIPPED_QUESTION_BANKS) validateQuestionBanks(banks, SHIPPED_LOOPS);
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
