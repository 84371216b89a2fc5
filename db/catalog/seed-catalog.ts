import { sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  companies,
  dimensions,
  levels,
  loops,
  roundLevelBars,
  rounds,
  trackRounds,
  tracks,
} from "../schema";
import { bumpCatalogVersion } from "./catalog-version";
import { databricksLoop } from "./databricks-loop";
import { validateLoops } from "./loop-schema";
import type { LoopDefinition } from "./types";

export const SHIPPED_LOOPS: LoopDefinition[] = [databricksLoop];

/**
 * Checks every loop (validateLoops), then upserts it on its natural keys (slugs, level codes), so running it again
 * changes nothing and ids stay stable. Rows that vanished from the data are kept:
 * sessions and feedback may still point at them.
 */
export async function seedCatalog(db: Database, definitions = SHIPPED_LOOPS): Promise<void> {
  // Bad loop data stops the start with every problem named (loop-schema.ts), before
  // anything is written.
  validateLoops(definitions);
  try {
    await writeCatalog(db, definitions);
  } finally {
    bumpCatalogVersion();
  }
}

async function writeCatalog(db: Database, definitions: LoopDefinition[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const def of definitions) {
      const [company] = await tx
        .insert(companies)
        .values(def.company)
        .onConflictDoUpdate({ target: companies.slug, set: { name: def.company.name } })
        .returning({ id: companies.id });
      const [loop] = await tx
        .insert(loops)
        .values({ companyId: company!.id, slug: def.slug, name: def.name, summary: def.summary })
        .onConflictDoUpdate({
          target: loops.slug,
          set: { companyId: company!.id, name: def.name, summary: def.summary },
        })
        .returning({ id: loops.id });
      const loopId = loop!.id;

      const levelIds = new Map<string, number>();
      for (const level of def.levels) {
        const [row] = await tx
          .insert(levels)
          .values({ loopId, ...level })
          .onConflictDoUpdate({
            target: [levels.loopId, levels.code],
            set: { rank: level.rank, title: level.title, summary: level.summary },
          })
          .returning({ id: levels.id });
        levelIds.set(level.code, row!.id);
      }
      const rankOf = (code: string | null) =>
        code === null ? null : (def.levels.find((l) => l.code === code)?.rank ?? null);

      const roundIds = new Map<string, number>();
      for (const round of def.rounds) {
        const values = {
          name: round.name,
          position: round.position,
          stage: round.stage,
          durationMinutes: round.durationMinutes,
          summary: round.summary,
          allowsSwap: round.allowsSwap,
          oneWayFromRank: rankOf(round.oneWayFromLevel),
        };
        const [row] = await tx
          .insert(rounds)
          .values({ loopId, slug: round.slug, ...values })
          .onConflictDoUpdate({ target: [rounds.loopId, rounds.slug], set: values })
          .returning({ id: rounds.id });
        const roundId = row!.id;
        roundIds.set(round.slug, roundId);

        for (const [index, dim] of round.dimensions.entries()) {
          const values = {
            name: dim.name,
            description: dim.description,
            position: index + 1,
            anchor1: dim.anchors[0],
            anchor2: dim.anchors[1],
            anchor3: dim.anchors[2],
            anchor4: dim.anchors[3],
            probes: dim.probes ? [dim.probes.opening, ...dim.probes.deeper] : [],
            isValue: dim.value === true,
          };
          await tx
            .insert(dimensions)
            .values({ roundId, slug: dim.slug, ...values })
            .onConflictDoUpdate({ target: [dimensions.roundId, dimensions.slug], set: values });
        }
        for (const [code, expectation] of Object.entries(round.levelBars)) {
          const levelId = levelIds.get(code);
          if (levelId === undefined || !expectation) continue;
          await tx
            .insert(roundLevelBars)
            .values({ roundId, levelId, expectation })
            .onConflictDoUpdate({
              target: [roundLevelBars.roundId, roundLevelBars.levelId],
              set: { expectation },
            });
        }
      }

      for (const track of def.tracks) {
        const values = { name: track.name, summary: track.summary, onsite: track.onsite };
        const [row] = await tx
          .insert(tracks)
          .values({ loopId, slug: track.slug, ...values })
          .onConflictDoUpdate({ target: [tracks.loopId, tracks.slug], set: values })
          .returning({ id: tracks.id });
        for (const [index, slug] of track.roundSlugs.entries()) {
          const roundId = roundIds.get(slug);
          if (roundId === undefined)
            throw new Error(`track ${track.slug} names unknown round ${slug}`);
          await tx
            .insert(trackRounds)
            .values({ trackId: row!.id, roundId, position: index + 1 })
            .onConflictDoUpdate({
              target: [trackRounds.trackId, trackRounds.roundId],
              set: { position: index + 1 },
            });
        }
      }
    }
    // Serial ids advance on every conflicting insert; that is harmless, but keep the
    // statement count visible in one place should it ever matter.
    await tx.execute(sql`select 1`);
  });
}
