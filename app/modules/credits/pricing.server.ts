import { and, eq, gte, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { interviewerRounds, levels } from "#db/schema";
import { priceForScarcity } from "./rules";

/**
 * How many people could interview this round at this target level one-way. Today that
 * is everyone who offers the round up to that level or above; the qualification rules
 * (earned by a hire call, or granted) narrow it.
 */
export async function countQualifiedInterviewers(
  db: Database,
  input: { roundId: number; targetLevelRank: number },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(interviewerRounds)
    .innerJoin(levels, eq(levels.id, interviewerRounds.maxLevelId))
    .where(
      and(eq(interviewerRounds.roundId, input.roundId), gte(levels.rank, input.targetLevelRank)),
    );
  return row?.n ?? 0;
}

/** The price of a one-way mock of this round at this target level, in credits. */
export async function oneWayPrice(
  db: Database,
  input: { roundId: number; targetLevelRank: number },
): Promise<number> {
  return priceForScarcity(await countQualifiedInterviewers(db, input));
}
