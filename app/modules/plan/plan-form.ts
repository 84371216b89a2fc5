import { z } from "zod";
import type { LocalDate } from "~/modules/availability/types";
import { addDaysToLocalDate } from "~/modules/availability/zoned-time";
import type { LoopChoice } from "~/modules/catalog/loop-choices";
import { isCalendarDate } from "~/utils/datetime";
import { MAX_PLAN_WEEKS } from "./plan-schedule";

/** What the plan form can offer, read from the loop catalog (any loop the data holds). */
export interface PlanOptions {
  loops: LoopChoice[];
}

/** Plans one person keeps at once (a loop each); the trigger loop_plans_cap enforces it. */
export const MAX_PLANS_PER_PERSON = 8;
/** The most hours a week a plan counts on; the table's check holds the same bound. */
export const MAX_PLAN_HOURS_PER_WEEK = 40;

/** The onsite may be at most this many days ahead: the schedule covers MAX_PLAN_WEEKS. */
export const MAX_ONSITE_DAYS_AHEAD = 7 * MAX_PLAN_WEEKS - 7;
/** A phone screen already behind the person may still be entered, within this many days. */
export const MAX_PHONE_SCREEN_DAYS_BEHIND = 7 * MAX_PLAN_WEEKS;

const choice = (message: string) =>
  z.string({ required_error: message }).trim().min(1, message).max(100, message);

const calendarDate = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .max(10, "Enter the date as YYYY-MM-DD.")
    .refine(isCalendarDate, "Enter the date as YYYY-MM-DD.");

/**
 * The plan form's schema: built from the catalog and the person's today (in their
 * zone), so the browser and the action check the same rules.
 */
export function makePlanSchema(options: PlanOptions, today: LocalDate) {
  const latestOnsite = addDaysToLocalDate(today, MAX_ONSITE_DAYS_AHEAD);
  const earliestScreen = addDaysToLocalDate(today, -MAX_PHONE_SCREEN_DAYS_BEHIND);
  return z
    .object({
      loop: choice("Choose the loop you are preparing for."),
      track: choice("Choose a track."),
      level: choice("Choose the level you are aiming at."),
      onsiteDate: calendarDate("Enter the date of your onsite."),
      phoneScreenDate: calendarDate("Enter the date of your phone screen.").optional(),
      hoursPerWeek: z
        .number({
          required_error: "Enter the hours a week you can practise.",
          invalid_type_error: "Enter the hours as a number, like 6 or 7.5.",
        })
        .min(0, "Hours cannot be negative.")
        .max(MAX_PLAN_HOURS_PER_WEEK, `At most ${MAX_PLAN_HOURS_PER_WEEK} hours a week.`)
        .multipleOf(0.5, "Use whole or half hours, like 6 or 7.5."),
    })
    .superRefine((value, ctx) => {
      const loop = options.loops.find((l) => l.slug === value.loop);
      if (!loop) {
        ctx.addIssue({ code: "custom", path: ["loop"], message: "Choose a loop from the list." });
      } else {
        if (!loop.tracks.some((t) => t.slug === value.track)) {
          ctx.addIssue({
            code: "custom",
            path: ["track"],
            message: `Choose a track of ${loop.name}.`,
          });
        }
        if (!loop.levels.some((l) => l.code === value.level)) {
          ctx.addIssue({
            code: "custom",
            path: ["level"],
            message: `Choose a level of ${loop.name}.`,
          });
        }
      }
      // Calendar dates as "YYYY-MM-DD" compare correctly as text.
      if (value.onsiteDate <= today) {
        ctx.addIssue({
          code: "custom",
          path: ["onsiteDate"],
          message: "The onsite must be after today.",
        });
      } else if (value.onsiteDate > latestOnsite) {
        ctx.addIssue({
          code: "custom",
          path: ["onsiteDate"],
          message: `The planner looks ${MAX_PLAN_WEEKS - 1} weeks ahead: pick a date by ${latestOnsite}.`,
        });
      }
      const screen = value.phoneScreenDate;
      if (screen !== undefined) {
        if (screen >= value.onsiteDate) {
          ctx.addIssue({
            code: "custom",
            path: ["phoneScreenDate"],
            message: "The phone screen comes before the onsite: pick an earlier date.",
          });
        } else if (screen < earliestScreen) {
          ctx.addIssue({
            code: "custom",
            path: ["phoneScreenDate"],
            message: `Leave it empty if your phone screen was before ${earliestScreen}.`,
          });
        }
      }
    });
}

export type PlanFormInput = z.infer<ReturnType<typeof makePlanSchema>>;
