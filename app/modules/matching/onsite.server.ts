import { MAX_ONSITE_ROUNDS } from "#db/catalog/onsite-day";
import { type Database, getDb } from "#db/client";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { oneWayPrice } from "~/modules/credits/pricing.server";
import { type SlotSearch, searchRoundPools } from "./matching.server";
import { DEFAULT_ONSITE_DAYS, type OnsiteRound, proposeOnsite } from "./onsite-matcher";

// Proposals for a mock onsite day, ready for a page: loads each round's pool the way a
// single one-way search does (the same cache), runs the pure onsite matcher, and dresses
// its answer with names, round names and prices. Booking the day is another module's job.

/** The longest horizon a mock onsite searches, in days. */
export const MAX_ONSITE_HORIZON_DAYS = 60;
const MAX_ONSITE_DAYS_PROPOSED = 10;

export interface OnsiteProposalInput {
  userId: string;
  loopId: number;
  /** The rounds in the order they are held; a round may appear twice. */
  roundIds: number[];
  targetLevelId: number;
  horizonDays: number;
  now?: Date;
  /** How many days to propose (default 3). */
  maxDays?: number;
}

export type OnsiteInputError =
  | "unknown_loop"
  | "unknown_round"
  | "unknown_level"
  | "bad_round_count"
  | "bad_horizon"
  | "bad_day_count";

export interface OnsiteRoundView {
  /** "coding#1", "coding#2"…: tells a repeated round apart. */
  key: string;
  roundId: number;
  roundName: string;
  peerId: string;
  peerName: string;
  peerLevel: string | null;
  peerTimeZone: string;
  start: string;
  end: string;
  /** Credits, as a one-way booking of this round at this level costs. */
  price: number;
  reasons: string[];
}

export interface OnsiteDayView {
  /** The candidate's local date, "YYYY-MM-DD". */
  date: string;
  start: string;
  end: string;
  score: number;
  /** Sum of the rounds' prices. */
  price: number;
  rounds: OnsiteRoundView[];
  reasons: string[];
}

export type OnsiteProposals =
  | { ok: true; days: OnsiteDayView[] }
  | { ok: false; error: OnsiteInputError };

/**
 * The best days for a mock onsite: every round of the list, in order, with the onsite's
 * breaks, a different qualified one-way interviewer per round, on one date of the
 * candidate's zone. Input that names no such loop, round or level, or asks for too much,
 * gets an error code rather than a search.
 */
export async function proposeOnsiteDays(
  input: OnsiteProposalInput,
  db: Database = getDb(),
): Promise<OnsiteProposals> {
  const now = input.now ?? new Date();
  const maxDays = input.maxDays ?? DEFAULT_ONSITE_DAYS;
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > MAX_ONSITE_DAYS_PROPOSED) {
    return { ok: false, error: "bad_day_count" };
  }
  if (
    !Number.isFinite(input.horizonDays) ||
    input.horizonDays <= 0 ||
    input.horizonDays > MAX_ONSITE_HORIZON_DAYS
  ) {
    return { ok: false, error: "bad_horizon" };
  }
  if (input.roundIds.length === 0 || input.roundIds.length > MAX_ONSITE_ROUNDS) {
    return { ok: false, error: "bad_round_count" };
  }
  const loop = (await getLoopCatalogs()).find((l) => l.id === input.loopId);
  if (!loop) return { ok: false, error: "unknown_loop" };
  const level = loop.levels.find((l) => l.id === input.targetLevelId);
  if (!level) return { ok: false, error: "unknown_level" };
  const rounds = input.roundIds.map((id) => loop.rounds.find((r) => r.id === id));
  if (rounds.some((r) => r === undefined)) return { ok: false, error: "unknown_round" };
  const loopRounds = rounds as NonNullable<(typeof rounds)[number]>[];

  const searches: SlotSearch[] = loopRounds.map((round) => ({
    userId: input.userId,
    roundId: round.id,
    format: "one_way",
    targetLevelRank: level.rank,
    roundMinutes: round.durationMinutes,
    horizonDays: input.horizonDays,
  }));
  const distinctRoundIds = [...new Set(loopRounds.map((r) => r.id))];
  const [prices, found] = await Promise.all([
    Promise.all(
      distinctRoundIds.map(
        async (roundId) =>
          [roundId, await oneWayPrice(db, { roundId, targetLevelRank: level.rank })] as const,
      ),
    ),
    searchRoundPools(
      searches,
      now,
      (pools, requester) => {
        const seen = new Map<number, number>();
        const onsiteRounds: OnsiteRound[] = loopRounds.map((round, r) => {
          const count = (seen.get(round.id) ?? 0) + 1;
          seen.set(round.id, count);
          return {
            key: `${round.slug}#${count}`,
            roundId: round.id,
            minutes: round.durationMinutes,
            candidates: pools[r]!.pool.candidates,
            pool: pools[r]!.pool,
          };
        });
        const days = proposeOnsite({
          requester,
          targetLevelRank: level.rank,
          rounds: onsiteRounds,
          horizonDays: input.horizonDays,
          now: now.getTime(),
          maxDays,
          levelCodes: Object.fromEntries(loop.levels.map((l) => [l.rank, l.code])),
        });
        // The names are read while the pools are at hand; the days are plain data.
        return days.map((day) => ({
          day,
          cards: day.rounds.map((round, r) => pools[r]!.names.get(round.peerId)),
        }));
      },
      db,
    ),
  ]);
  const priceOf = new Map(prices);
  const nameOf = new Map(loopRounds.map((r) => [r.id, r.name]));
  const days = found.map(({ day, cards }): OnsiteDayView => {
    const roundViews = day.rounds.map((round, r): OnsiteRoundView => {
      const card = cards[r];
      return {
        key: round.key,
        roundId: round.roundId,
        roundName: nameOf.get(round.roundId)!,
        peerId: round.peerId,
        peerName: card?.name ?? "A peer",
        peerLevel: card?.level ?? null,
        peerTimeZone: card?.timeZone ?? "UTC",
        start: new Date(round.start).toISOString(),
        end: new Date(round.end).toISOString(),
        price: priceOf.get(round.roundId)!,
        reasons: round.reasons,
      };
    });
    return {
      date: day.date,
      start: new Date(day.start).toISOString(),
      end: new Date(day.end).toISOString(),
      score: day.score,
      price: roundViews.reduce((sum, r) => sum + r.price, 0),
      rounds: roundViews,
      reasons: day.reasons,
    };
  });
  return { ok: true, days };
}
