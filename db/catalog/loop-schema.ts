import { z } from "zod";
import { MAX_ONSITE_ROUNDS, onsiteDayAt } from "./onsite-day";
import { type DataProblem, levelCode, pathText, problemList, slug, text } from "./schema-parts";
import type { LoopDefinition } from "./types";

// The rules a loop's data must follow before anything is seeded: the shape of every
// field, and what ties fields together (unique slugs and codes, positions, references
// between tracks, rounds and levels). Pure. The seed runs it at start-up and stops with
// every problem at once, each naming the field by its path in the data
// (`databricks-ic › rounds[3] (coding) › dimensions[1].anchors: …`).

/** A round sits at most this often in one onsite day (two coding rounds is common). */
export const MAX_SITTINGS_OF_A_ROUND = 3;

const dimension = z
  .object({
    slug,
    name: text(80),
    description: text(600),
    anchors: z.tuple([text(400), text(400), text(400), text(400)], {
      errorMap: () => ({ message: "must be four descriptions, for scores 1 to 4" }),
    }),
    probes: z
      .object({ opening: text(400), deeper: z.array(text(400)).min(1).max(10) })
      .strict()
      .optional(),
    value: z.boolean().optional(),
  })
  .strict();

const round = z
  .object({
    slug,
    name: text(80),
    position: z.number().int().min(1).max(20),
    stage: z.enum(["screen", "onsite"], {
      errorMap: () => ({ message: 'must be "screen" or "onsite"' }),
    }),
    durationMinutes: z.number().int().min(15).max(180),
    summary: text(1200),
    allowsSwap: z.boolean(),
    oneWayFromLevel: levelCode.nullable(),
    dimensions: z.array(dimension).min(1).max(12),
    levelBars: z.record(levelCode, text(600)),
  })
  .strict();

