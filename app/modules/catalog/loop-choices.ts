import type { LoopCatalog } from "./catalog.server";

/** A loop as a form offers it: its tracks and levels, by slug and code with their names. */
export interface LoopChoice {
  slug: string;
  name: string;
  tracks: { slug: string; name: string }[];
  levels: { code: string; title: string }[];
}

/** The loops, tracks and levels a target form offers: the whole catalog, whatever it holds. */
export function loopChoices(catalogs: LoopCatalog[]): LoopChoice[] {
  return catalogs.map((loop) => ({
    slug: loop.slug,
    name: loop.name,
    tracks: loop.tracks.map(({ slug, name }) => ({ slug, name })),
    levels: loop.levels.map(({ code, title }) => ({ code, title })),
  }));
}
