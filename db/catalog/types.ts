// The shape of a company's interview loop as data. Seeded into the catalog tables
// (db/schema/catalog.ts) idempotently by db/catalog/seed-catalog.ts.

export type LevelCode = `L${number}`;

export interface LevelDefinition {
  /** Short code shown everywhere, e.g. "L5". Unique within the loop. */
  code: LevelCode;
  /** Ordering on the ladder: a higher rank is a higher bar. */
  rank: number;
  /** e.g. "Senior". */
  title: string;
  /** One or two sentences: the scope and independence expected at this level. */
  summary: string;
}

export interface TrackDefinition {
  slug: string;
  name: string;
  summary: string;
  /** Slugs of the rounds this track practises (its screens and its onsite rounds), in order. */
  roundSlugs: string[];
  /**
   * The onsite day of this track, in order, as it changes with the level: an entry
   * holds from `fromLevel` up to `toLevel` (each optional, inclusive), and a round
   * may sit twice in one day (`count`, e.g. two coding rounds).
   */
  onsite: OnsiteEntryDefinition[];
}

export interface OnsiteEntryDefinition {
  round: string;
  /** How many times the round sits in the day (default 1). */
  count?: number;
  fromLevel?: LevelCode;
  toLevel?: LevelCode;
}

/** A screen comes before the onsite (recruiter and phone screens); the rest is the onsite day. */
export type RoundStage = "screen" | "onsite";

export interface DimensionDefinition {
  slug: string;
  name: string;
  /** What the interviewer is looking for on this dimension. */
  description: string;
  /** What a score of 1, 2, 3 and 4 looks like, in that order. */
  anchors: [string, string, string, string];
  /**
   * The probe ladder the interviewer climbs for this dimension: an opening question,
   * then follow-ups that dig deeper into the same story. Behavioral values have one.
   */
  probes?: { opening: string; deeper: string[] };
  /** One of the company's values (the story bank tags stories with these). */
  value?: boolean;
}

export interface RoundDefinition {
  slug: string;
  name: string;
  /** Position of the stage in the loop, 1-based. */
  position: number;
  /** Before the onsite (a screen) or part of the onsite day. */
  stage: RoundStage;
  /** Typical length, used as the mock session's length. */
  durationMinutes: number;
  /** What the round is and how it runs. */
  summary: string;
  /** Swap (two candidates interview each other) is allowed for this round. */
  allowsSwap: boolean;
  /**
   * From this level code upward the round is one-way only (a qualified interviewer
   * at or above the level). Null: swap is allowed at every level (if allowsSwap).
   */
  oneWayFromLevel: LevelCode | null;
  /** Scorecard dimensions, in display order. */
  dimensions: DimensionDefinition[];
  /** How the bar moves with level for this round: one line per level code. */
  levelBars: Partial<Record<LevelCode, string>>;
}

export interface LoopDefinition {
  company: { slug: string; name: string };
  slug: string;
  name: string;
  summary: string;
  levels: LevelDefinition[];
  tracks: TrackDefinition[];
  rounds: RoundDefinition[];
}
