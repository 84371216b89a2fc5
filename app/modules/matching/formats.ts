import { PRICE_RANGE } from "~/modules/credits/rules";
import type { MockFormat } from "./types";

export interface RoundFormatRules {
  allowsSwap: boolean;
  /** From this level rank upward only one-way mocks are offered; null = no such limit. */
  oneWayFromRank: number | null;
}

/** The formats a round offers at a target level (hiring manager and L6+ design: one-way). */
export function allowedFormats(round: RoundFormatRules, targetRank: number): MockFormat[] {
  const swapAllowed =
    round.allowsSwap && (round.oneWayFromRank === null || targetRank < round.oneWayFromRank);
  return swapAllowed ? ["swap", "one_way"] : ["one_way"];
}

/** A swap holds two halves, each one full round; one-way is one round. */
export function sessionMinutes(format: MockFormat, roundMinutes: number): number {
  return format === "swap" ? roundMinutes * 2 : roundMinutes;
}

export const FORMAT_LABELS: Record<MockFormat, string> = {
  swap: "Swap (free): you interview each other, one half each",
  // The price depends on the round and level (scarcity), so the label names the range;
  // the exact price is shown with the times, before booking.
  one_way: `One-way (${PRICE_RANGE.min}–${PRICE_RANGE.max} credits): a qualified peer interviews you`,
};
