// Who may interview one-way, and why: plain data in, plain data out. The reader
// (qualification.server.ts) gathers the facts; everything decided from them is here,
// so the matcher, the price and the profile page all apply the same rule.
//
// - What a person OFFERS (interviewer_rounds, edited on /profile) is what they are
//   willing to do; what they are QUALIFIED for is earned (a hire or strong-hire call
//   at a level in that round, in a revealed scorecard) or granted by an admin.
//   One-way interviewing takes the lower of the two.
// - The rating floor pauses one-way interviewing for people whose candidates rate them
//   poorly, until they have practised more as swap partners. Swaps stay open to all.

/** Overall calls that show the candidate met the bar of the level they were assessed at. */
export const QUALIFYING_CALLS = ["hire", "strong_hire"] as const;

export function isQualifyingCall(call: string | null): boolean {
  return (QUALIFYING_CALLS as readonly string[]).includes(call ?? "");
}

/**
 * The rating floor. A rating is the candidate's three marks of the interviewer
 * (preparation, helpfulness, clarity, each 1–5), averaged; only ratings already
 * revealed count, as everywhere else ratings are read (double-blind).
 */
export const RATING_FLOOR = {
  /** Below this average (out of 5) the floor pauses one-way interviewing. */
  average: 3,
  /** Over the interviewer's last this-many rated one-way sessions. */
  window: 5,
  /** The floor applies only once this many one-way sessions are rated: one bad day is not a pattern. */
  minimumRated: 3,
  /** Held swaps after the last of those sessions that lift the pause. */
  swapsToResume: 2,
} as const;

/** The rules in plain words, shown on /profile. */
export const QUALIFICATION_RULES: readonly string[] = [
  "Swaps are open to everyone.",
  "To interview one-way for a round, you must be qualified for it: a hire or strong-hire call on you in that round, at a target level, qualifies you up to that level once the scorecard is revealed. An admin can also grant it.",
  "Offering a round on your profile is what you are willing to do; one-way candidates are matched with you up to the lower of what you offer and what you are qualified for.",
  `If candidates' ratings of your last ${RATING_FLOOR.window} one-way sessions average below ${RATING_FLOOR.average} out of 5 (counted once ${RATING_FLOOR.minimumRated} are rated), one-way interviewing pauses until you have held ${RATING_FLOOR.swapsToResume} swaps since the last of those sessions.`,
];

export interface FloorInput {
  /**
   * The sums of the three marks (3–15) of the person's last rated one-way sessions,
   * newest first; at most RATING_FLOOR.window are looked at.
   */
  ratingSums: number[];
  /** Swaps held since the start of the newest of those sessions. */
  swapsHeldSince: number;
}

export type FloorState =
  | { paused: false; average: number | null; rated: number }
  | { paused: true; average: number; rated: number; swapsStillNeeded: number };

/** Whether the rating floor pauses one-way interviewing, and what lifts it. */
export function applyRatingFloor(input: FloorInput): FloorState {
  const recent = input.ratingSums.slice(0, RATING_FLOOR.window);
  const rated = recent.length;
  if (rated === 0) return { paused: false, average: null, rated };
  const average = recent.reduce((sum, marks) => sum + marks, 0) / (3 * rated);
  if (rated < RATING_FLOOR.minimumRated || average >= RATING_FLOOR.average) {
    return { paused: false, average, rated };
  }
  const swapsStillNeeded = Math.max(0, RATING_FLOOR.swapsToResume - input.swapsHeldSince);
  if (swapsStillNeeded === 0) return { paused: false, average, rated };
  return { paused: true, average, rated, swapsStillNeeded };
}

/**
 * The highest target level rank a person interviews one-way for in a round: the lower
 * of what they offer and what they are qualified for; null when either is missing or
 * the rating floor pauses them.
 */
export function oneWayUpToRank(
  offeredRank: number | null,
  qualifiedRank: number | null,
  paused: boolean,
): number | null {
  if (paused || offeredRank === null || qualifiedRank === null) return null;
  return Math.min(offeredRank, qualifiedRank);
}

export interface LevelRef {
  rank: number;
  code: string;
}

/** The best revealed hire call a person received in a round. */
export interface EarnedBy {
  kind: "earned";
  level: LevelRef;
  call: (typeof QUALIFYING_CALLS)[number];
  /** When the session was held (epoch ms). */
  heldAt: number;
}

