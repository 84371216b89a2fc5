// The scorecard and rating forms: one zod schema per round's scorecard, built from
// the loop catalog, used by the page (Conform) and by the action.

import { z } from "zod";
import {
  FEEDBACK_TEXT_MAX,
  FEEDBACK_TOPIC_MAX,
  type FeedbackKind,
  OVERALL_CALLS,
  type OverallCall,
} from "#db/schema";
import { isOneLine, ONE_LINE_MESSAGE } from "~/utils/text";
import { parseMoment } from "./moments";

export const OVERALL_CALL_LABELS: Record<OverallCall, string> = {
  strong_no_hire: "Strong no hire",
  no_hire: "No hire",
  hire: "Hire",
  strong_hire: "Strong hire",
};

/** Strong no hire … strong hire as 1 … 4, the same scale as the dimension scores. */
export function callValue(call: OverallCall): number {
  return OVERALL_CALLS.indexOf(call) + 1;
}

export const RATING_ASPECTS = [
  { name: "preparation", label: "Preparation", hint: "Had a fitting question and knew it well." },
  { name: "helpfulness", label: "Helpfulness", hint: "Hints and follow-ups at the right moments." },
  { name: "clarity", label: "Clarity of feedback", hint: "Concrete, specific, easy to act on." },
] as const;

export interface ScorecardRound {
  name: string;
  dimensions: { slug: string; name: string }[];
}

const tooLong = (max: number) => `Keep this under ${max.toLocaleString("en")} characters.`;

function requiredText(message: string, max = FEEDBACK_TEXT_MAX) {
  return z.string({ required_error: message }).trim().min(1, message).max(max, tooLong(max));
}

/**
 * The scorecard of one round. Field names are flat for the form (`score.<dimension>`,
 * `evidence.<dimension>`); an unknown dimension is refused, never silently dropped.
 */
export function scorecardSchema(
  round: ScorecardRound,
  practiseRoundSlugs: string[],
  /** The author's story notes of this half: the only ones a score may cite. */
  storyIds: string[] = [],
  /** The session's length: a pinned moment must lie within it. */
  sessionLengthMs?: number,
  /**
   * The candidate's bank stories shared into this session, and the value dimensions a
   * score may tie one to (decision 0028). Other dimensions take no story.
   */
  bankStories: { ids: string[]; valueSlugs: string[] } = { ids: [], valueSlugs: [] },
) {
  const scoreShape: Record<string, z.ZodTypeAny> = {};
  const evidenceShape: Record<string, z.ZodTypeAny> = {};
  const storyShape: Record<string, z.ZodTypeAny> = {};
  const momentShape: Record<string, z.ZodTypeAny> = {};
  const bankStoryShape: Record<string, z.ZodTypeAny> = {};
  for (const d of round.dimensions) {
    if (bankStories.valueSlugs.includes(d.slug)) {
      bankStoryShape[d.slug] = z
        .string()
        .refine(
          (id) => bankStories.ids.includes(id),
          "Choose one of the stories the candidate shared.",
        )
        .optional();
    }
    const rangeMessage = `Score ${d.name} from 1 to 4.`;
    scoreShape[d.slug] = z
      .number({ required_error: rangeMessage, invalid_type_error: rangeMessage })
      .int(rangeMessage)
      .min(1, rangeMessage)
      .max(4, rangeMessage);
    evidenceShape[d.slug] = requiredText(`Write the evidence behind the ${d.name} score.`);
    storyShape[d.slug] = z
      .string()
      .refine((id) => storyIds.includes(id), "Cite one of your story notes of this half.")
      .optional();
    momentShape[d.slug] = z
      .string()
      .transform((text, ctx) => {
        const moment = parseMoment(text, sessionLengthMs);
        if (moment.ok) return moment.ms;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: moment.message });
        return z.NEVER;
      })
      .optional();
  }
  const unknown = `${round.name} has no such dimension. Reload the page and try again.`;
  return z.object({
    score: z
      .object(scoreShape, { required_error: "Score every dimension from 1 to 4." })
      .strict(unknown),
    evidence: z
      .object(evidenceShape, { required_error: "Write the evidence for every dimension." })
      .strict(unknown),
    /** Optional: per dimension, the story note its evidence cites. */
    story: z.object(storyShape).strict(unknown).optional(),
    /** Optional: per value dimension, the candidate's shared bank story the score refers to. */
    bankStory: z.object(bankStoryShape).strict(unknown).optional(),
    /** Optional: per dimension, a moment of the replay (ms from the start) its evidence pins. */
    moment: z.object(momentShape).strict(unknown).optional(),
    overall: z.enum(OVERALL_CALLS, {
      errorMap: () => ({ message: "Make an overall call at the target level." }),
    }),
    strengths: requiredText("Name at least one strength."),
    improvements: requiredText("Name at least one thing to improve."),
    practiseRound: z.enum(practiseRoundSlugs as [string, ...string[]], {
      errorMap: () => ({ message: "Choose the round to practise next." }),
    }),
    practiseTopic: z
      .string()
      .trim()
      .max(FEEDBACK_TOPIC_MAX, tooLong(FEEDBACK_TOPIC_MAX))
      .refine(isOneLine, ONE_LINE_MESSAGE)
      .optional(),
  });
}
export type ScorecardInput = z.infer<ReturnType<typeof scorecardSchema>>;

