import { getLoopCatalog } from "~/modules/catalog/catalog.server";
import { loopShapeAt, onsiteSittings } from "~/modules/catalog/loop-shape";
import type { OnsiteSittingChoice } from "~/modules/onsite/book-onsite.server";
import { createAvailableUser, LOOP, offerToInterview } from "./booking-fixtures";

// A mock onsite's test day: the platform track at L4 sits coding twice, the Spark deep
// dive, ML system design and behavioral (five rounds), each with peers qualified for it.

export const ONSITE_TRACK = "platform-ml";
export const ONSITE_LEVEL = "L4";

/** The round slugs of the test onsite, in the shape's order. */
export async function onsiteRounds(track = ONSITE_TRACK, level = ONSITE_LEVEL) {
  const catalog = await getLoopCatalog(LOOP);
  const rank = catalog!.levels.find((l) => l.code === level)!.rank;
  return onsiteSittings(loopShapeAt(catalog!, track, rank)!).map((s) => ({
    id: s.round.id,
    slug: s.round.slug,
    name: s.round.name,
    minutes: s.round.durationMinutes,
  }));
}

/** `perRound` peers qualified for each round slug, available all week (UTC). */
export async function onsitePeers(label: string, slugs: string[], perRound = 1) {
  const peers = new Map<string, string[]>();
  for (const slug of new Set(slugs)) {
    const ids: string[] = [];
    // A round that sits twice (coding) needs twice the peers: each sitting another one.
    const count = perRound * slugs.filter((s) => s === slug).length;
    for (let i = 0; i < count; i++) {
      const peer = await createAvailableUser(`${label} ${slug} ${i}`, { maxSessionsPerDay: 12 });
      await offerToInterview(peer.id, slug, "L7");
      ids.push(peer.id);
    }
    peers.set(slug, ids);
  }
  return peers;
}

/**
 * A day of sittings starting at `first`, one every `stepMinutes`, each with the next unused
 * peer of its round (`pick` chooses among a round's peers).
 */
export function planDay(
  rounds: { slug: string }[],
  peers: Map<string, string[]>,
  first: Date,
  stepMinutes = 90,
  pick: (slug: string, nth: number, ids: string[]) => string = (_slug, nth, ids) => ids[nth]!,
): OnsiteSittingChoice[] {
  const used = new Map<string, number>();
  return rounds.map((r, i) => {
    const nth = used.get(r.slug) ?? 0;
    used.set(r.slug, nth + 1);
    return {
      roundSlug: r.slug,
      peerId: pick(r.slug, nth, peers.get(r.slug)!),
      start: new Date(first.getTime() + i * stepMinutes * 60_000),
    };
  });
}
