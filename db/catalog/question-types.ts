import type { LevelCode } from "./types";

// The shape of a loop's question bank as data: JSON files under db/catalog/questions/
// <loop-slug>/<round-slug>.json, checked at start-up (question-schema.ts) and seeded
// into the `questions` table (db/schema/room.ts) idempotently by seed-questions.ts.

/** A level code of the bank's loop; resolved to the loop's level rank when seeded. */
export type QuestionLevel = LevelCode;

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
  /**
   * What a good answer looks like from a mid-level candidate (the field and its column
   * were named after the first loop's L4; every loop reads it as its own mid level).
   */
  goodAnswerL4: string;
  /** What a good answer looks like from a staff-level candidate (the first loop's L6). */
  goodAnswerL6: string;
  /** Lowest level the question is suitable for. */
  minLevel: QuestionLevel;
  /** Highest level the question is suitable for. */
  maxLevel: QuestionLevel;
  /** A few short tags, e.g. "graphs", "skew". */
  topics: string[];
  /** Code the candidate can run in the room, with tests; coding, phone screen, SQL. */
  exercise?: Exercise;
}

/** Plain JSON: what test arguments and expected results are made of. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** One call of the candidate's function: the arguments in, the value expected back. */
export interface CodeTestCase {
  args: JsonValue[];
  expected: JsonValue;
}

/**
 * A Python function the candidate writes. Tests call `entry(*args)` and compare the
 * result, passed through JSON (tuples become lists), with `expected` by equality.
 */
export interface PythonExercise {
  language: "python";
  /** The function's name, e.g. "merge_intervals". */
  entry: string;
  /** What the pad may start from: the signature and a docstring, no solution. */
  starter: string;
  /** A correct solution: shown in the interviewer's kit, and the suite runs the tests on it. */
  reference: string;
  /** Visible to both people; the candidate can run them. At least two. */
  examples: CodeTestCase[];
  /** In the interviewer's kit only (edge cases); run and revealed by the interviewer. At least three. */
  hidden: CodeTestCase[];
  /** The result is a list whose order does not matter: compared as sorted. */
  unordered?: boolean;
}

/** A query against tables the question defines, run on PGlite in the browser. */
export interface SqlExercise {
  language: "sql";
  /** CREATE TABLE and INSERT statements (PostgreSQL) run before every query. */
  setup: string;
  /** A correct query: in the interviewer's kit; the suite checks it runs on the setup. */
  reference: string;
  /** The question asks for an order (ORDER BY): rows are compared in order. */
  ordered: boolean;
}

export type Exercise = PythonExercise | SqlExercise;

export interface QuestionBank {
  /** Slug of the loop this bank belongs to. */
  loopSlug: string;
  /** Questions keyed by round slug. */
  rounds: Record<string, QuestionDefinition[]>;
}