const loopShape = z
  .object({
    company: z.object({ slug, name: text(80) }).strict(),
    slug,
    name: text(120),
    summary: text(1200),
    levels: z
      .array(
        z
          .object({
            code: levelCode,
            rank: z.number().int().min(1).max(50),
            title: text(80),
            summary: text(600),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    tracks: z
      .array(
        z
          .object({
            slug,
            name: text(80),
            summary: text(600),
            roundSlugs: z.array(slug).min(1).max(20),
            onsite: z
              .array(
                z
                  .object({
                    round: slug,
                    count: z.number().int().min(1).max(MAX_SITTINGS_OF_A_ROUND).optional(),
                    fromLevel: levelCode.optional(),
                    toLevel: levelCode.optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(20),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    rounds: z.array(round).min(1).max(20),
  })
  .strict();

/** One problem with a loop's data: where (a path into the data) and what. */
export type LoopProblem = DataProblem;

/** Every loop that is not valid, with all its problems, in one message. */
export class LoopDataError extends Error {
  constructor(readonly problems: LoopProblem[]) {
    super(problemList("The interview loop data is not valid", problems));
    this.name = "LoopDataError";
  }
}

/** Problems in what ties the fields of one (well-shaped) loop together. */
function crossFieldProblems(loop: z.infer<typeof loopShape>): LoopProblem[] {
  const problems: LoopProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const duplicates = <T>(items: readonly T[], key: (item: T) => string | number, at: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else add(`${at}[${index}]`, `repeats ${JSON.stringify(value)} of ${at}[${first}]`);
    });
  };
  duplicates(loop.levels, (l) => l.code, "levels");
  duplicates(loop.levels, (l) => l.rank, "levels");
  duplicates(loop.tracks, (t) => t.slug, "tracks");
  duplicates(loop.rounds, (r) => r.slug, "rounds");
  duplicates(loop.rounds, (r) => r.position, "rounds");

  const codes = new Set(loop.levels.map((l) => l.code));
  const roundSlugs = new Set(loop.rounds.map((r) => r.slug));
  loop.tracks.forEach((track, t) => {
    track.roundSlugs.forEach((slug, s) => {
      if (!roundSlugs.has(slug))
        add(
          `tracks[${t}] (${track.slug}).roundSlugs[${s}]`,
          `names no round of the loop: "${slug}"`,
        );
    });
  });
  const stageOf = new Map(loop.rounds.map((r) => [r.slug, r.stage]));
  const rankOf = new Map(loop.levels.map((l) => [l.code, l.rank]));
  loop.tracks.forEach((track, t) => {
    const at = `tracks[${t}] (${track.slug}).onsite`;
    track.onsite.forEach((entry, e) => {
      const here = `${at}[${e}]`;
      if (!roundSlugs.has(entry.round)) {
        add(`${here}.round`, `names no round of the loop: "${entry.round}"`);
      } else if (stageOf.get(entry.round) !== "onsite") {
        add(`${here}.round`, `"${entry.round}" is a screen, not an onsite round`);
      } else if (!track.roundSlugs.includes(entry.round)) {
        add(`${here}.round`, `"${entry.round}" is not among the track's roundSlugs`);
      }
      for (const key of ["fromLevel", "toLevel"] as const) {
        const code = entry[key];
        if (code !== undefined && !codes.has(code))
          add(`${here}.${key}`, `names no level of the loop: "${code}"`);
      }
      const from = entry.fromLevel && rankOf.get(entry.fromLevel);
      const to = entry.toLevel && rankOf.get(entry.toLevel);
      if (from !== undefined && to !== undefined && from > to)
        add(`${here}`, `fromLevel ${entry.fromLevel} is above toLevel ${entry.toLevel}`);
    });
    // Every level must get a day that fits: at least one round, not too many, and no
    // round more often than MAX_SITTINGS_OF_A_ROUND once the entries that overlap add up.
    for (const level of loop.levels) {
      const day = onsiteDayAt(track.onsite, level.rank, rankOf);
      const total = day.reduce((sum, sitting) => sum + sitting.count, 0);
      if (total === 0) add(at, `holds no round at ${level.code}`);
      if (total > MAX_ONSITE_ROUNDS)
        add(at, `holds ${total} rounds at ${level.code}, more than ${MAX_ONSITE_ROUNDS}`);
      const perRound = new Map<string, number>();
      for (const sitting of day)
        perRound.set(sitting.round, (perRound.get(sitting.round) ?? 0) + sitting.count);
      for (const [round, count] of perRound)
        if (count > MAX_SITTINGS_OF_A_ROUND)
          add(at, `sits "${round}" ${count} times at ${level.code}`);
    }
  });
  loop.rounds.forEach((round, r) => {
    const at = `rounds[${r}] (${round.slug})`;
    if (round.oneWayFromLevel !== null && !codes.has(round.oneWayFromLevel)) {
      add(`${at}.oneWayFromLevel`, `names no level of the loop: "${round.oneWayFromLevel}"`);
    }
    if (!round.allowsSwap && round.oneWayFromLevel !== null) {
      add(`${at}.oneWayFromLevel`, "must be null when the round allows no swap at all");
    }
    for (const code of Object.keys(round.levelBars)) {
      if (!codes.has(code)) add(`${at}.levelBars.${code}`, "names no level of the loop");
    }
    duplicates(round.dimensions, (d) => d.slug, `${at}.dimensions`);
  });
  return problems;
}

/**
 * The loops, checked: returned as given when every one is valid, else a LoopDataError
 * listing every problem of every loop (also loops whose slugs repeat).
 */
export function validateLoops(definitions: readonly unknown[]): LoopDefinition[] {
  const problems: LoopProblem[] = [];
  const slugs = new Map<string, number>();
  definitions.forEach((definition, index) => {
    const name =
      typeof definition === "object" && definition !== null && "slug" in definition
        ? String((definition as { slug: unknown }).slug)
        : `loops[${index}]`;
    const parsed = loopShape.safeParse(definition);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          path: `${name} › ${pathText(issue.path) || "(the loop)"}`,
          message: issue.message,
        });
      }
      return;
    }
    const first = slugs.get(parsed.data.slug);
    if (first !== undefined) {
      problems.push({ path: `${name} › slug`, message: `repeats the slug of loops[${first}]` });
    } else slugs.set(parsed.data.slug, index);
    for (const problem of crossFieldProblems(parsed.data)) {
      problems.push({ path: `${name} › ${problem.path}`, message: problem.message });
    }
  });
  if (problems.length > 0) throw new LoopDataError(problems);
  return definitions as LoopDefinition[];
}
