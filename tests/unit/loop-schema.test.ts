import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { LoopDataError, validateLoops } from "#db/catalog/loop-schema";
import { SHIPPED_LOOPS } from "#db/catalog/seed-catalog";

// biome-ignore lint/suspicious/noExplicitAny: the tests break the data in ways its type forbids
type Loose = Record<string, any>;

/** A deep copy of the shipped loop, changed by `change`. */
function loopWith(change: (loop: Loose) => void): unknown {
  const copy = structuredClone(databricksLoop) as unknown as Loose;
  change(copy);
  return copy;
}

/** The problems validateLoops finds, as "path: message" lines. */
function problemsOf(...loops: unknown[]): string[] {
  try {
    validateLoops(loops);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(LoopDataError);
    return (err as LoopDataError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe("loop data", () => {
  it("accepts every loop that ships", () => {
    expect(validateLoops(SHIPPED_LOOPS)).toBe(SHIPPED_LOOPS);
  });

  it("names the bad field by its path, with what is wrong", () => {
    const problems = problemsOf(
      loopWith((loop) => {
        loop.rounds[3].dimensions[1].anchors = ["only", "three", "anchors"];
        loop.levels[0].code = "five";
        loop.rounds[0].durationMinutes = 0;
        loop.tracks[1].summary = "";
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^databricks-ic › rounds\[3\]\.dimensions\[1\]\.anchors: must be four descriptions/,
        ),
        expect.stringMatching(/^databricks-ic › levels\[0\]\.code: must be a level code/),
        expect.stringMatching(/^databricks-ic › rounds\[0\]\.durationMinutes: /),
        expect.stringMatching(/^databricks-ic › tracks\[1\]\.summary: must not be empty/),
      ]),
    );
  });

  it("takes any ladder's short codes, and nothing that is not one", () => {
    // The same ladder renamed everywhere it is named ("L5" → "IC5"): still a valid loop.
    const renamed = JSON.parse(JSON.stringify(databricksLoop).replace(/"L(\d)"/g, '"IC$1"'));
    expect(renamed.levels[0].code).toBe("IC3");
    expect(problemsOf(renamed)).toEqual([]);
    const problems = problemsOf(
      loopWith((loop) => {
        loop.levels[0].code = "l3";
        loop.levels[1].code = "LEVEL4X";
        loop.levels[2].code = "5";
      }),
    ).join("\n");
    for (const index of [0, 1, 2])
      expect(problems).toMatch(new RegExp(`levels\\[${index}\\]\\.code: must be a level code`));
  });

  it("refuses fields it does not know (a typo is not silently ignored)", () => {
    const problems = problemsOf(loopWith((loop) => (loop.rounds[2].durationMinuts = 60)));
    expect(problems.join("\n")).toMatch(
      /rounds\[2\]: Unrecognized key\(s\) in object: 'durationMinuts'/,
    );
  });

  it("checks what ties the fields together", () => {
    const problems = problemsOf(
      loopWith((loop) => {
        loop.levels[1].code = loop.levels[0].code;
        loop.rounds[1].slug = loop.rounds[0].slug;
        loop.rounds[2].position = loop.rounds[0].position;
        loop.tracks[0].roundSlugs.push("whiteboarding");
        loop.rounds[4].oneWayFromLevel = "L9";
        loop.rounds[4].levelBars.L12 = "a bar for a level that does not exist";
        loop.rounds[5].dimensions[1].slug = loop.rounds[5].dimensions[0].slug;
      }),
    ).join("\n");
    expect(problems).toMatch(/levels\[1\]: repeats "L\d" of levels\[0\]/);
    expect(problems).toMatch(/rounds\[1\]: repeats "[a-z-]+" of rounds\[0\]/);
    expect(problems).toMatch(/rounds\[2\]: repeats 1 of rounds\[0\]/);
    expect(problems).toMatch(
      /tracks\[0\] \([a-z-]+\)\.roundSlugs\[\d+\]: names no round of the loop: "whiteboarding"/,
    );
    expect(problems).toMatch(
      /rounds\[4\] \([a-z-]+\)\.oneWayFromLevel: names no level of the loop: "L9"/,
    );
    expect(problems).toMatch(/rounds\[4\] \([a-z-]+\)\.levelBars\.L12: names no level of the loop/);
    expect(problems).toMatch(/rounds\[5\] \([a-z-]+\)\.dimensions\[1\]: repeats/);
  });

  it("refuses two loops with one slug, and data that is not a loop at all", () => {
    expect(problemsOf(databricksLoop, databricksLoop).join("\n")).toMatch(
      /databricks-ic › slug: repeats the slug of loops\[0\]/,
    );
    expect(problemsOf(null, "a loop", 42).join("\n")).toMatch(/^loops\[0\] › \(the loop\): /);
  });

  it("refuses control characters and oversized text", () => {
    const problems = problemsOf(
      loopWith((loop) => {
        loop.name = "Loop\u0000name";
        loop.summary = "x".repeat(5000);
      }),
    ).join("\n");
    expect(problems).toMatch(/› name: must not hold control characters/);
    expect(problems).toMatch(/› summary: must be at most 1200 characters/);
  });
});

describe("onsite shapes in the data", () => {
  it("names an onsite entry that is a screen, unknown, off the track or out of order", () => {
    const problems = problemsOf(
      loopWith((loop) => {
        loop.tracks[0].onsite.push({ round: "phone-screen" });
        loop.tracks[0].onsite.push({ round: "no-such-round" });
        loop.tracks[1].onsite.push({ round: "spark-deep-dive" });
        loop.tracks[2].onsite[0].fromLevel = "L6";
        loop.tracks[2].onsite[0].toLevel = "L4";
        loop.tracks[3].onsite[0].fromLevel = "L9";
      }),
    ).join("\n");
    expect(problems).toMatch(
      /tracks\[0\] \(platform-ml\)\.onsite\[5\]\.round: "phone-screen" is a screen/,
    );
    expect(problems).toMatch(/tracks\[0\] \(platform-ml\)\.onsite\[6\]\.round: names no round/);
    expect(problems).toMatch(
      /tracks\[1\] \(research\)\.onsite\[5\]\.round: "spark-deep-dive" is not among/,
    );
    expect(problems).toMatch(
      /tracks\[2\] \(backend\)\.onsite\[0\]: fromLevel L6 is above toLevel L4/,
    );
    expect(problems).toMatch(
      /tracks\[3\] \(data-science\)\.onsite\[0\]\.fromLevel: names no level/,
    );
  });

  it("refuses a day with no round, too many rounds, or one round too often at some level", () => {
    const problems = problemsOf(
      loopWith((loop) => {
        loop.tracks[0].onsite = [{ round: "coding", toLevel: "L4" }];
        loop.tracks[1].onsite = [
          { round: "coding", count: 3 },
          { round: "coding", fromLevel: "L7" },
        ];
        loop.tracks[2].onsite = [
          { round: "coding", count: 3 },
          { round: "system-design", count: 3 },
          { round: "behavioral" },
          { round: "hiring-manager" },
        ];
      }),
    ).join("\n");
    expect(problems).toMatch(/tracks\[0\] \(platform-ml\)\.onsite: holds no round at L5/);
    expect(problems).toMatch(/tracks\[1\] \(research\)\.onsite: sits "coding" 4 times at L7/);
    expect(problems).toMatch(/tracks\[2\] \(backend\)\.onsite: holds 8 rounds at L3, more than 6/);
  });
});
