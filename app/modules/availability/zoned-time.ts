import type { LocalDate, Weekday } from "./types";

// Time-zone arithmetic on epoch milliseconds with nothing but Intl, so results never
// depend on the TZ of the process. A "wall" value is a local date and time written as if
// it were UTC (Date.UTC of the local fields); "offset" is wall minus instant.
//
// Intl is slow (about 1.5 µs per call), so days are cached as a small table: where a
// zone's offset is constant over a day, local minute m is plain arithmetic from the
// day's midnight. Only a day that a change of offset reaches takes the exact path, and
// even there the change is located with Intl once and the rest is arithmetic.
//
// Assumption shared by the exact path and the day table: a zone never changes its offset
// twice within 48 hours (true of every zone's current rules), and a single change moves
// wall clocks by less than 10 hours.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Gregorian calendars repeat every 400 years; used to dodge Date.UTC's 1900 quirk. */
const FOUR_CENTURIES_MS = 146_097 * DAY_MS;

interface ZoneClock {
  formatter: Intl.DateTimeFormat;
  // Position of each field among the digit runs of the formatted text.
  yearAt: number;
  monthAt: number;
  dayAt: number;
  hourAt: number;
  minuteAt: number;
  secondAt: number;
}

const clocks = new Map<string, ZoneClock>();
const digitRuns = new Int32Array(8);

function clockFor(timeZone: string): ZoneClock {
  const cached = clocks.get(timeZone);
  if (cached) return cached;
  // Throws RangeError for an unknown zone, which is what callers should see.
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  // format() is several times faster than formatToParts(); learn the field order once
  // and read the digit runs of format() afterwards.
  const order = formatter
    .formatToParts(0)
    .map((part) => part.type)
    .filter((type) => /^(year|month|day|hour|minute|second)$/.test(type));
  const clock: ZoneClock = {
    formatter,
    yearAt: order.indexOf("year"),
    monthAt: order.indexOf("month"),
    dayAt: order.indexOf("day"),
    hourAt: order.indexOf("hour"),
    minuteAt: order.indexOf("minute"),
    secondAt: order.indexOf("second"),
  };
  if (order.length !== 6 || Object.values(clock).some((at) => at === -1)) {
    throw new Error(`Unexpected date format for time zone ${timeZone}`);
  }
  clocks.set(timeZone, clock);
  return clock;
}

/** True when Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    clockFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (local − UTC) in milliseconds of `timeZone` at `instant`, straight from Intl. */
export function offsetMsAt(timeZone: string, instant: number): number {
  const clock = clockFor(timeZone);
  const text = clock.formatter.format(instant);
  let runs = 0;
  let value = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) {
      value = value * 10 + digit;
      inRun = true;
    } else if (inRun) {
      if (runs < digitRuns.length) digitRuns[runs] = value;
      runs++;
      value = 0;
      inRun = false;
    }
  }
  if (inRun && runs < digitRuns.length) digitRuns[runs++] = value;
  const year = digitRuns[clock.yearAt]!;
  const month = digitRuns[clock.monthAt]!;
  const day = digitRuns[clock.dayAt]!;
  const hour = digitRuns[clock.hourAt]! % 24;
  const minute = digitRuns[clock.minuteAt]!;
  const second = digitRuns[clock.secondAt]!;
  const wall =
    year < 100
      ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - FOUR_CENTURIES_MS
      : Date.UTC(year, month - 1, day, hour, minute, second);
  // Intl shows whole seconds, so compare against the instant floored to its second.
  const flooredInstant = instant - (((instant % 1000) + 1000) % 1000);
  return wall - flooredInstant;
}

/** Offset (local − UTC) in minutes, for display and tests. */
export function offsetMinutesAt(timeZone: string, instant: number): number {
  return offsetMsAt(timeZone, instant) / MINUTE_MS;
}

/**
 * The instant of a wall time, with Temporal's "compatible" disambiguation: a wall time
 * skipped by a forward jump moves forward by the length of the gap; a wall time that
 * occurs twice maps to the earlier instant. Exact, and uncached: two to four Intl calls.
 */
export function wallTimeToUtc(timeZone: string, wall: number): number {
  // Any transition that can affect this wall time lies within a day of it.
  const before = offsetMsAt(timeZone, wall - DAY_MS);
  const after = offsetMsAt(timeZone, wall + DAY_MS);
  if (before === after) return wall - before;
  const underBefore = wall - before;
  const underAfter = wall - after;
  const validBefore = offsetMsAt(timeZone, underBefore) === before;
  const validAfter = offsetMsAt(timeZone, underAfter) === after;
  if (validBefore && validAfter) return Math.min(underBefore, underAfter);
  if (validAfter) return underAfter;
  // Valid only under the old offset, or skipped: reading it with the offset in force
  // before the jump is exactly "forward by the gap".
  return underBefore;
}

