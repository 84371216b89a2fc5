import { asc, eq, inArray } from "drizzle-orm";
import { catalogVersion } from "#db/catalog/catalog-version";
import type { OnsiteEntryDefinition, RoundStage } from "#db/catalog/types";
import { type Database, getDb } from "#db/client";
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

export interface CatalogLevel {
  id: number;
  code: string;
  rank: number;
  title: string;
  summary: string;
}

export interface CatalogDimension {
  id: number;
  slug: string;
  name: string;
  description: string;
  anchors: [string, string, string, string];
  /** The probe ladder: the opening question first, then deeper follow-ups; may be empty. */
  probes: string[];
  /** One of the company's values (story-bank tags). */
  isValue: boolean;
}

export interface CatalogRound {
  id: number;
  slug: string;
  name: string;
  position: number;
  stage: RoundStage;
  durationMinutes: number;
  summary: string;
  allowsSwap: boolean;
  oneWayFromRank: number | null;
  dimensions: CatalogDimension[];
  /** Level code → how the bar reads at that level. */
  levelBars: Record<string, string>;
}

export interface CatalogTrack {
  id: number;
  slug: string;
  name: string;
  summary: string;
  roundSlugs: string[];
  /** The onsite day by level as the data gives it; loopShapeAt (loop-shape.ts) reads it. */
  onsite: readonly OnsiteEntryDefinition[];
}

export interface LoopCatalog {
  id: number;
  slug: string;
  name: string;
  summary: string;
  company: { slug: string; name: string };
  levels: CatalogLevel[];
  tracks: CatalogTrack[];
  rounds: CatalogRound[];
}

interface CachedCatalog {
  version: number;
  catalogs: Promise<LoopCatalog[]>;
}

// Per database (tests switch databases within a process), re-read after a seed. The
// promise is cached, so requests arriving together share one read.
const cache = new WeakMap<Database, CachedCatalog>();

/**
 * Every loop with its levels, tracks, rounds and dimensions, in display order. Read once
 * and kept until the catalog is seeded again: it was re-read (seven statements) by every
 * page that shows a round name.
 */
export function getLoopCatalogs(): Promise<LoopCatalog[]> {
  const db = getDb();
  const version = catalogVersion();
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.catalogs;
  const catalogs = readLoopCatalogs(db).then(deepFreeze);
  cache.set(db, { version, catalogs });
  // A failed read (database down) must not be kept.
  catalogs.catch(() => {
    if (cache.get(db)?.catalogs === catalogs) cache.delete(db);
  });
  return catalogs;
}

/** Shared between requests: a caller that sorted or edited it in place would corrupt it for all. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

async function readLoopCatalogs(db: Database): Promise<LoopCatalog[]> {
  const loopRows = await db
    .select({
      id: loops.id,
      slug: loops.slug,
      name: loops.name,
      summary: loops.summary,
      companySlug: companies.slug,
      companyName: companies.name,
    })
    .from(loops)
    .innerJoin(companies, eq(companies.id, loops.companyId))
    .orderBy(asc(companies.name), asc(loops.name));
  if (loopRows.length === 0) return [];
  const loopIds = loopRows.map((l) => l.id);

  const [levelRows, trackRows, roundRows, dimensionRows, barRows, trackRoundRows] =
    await Promise.all([
      db.select().from(levels).where(inArray(levels.loopId, loopIds)).orderBy(asc(levels.rank)),
      db.select().from(tracks).where(inArray(tracks.loopId, loopIds)).orderBy(asc(tracks.name)),
      db.select().from(rounds).where(inArray(rounds.loopId, loopIds)).orderBy(asc(rounds.position)),
      db
        .select()
        .from(dimensions)
        .innerJoin(rounds, eq(rounds.id, dimensions.roundId))
        .where(inArray(rounds.loopId, loopIds))
        .orderBy(asc(dimensions.position)),
      db
        .select({
          roundId: roundLevelBars.roundId,
          code: levels.code,
          text: roundLevelBars.expectation,
        })
        .from(roundLevelBars)
        .innerJoin(levels, eq(levels.id, roundLevelBars.levelId))
        .where(inArray(levels.loopId, loopIds)),
      db
        .select({ trackId: trackRounds.trackId, slug: rounds.slug, position: trackRounds.position })
        .from(trackRounds)
        .innerJoin(rounds, eq(rounds.id, trackRounds.roundId))
        .where(inArray(rounds.loopId, loopIds))
        .orderBy(asc(trackRounds.position)),
    ]);

  return loopRows.map((loop) => ({
    id: loop.id,
    slug: loop.slug,
    name: loop.name,
    summary: loop.summary,
    company: { slug: loop.companySlug, name: loop.companyName },
    levels: levelRows
      .filter((l) => l.loopId === loop.id)
      .map(({ id, code, rank, title, summary }) => ({ id, code, rank, title, summary })),
    tracks: trackRows
      .filter((t) => t.loopId === loop.id)
      .map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        summary: t.summary,
        roundSlugs: trackRoundRows.filter((tr) => tr.trackId === t.id).map((tr) => tr.slug),
        onsite: t.onsite as OnsiteEntryDefinition[],
      })),
    rounds: roundRows
      .filter((r) => r.loopId === loop.id)
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        position: r.position,
        stage: r.stage,
        durationMinutes: r.durationMinutes,
        summary: r.summary,
        allowsSwap: r.allowsSwap,
        oneWayFromRank: r.oneWayFromRank,
        dimensions: dimensionRows
          .filter((d) => d.dimensions.roundId === r.id)
          .map(({ dimensions: d }) => ({
            id: d.id,
            slug: d.slug,
            name: d.name,
            description: d.description,
            anchors: [d.anchor1, d.anchor2, d.anchor3, d.anchor4] as [
              string,
              string,
              string,
              string,
            ],
            probes: d.probes,
            isValue: d.isValue,
          })),
        levelBars: Object.fromEntries(
          barRows.filter((b) => b.roundId === r.id).map((b) => [b.code, b.text]),
        ),
      })),
  }));
}

export async function getLoopCatalog(slug: string): Promise<LoopCatalog | null> {
  return (await getLoopCatalogs()).find((loop) => loop.slug === slug) ?? null;
}
