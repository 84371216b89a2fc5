// The kit's limits and labels, without zod: the room's page imports these, and must not
// bundle the validation (app/modules/sessions/kit.ts) it does not run.

// The database checks the same limits (db/schema/room.ts): keep both in step. They are
// not imported from the schema, so the room's page does not bundle it.
export const OWN_QUESTION_TITLE_MAX = 120;
export const OWN_QUESTION_PROMPT_MAX = 4000;
export const OWN_QUESTION_FOLLOW_UPS_MAX = 10;
export const OWN_QUESTION_FOLLOW_UP_MAX = 500;
export const STORY_TITLE_MAX = 120;
export const STORY_PART_MAX = 2000;

/** Questions one interviewer may keep in their own list. */
export const MAX_OWN_QUESTIONS = 100;
/** Story notes one interviewer may keep for one half (a behavioral round asks 4–6). */
export const MAX_STORIES_PER_HALF = 12;

export const STORY_PARTS = ["situation", "task", "action", "result"] as const;
export type StoryPart = (typeof STORY_PARTS)[number];

export const STORY_PART_LABELS: Record<StoryPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};
