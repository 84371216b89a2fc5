import type { Database } from "#db/client";
import { countOneWayInterviewers } from "./qualification.server";
import { priceForScarcity } from "./rules";

/**
 * How many people could interview this round at this target level one-way: those who
 * offer it at that level or above, are qualified for it at that level or above (a
 * revealed hire call, or an admin grant) and are not paused by the rating floor.
 */
export async function countQualifiedInterviewers(
  db: Database,
  input: { roundId: number; targetLevelRank: number },
): Promise<number> {
  return countOneWayInterviewers(db, input);
}

/** The price of a one-way mock of this round at this target level, in credits. */
export async function oneWayPrice(
  db: Database,
  input: { roundId: number; targetLevelRank: number },
): Promise<number> {
  return priceForScarcity(await countQualifiedInterviewers(db, input));
}
