// The shape of a loop's question bank as data. Seeded into the `questions` table
// (db/schema/room.ts) idempotently by db/catalog/seed-questions.ts.

/** A level code of the shipped ladder; resolved to the loop's level rank when seeded. */
export type QuestionLevel = "L3" | "L4" | "L5" | "L6" | "L7";

export interface QuestionDefinition {
  /** Unique within its round; the natural key the seed upserts on. */
  slug: string;
  title: string;
  /** What the candidate is told, in full. */
  prompt: string;
  /** Questions the interviewer can ask once the main answer is in. */
  followUps: string[];
  /** Nudges the interviewer may give when the candidate is stuck. */
  hints: string[];
  /** What a good answer looks like from a mid-level (L4) candidate. */
  goodAnswerL4: string;
  /** What a good answer looks like from a staff (L6) candidate. */
  goodAnswerL6: string;
  /** Lowest level the question is suitable for. */
  minLevel: QuestionLevel;
  /** Highest level the question is suitable for. */
  maxLevel: QuestionLevel;
  /** A few short tags, e.g. "graphs", "skew". */
  topics: string[];
}

export interface QuestionBank {
  /** Slug of the loop this bank belongs to. */
  loopSlug: string;
  /** Questions keyed by round slug. */
  rounds: Record<string, QuestionDefinition[]>;
}
