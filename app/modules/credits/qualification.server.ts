import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import { interviewerGrants, interviewerRounds, levels, profiles, rounds } from "#db/schema";
import { formatDay } from "~/utils/datetime";
import {
  applyRatingFloor,
  describeStanding,
  type FloorState,
  type LevelRef,
  oneWayUpToRank,
  pauseReason,
  QUALIFYING_CALLS,
  type QualificationSource,
  RATING_FLOOR,
  type RoundStanding,
  roundStanding,
} from "./qualification";

const CALLS = sql.join(
  QUALIFYING_CALLS.map((call) => sql`${call}`),
  sql`, `,
);

/**
 * The facts the rating floor needs about the person in `userRef` (a column or a
 * parameter), as a lateral subquery yielding `rating_sums` ("12,9,15", newest first)
 * and `swaps_since`. Shared by the matcher's query and the profile's, so both read the
 * same ratings: revealed, of one-way sessions, the last RATING_FLOOR.window of them.
 */
function floorFacts(userRef: ReturnType<typeof sql>) {
  return sql`
    left join lateral (
      select string_agg(last_rated.marks::text, ',' order by last_rated.starts_at desc) as rating_sums,
             max(last_rated.starts_at) as newest_at
      from (
        select (f.preparation + f.helpfulness + f.clarity) as marks, s.starts_at
        from feedback f
        join feedback_reveals r on r.session_id = f.session_id and r.half = f.half
        join mock_sessions s on s.id = f.session_id
        where f.recipient_id = ${userRef} and f.kind = 'rating' and s.format = 'one_way'
        order by s.starts_at desc
        limit ${RATING_FLOOR.window}
      ) last_rated
    ) rated on true
    left join lateral (
      select count(*)::int as swaps_since
      from session_participants p
      join mock_sessions s on s.id = p.session_id
      -- Most people have no rated one-way session: a one-time filter skips the lookup.
      where rated.newest_at is not null
        and p.user_id = ${userRef} and s.format = 'swap' and s.status = 'completed'
        and s.starts_at > rated.newest_at
    ) swaps on true`;
}

function floorOf(row: { rating_sums: string | null; swaps_since: number | string | null }) {
  return applyRatingFloor({
    ratingSums: row.rating_sums ? row.rating_sums.split(",").map(Number) : [],
    swapsHeldSince: Number(row.swaps_since ?? 0),
  });
}

export interface OneWayInterviewer {
  userId: string;
  offeredRank: number;
  qualifiedRank: number;
  paused: boolean;
  /** The lower of offered and qualified; null when paused. */
  upToRank: number | null;
}

/**
 * People who offer a round one-way at `targetLevelRank` or above and are qualified for
 * it (earned or granted) at that level or above, with their rating-floor state, in one
 * query whatever their number. Paused people are included (with `upToRank` null) so
 * callers can tell them apart; `onlyUserId` narrows to one person (the booking check).
 */
export async function loadOneWayInterviewers(
  db: Database,
  input: {
    roundId: number;
    targetLevelRank: number;
    excludeUserId?: string;
    onlyUserId?: string;
  },
): Promise<OneWayInterviewer[]> {
  const { roundId, targetLevelRank } = input;
  const result = await db.execute(sql`
    with offered as (
      select ir.user_id, lo.rank as offered_rank
      from interviewer_rounds ir
      join levels lo on lo.id = ir.max_level_id
      where ir.round_id = ${roundId} and lo.rank >= ${targetLevelRank}
        ${input.excludeUserId ? sql`and ir.user_id <> ${input.excludeUserId}` : sql``}
        ${input.onlyUserId ? sql`and ir.user_id = ${input.onlyUserId}` : sql``}
    ), granted as (
      select g.user_id, max(lg.rank) as rank
      from interviewer_grants g
      join levels lg on lg.id = g.max_level_id
      where g.round_id = ${roundId} and g.revoked_at is null
        and g.user_id in (select user_id from offered)
      group by g.user_id
    ), earned as (
      select f.recipient_id as user_id, max(le.rank) as rank
      from feedback f
      join feedback_reveals r on r.session_id = f.session_id and r.half = f.half
      join levels le on le.id = f.target_level_id
      where f.kind = 'scorecard' and f.round_id = ${roundId} and f.overall in (${CALLS})
        and f.recipient_id in (select user_id from offered)
      group by f.recipient_id
    ), qualified as (
      select o.user_id, o.offered_rank, greatest(g.rank, e.rank) as qualified_rank
      from offered o
      left join granted g on g.user_id = o.user_id
      left join earned e on e.user_id = o.user_id
      where greatest(g.rank, e.rank) >= ${targetLevelRank}
    )
    select q.user_id, q.offered_rank, q.qualified_rank, rated.rating_sums, swaps.swaps_since
    from qualified q
    ${floorFacts(sql`q.user_id`)}
    order by q.user_id`);
  return rowsOf<{
    user_id: string;
    offered_rank: number;
    qualified_rank: number;
    rating_sums: string | null;
    swaps_since: number | null;
  }>(result).map((row) => {
    const paused = floorOf(row).paused;
    const offeredRank = Number(row.offered_rank);
    const qualifiedRank = Number(row.qualified_rank);
    return {
      userId: row.user_id,
      offeredRank,
      qualifiedRank,
      paused,
      upToRank: oneWayUpToRank(offeredRank, qualifiedRank, paused),
    };
  });
}

