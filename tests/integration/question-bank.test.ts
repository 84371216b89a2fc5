import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databricksQuestions } from "#db/catalog/databricks-questions";
import { seedQuestions } from "#db/catalog/seed-questions";
import { getDb } from "#db/client";
import { levels, loops, questions, rounds } from "#db/schema";
import { setupFreshDatabase } from "../support/database";

setupFreshDatabase();

async function snapshotQuestions() {
  return getDb().select().from(questions).orderBy(asc(questions.id));
}

describe("the shipped question bank", () => {
  it("holds the expected number of questions per round", async () => {
    await seedQuestions(getDb());
    const db = getDb();
    const [loop] = await db
      .select()
      .from(loops)
      .where(eq(loops.slug, databricksQuestions.loopSlug));
    const roundRows = await db.select({ id: rounds.id, slug: rounds.slug }).from(rounds);
    const slugById = new Map(roundRows.map((r) => [r.id, r.slug]));
    const rows = await snapshotQuestions();

    const counts: Record<string, number> = {};
    for (const row of rows) {
      expect(row.loopId).toBe(loop!.id);
      const slug = slugById.get(row.roundId)!;
      counts[slug] = (counts[slug] ?? 0) + 1;
    }
    const expected = Object.fromEntries(
      Object.entries(databricksQuestions.rounds).map(([slug, qs]) => [slug, qs.length]),
    );
    expect(counts).toEqual(expected);
  });

  it("stores level ranges as the loop's ranks and keeps arrays intact", async () => {
    const db = getDb();
    const rankByCode = new Map(
      (await db.select({ code: levels.code, rank: levels.rank }).from(levels)).map((l) => [
        l.code,
        l.rank,
      ]),
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
    await expect(seedQuestions(getDb(), [badRound])).rejects.toThrow(/unknown round no-such-round/);
    const badLevel = structuredClone(databricksQuestions);
    badLevel.rounds.coding![0]!.title = "Should be rolled back";
    (badLevel.rounds.coding![1]! as { maxLevel: string }).maxLevel = "L9";
    await expect(seedQuestions(getDb(), [badLevel])).rejects.toThrow(/unknown level L9/);
    expect(await snapshotQuestions()).toEqual(before);
  });
});
