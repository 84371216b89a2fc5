import { getLoopCatalogs, type LoopCatalog } from "~/modules/catalog/catalog.server";
import type { CoverageValue } from "./coverage";

// The values a story can show are data: the dimensions flagged as values in a loop's
// rounds (in practice the behavioral round's six). Nothing here names a loop.

export interface LoopValues {
  slug: string;
  name: string;
  values: CoverageValue[];
}

/** The values of one loop, in the order of its rounds and dimensions. */
export function valuesOfLoop(loop: LoopCatalog): CoverageValue[] {
  return loop.rounds.flatMap((round) =>
    round.dimensions.filter((d) => d.isValue).map((d) => ({ dimensionId: d.id, name: d.name })),
  );
}

/** Every loop that has values, with them. */
export async function loopsWithValues(): Promise<LoopValues[]> {
  return (await getLoopCatalogs())
    .map((loop) => ({ slug: loop.slug, name: loop.name, values: valuesOfLoop(loop) }))
    .filter((loop) => loop.values.length > 0);
}

/** The loop a round belongs to, and that loop's values. */
export async function valuesOfRoundsLoop(
  roundId: number,
): Promise<{ loop: LoopCatalog; values: CoverageValue[]; roundValueIds: number[] } | null> {
  const loop = (await getLoopCatalogs()).find((l) => l.rounds.some((r) => r.id === roundId));
  if (!loop) return null;
  const round = loop.rounds.find((r) => r.id === roundId)!;
  return {
    loop,
    values: valuesOfLoop(loop),
    roundValueIds: round.dimensions.filter((d) => d.isValue).map((d) => d.id),
  };
}
