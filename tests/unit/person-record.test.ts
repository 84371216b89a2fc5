import { describe, expect, it } from "vitest";
import {
  buildPersonRecord,
  EMPTY_RECORD,
  hasHistory,
  qualityScore,
  type RatingRow,
  summarizeRecord,
  totalRatings,
} from "~/modules/feedback/record";

const rating = (stars: number, again = true): RatingRow => ({
  preparation: stars,
  helpfulness: stars,
  clarity: stars,
  wouldPractiseAgain: again,
});

describe("buildPersonRecord", () => {
  it("has no reliability and no ratings before anything happened", () => {
    expect(buildPersonRecord({ held: 0, noShows: 0, lateCancels: 0 })).toEqual(EMPTY_RECORD);
  });

  it("counts no-shows and late cancels against held sessions", () => {
    const record = buildPersonRecord({ held: 6, noShows: 1, lateCancels: 1 });
    expect(record.reliability).toBe(0.75);
    expect(buildPersonRecord({ held: 0, noShows: 2, lateCancels: 0 }).reliability).toBe(0);
    expect(buildPersonRecord({ held: 3, noShows: 0, lateCancels: 0 }).reliability).toBe(1);
  });

  it("averages each dimension, their mean and the would-practise-again share", () => {
    const record = buildPersonRecord({ held: 3, noShows: 0, lateCancels: 0 }, [
      { preparation: 5, helpfulness: 4, clarity: 3, wouldPractiseAgain: true },
      { preparation: 3, helpfulness: 4, clarity: 5, wouldPractiseAgain: false },
    ]);
    expect(record.ratings).toEqual({
      count: 2,
      preparation: 4,
      helpfulness: 4,
      clarity: 4,
      average: 4,
      wouldPractiseAgainShare: 0.5,
    });
  });

  it("gives the same record from rows and from their totals", () => {
    const rows = [rating(5), rating(4, false), rating(2)];
    const counts = { held: 3, noShows: 0, lateCancels: 0 };
    expect(buildPersonRecord(counts, totalRatings(rows))).toEqual(buildPersonRecord(counts, rows));
  });

  it("treats zero ratings as none", () => {
    const record = buildPersonRecord({ held: 1, noShows: 0, lateCancels: 0 }, []);
    expect(record.ratings).toBeNull();
  });
});

describe("qualityScore", () => {
  const withRatings = (rows: RatingRow[]) =>
    buildPersonRecord({ held: rows.length, noShows: 0, lateCancels: 0 }, rows);

  it("is null without ratings", () => {
    expect(qualityScore(EMPTY_RECORD)).toBeNull();
    expect(qualityScore(buildPersonRecord({ held: 4, noShows: 0, lateCancels: 0 }))).toBeNull();
  });

  it("spans 0 to 1", () => {
    expect(qualityScore(withRatings([rating(1, false)]))).toBe(0);
    expect(qualityScore(withRatings([rating(5, true)]))).toBe(1);
  });

  it("blends the stars with the would-practise-again share", () => {
    const stars = qualityScore(withRatings([rating(5, false)]))!;
    const again = qualityScore(withRatings([rating(1, true)]))!;
    expect(stars).toBeGreaterThan(again);
    expect(stars + again).toBeCloseTo(1, 10);
    expect(qualityScore(withRatings([rating(5), rating(5), rating(3, false)]))).toBeCloseTo(
      0.6 * ((13 / 3 - 1) / 4) + 0.4 * (2 / 3),
      10,
    );
  });

  it("rises with better ratings", () => {
    const good = qualityScore(withRatings([rating(4), rating(5)]))!;
    const better = qualityScore(withRatings([rating(5), rating(5)]))!;
    expect(better).toBeGreaterThan(good);
  });
});

describe("summarizeRecord", () => {
  it("reads as one line with ratings", () => {
    const rows = [
      ...Array.from({ length: 6 }, () => rating(5)),
      { preparation: 2, helpfulness: 2, clarity: 2, wouldPractiseAgain: false },
    ];
    const record = buildPersonRecord({ held: 12, noShows: 1, lateCancels: 0 }, rows);
    expect(summarizeRecord(record)).toBe(
      "12 held · 1 no-show · 0 late cancels · rated 4.6/5 by 7 · 86% would practise again",
    );
  });

  it("leaves ratings out until there are some, and keeps plurals right", () => {
    const record = buildPersonRecord({ held: 1, noShows: 2, lateCancels: 1 });
    expect(summarizeRecord(record)).toBe("1 held · 2 no-shows · 1 late cancel");
  });

  it("says so when there is no history", () => {
    expect(hasHistory(EMPTY_RECORD)).toBe(false);
    expect(summarizeRecord(EMPTY_RECORD)).toBe("No sessions yet");
  });

  it("shows whole ratings with one decimal", () => {
    const record = buildPersonRecord({ held: 1, noShows: 0, lateCancels: 0 }, [rating(5)]);
    expect(summarizeRecord(record)).toContain("rated 5.0/5 by 1");
  });
});