function aspectScore(label: string) {
  const message = `Rate ${label.toLowerCase()} from 1 to 5.`;
  return z
    .number({ required_error: message, invalid_type_error: message })
    .int(message)
    .min(1, message)
    .max(5, message);
}

export const ratingSchema = z.object({
  preparation: aspectScore("Preparation"),
  helpfulness: aspectScore("Helpfulness"),
  clarity: aspectScore("Clarity of feedback"),
  wouldPractiseAgain: z
    .enum(["yes", "no"], {
      errorMap: () => ({ message: "Say whether you would practise with them again." }),
    })
    .transform((v) => v === "yes"),
  comment: z.string().trim().max(FEEDBACK_TEXT_MAX, tooLong(FEEDBACK_TEXT_MAX)).optional(),
});
export type RatingInput = z.infer<typeof ratingSchema>;

/** Short choice fields (scores, calls, slugs, yes/no) never need more than this. */
const CHOICE_MAX = 64;

/** The fields a draft may carry, each with the longest value a submitted form could hold. */
export function draftFieldNames(kind: FeedbackKind, round: ScorecardRound): Map<string, number> {
  if (kind === "rating") {
    return new Map([
      ["preparation", CHOICE_MAX],
      ["helpfulness", CHOICE_MAX],
      ["clarity", CHOICE_MAX],
      ["wouldPractiseAgain", CHOICE_MAX],
      ["comment", FEEDBACK_TEXT_MAX],
    ]);
  }
  return new Map<string, number>([
    ...round.dimensions.flatMap((d): [string, number][] => [
      [`score.${d.slug}`, CHOICE_MAX],
      [`evidence.${d.slug}`, FEEDBACK_TEXT_MAX],
      [`story.${d.slug}`, CHOICE_MAX],
      [`moment.${d.slug}`, CHOICE_MAX],
      [`bankStory.${d.slug}`, CHOICE_MAX],
    ]),
    ["overall", CHOICE_MAX],
    ["strengths", FEEDBACK_TEXT_MAX],
    ["improvements", FEEDBACK_TEXT_MAX],
    ["practiseRound", CHOICE_MAX],
    ["practiseTopic", FEEDBACK_TOPIC_MAX],
  ]);
}

export type DraftResult = { ok: true; values: Record<string, string> } | { ok: false };

/**
 * A draft keeps what was typed, valid or not, but only the form's own fields and
 * only up to the length a submitted form could have.
 */
export function parseDraft(
  entries: Iterable<[string, unknown]>,
  allowed: Map<string, number>,
): DraftResult {
  const values: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name === "intent") continue;
    const max = allowed.get(name);
    if (max === undefined || typeof value !== "string" || value.length > max) return { ok: false };
    values[name] = value;
  }
  return { ok: true, values };
}