/** A live admin grant. */
export interface GrantedBy {
  kind: "granted";
  grantId: number;
  level: LevelRef;
  grantedAt: number;
  note: string;
}

export type QualificationSource = EarnedBy | GrantedBy;

/**
 * The source that qualifies highest; on equal levels an earned call wins over a grant
 * (it is what the person did), and the newer call over an older one.
 */
export function bestSource(sources: QualificationSource[]): QualificationSource | null {
  let best: QualificationSource | null = null;
  for (const source of sources) {
    if (best === null || compareSources(source, best) > 0) best = source;
  }
  return best;
}

function compareSources(a: QualificationSource, b: QualificationSource): number {
  if (a.level.rank !== b.level.rank) return a.level.rank - b.level.rank;
  if (a.kind !== b.kind) return a.kind === "earned" ? 1 : -1;
  const at = (s: QualificationSource) => (s.kind === "earned" ? s.heldAt : s.grantedAt);
  return at(a) - at(b);
}

export interface RoundStanding {
  roundSlug: string;
  roundName: string;
  /** What the person offers on their profile, if anything. */
  offered: LevelRef | null;
  /** The source that qualifies them highest, if any. */
  qualified: QualificationSource | null;
  /** The level one-way candidates are matched with them up to, or null. */
  upTo: LevelRef | null;
}

/** One round's standing from its facts (the floor is per person, shared by all rounds). */
export function roundStanding(
  round: { slug: string; name: string },
  offered: LevelRef | null,
  sources: QualificationSource[],
  floor: FloorState,
): RoundStanding {
  const qualified = bestSource(sources);
  const rank = oneWayUpToRank(offered?.rank ?? null, qualified?.level.rank ?? null, floor.paused);
  const upTo =
    rank === null ? null : offered && offered.rank === rank ? offered : (qualified?.level ?? null);
  return { roundSlug: round.slug, roundName: round.name, offered, qualified, upTo };
}

const CALL_WORDS: Record<EarnedBy["call"], string> = {
  hire: "hire call",
  strong_hire: "strong-hire call",
};

/**
 * What the profile says about one round, in plain words. `formatDate` turns an instant
 * into the viewer's local date ("3 Nov").
 */
export function describeStanding(
  standing: RoundStanding,
  floor: FloorState,
  formatDate: (epochMs: number) => string,
): { qualification: string; effect: string | null } {
  const source = standing.qualified;
  let qualification: string;
  if (source === null) {
    qualification =
      "Not yet qualified for one-way: swaps are open to you; a hire call at a level qualifies you up to it.";
  } else if (source.kind === "earned") {
    qualification = `Qualified up to ${source.level.code}: ${CALL_WORDS[source.call]} at ${source.level.code} in ${standing.roundName} on ${formatDate(source.heldAt)}.`;
  } else {
    qualification = `Granted by an admin up to ${source.level.code}.`;
  }
  let effect: string | null = null;
  if (source !== null && floor.paused) {
    effect = `Paused by the rating floor: hold ${swapsWord(floor.swapsStillNeeded)} to resume.`;
  } else if (standing.offered && standing.upTo) {
    effect =
      standing.upTo.rank < standing.offered.rank
        ? `One-way candidates are matched with you up to ${standing.upTo.code}, not the ${standing.offered.code} you offer.`
        : `One-way candidates are matched with you up to ${standing.upTo.code}.`;
  } else if (standing.offered && source === null) {
    effect = `You offer up to ${standing.offered.code}: that takes effect for one-way mocks once you are qualified.`;
  } else if (!standing.offered && source !== null) {
    effect = "You do not offer this round, so no one-way candidate is matched with you.";
  }
  return { qualification, effect };
}

function swapsWord(count: number): string {
  return count === 1 ? "1 more swap" : `${count} more swaps`;
}

/** Why the floor pauses someone and what lifts it, in plain words. */
export function pauseReason(floor: Extract<FloorState, { paused: true }>): string {
  return `candidates rated your last ${floor.rated} one-way sessions ${floor.average.toFixed(1)} out of 5 on average, below the floor of ${RATING_FLOOR.average}. Hold ${swapsWord(floor.swapsStillNeeded)} and one-way interviewing resumes.`;
}
