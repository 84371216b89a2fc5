import { localDateOf } from "~/modules/availability/zoned-time";
import type { OnsiteDayErrorCode } from "./onsite-errors";

// The rules of a day as a whole, checked before any sitting is: what a single booking
// cannot see, because it looks at one session at a time. Pure: plain data in, the
// first broken rule out.

/** How far ahead an onsite day may be searched and booked (its sittings' requests' horizon). */
export const ONSITE_HORIZON_DAYS = 21;

export interface PlannedSitting {
  roundSlug: string;
  peerId: string;
  start: Date;
  /** The round's length in minutes (one-way: the whole session). */
  minutes: number;
}

export function checkOnsiteDay(input: {
  candidateId: string;
  /** The day as the candidate chose it, YYYY-MM-DD in their zone. */
  date: string;
  timeZone: string;
  /** The round slugs the candidate's loop shape sits (a round may repeat). */
  expectedRounds: readonly string[];
  /** In the order of their start. */
  sittings: readonly PlannedSitting[];
}): OnsiteDayErrorCode | null {
  const { sittings } = input;
  // The day's order may differ from the shape's (the matcher fits rounds to people's
  // hours), but the rounds, and how often each sits, are the shape's.
  const sorted = (slugs: readonly string[]) => [...slugs].sort().join(",");
  if (
    sittings.length === 0 ||
    sorted(sittings.map((s) => s.roundSlug)) !== sorted(input.expectedRounds)
  ) {
    return "wrong_sittings";
  }
  const peers = new Set(sittings.map((s) => s.peerId));
  if (peers.size !== sittings.length || peers.has(input.candidateId)) return "same_peer_twice";
  if (sittings.some((s) => localDateOf(input.timeZone, s.start.getTime()) !== input.date)) {
    return "not_one_day";
  }
  // The day's own rounds need not keep the candidate's buffer or cap between them (the
  // onsite's breaks are its spacing, as the matcher lays them out), but cannot overlap.
  for (let i = 1; i < sittings.length; i++) {
    const before = sittings[i - 1]!;
    if (sittings[i]!.start.getTime() < before.start.getTime() + before.minutes * 60_000) {
      return "sittings_overlap";
    }
  }
  return null;
}

/** The sittings in time order, each named as the loop shape names it ("coding#2"). */
export function orderSittings<T extends { roundSlug: string; start: Date }>(
  sittings: readonly T[],
): (T & { key: string })[] {
  const seen = new Map<string, number>();
  return [...sittings]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((s) => {
      const n = (seen.get(s.roundSlug) ?? 0) + 1;
      seen.set(s.roundSlug, n);
      return { ...s, key: `${s.roundSlug}#${n}` };
    });
}

/**
 * The grid a sitting's start is judged on: the matcher lays the day's rounds after the
 * first by their lengths and breaks (10:15 after a 9:00 hour and a 15-minute break), so
 * each round's grid is the day's 30-minute grid shifted by its offset. The coarsest
 * step of whole minutes that holds the start says the same.
 */
export function sittingStepMinutes(start: Date): number {
  const offset = Math.floor(start.getTime() / 60_000) % 30;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return offset === 0 ? 30 : gcd(30, offset);
}
