// The story bank's limits, without zod: the pages import these. The database checks the
// same numbers (db/schema/stories.ts, migration 0021): keep both in step.

/** Stories one person may keep (a trigger enforces it, even under concurrent creates). */
export const STORY_BANK_MAX = 100;
export const STORY_TITLE_MAX = 120;
/** Each of situation, task, action and result. */
export const STORY_PART_MAX = 2000;
/** Titles a candidate may share into one session (a behavioral round asks 4–6 questions). */
export const SHARES_PER_SESSION_MAX = 12;

export const STAR_PARTS = ["situation", "task", "action", "result"] as const;
export type StarPart = (typeof STAR_PARTS)[number];

export const STAR_PART_LABELS: Record<StarPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

/** What each part holds, for the form's hints and the empty state. */
export const STAR_PART_HINTS: Record<StarPart, string> = {
  situation: "Where and when: the team, the system, what was at stake.",
  task: "What you (not the team) had to achieve, and why it was hard.",
  action: "What you did, step by step, in the first person. The heart of the story.",
  result: "What changed, with numbers where you have them, and what you learned.",
};
