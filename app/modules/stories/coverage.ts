// The coverage map's rules, free of I/O: for each value of a loop, the stories that
// show it, how they scored when told in mocks, and whether the value is covered.

/** A told score counts as strong from this score up (on the 1–4 scale). */
export const STRONG_SCORE_MIN = 3;

export type ValueCoverageState =
  /** No story shows this value. */
  | "missing"
  /** Stories exist but none was scored for this value yet. */
  | "untold"
  /** Told, but the best score for this value is at most 2. */
  | "weak"
  /** Told, and scored 3 or 4 at least once. */
  | "strong";

export interface CoverageValue {
  dimensionId: number;
  name: string;
}

export interface CoverageStory {
  id: string;
  title: string;
  /** The values (dimension ids) its owner tagged it with. */
  valueIds: number[];
}

/** One score of revealed feedback whose interviewer tied it to a bank story. */
export interface ToldScore {
  storyId: string;
  dimensionId: number;
  score: number;
  /** When the mock was held (ISO). */
  at: string;
}

export interface StoryOnValue {
  id: string;
  title: string;
  /** Scores for this value when the story was told, oldest first. */
  scores: number[];
  best: number | null;
  /** The owner tagged it with this value (else it was only told for it). */
  tagged: boolean;
}

export interface ValueCoverage {
  dimensionId: number;
  name: string;
  state: ValueCoverageState;
  /** Strong stories first, then by best score, then by title. */
  stories: StoryOnValue[];
  /** The plain sentence the page shows when the value needs work; null when covered. */
  callout: string | null;
}

/**
 * The coverage of each value, in the values' order. A story is listed under a value when
 * its owner tagged it so, or when an interviewer tied its told score to that value.
 */
export function buildCoverage(
  values: CoverageValue[],
  stories: CoverageStory[],
  told: ToldScore[],
): ValueCoverage[] {
  return values.map((value) => {
    const onValue: StoryOnValue[] = [];
    for (const story of stories) {
      const scores = told
        .filter((t) => t.storyId === story.id && t.dimensionId === value.dimensionId)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((t) => t.score);
      const tagged = story.valueIds.includes(value.dimensionId);
      if (!tagged && scores.length === 0) continue;
      onValue.push({
        id: story.id,
        title: story.title,
        scores,
        best: scores.length ? Math.max(...scores) : null,
        tagged,
      });
    }
    onValue.sort(
      (a, b) =>
        (b.best ?? 0) - (a.best ?? 0) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
    );
    const state = coverageState(onValue);
    return {
      dimensionId: value.dimensionId,
      name: value.name,
      state,
      stories: onValue,
      callout: calloutFor(state, value.name),
    };
  });
}

function coverageState(stories: StoryOnValue[]): ValueCoverageState {
  if (stories.length === 0) return "missing";
  const best = Math.max(...stories.map((s) => s.best ?? 0));
  if (best === 0) return "untold";
  return best >= STRONG_SCORE_MIN ? "strong" : "weak";
}

function calloutFor(state: ValueCoverageState, name: string): string | null {
  switch (state) {
    case "missing":
      return `No story yet for ${name}.`;
    case "untold":
      return `Your ${name} stories have not been told in a mock yet: try one in a behavioral session.`;
    case "weak":
      return `Your ${name} stories scored 2 or less when told: rework one or write a stronger one.`;
    case "strong":
      return null;
  }
}

/** The values no shared story shows: what the interviewer should probe. */
export function uncoveredValues(
  values: CoverageValue[],
  shared: { valueIds: number[] }[],
): CoverageValue[] {
  const covered = new Set(shared.flatMap((s) => s.valueIds));
  return values.filter((v) => !covered.has(v.dimensionId));
}
