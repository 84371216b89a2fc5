// The interviewer kit's own rules, free of I/O: what a brought question and a story note
// may hold, which question the bank offers again once it has run out, and which areas of
// a candidate's earlier scorecards a hiring-manager mock revisits.

import { z } from "zod";
import { isOneLine, ONE_LINE_MESSAGE } from "~/utils/text";

import {
  OWN_QUESTION_FOLLOW_UP_MAX,
  OWN_QUESTION_FOLLOW_UPS_MAX,
  OWN_QUESTION_PROMPT_MAX,
  OWN_QUESTION_TITLE_MAX,
  STORY_PART_MAX,
  STORY_TITLE_MAX,
} from "./kit-limits";

export * from "./kit-limits";

const tooLong = (max: number) => `Keep this under ${max.toLocaleString("en")} characters.`;

export const ownQuestionSchema = z.object({
  title: z
    .string({ required_error: "Give the question a title." })
    .trim()
    .min(1, "Give the question a title.")
    .max(OWN_QUESTION_TITLE_MAX, tooLong(OWN_QUESTION_TITLE_MAX))
    .refine(isOneLine, ONE_LINE_MESSAGE),
  prompt: z
    .string({ required_error: "Write what the candidate is asked." })
    .trim()
    .min(1, "Write what the candidate is asked.")
    .max(OWN_QUESTION_PROMPT_MAX, tooLong(OWN_QUESTION_PROMPT_MAX)),
  /** One follow-up per line; blank lines are dropped. */
  followUps: z
    .string()
    .max(OWN_QUESTION_FOLLOW_UPS_MAX * (OWN_QUESTION_FOLLOW_UP_MAX + 2), "Too many follow-ups.")
    .optional()
    .transform((text) =>
      (text ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine(
      (lines) => lines.length <= OWN_QUESTION_FOLLOW_UPS_MAX,
      `At most ${OWN_QUESTION_FOLLOW_UPS_MAX} follow-ups.`,
    )
    .refine(
      (lines) => lines.every((l) => l.length <= OWN_QUESTION_FOLLOW_UP_MAX),
      `Keep each follow-up under ${OWN_QUESTION_FOLLOW_UP_MAX} characters.`,
    ),
});
export type OwnQuestionInput = z.infer<typeof ownQuestionSchema>;

/** A story note as typed: every part may still be empty (it autosaves while written). */
export function storySchema(valueSlugs: string[]) {
  const part = z.string().max(STORY_PART_MAX, tooLong(STORY_PART_MAX)).default("");
  return z.object({
    title: z
      .string()
      .trim()
      .max(STORY_TITLE_MAX, tooLong(STORY_TITLE_MAX))
      .refine(isOneLine, ONE_LINE_MESSAGE)
      .default(""),
    value: z
      .string()
      .default("")
      .refine(
        (slug) => slug === "" || valueSlugs.includes(slug),
        "Choose one of the round's values.",
      ),
    situation: part,
    task: part,
    action: part,
    result: part,
  });
}
export type StoryInput = z.infer<ReturnType<typeof storySchema>>;

export interface AskedBefore {
  questionId: number;
  /** The last time the candidate met it, as candidate or as interviewer. */
  lastSeenAt: Date;
}

/**
 * The question the bank offers again once it has run out: the one the candidate met
 * longest ago, never one asked in this very session (the other half of a swap).
 */
export function leastRecentlyAsked(
  history: AskedBefore[],
  askedInThisSession: ReadonlySet<number>,
): AskedBefore | null {
  let best: AskedBefore | null = null;
  for (const entry of history) {
    if (askedInThisSession.has(entry.questionId)) continue;
    if (
      !best ||
      entry.lastSeenAt.getTime() < best.lastSeenAt.getTime() ||
      (entry.lastSeenAt.getTime() === best.lastSeenAt.getTime() &&
        entry.questionId < best.questionId)
    )
      best = entry;
  }
  return best;
}

/** A dimension scored at or below this on an earlier scorecard counts as flagged. */
export const FLAGGED_SCORE_MAX = 2;
/** The hiring-manager kit revisits at most this many flagged areas. */
export const FLAGGED_AREAS_SHOWN = 5;

export interface EarlierScorecard {
  roundName: string;
  startsAt: Date;
  scores: { name: string; score: number }[];
}

export interface FlaggedArea {
  dimension: string;
  score: number;
  roundName: string;
  /** ISO date-time of the session that scored it. */
  scoredAt: string;
  followUp: string;
}

/**
 * The areas an earlier scorecard flagged: the lowest scores first (the most recent of
 * equal scores first), each dimension once, with a follow-up the manager can ask.
 */
export function flaggedAreas(
  scorecards: EarlierScorecard[],
  limit = FLAGGED_AREAS_SHOWN,
): FlaggedArea[] {
  const candidates = scorecards
    .flatMap((card) =>
      card.scores
        .filter((s) => s.score <= FLAGGED_SCORE_MAX)
        .map((s) => ({ ...s, roundName: card.roundName, startsAt: card.startsAt })),
    )
    .sort((a, b) => a.score - b.score || b.startsAt.getTime() - a.startsAt.getTime());
  const seen = new Set<string>();
  const areas: FlaggedArea[] = [];
  for (const c of candidates) {
    if (seen.has(c.name) || areas.length >= limit) continue;
    seen.add(c.name);
    areas.push({
      dimension: c.name,
      score: c.score,
      roundName: c.roundName,
      scoredAt: c.startsAt.toISOString(),
      followUp: `Come back to ${c.name.toLowerCase()}: ask for a recent story that shows it, and what they have done differently since that ${c.roundName.toLowerCase()} round.`,
    });
  }
  return areas;
}
