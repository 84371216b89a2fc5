import { randomUUID } from "node:crypto";
import { quoteOneWayPrice } from "~/modules/credits/escrow.server";
import { allowedFormats, type RoundFormatRules } from "~/modules/matching/formats";
import { type ProposalView, proposeSlots } from "~/modules/matching/matching.server";
import type { MockFormat } from "~/modules/matching/types";
import { type BookResult, bookWithRequest } from "./book-proposal.server";
import { describeNewRequest } from "./requests.server";

/** How far ahead the suggested next mock looks (progress page), and its request's horizon. */
export const SUGGESTION_HORIZON_DAYS = 14;

/**
 * Books a suggested mock in one step and one transaction: the request for the
 * suggestion is written and booked together (by book_session), so a refused booking leaves no request
 * behind, and a replayed one (double click) returns the first booking.
 */
export function bookSuggestedMock(
  userId: string,
  input: {
    loopSlug: string;
    roundSlug: string;
    levelCode: string;
    format: MockFormat;
    peerId: string;
    start: Date;
    idempotencyKey: string;
    /** The price the card showed (one-way): a changed price is refused, never charged. */
    expectedPrice?: number;
  },
  now: Date = new Date(),
): Promise<BookResult> {
  return bookWithRequest(
    {
      userId,
      peerId: input.peerId,
      start: input.start,
      idempotencyKey: input.idempotencyKey,
      now,
      expectedPrice: input.expectedPrice,
    },
    {
      describe: async (db) => {
        const { ctx, row } = await describeNewRequest(
          db,
          userId,
          {
            loopSlug: input.loopSlug,
            roundSlug: input.roundSlug,
            levelCode: input.levelCode,
            format: input.format,
            horizonDays: SUGGESTION_HORIZON_DAYS,
          },
          now,
        );
        return { ctx, newRequest: row };
      },
    },
  );
}

export interface SuggestedMockOffer {
  /** The format the times are for: the first the round offers at that level that has any. */
  format: MockFormat | null;
  /** What booking it costs in credits (0 for a swap). */
  price: number;
  proposals: (ProposalView & { idempotencyKey: string })[];
}

/**
 * Times for a mock nobody has requested yet (the progress page's "next mock"): one
 * per peer, in date order, for the first format of the round that has any.
 */
export async function proposeSuggestedMock(
  userId: string,
  round: { id: number; durationMinutes: number } & RoundFormatRules,
  level: { rank: number },
  now: Date = new Date(),
): Promise<SuggestedMockOffer> {
  const formats = allowedFormats(round, level.rank);
  for (const format of formats) {
    const proposals = await proposeSlots(
      {
        userId,
        roundId: round.id,
        format,
        targetLevelRank: level.rank,
        roundMinutes: round.durationMinutes,
        horizonDays: SUGGESTION_HORIZON_DAYS,
      },
      now,
      { maxProposals: 3, maxPerPeer: 1 },
    );
    if (proposals.length > 0) {
      return {
        format,
        price:
          format === "one_way"
            ? await quoteOneWayPrice({ roundId: round.id, targetLevelRank: level.rank })
            : 0,
        proposals: proposals
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
          // A fresh key per proposal and page view: a double click books once.
          .map((p) => ({ ...p, idempotencyKey: randomUUID() })),
      };
    }
  }
  return { format: formats[0] ?? null, price: 0, proposals: [] };
}
