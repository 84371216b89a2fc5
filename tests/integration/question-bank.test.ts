import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SHIPPED_QUESTION_BANKS, seedQuestions } from "#db/catalog/seed-questions";
import { getDb } from "#db/client";
import { levels, loops, questions, rounds } from "#db/schema";
import { setupFreshDatabase } from "../support/database";

setupFreshDatabase();

const databricksQuestions = SHIPPED_QUESTION_BANKS.find((b) => b.loopSlug === "databricks-ic")!;

async function snapshotQuestions() {
  return getDb().select().from(questions).orderBy(asc(questions.id));
}

describe("the shipped question bank", () => {
  it("holds the expected number of questions per loop and round", async () => {
    await seedQuestions(getDb());
    const db = getDb();
    const loopRows = await db.select({ id: loops.id, slug: loops.slug }).from(loops);
    const loopSlugById = new Map(loopRows.map((l) => [l.id, l.slug]));
    const roundRows = await db
      .select({ id: rounds.id, slug: rounds.slug, loopId: rounds.loopId })
      .from(rounds);
    const roundById = new Map(roundRows.map((r) => [r.id, r]));
    const rows = await snapshotQuestions();

    const counts: Record<string, number> = {};
    for (const row of rows) {
      const round = roundById.get(row.roundId)!;
      expect(row.loopId).toBe(round.loopId);
      const key = `${loopSlugById.get(row.loopId)}/${round.slug}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const expected = Object.fromEntries(
      SHIPPED_QUESTION_BANKS.flatMap((bank) =>
        Object.entries(bank.rounds).map(([slug, qs]) => [`${bank.loopSlug}/${slug}`, qs.length]),
      ),
    );
    expect(counts).toEqual(expected);
  });

  it("stores every question of every bank exactly as its data says", async () => {
    const db = getDb();
    const loopRows = await db.select({ id: loops.id, slug: loops.slug }).from(loops);
    const roundRows = await db
      .select({ id: rounds.id, slug: rounds.slug, loopId: rounds.loopId })
      .from(rounds);
    const levelRows = await db
      .select({ loopId: levels.loopId, code: levels.code, rank: levels.rank })
      .from(levels);
    const rows = await snapshotQuestions();
    let compared = 0;
    for (const bank of SHIPPED_QUESTION_BANKS) {
      const loopId = loopRows.find((l) => l.slug === bank.loopSlug)!.id;
      const rankOf = (code: string) =>
        levelRows.find((l) => l.loopId === loopId && l.code === code)!.rank;
      for (const [roundSlug, definitions] of Object.entries(bank.rounds)) {
        const roundId = roundRows.find((r) => r.loopId === loopId && r.slug === roundSlug)!.id;
        for (const q of definitions) {
          const row = rows.find((r) => r.roundId === roundId && r.slug === q.slug)!;
          expect(
            {
              title: row.title,
              prompt: row.prompt,
              followUps: row.followUps,
              hints: row.hints,
              goodAnswerL4: row.goodAnswerL4,
              goodAnswerL6: row.goodAnswerL6,
              minLevelRank: row.minLevelRank,
              maxLevelRank: row.maxLevelRank,
              topics: row.topics,
              exercise: row.exercise,
            },
            `${bank.loopSlug}/${roundSlug}/${q.slug}`,
          ).toEqual({
            title: q.title,
            prompt: q.prompt,
            followUps: q.followUps,
            hints: q.hints,
            goodAnswerL4: q.goodAnswerL4,
            goodAnswerL6: q.goodAnswerL6,
            minLevelRank: rankOf(q.minLevel),
            maxLevelRank: rankOf(q.maxLevel),
            topics: q.topics,
            exercise: q.exercise ?? null,
          });
          compared++;
        }
      }
    }
    expect(compared).toBe(rows.length);
  });

  it("stores level ranges as the loop's ranks and keeps arrays intact", async () => {
    const db = getDb();
    const [loop] = await db
      .select({ id: loops.id })
      .from(loops)
      .where(eq(loops.slug, databricksQuestions.loopSlug));
    const rankByCode = new Map(
      (
        await db
          .select({ code: levels.code, rank: levels.rank })
          .from(levels)
          .where(eq(levels.loopId, loop!.id))
      ).map((l) => [l.code, l.rank]),
    );
    const rows = await snapshotQuestions();
    const definition = databricksQuestions.rounds.coding![0]!;
    const row = rows.find((r) => r.slug === definition.slug)!;
    expect(row.minLevelRank).toBe(rankByCode.get(definition.minLevel));
    expect(row.maxLevelRank).toBe(rankByCode.get(definition.maxLevel));
    expect(row.followUps).toEqual(definition.followUps);
    expect(row.hints).toEqual(definition.hints);
    expect(row.topics).toEqual(definition.topics);
  });

  it("changes nothing when seeded again", async () => {
    const before = await snapshotQuestions();
    await seedQuestions(getDb());
    await seedQuestions(getDb());
    expect(await snapshotQuestions()).toEqual(before);
  });

  it("updates changed text in place, keeping ids", async () => {
    const before = await snapshotQuestions();
    const edited = structuredClone(databricksQuestions);
    edited.rounds.behavioral![0]!.title = "A rewritten title";
    await seedQuestions(getDb(), [edited]);
    const after = await snapshotQuestions();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.find((r) => r.slug === edited.rounds.behavioral![0]!.slug)?.title).toBe(
      "A rewritten title",
    );
    await seedQuestions(getDb());
    expect(await snapshotQuestions()).toEqual(before);
  });

  it("rejects an unknown round or level and writes nothing", async () => {
    const before = await snapshotQuestions();
    const badRound = structuredClone(databricksQuestions);
    badRound.rounds["no-such-round"] = databricksQuestions.rounds.coding!;
    await expect(seedQuestions(getDb(), [badRound])).rejects.toThrow(
      /databricks-ic › rounds\.no-such-round: names no round of the loop/,
    );
    const badLevel = structuredClone(databricksQuestions);
    badLevel.rounds.coding![0]!.title = "Should be rolled back";
    (badLevel.rounds.coding![1]! as { maxLevel: string }).maxLevel = "L9";
    await expect(seedQuestions(getDb(), [badLevel])).rejects.toThrow(
      /databricks-ic › rounds\.coding\[1\] \([a-z-]+\)\.maxLevel: names no level of the loop: "L9"/,
    );
    expect(await snapshotQuestions()).toEqual(before);
  });

  it("checks a bank of a loop that does not ship against the database", async () => {
    const before = await snapshotQuestions();
    const stray = {
      loopSlug: "no-such-loop",
      rounds: { coding: databricksQuestions.rounds.coding! },
    };
    await expect(seedQuestions(getDb(), [stray])).rejects.toThrow(/unknown loop no-such-loop/);
    const malformed = structuredClone(stray);
    malformed.rounds.coding![0]!.hints = [];
    await expect(seedQuestions(getDb(), [malformed])).rejects.toThrow(
      /no-such-loop › rounds\.coding\[0\]\.hints: must hold at least two hints/,
    );
    expect(await snapshotQuestions()).toEqual(before);
  });
});