// ---- Local dates as day numbers (days since 1970-01-01) -------------------------------

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of "YYYY-MM-DD"; throws RangeError for anything else or a non-date. */
export function dayNumberOfLocalDate(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match) {
    const dayNumber = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    if (localDateOfDayNumber(dayNumber) === date) return dayNumber;
  }
  throw new RangeError(`Not a calendar date: ${date}`);
}

export function localDateOfDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function isoWeekdayOfDayNumber(dayNumber: number): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function isoWeekdayOfLocalDate(date: LocalDate): Weekday {
  return isoWeekdayOfDayNumber(dayNumberOfLocalDate(date));
}

export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOfLocalDate(date) + days);
}

/** Every local date from `first` to `last`, both included. */
export function* eachLocalDate(first: LocalDate, last: LocalDate): Generator<LocalDate> {
  const end = dayNumberOfLocalDate(last);
  for (let day = dayNumberOfLocalDate(first); day <= end; day++) {
    yield localDateOfDayNumber(day);
  }
}

// ---- The day table ---------------------------------------------------------------------

/** A change of offset: from `at` on, `offsetAfterMs` replaces `offsetBeforeMs`. */
export interface OffsetTransition {
  at: number;
  offsetBeforeMs: number;
  offsetAfterMs: number;
}

/** The one change of offset in (from, to], located to the second with Intl. */
function findTransition(
  timeZone: string,
  from: number,
  to: number,
  offsetBeforeMs: number,
  offsetAfterMs: number,
): OffsetTransition {
  let before = from;
  let after = to;
  // Zones change offset on whole seconds.
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetMsAt(timeZone, middle) === offsetBeforeMs) before = middle;
    else after = middle;
  }
  return { at: after, offsetBeforeMs, offsetAfterMs };
}

/** The compatible rule, by arithmetic, for a wall time near a known transition. */
function wallTimeAcross(transition: OffsetTransition, wall: number): number {
  const underBefore = wall - transition.offsetBeforeMs;
  const underAfter = wall - transition.offsetAfterMs;
  const validBefore = underBefore < transition.at;
  const validAfter = underAfter >= transition.at;
  if (validBefore && validAfter) return Math.min(underBefore, underAfter);
  if (validAfter) return underAfter;
  return underBefore;
}

/** One local calendar day of one zone. */
export class ZoneDay {
  readonly timeZone: string;
  readonly dayNumber: number;
  readonly date: LocalDate;
  readonly weekday: Weekday;
  /** Instant of local midnight (compatible rule). */
  readonly midnightUtc: number;
  /** Offset (local − UTC, ms) in force at local midnight. */
  readonly offsetMs: number;
  /**
   * True when a change of offset reaches this day's wall times, which makes the day
   * longer or shorter than 24 hours. When false, local minute m (0…1440) is exactly
   * midnightUtc + m minutes.
   */
  readonly offsetChanges: boolean;
  /** The change that reaches this day, when offsetChanges. */
  readonly transition: OffsetTransition | null;
  // On a steady day, the instants read with offsetMs end here: at the next midnight, or
  // earlier when a forward jump swallows the next midnight from inside the day.
  readonly #steadyUntil: number;

  constructor(timeZone: string, dayNumber: number) {
    const wallMidnight = dayNumber * DAY_MS;
    const wallNextMidnight = wallMidnight + DAY_MS;
    // The day's wall times are read at instants within 14 h of their UTC reading, and a
    // change reaches wall times only a few hours from it: a day's margin covers both.
    const from = wallMidnight - DAY_MS;
    const to = wallNextMidnight + DAY_MS;
    const offsetFrom = offsetMsAt(timeZone, from);
    const offsetTo = offsetMsAt(timeZone, to);
    let steadyOffset = offsetFrom;
    let transition: OffsetTransition | null = null;
    let nearby: OffsetTransition | null = null;
    if (offsetFrom !== offsetTo) {
      nearby = findTransition(timeZone, from, to, offsetFrom, offsetTo);
      // Wall times before the end of the gap or of the repeated hour read with the old
      // offset (compatible rule), those from it on with the new one. The day is steady
      // unless that point falls after its midnight and no later than its next one.
      const settled = nearby.at + Math.max(offsetFrom, offsetTo);
      if (wallNextMidnight < settled) steadyOffset = offsetFrom;
      else if (wallMidnight >= settled) steadyOffset = offsetTo;
      else transition = nearby;
    }
    this.timeZone = timeZone;
    this.dayNumber = dayNumber;
    this.date = localDateOfDayNumber(dayNumber);
    this.weekday = isoWeekdayOfDayNumber(dayNumber);
    this.transition = transition;
    this.offsetChanges = transition !== null;
    if (transition === null) {
      this.midnightUtc = wallMidnight - steadyOffset;
      this.offsetMs = steadyOffset;
      this.#steadyUntil = this.midnightUtc + DAY_MS;
      if (nearby !== null && nearby.at > this.midnightUtc) {
        this.#steadyUntil = Math.min(this.#steadyUntil, nearby.at);
      }
    } else {
      this.#steadyUntil = Number.NaN;
      this.midnightUtc = wallTimeAcross(transition, wallMidnight);
      this.offsetMs =
        this.midnightUtc < transition.at ? transition.offsetBeforeMs : transition.offsetAfterMs;
    }
  }

