// Plain data shapes for availability. Times of day are local wall-clock minutes in the
// person's IANA zone; instants are epoch milliseconds (UTC). Intervals are half-open.

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeeklyRule {
  weekday: Weekday;
  /** Minutes after local midnight, 0 ≤ start < end ≤ 1440. */
  startMinute: number;
  endMinute: number;
}

/** A calendar date in the person's zone, "YYYY-MM-DD". */
export type LocalDate = string;

export type DateOverride =
  | { date: LocalDate; kind: "off" }
  | { date: LocalDate; kind: "extra"; startMinute: number; endMinute: number };

export interface AvailabilityLimits {
  /** No session may start sooner than this after "now". */
  minNoticeMinutes: number;
  /** At most this many active sessions starting on one local date. */
  maxSessionsPerDay: number;
  /** Free time required between this person's sessions, before and after. */
  bufferMinutes: number;
}

export const DEFAULT_LIMITS: AvailabilityLimits = {
  minNoticeMinutes: 12 * 60,
  maxSessionsPerDay: 2,
  bufferMinutes: 15,
};

export interface WeeklyAvailability {
  timeZone: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
}

export interface PersonAvailability extends WeeklyAvailability {
  limits: AvailabilityLimits;
}

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}
