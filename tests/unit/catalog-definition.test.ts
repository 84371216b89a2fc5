import { describe, expect, it } from "vitest";
import { SHIPPED_LOOPS } from "#db/catalog/seed-catalog";

// The shipped loops are data; these checks keep hand-edited data consistent before
// it ever reaches the database.

describe.each(SHIPPED_LOOPS.map((loop) => [loop.slug, loop] as const))("loop %s", (_slug, loop) => {
  it("has unique level codes and ranks", () => {
    expect(new Set(loop.levels.map((l) => l.code)).size).toBe(loop.levels.length);
    expect(new Set(loop.levels.map((l) => l.rank)).size).toBe(loop.levels.length);
  });

  it("numbers its rounds 1..n with unique slugs", () => {
    expect(loop.rounds.map((r) => r.position)).toEqual(loop.rounds.map((_, i) => i + 1));
    expect(new Set(loop.rounds.map((r) => r.slug)).size).toBe(loop.rounds.length);
  });

  it("gives every round dimensions with four distinct anchors and a bar per level", () => {
    const codes = loop.levels.map((l) => l.code).sort();
    for (const round of loop.rounds) {
      expect(round.dimensions.length, round.slug).toBeGreaterThan(0);
      expect(new Set(round.dimensions.map((d) => d.slug)).size).toBe(round.dimensions.length);
      for (const dimension of round.dimensions) {
        expect(new Set(dimension.anchors).size, `${round.slug}/${dimension.slug}`).toBe(4);
      }
      expect(Object.keys(round.levelBars).sort(), round.slug).toEqual(codes);
      if (round.oneWayFromLevel) expect(codes).toContain(round.oneWayFromLevel);
    }
  });

  it("builds tracks only from its own rounds", () => {
    const slugs = new Set(loop.rounds.map((r) => r.slug));
    for (const track of loop.tracks) {
      expect(
        track.roundSlugs.every((s) => slugs.has(s)),
        track.slug,
      ).toBe(true);
    }
  });
});