/** How many people could take a one-way mock of this round at this level now. */
export async function countOneWayInterviewers(
  db: Database,
  input: { roundId: number; targetLevelRank: number },
): Promise<number> {
  const people = await loadOneWayInterviewers(db, input);
  return people.filter((p) => p.upToRank !== null && p.upToRank >= input.targetLevelRank).length;
}

/** The rating floor of one person. */
export async function loadRatingFloor(userId: string, db: Database = getDb()): Promise<FloorState> {
  const result = await db.execute(sql`
    select rated.rating_sums, swaps.swaps_since
    from (select ${userId}::uuid as user_id) me
    ${floorFacts(sql`me.user_id`)}`);
  const [row] = rowsOf<{ rating_sums: string | null; swaps_since: number | null }>(result);
  return floorOf(row ?? { rating_sums: null, swaps_since: 0 });
}

export interface InterviewerStanding {
  floor: FloorState;
  /** Every round of the person's target loop, in the loop's order. */
  rounds: RoundStanding[];
}

/**
 * For /profile: per round of the person's target loop, what they offer, what they are
 * qualified for and why, and what one-way candidates are matched with them up to.
 */
export async function getInterviewerStanding(
  userId: string,
  db: Database = getDb(),
): Promise<InterviewerStanding> {
  const [profile] = await db
    .select({ loopId: profiles.targetLoopId })
    .from(profiles)
    .where(eq(profiles.userId, userId));
  const floor = await loadRatingFloor(userId, db);
  if (!profile?.loopId) return { floor, rounds: [] };
  const loopId = profile.loopId;

  const [loopRounds, offers, grants, earned] = await Promise.all([
    db
      .select({ id: rounds.id, slug: rounds.slug, name: rounds.name })
      .from(rounds)
      .where(eq(rounds.loopId, loopId))
      .orderBy(asc(rounds.position)),
    db
      .select({ roundId: interviewerRounds.roundId, rank: levels.rank, code: levels.code })
      .from(interviewerRounds)
      .innerJoin(levels, eq(levels.id, interviewerRounds.maxLevelId))
      .where(and(eq(interviewerRounds.userId, userId), eq(interviewerRounds.loopId, loopId))),
    db
      .select({
        id: interviewerGrants.id,
        roundId: interviewerGrants.roundId,
        rank: levels.rank,
        code: levels.code,
        grantedAt: interviewerGrants.grantedAt,
        note: interviewerGrants.note,
      })
      .from(interviewerGrants)
      .innerJoin(levels, eq(levels.id, interviewerGrants.maxLevelId))
      .where(
        and(
          eq(interviewerGrants.userId, userId),
          eq(interviewerGrants.loopId, loopId),
          isNull(interviewerGrants.revokedAt),
        ),
      ),
    // The best revealed hire call per round: highest level, then the newest.
    db.execute(sql`
      select distinct on (f.round_id) f.round_id, f.overall, l.rank, l.code,
             (extract(epoch from s.starts_at) * 1000)::float8 as held_at
      from feedback f
      join feedback_reveals r on r.session_id = f.session_id and r.half = f.half
      join mock_sessions s on s.id = f.session_id
      join levels l on l.id = f.target_level_id
      where f.recipient_id = ${userId} and f.kind = 'scorecard' and f.overall in (${CALLS})
        and s.loop_id = ${loopId}
      order by f.round_id, l.rank desc, s.starts_at desc`),
  ]);
  const earnedRows = rowsOf<{
    round_id: number;
    overall: "hire" | "strong_hire";
    rank: number;
    code: string;
    held_at: number;
  }>(earned);

  return {
    floor,
    rounds: loopRounds.map((round) => {
      const offer = offers.find((o) => o.roundId === round.id);
      const offered: LevelRef | null = offer ? { rank: offer.rank, code: offer.code } : null;
      const sources: QualificationSource[] = [];
      for (const grant of grants.filter((g) => g.roundId === round.id)) {
        sources.push({
          kind: "granted",
          grantId: grant.id,
          level: { rank: grant.rank, code: grant.code },
          grantedAt: grant.grantedAt.getTime(),
          note: grant.note,
        });
      }
      for (const call of earnedRows.filter((e) => Number(e.round_id) === round.id)) {
        sources.push({
          kind: "earned",
          call: call.overall,
          level: { rank: Number(call.rank), code: call.code },
          heldAt: Number(call.held_at),
        });
      }
      return roundStanding(round, offered, sources, floor);
    }),
  };
}

export interface StandingLine {
  roundSlug: string;
  roundName: string;
  /** Offered on the profile up to this level, if at all. */
  offered: string | null;
  /** One-way candidates are matched up to this level, if any. */
  upTo: string | null;
  qualification: string;
  effect: string | null;
}

/** What /profile shows: per round, in plain words, dates in the viewer's zone. */
export async function describeInterviewerStanding(
  userId: string,
  timeZone: string,
  db: Database = getDb(),
): Promise<{ paused: string | null; rounds: StandingLine[] }> {
  const standing = await getInterviewerStanding(userId, db);
  const { floor } = standing;
  return {
    paused: floor.paused ? `Paused: ${pauseReason(floor)}` : null,
    rounds: standing.rounds.map((round) => ({
      roundSlug: round.roundSlug,
      roundName: round.roundName,
      offered: round.offered?.code ?? null,
      upTo: round.upTo?.code ?? null,
      ...describeStanding(round, floor, (at) => formatDay(at, timeZone)),
    })),
  };
}
