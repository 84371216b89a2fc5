import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import type { LoopCatalog } from "~/modules/catalog/catalog.server";
import { loopShapeAt, onsiteSittings } from "~/modules/catalog/loop-shape";

// The catalog as the app reads it, built from the shipped data (ids are positions).
const catalog: LoopCatalog = {
  id: 1,
  slug: databricksLoop.slug,
  name: databricksLoop.name,
  summary: databricksLoop.summary,
  company: databricksLoop.company,
  levels: databricksLoop.levels.map((l, i) => ({ id: i + 1, ...l })),
  tracks: databricksLoop.tracks.map((t, i) => ({ id: i + 1, ...t })),
  rounds: databricksLoop.rounds.map((r, i) => ({
    id: i + 1,
    slug: r.slug,
    name: r.name,
    position: r.position,
    stage: r.stage,
    durationMinutes: r.durationMinutes,
    summary: r.summary,
    allowsSwap: r.allowsSwap,
    oneWayFromRank: null,
    dimensions: [],
    levelBars: {},
  })),
};

const lines = (track: string, rank: number) =>
  loopShapeAt(catalog, track, rank)?.map(
    (line) => `${line.stage}:${line.round.slug}${line.count > 1 ? `×${line.count}` : ""}`,
  );

describe("a loop's shape at a track and level", () => {
  it("puts the screens first, then the onsite day in the data's order", () => {
    expect(lines("platform-ml", 4)).toEqual([
      "screen:recruiter-screen",
      "screen:phone-screen",
      "onsite:coding×2",
      "onsite:spark-deep-dive",
      "onsite:ml-system-design",
      "onsite:behavioral",
    ]);
  });

  it("adds the second design round from L5 up", () => {
    expect(lines("platform-ml", 5)).toContain("onsite:system-design");
    expect(lines("backend", 4)).toContain("onsite:system-design");
    expect(lines("backend", 5)).toContain("onsite:system-design×2");
    expect(lines("research", 6)).toContain("onsite:ml-system-design×2");
  });

  it("differs by track: research has no Spark round", () => {
    expect(lines("research", 4)?.some((line) => line.includes("spark"))).toBe(false);
    expect(lines("backend", 4)).toContain("onsite:spark-deep-dive");
  });

  it("is null for a track the loop does not have", () => {
    expect(loopShapeAt(catalog, "astronaut", 4)).toBeNull();
  });

  it("lists the day's sittings, a repeated round once per sitting", () => {
    const shape = loopShapeAt(catalog, "backend", 6) ?? [];
    expect(onsiteSittings(shape).map((s) => s.key)).toEqual([
      "coding#1",
      "spark-deep-dive#1",
      "system-design#1",
      "system-design#2",
      "behavioral#1",
      "hiring-manager#1",
    ]);
  });
});
