// What each person in the room may see of a question's exercise (db/catalog/question-types.ts).
// The candidate gets what they need to write and try their code; the reference solution and
// the hidden tests are the interviewer's, and never leave the server for anyone else.

import type { CodeTestCase, Exercise } from "#db/catalog/question-types";

/** The exercise as both people see it. */
export type PublicExercise =
  | {
      language: "python";
      entry: string;
      starter: string;
      examples: CodeTestCase[];
      unordered: boolean;
    }
  | {
      language: "sql";
      setup: string;
      ordered: boolean;
    };

/** Only the fields the candidate may hold, copied one by one (never a spread of the whole). */
export function publicExercise(exercise: Exercise | null | undefined): PublicExercise | null {
  if (!exercise) return null;
  if (exercise.language === "python") {
    return {
      language: "python",
      entry: exercise.entry,
      starter: exercise.starter,
      examples: exercise.examples,
      unordered: exercise.unordered === true,
    };
  }
  return { language: "sql", setup: exercise.setup, ordered: exercise.ordered };
}
