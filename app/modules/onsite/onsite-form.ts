import { z } from "zod";
import { MAX_ONSITE_SITTINGS } from "#db/schema";
import { ONSITE_HORIZON_DAYS } from "./onsite-day";

// The mock onsite page's two forms: the search (a GET: query parameters the loop planner
// also links with) and "Book this day" (the proposed day's sittings in hidden fields).

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const date = (message: string) =>
  z.string().trim().regex(ISO_DATE, message).refine(isRealDate, message);

export const onsiteSearchSchema = z.object({
  loop: z
    .string()
    .trim()
    .max(60, "That loop does not exist.")
    .regex(SLUG, "That loop does not exist.")
    .optional(),
  track: z
    .string()
    .trim()
    .max(60, "That track does not exist.")
    .regex(SLUG, "That track does not exist.")
    .optional(),
  level: z
    .string()
    .trim()
    .regex(/^L\d{1,2}$/, "Choose a target level.")
    .optional(),
  /** The onsite must come before this date (the real onsite, from the loop planner). */
  before: date("Give the date as YYYY-MM-DD.").optional(),
  horizonDays: z.coerce
    .number({ invalid_type_error: "Choose how far ahead to look." })
    .int("Choose how far ahead to look.")
    .min(1, "At least 1 day.")
    .max(ONSITE_HORIZON_DAYS, `At most ${ONSITE_HORIZON_DAYS} days.`)
    .optional(),
});

export type OnsiteSearch = z.infer<typeof onsiteSearchSchema>;

/** The search's query parameters, as a plain record for the schema (unknown ones dropped). */
export function searchParamsRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of ["loop", "track", "level", "before", "horizonDays"] as const) {
    const value = params.get(name);
    if (value !== null && value !== "") record[name] = value.slice(0, 200);
  }
  return record;
}

const STALE = "That day is not valid any more. Search again for fresh days.";

export const bookOnsiteSchema = z.object({
  loop: z.string({ required_error: STALE }).max(60).regex(SLUG, STALE),
  track: z.string({ required_error: STALE }).max(60).regex(SLUG, STALE),
  level: z.string({ required_error: STALE }).regex(/^L\d{1,2}$/, STALE),
  date: date(STALE),
  idempotencyKey: z
    .string({ required_error: STALE })
    .min(16, STALE)
    .max(100, STALE)
    .regex(/^[A-Za-z0-9_-]+$/, STALE),
  sittings: z
    .array(
      z.object({
        round: z.string({ required_error: STALE }).max(60).regex(SLUG, STALE),
        peerId: z.string({ required_error: STALE }).uuid(STALE),
        start: z
          .string({ required_error: STALE })
          .datetime({ message: STALE })
          .transform((value) => new Date(value)),
        /** The price the page showed: a changed one is refused, not charged. */
        price: z.coerce.number({ invalid_type_error: STALE }).int(STALE).min(0).max(10),
      }),
      { required_error: STALE },
    )
    .min(1, STALE)
    .max(MAX_ONSITE_SITTINGS, STALE),
});