  /** Instant of local minute `minute` (0…1440; 1440 is the next midnight), compatible rule. */
  toUtc(minute: number): number {
    if (this.transition === null) return this.midnightUtc + minute * MINUTE_MS;
    return wallTimeAcross(this.transition, this.dayNumber * DAY_MS + minute * MINUTE_MS);
  }

  /** Local day number of an instant near this day, when it falls on this day; else null. */
  dayNumberOf(instant: number): number | null {
    const { transition } = this;
    const offset =
      transition === null
        ? this.offsetMs
        : instant < transition.at
          ? transition.offsetBeforeMs
          : transition.offsetAfterMs;
    // A steady day vouches for its offset only between its own midnights.
    if (transition === null && !(instant >= this.midnightUtc && instant < this.#steadyUntil)) {
      return null;
    }
    return Math.floor((instant + offset) / DAY_MS) === this.dayNumber ? this.dayNumber : null;
  }
}

// Bounded so a long-running server does not grow without limit; a cleared zone simply
// recomputes its days (two Intl calls each, about twenty next to a change).
const MAX_CACHED_DAYS_PER_ZONE = 8192;
const zoneDays = new Map<string, Map<number, ZoneDay>>();

/** The cached table entry for one local day (day number) of a zone. */
export function zoneDay(timeZone: string, dayNumber: number): ZoneDay {
  let days = zoneDays.get(timeZone);
  if (days === undefined) {
    days = new Map();
    zoneDays.set(timeZone, days);
  }
  let day = days.get(dayNumber);
  if (day === undefined) {
    if (days.size >= MAX_CACHED_DAYS_PER_ZONE) days.clear();
    day = new ZoneDay(timeZone, dayNumber);
    days.set(dayNumber, day);
  }
  return day;
}

/** Instant of a local date and minute of the day (0…1440), compatible rule. */
export function localTimeToUtc(timeZone: string, date: LocalDate, minute: number): number {
  return zoneDay(timeZone, dayNumberOfLocalDate(date)).toUtc(minute);
}

/** Local day number of an instant, from the day table when possible. */
export function localDayNumberOf(timeZone: string, instant: number): number {
  const utcDay = Math.floor(instant / DAY_MS);
  // Offsets lie within ±14 h, so the local day is the UTC day or one of its neighbours.
  for (let delta = 0; delta <= 2; delta++) {
    const dayNumber = zoneDay(timeZone, delta === 2 ? utcDay + 1 : utcDay - delta).dayNumberOf(
      instant,
    );
    if (dayNumber !== null) return dayNumber;
  }
  return intlLocalDayNumberOf(timeZone, instant);
}

/** Local day number of an instant straight from Intl, without the day table. */
export function intlLocalDayNumberOf(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetMsAt(timeZone, instant)) / DAY_MS);
}

/** Local calendar date ("YYYY-MM-DD") of an instant in a zone. */
export function localDateOf(timeZone: string, instant: number): LocalDate {
  return localDateOfDayNumber(localDayNumberOf(timeZone, instant));
}

/** ISO weekday (1 = Monday) of an instant in a zone. */
export function isoWeekdayOf(timeZone: string, instant: number): Weekday {
  return isoWeekdayOfDayNumber(localDayNumberOf(timeZone, instant));
}

/** Local minute of the day (0…1439, fractional below a minute) of an instant in a zone. */
export function localMinuteOf(timeZone: string, instant: number): number {
  const wall = instant + offsetMsAt(timeZone, instant);
  return (wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS;
}
