import type { Interval, PersonAvailability } from "../availability/types";

export type MockFormat = "swap" | "one_way";

export interface MatchRequest {
  requesterId: string;
  format: MockFormat;
  /** Rank of the candidate's target level (L5 → 5). */
  targetLevelRank: number;
  /**
   * The loop's level codes by rank (5 → "L5" in one loop, "E5" in another), for the
   * reasons shown with a proposal. A rank without a code reads "level 5".
   */
  levelCodes?: Readonly<Record<number, string>>;
  /** Length of the whole session in minutes (a swap is two halves of one round each). */
  sessionMinutes: number;
  /** Search window: [now, now + horizonDays). */
  horizonDays: number;
  /** Epoch ms; passed in so the matcher stays pure. */
  now: number;
  /** Start times sit on this grid of UTC minutes (default 30). */
  slotStepMinutes?: number;
  /** How many proposals to return (default 10). */
  maxProposals?: number;
  /** How many proposals one peer may fill at most (default 3). */
  maxPerPeer?: number;
  /**
   * The candidates are already paired with the requester (moving a booked session):
   * qualification was settled when they were matched, only calendars decide now.
   */
  alreadyPaired?: boolean;
}

export interface MatchPerson {
  id: string;
  availability: PersonAvailability;
  /** The person's active sessions (no buffers applied). */
  busy: Interval[];
}

export interface MatchCandidate extends MatchPerson {
  name: string;
  /** Rank of the peer's current level, when known. */
  levelRank: number | null;
  /** One-way: the highest target level rank this peer offers to interview for in the round. */
  interviewsUpToRank: number | null;
  /**
   * One-way: the highest target level rank this peer is qualified for in the round
   * (earned by a revealed hire call, or granted); null when not qualified.
   */
  qualifiedUpToRank: number | null;
  /** One-way: the rating floor pauses this peer's one-way interviewing. */
  oneWayPaused: boolean;
  /** Swap: rank of the level the peer is targeting in this round. */
  swapTargetRank: number | null;
  /** Share of past sessions this peer held rather than missed or cancelled late (0..1), if any. */
  reliability: number | null;
  /** What partners' revealed ratings say (0..1, see qualityScore), if there are any. */
  quality: number | null;
  interviewsGiven: number;
  interviewsReceived: number;
  /** Epoch ms of the last session with the requester, if any. */
  lastSessionWithRequesterAt: number | null;
}

export interface Proposal {
  peerId: string;
  start: number;
  end: number;
  /** Higher is better; only meaningful relative to other proposals of one request. */
  score: number;
  /** Why it is ranked where it is, in plain words, most important first. */
  reasons: string[];
}
