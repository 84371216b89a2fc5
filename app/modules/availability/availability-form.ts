import { z } from "zod";
import { timeZoneSchema } from "~/modules/identity/time-zone";
import { clockToMinutes, endClockToMinutes, isCalendarDate } from "~/utils/datetime";
import type { Weekday } from "./types";

// The availability editor's schemas, shared by the browser and the actions.

export const WEEKDAYS: { weekday: Weekday; label: string; short: string }[] = [
  { weekday: 1, label: "Monday", short: "Mon" },
  { weekday: 2, label: "Tuesday", short: "Tue" },
  { weekday: 3, label: "Wednesday", short: "Wed" },
  { weekday: 4, label: "Thursday", short: "Thu" },
  { weekday: 5, label: "Friday", short: "Fri" },
  { weekday: 6, label: "Saturday", short: "Sat" },
  { weekday: 7, label: "Sunday", short: "Sun" },
];

const clock = z
  .string({ required_error: "Enter a time like 09:30." })
  .trim()
  .refine((value) => clockToMinutes(value) !== null, "Enter a time like 09:30.");

const range = z.object({ start: clock, end: clock }).superRefine((value, ctx) => {
  const start = clockToMinutes(value.start);
  const end = endClockToMinutes(value.end);
  if (start !== null && end !== null && end <= start) {
    ctx.addIssue({
      code: "custom",
      path: ["end"],
      message: "End after the start (00:00 is midnight).",
    });
  }
});

/** Sorted ranges of one day must not overlap. */
function refineNoOverlap(
  ranges: { start: string; end: string }[],
  ctx: z.RefinementCtx,
  path: (string | number)[],
) {
  const minutes = ranges
    .map((r, index) => ({ index, start: clockToMinutes(r.start), end: endClockToMinutes(r.end) }))
    .filter(
      (r): r is { index: number; start: number; end: number } => r.start !== null && r.end !== null,
    )
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < minutes.length; i++) {
    if (minutes[i]!.start < minutes[i - 1]!.end) {
      ctx.addIssue({
        code: "custom",
        path: [...path, minutes[i]!.index, "start"],
        message: "This range overlaps another one on the same day.",
      });
    }
  }
}

export const weeklyAvailabilitySchema = z.object({
  timeZone: timeZoneSchema,
  minNoticeHours: z.coerce
    .number({ invalid_type_error: "Enter a number of hours." })
    .int("Whole hours only.")
    .min(0, "At least 0 hours.")
    .max(168, "At most 168 hours (a week)."),
  maxSessionsPerDay: z.coerce
    .number({ invalid_type_error: "Enter a number." })
    .int("A whole number.")
    .min(1, "At least 1.")
    .max(12, "At most 12."),
  bufferMinutes: z.coerce
    .number({ invalid_type_error: "Enter a number of minutes." })
    .int("Whole minutes only.")
    .min(0, "At least 0 minutes.")
    .max(240, "At most 240 minutes."),
  autoBook: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
  days: z
    .array(
      z.object({
        weekday: z.coerce.number().int().min(1).max(7),
        ranges: z.array(range).max(12, "At most 12 ranges a day.").default([]),
      }),
    )
    .max(7)
    .default([])
    .superRefine((days, ctx) => {
      for (const [index, day] of days.entries())
        refineNoOverlap(day.ranges, ctx, [index, "ranges"]);
      const weekdays = days.map((d) => d.weekday);
      if (new Set(weekdays).size !== weekdays.length) {
        ctx.addIssue({ code: "custom", message: "Each weekday appears once." });
      }
    }),
});

export type WeeklyAvailabilityInput = z.infer<typeof weeklyAvailabilitySchema>;

/** Date overrides a person may have from today on; also enforced by the database (0006). */
export const MAX_UPCOMING_OVERRIDES = 60;
/** How far ahead an override may be set: the matcher never looks further. */
export const MAX_OVERRIDE_DAYS_AHEAD = 366;

export const OVERRIDE_ERROR_MESSAGES = {
  past_date: "That date has passed. Choose today or a later date.",
  too_far: `Choose a date within the next ${MAX_OVERRIDE_DAYS_AHEAD} days.`,
  too_many: `You can have at most ${MAX_UPCOMING_OVERRIDES} upcoming date overrides. Remove one first.`,
} as const;

export type OverrideError = keyof typeof OVERRIDE_ERROR_MESSAGES;

/** Why an override date cannot be used, given today in the person's zone (both "YYYY-MM-DD"). */
export function overrideDateProblem(date: string, today: string): OverrideError | null {
  if (date < today) return "past_date";
  const last = new Date(`${today}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() + MAX_OVERRIDE_DAYS_AHEAD);
  return date > last.toISOString().slice(0, 10) ? "too_far" : null;
}

export const overrideSchema = z
  .object({
    date: z
      .string({ required_error: "Choose a date." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.")
      .refine(isCalendarDate, "Choose a real date."),
    kind: z.enum(["off", "extra"], { message: "Choose a day off or extra hours." }),
    start: z.string().optional(),
    end: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "extra") return;
    const start = value.start ? clockToMinutes(value.start) : null;
    const end = value.end ? endClockToMinutes(value.end) : null;
    if (start === null)
      ctx.addIssue({ code: "custom", path: ["start"], message: "Enter a time like 09:30." });
    if (end === null)
      ctx.addIssue({ code: "custom", path: ["end"], message: "Enter a time like 17:00." });
    if (start !== null && end !== null && end <= start) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "End after the start." });
    }
  });

export type OverrideInput = z.infer<typeof overrideSchema>;
