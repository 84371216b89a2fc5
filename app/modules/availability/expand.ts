import type { Interval, LocalDate, Weekday, WeeklyAvailability, WeeklyRule } from "./types";
import { localDateOfDayNumber, localDayNumberOf, zoneDay } from "./zoned-time";

// Weekly rules are wall-clock promises ("Tuesdays 18:00–21:00 where I live"), so they are
// expanded date by date in the person's zone (design invariant 5). Each window's two
// boundaries are converted on their own with the compatible rule, and the union is taken
// afterwards: merging in wall minutes first would give a different answer on the night
// the clocks jump.

/** A window of local wall-clock minutes on one date; end 1440 is the next midnight. */
export interface MinuteWindow {
  startMinute: number;
  endMinute: number;
}

function clampedWindow(startMinute: number, endMinute: number): MinuteWindow | null {
  // Stored rules are validated, but one bad row should cost its owner a window, not
  // break matching for everybody.
  const start = Math.max(0, startMinute);
  const end = Math.min(1440, endMinute);
  return end > start ? { startMinute: start, endMinute: end } : null;
}

/**
 * The wall-clock windows that apply on one local date: the weekly rules of its weekday
 * unless the date is marked off, plus the extra hours added for that date.
 */
export function minuteWindowsOn(
  weekly: Pick<WeeklyAvailability, "rules" | "overrides">,
  date: LocalDate,
  weekday: Weekday,
): MinuteWindow[] {
  const windows: MinuteWindow[] = [];
  const off = weekly.overrides.some((o) => o.date === date && o.kind === "off");
  if (!off) {
    for (const rule of weekly.rules) {
      if (rule.weekday !== weekday) continue;
      const window = clampedWindow(rule.startMinute, rule.endMinute);
      if (window) windows.push(window);
    }
  }
  for (const override of weekly.overrides) {
    if (override.date !== date || override.kind !== "extra") continue;
    const window = clampedWindow(override.startMinute, override.endMinute);
    if (window) windows.push(window);
  }
  return windows;
}

/** Sorts and merges intervals; touching intervals ([a, b) and [b, c)) become one. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/**
 * The person's free time within `range` as sorted, merged UTC intervals. Weekly rules
 * apply on each local date by ISO weekday; an "off" override drops that date's weekly
 * windows (its extras still apply); wall times are converted with the compatible rule.
 */
export function expandAvailability(weekly: WeeklyAvailability, range: Interval): Interval[] {
  if (!(range.end > range.start)) return [];
  const { timeZone } = weekly;
  const rulesByWeekday: WeeklyRule[][] = [[], [], [], [], [], [], []];
  for (const rule of weekly.rules) rulesByWeekday[rule.weekday - 1]?.push(rule);
  const offDates = new Set<LocalDate>();
  const extrasByDate = new Map<LocalDate, MinuteWindow[]>();
  for (const override of weekly.overrides) {
    if (override.kind === "off") {
      offDates.add(override.date);
    } else {
      const extras = extrasByDate.get(override.date) ?? [];
      extras.push(override);
      extrasByDate.set(override.date, extras);
    }
  }

  const windows: Interval[] = [];
  const addWindow = (dayNumber: number, startMinute: number, endMinute: number) => {
    const window = clampedWindow(startMinute, endMinute);
    if (!window) return;
    const day = zoneDay(timeZone, dayNumber);
    const start = Math.max(range.start, day.toUtc(window.startMinute));
    const end = Math.min(range.end, day.toUtc(window.endMinute));
    if (end > start) windows.push({ start, end });
  };
  // A window of one date can reach a neighbouring date's instants (1440, skipped times),
  // so one extra date on each side.
  const firstDay = localDayNumberOf(timeZone, range.start) - 1;
  const lastDay = localDayNumberOf(timeZone, range.end) + 1;
  for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber++) {
    const day = zoneDay(timeZone, dayNumber);
    if (!offDates.has(day.date)) {
      for (const rule of rulesByWeekday[day.weekday - 1] ?? []) {
        addWindow(dayNumber, rule.startMinute, rule.endMinute);
      }
    }
    for (const extra of extrasByDate.get(day.date) ?? []) {
      addWindow(dayNumber, extra.startMinute, extra.endMinute);
    }
  }
  return mergeIntervals(windows);
}

/** How many of `sessions` start on each local day (day number) of the zone. */
export function countSessionsByLocalDay(
  timeZone: string,
  sessions: readonly Interval[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const session of sessions) {
    const dayNumber = localDayNumberOf(timeZone, session.start);
    counts.set(dayNumber, (counts.get(dayNumber) ?? 0) + 1);
  }
  return counts;
}

/** How many of `sessions` start on each local date of the zone, for the daily cap. */
export function countSessionsByLocalDate(
  timeZone: string,
  sessions: readonly Interval[],
): Map<LocalDate, number> {
  const counts = new Map<LocalDate, number>();
  for (const [dayNumber, count] of countSessionsByLocalDay(timeZone, sessions)) {
    counts.set(localDateOfDayNumber(dayNumber), count);
  }
  return counts;
}

/**
 * Local days (day numbers) on which the person already has `maxSessionsPerDay` sessions
 * or more, so no further session may start there.
 */
export function fullLocalDays(
  timeZone: string,
  sessions: readonly Interval[],
  maxSessionsPerDay: number,
): Set<number> {
  const full = new Set<number>();
  // Fewer sessions than the cap cannot fill any day: skip the zone lookups.
  if (sessions.length < maxSessionsPerDay) return full;
  for (const [dayNumber, count] of countSessionsByLocalDay(timeZone, sessions)) {
    if (count >= maxSessionsPerDay) full.add(dayNumber);
  }
  return full;
}
