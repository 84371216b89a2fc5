// The story form's one schema, used by the page (Conform) and by the action.

import { z } from "zod";
import { isOneLine, ONE_LINE_MESSAGE } from "~/utils/text";
import { STAR_PART_LABELS, STORY_PART_MAX, STORY_TITLE_MAX, type StarPart } from "./limits";

const tooLong = (max: number) => `Keep this under ${max.toLocaleString("en")} characters.`;

function part(name: StarPart, message: string) {
  return z
    .string({ required_error: message })
    .trim()
    .min(1, message)
    .max(STORY_PART_MAX, `${STAR_PART_LABELS[name]}: ${tooLong(STORY_PART_MAX)}`);
}

/**
 * A story as submitted. `valueIds` are the dimension ids a story may show (the values of
 * every loop); anything else is refused with a message, never dropped.
 */
export function storySchema(valueIds: number[]) {
  return z.object({
    title: z
      .string({ required_error: "Give the story a one-line title." })
      .trim()
      .min(1, "Give the story a one-line title.")
      .max(STORY_TITLE_MAX, tooLong(STORY_TITLE_MAX))
      .refine(isOneLine, ONE_LINE_MESSAGE),
    situation: part("situation", "Set the scene: what was the situation?"),
    task: part("task", "Say what you had to achieve."),
    action: part("action", "Say what you did: the actions are what gets scored."),
    result: part("result", "Say how it ended: the result, and what you learned."),
    values: z
      .array(z.coerce.number({ invalid_type_error: "Choose values from the list." }), {
        required_error: "Tag at least one value this story shows.",
      })
      .min(1, "Tag at least one value this story shows.")
      .max(valueIds.length || 1, "Choose values from the list.")
      .refine((ids) => ids.every((id) => valueIds.includes(id)), "Choose values from the list.")
      .transform((ids) => [...new Set(ids)]),
  });
}
export type StoryInput = z.infer<ReturnType<typeof storySchema>>;

/** The share form: the ids of the stories whose titles the candidate shares. */
export const shareSchema = z.object({
  stories: z
    .array(z.string().uuid("Choose stories from your bank."))
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
