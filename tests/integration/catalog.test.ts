import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import {
  companies,
  dimensions,
  levels,
  loops,
  roundLevelBars,
  rounds,
  trackRounds,
  tracks,
} from "#db/schema";
import { getLoopCatalog } from "~/modules/catalog/catalog.server";
import { setupFreshDatabase } from "../support/database";

setupFreshDatabase();

async function snapshotCatalog() {
  const db = getDb();
  return {
    companies: await db.select().from(companies).orderBy(asc(companies.id)),
    loops: await db.select().from(loops).orderBy(asc(loops.id)),
    levels: await db.select().from(levels).orderBy(asc(levels.id)),
    tracks: await db.select().from(tracks).orderBy(asc(tracks.id)),
    rounds: await db.select().from(rounds).orderBy(asc(rounds.id)),
    dimensions: await db.select().from(dimensions).orderBy(asc(dimensions.id)),
    bars: await db
      .select()
      .from(roundLevelBars)
      .orderBy(asc(roundLevelBars.roundId), asc(roundLevelBars.levelId)),
    trackRounds: await db
      .select()
      .from(trackRounds)
      .orderBy(asc(trackRounds.trackId), asc(trackRounds.roundId)),
  };
}

describe("the shipped loop catalog", () => {
  it("holds all eight stages in order, each with its dimensions, and five levels", async () => {
    const loop = await getLoopCatalog("databricks-ic");
    expect(loop).not.toBeNull();
    expect(loop!.company.name).toBe("Databricks");
    expect(loop!.levels.map((l) => l.code)).toEqual(["L3", "L4", "L5", "L6", "L7"]);
    expect(loop!.rounds.map((r) => r.slug)).toEqual([
      "recruiter-screen",
      "phone-screen",
      "coding",
      "spark-deep-dive",
      "ml-system-design",
      "system-design",
      "behavioral",
      "hiring-manager",
    ]);
    for (const round of loop!.rounds) {
      expect(round.dimensions.length, round.slug).toBeGreaterThanOrEqual(3);
      for (const dimension of round.dimensions) {
        expect(
          dimension.anchors.every((a) => a.length > 10),
          dimension.slug,
        ).toBe(true);
      }
      expect(Object.keys(round.levelBars).sort(), round.slug).toEqual([
        "L3",
        "L4",
        "L5",
        "L6",
        "L7",
      ]);
    }
    expect(loop!.tracks.length).toBe(4);
  });

  it("reads back each round's stage, each track's onsite day and the six values", async () => {
    const loop = await getLoopCatalog("databricks-ic");
    expect(loop!.rounds.filter((r) => r.stage === "screen").map((r) => r.slug)).toEqual([
      "recruiter-screen",
      "phone-screen",
    ]);
    const platform = loop!.tracks.find((t) => t.slug === "platform-ml")!;
    expect(platform.onsite).toEqual(
      databricksLoop.tracks.find((t) => t.slug === "platform-ml")!.onsite,
    );
    const values = loop!.rounds.flatMap((r) => r.dimensions.filter((d) => d.isValue));
    expect(values.map((d) => d.slug)).toEqual([
      "customer-obsession",
      "raising-the-bar",
      "truth-seeking",
      "first-principles",
      "bias-for-action",
      "company-first",
    ]);
  });

  it("refuses a round stage the data cannot hold, in the database itself", async () => {
    const stage = await getDb()
      .execute(sql`update rounds set stage = 'lunch' where slug = 'coding'`)
      .catch((err: unknown) => err);
    expect(pgConstraint(stage)).toBe("rounds_stage");
    const onsite = await getDb()
      .execute(sql`update tracks set onsite = '{"round":"coding"}'::jsonb`)
      .catch((err: unknown) => err);
    expect(pgConstraint(onsite)).toBe("tracks_onsite_is_array");
  });

  it("scores the behavioral round per value plus answer structure", async () => {
    const loop = await getLoopCatalog("databricks-ic");
    const behavioral = loop!.rounds.find((r) => r.slug === "behavioral")!;
    expect(behavioral.dimensions.map((d) => d.slug).sort()).toEqual(
      [
        "answer-structure",
        "bias-for-action",
        "company-first",
        "customer-obsession",
        "first-principles",
        "raising-the-bar",
        "truth-seeking",
      ].sort(),
    );
  });

  it("marks hiring-manager and L6+ design rounds as one-way", async () => {
    const loop = await getLoopCatalog("databricks-ic");
    const bySlug = (slug: string) => loop!.rounds.find((r) => r.slug === slug)!;
    expect(bySlug("hiring-manager").allowsSwap).toBe(false);
    expect(bySlug("system-design").oneWayFromRank).toBe(6);
    expect(bySlug("ml-system-design").oneWayFromRank).toBe(6);
    expect(bySlug("coding").oneWayFromRank).toBeNull();
  });

  it("changes nothing when seeded again", async () => {
    const before = await snapshotCatalog();
    await seedCatalog(getDb());
    await seedCatalog(getDb());
    expect(await snapshotCatalog()).toEqual(before);
  });

  it("matches the definition it was seeded from", async () => {
    const snapshot = await snapshotCatalog();
    const expectedDimensions = databricksLoop.rounds.reduce((n, r) => n + r.dimensions.length, 0);
    expect(snapshot.dimensions).toHaveLength(expectedDimensions);
    expect(snapshot.bars).toHaveLength(databricksLoop.rounds.length * databricksLoop.levels.length);
  });

  it("updates changed text in place, keeping ids", async () => {
    const before = await snapshotCatalog();
    const edited = structuredClone(databricksLoop);
    edited.rounds[2]!.summary = "A rewritten summary for the coding round.";
    await seedCatalog(getDb(), [edited]);
    const after = await snapshotCatalog();
    expect(after.rounds.map((r) => r.id)).toEqual(before.rounds.map((r) => r.id));
    expect(after.rounds.find((r) => r.slug === "coding")?.summary).toBe(
      "A rewritten summary for the coding round.",
    );
    await seedCatalog(getDb());
    expect(await snapshotCatalog()).toEqual(before);
  });

  it("is read once and shared, frozen, until it is seeded again", async () => {
    const first = await getLoopCatalog("databricks-ic");
    expect(await getLoopCatalog("databricks-ic")).toBe(first);
    // Shared between requests, so nobody may edit it in place.
    expect(() => {
      (first!.rounds as unknown[]).push({});
    }).toThrow(TypeError);
    const edited = structuredClone(databricksLoop);
    edited.rounds[2]!.summary = "Seeded again: readers see this at once.";
    await seedCatalog(getDb(), [edited]);
    const reread = await getLoopCatalog("databricks-ic");
    expect(reread).not.toBe(first);
    expect(reread!.rounds.find((r) => r.slug === "coding")?.summary).toBe(
      "Seeded again: readers see this at once.",
    );
    await seedCatalog(getDb());
  });
});
