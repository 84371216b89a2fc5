import { onsiteDayAt } from "#db/catalog/onsite-day";
import type { CatalogRound, LoopCatalog } from "./catalog.server";

// The shape of one person's loop: which rounds their track holds at their target level,
// screens first, then the onsite day in its order (DOMAIN.md: shapes differ by track and
// level: L5 and above add a second design round, the platform track sits two coding
// rounds). Pure: it reads the catalog as loaded, so any loop in the data works.

export interface ShapeRound {
  round: CatalogRound;
  stage: "screen" | "onsite";
  /** How many sittings of the round the stage holds (a screen: 1). */
  count: number;
}

/** One sitting of the onsite day: "coding#2" is the day's second coding round. */
export interface OnsiteSitting {
  key: string;
  round: CatalogRound;
}

/**
 * The rounds of a track at a level rank: its screens (the track's screen rounds in
 * loop order), then its onsite rounds as the data lays out the day. Null when the
 * track is not part of the loop.
 */
export function loopShapeAt(
  catalog: LoopCatalog,
  trackSlug: string,
  levelRank: number,
): ShapeRound[] | null {
  const track = catalog.tracks.find((t) => t.slug === trackSlug);
  if (!track) return null;
  const roundBySlug = new Map(catalog.rounds.map((r) => [r.slug, r]));
  const rankOf = new Map(catalog.levels.map((l) => [l.code, l.rank]));

  const screens = track.roundSlugs
    .map((slug) => roundBySlug.get(slug))
    .filter((round): round is CatalogRound => round?.stage === "screen")
    .sort((a, b) => a.position - b.position)
    .map((round) => ({ round, stage: "screen" as const, count: 1 }));

  // Entries for one round that overlap at this level add up into one line.
  const onsite: ShapeRound[] = [];
  for (const sitting of onsiteDayAt(track.onsite, levelRank, rankOf)) {
    const round = roundBySlug.get(sitting.round);
    if (!round) continue;
    const same = onsite.find((line) => line.round.id === round.id);
    if (same) same.count += sitting.count;
    else onsite.push({ round, stage: "onsite", count: sitting.count });
  }
  return [...screens, ...onsite];
}

/** The onsite day as sittings in order, each round repeated as often as it sits. */
export function onsiteSittings(shape: readonly ShapeRound[]): OnsiteSitting[] {
  return shape
    .filter((line) => line.stage === "onsite")
    .flatMap((line) =>
      Array.from({ length: line.count }, (_, i) => ({
        key: `${line.round.slug}#${i + 1}`,
        round: line.round,
      })),
    );
}
