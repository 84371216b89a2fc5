import { describe, expect, it } from "vitest";
import {
  countSessionsByLocalDate,
  expandAvailability,
  fullLocalDays,
  mergeIntervals,
  minuteWindowsOn,
} from "~/modules/availability/expand";
import type {
  DateOverride,
  Interval,
  WeeklyAvailability,
  WeeklyRule,
} from "~/modules/availability/types";
import { dayNumberOfLocalDate, localDateOf } from "~/modules/availability/zoned-time";

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;

function weekly(
  timeZone: string,
  rules: WeeklyRule[],
  overrides: DateOverride[] = [],
): WeeklyAvailability {
  return { timeZone, rules, overrides };
}

/** Expansion as ISO strings, which reads better in failures. */
function expand(availability: WeeklyAvailability, from: string, to: string): string[][] {
  return expandAvailability(availability, { start: utc(from), end: utc(to) }).map((w) => [
    new Date(w.start).toISOString(),
    new Date(w.end).toISOString(),
  ]);
}

const hoursOf = (windows: string[][]) =>
  windows.map(([start, end]) => (utc(end!) - utc(start!)) / HOUR);

const at = (hours: number, minutes = 0) => hours * 60 + minutes;

describe("expandAvailability in America/New_York", () => {
  it("keeps an evening rule at the same local time across the fall-back change", () => {
    const mondays = weekly("America/New_York", [
      { weekday: 1, startMinute: at(18), endMinute: at(21) },
    ]);
    expect(expand(mondays, "2026-10-26T00:00Z", "2026-11-04T00:00Z")).toEqual([
      ["2026-10-26T22:00:00.000Z", "2026-10-27T01:00:00.000Z"],
      ["2026-11-02T23:00:00.000Z", "2026-11-03T02:00:00.000Z"],
    ]);
  });

  it("gives 01:00–03:00 on the fall-back night three real hours", () => {
    const sundays = weekly("America/New_York", [
      { weekday: 7, startMinute: at(1), endMinute: at(3) },
    ]);
    const windows = expand(sundays, "2026-10-31T00:00Z", "2026-11-02T00:00Z");
    expect(windows).toEqual([["2026-11-01T05:00:00.000Z", "2026-11-01T08:00:00.000Z"]]);
    expect(hoursOf(windows)).toEqual([3]);
  });

  it("gives 01:30–01:45 on the fall-back night its first occurrence only", () => {
    const sundays = weekly("America/New_York", [
      { weekday: 7, startMinute: at(1, 30), endMinute: at(1, 45) },
    ]);
    expect(expand(sundays, "2026-10-31T00:00Z", "2026-11-02T00:00Z")).toEqual([
      ["2026-11-01T05:30:00.000Z", "2026-11-01T05:45:00.000Z"],
    ]);
  });

  it("makes 02:00–03:00 on the spring-forward night empty", () => {
    const sundays = weekly("America/New_York", [
      { weekday: 7, startMinute: at(2), endMinute: at(3) },
    ]);
    expect(expand(sundays, "2026-03-07T00:00Z", "2026-03-10T00:00Z")).toEqual([]);
    // The same rule a week later is a normal hour.
    expect(expand(sundays, "2026-03-14T00:00Z", "2026-03-16T00:00Z")).toEqual([
      ["2026-03-15T06:00:00.000Z", "2026-03-15T07:00:00.000Z"],
    ]);
  });

  it("moves skipped boundaries forward by the gap", () => {
    const sundays = weekly("America/New_York", [
      // 01:00 EST to 03:00 EDT: one real hour.
      { weekday: 7, startMinute: at(1), endMinute: at(3) },
      // 02:30 does not exist; it becomes 03:30 EDT.
      { weekday: 7, startMinute: at(2, 30), endMinute: at(4) },
    ]);
    expect(expand(sundays, "2026-03-07T00:00Z", "2026-03-10T00:00Z")).toEqual([
      ["2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z"],
      ["2026-03-08T07:30:00.000Z", "2026-03-08T08:00:00.000Z"],
    ]);
  });

  it("reads endMinute 1440 as the next local midnight, also on change days", () => {
    const lateEvenings = weekly("America/New_York", [
      { weekday: 6, startMinute: at(20), endMinute: 1440 },
      { weekday: 7, startMinute: at(20), endMinute: 1440 },
    ]);
    expect(expand(lateEvenings, "2026-10-31T00:00Z", "2026-11-03T00:00Z")).toEqual([
      // Saturday 20:00 EDT to Sunday 00:00 EDT.
      ["2026-11-01T00:00:00.000Z", "2026-11-01T04:00:00.000Z"],
      // Sunday 20:00 EST to Monday 00:00 EST.
      ["2026-11-02T01:00:00.000Z", "2026-11-02T05:00:00.000Z"],
    ]);
  });

  it("merges windows that touch across midnight, through a clock change", () => {
    const overnight = weekly("America/New_York", [
      { weekday: 6, startMinute: at(22), endMinute: 1440 },
      { weekday: 7, startMinute: 0, endMinute: at(3) },
    ]);
    const windows = expand(overnight, "2026-10-31T00:00Z", "2026-11-02T00:00Z");
    // Saturday 22:00 EDT to Sunday 03:00 EST: six real hours, one window.
    expect(windows).toEqual([["2026-11-01T02:00:00.000Z", "2026-11-01T08:00:00.000Z"]]);
    expect(hoursOf(windows)).toEqual([6]);
  });
});

describe("expandAvailability in Europe/London", () => {
  const sundays = (startMinute: number, endMinute: number) =>
    weekly("Europe/London", [{ weekday: 7, startMinute, endMinute }]);

  it("drops the skipped hour on 2026-03-29", () => {
    expect(expand(sundays(at(1), at(2)), "2026-03-28T00:00Z", "2026-03-30T00:00Z")).toEqual([]);
    const windows = expand(sundays(0, at(3)), "2026-03-28T00:00Z", "2026-03-30T00:00Z");
    expect(windows).toEqual([["2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"]]);
  });

  it("keeps both runs of the repeated hour on 2026-10-25", () => {
    const windows = expand(sundays(at(1), at(2)), "2026-10-24T00:00Z", "2026-10-26T00:00Z");
    expect(windows).toEqual([["2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z"]]);
    expect(hoursOf(windows)).toEqual([2]);
  });

  it("shifts UTC times by an hour between summer and winter", () => {
    const tuesdays = weekly("Europe/London", [
      { weekday: 2, startMinute: at(9), endMinute: at(10) },
    ]);
    expect(expand(tuesdays, "2026-10-19T00:00Z", "2026-11-01T00:00Z")).toEqual([
      ["2026-10-20T08:00:00.000Z", "2026-10-20T09:00:00.000Z"],
      ["2026-10-27T09:00:00.000Z", "2026-10-27T10:00:00.000Z"],
    ]);
  });
});

describe("expandAvailability in Asia/Kolkata (UTC+05:30, no DST)", () => {
  const weekdays = weekly(
    "Asia/Kolkata",
    ([1, 2, 3, 4, 5] as const).map((weekday) => ({
      weekday,
      startMinute: at(9),
      endMinute: at(17, 30),
    })),
  );

  it("maps working hours to the same UTC times all year", () => {
    for (const week of ["2026-01-05", "2026-03-09", "2026-07-06", "2026-11-02"]) {
      const start = utc(`${week}T00:00+05:30`);
      const windows = expandAvailability(weekdays, { start, end: start + 7 * 24 * HOUR });
      expect(windows).toHaveLength(5);
      for (const window of windows) {
        expect(new Date(window.start).toISOString().slice(11, 16)).toBe("03:30");
        expect(new Date(window.end).toISOString().slice(11, 16)).toBe("12:00");
      }
    }
  });

  it("reads 1440 as the next local midnight, 18:30 UTC", () => {
    const evenings = weekly("Asia/Kolkata", [{ weekday: 3, startMinute: at(21), endMinute: 1440 }]);
    expect(expand(evenings, "2026-03-09T00:00Z", "2026-03-13T00:00Z")).toEqual([
      ["2026-03-11T15:30:00.000Z", "2026-03-11T18:30:00.000Z"],
    ]);
  });
});

describe("expandAvailability in Australia/Sydney (southern hemisphere)", () => {
  const sundayNights = weekly("Australia/Sydney", [
    { weekday: 7, startMinute: at(1), endMinute: at(4) },
  ]);

  it("gives 01:00–04:00 four real hours when DST ends on 2026-04-05", () => {
    const windows = expand(sundayNights, "2026-04-03T00:00Z", "2026-04-06T00:00Z");
    expect(windows).toEqual([["2026-04-04T14:00:00.000Z", "2026-04-04T18:00:00.000Z"]]);
    expect(hoursOf(windows)).toEqual([4]);
  });

  it("gives 01:00–04:00 two real hours when DST starts on 2026-10-04", () => {
    const windows = expand(sundayNights, "2026-10-02T00:00Z", "2026-10-05T00:00Z");
    expect(windows).toEqual([["2026-10-03T15:00:00.000Z", "2026-10-03T17:00:00.000Z"]]);
    expect(hoursOf(windows)).toEqual([2]);
  });

  it("is an hour earlier in UTC in January (summer) than in July (winter)", () => {
    const mornings = weekly("Australia/Sydney", [
      { weekday: 1, startMinute: at(8), endMinute: at(9) },
    ]);
    expect(expand(mornings, "2026-01-04T00:00Z", "2026-01-06T00:00Z")).toEqual([
      ["2026-01-04T21:00:00.000Z", "2026-01-04T22:00:00.000Z"],
    ]);
    expect(expand(mornings, "2026-07-05T00:00Z", "2026-07-07T00:00Z")).toEqual([
      ["2026-07-05T22:00:00.000Z", "2026-07-05T23:00:00.000Z"],
    ]);
  });
});

describe("expandAvailability in America/Sao_Paulo (UTC−03:00, no DST since 2019)", () => {
  it("maps a weekly rule to the same UTC time on every week of 2026", () => {
    const wednesdays = weekly("America/Sao_Paulo", [
      { weekday: 3, startMinute: at(19), endMinute: at(21) },
    ]);
    const windows = expandAvailability(wednesdays, {
      start: utc("2026-01-01T00:00Z"),
      end: utc("2027-01-01T00:00Z"),
    });
    expect(windows).toHaveLength(52);
    for (const window of windows) {
      expect(new Date(window.start).toISOString().slice(11, 16)).toBe("22:00");
      expect(window.end - window.start).toBe(2 * HOUR);
    }
  });
});

describe("overrides", () => {
  const weekdaysNine = weekly(
    "Europe/London",
    ([1, 2, 3, 4, 5] as const).map((weekday) => ({
      weekday,
      startMinute: at(9),
      endMinute: at(12),
    })),
  );
  const week = ["2026-06-01T00:00Z", "2026-06-08T00:00Z"] as const;

  it("drops all weekly windows of a date marked off", () => {
    const withOff: WeeklyAvailability = {
      ...weekdaysNine,
      rules: [...weekdaysNine.rules, { weekday: 3, startMinute: at(14), endMinute: at(15) }],
      overrides: [{ date: "2026-06-03", kind: "off" }],
    };
    const windows = expand(withOff, ...week);
    expect(windows.map(([start]) => start!.slice(0, 10))).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-04",
      "2026-06-05",
    ]);
  });

  it("still applies extra hours on a date marked off", () => {
    const windows = expand(
      {
        ...weekdaysNine,
        overrides: [
          { date: "2026-06-03", kind: "off" },
          { date: "2026-06-03", kind: "extra", startMinute: at(18), endMinute: at(19) },
        ],
      },
      ...week,
    );
    expect(windows).toContainEqual(["2026-06-03T17:00:00.000Z", "2026-06-03T18:00:00.000Z"]);
    expect(windows.filter(([start]) => start!.startsWith("2026-06-03"))).toHaveLength(1);
  });

  it("adds extra hours on a date without rules and merges extras with rules", () => {
    const windows = expand(
      {
        ...weekdaysNine,
        overrides: [
          { date: "2026-06-06", kind: "extra", startMinute: at(10), endMinute: at(11) },
          { date: "2026-06-01", kind: "extra", startMinute: at(11), endMinute: at(13) },
        ],
      },
      ...week,
    );
    expect(windows[0]).toEqual(["2026-06-01T08:00:00.000Z", "2026-06-01T12:00:00.000Z"]);
    expect(windows).toContainEqual(["2026-06-06T09:00:00.000Z", "2026-06-06T10:00:00.000Z"]);
    expect(windows).toHaveLength(6);
  });

  it("applies an override on the local date, not the UTC date", () => {
    // Tokyo's Tuesday 2026-06-02 runs from 2026-06-01T15:00Z.
    const tokyo = weekly(
      "Asia/Tokyo",
      [{ weekday: 2, startMinute: at(7), endMinute: at(8) }],
      [{ date: "2026-06-02", kind: "off" }],
    );
    expect(expand(tokyo, "2026-06-01T00:00Z", "2026-06-10T00:00Z")).toEqual([
      ["2026-06-08T22:00:00.000Z", "2026-06-08T23:00:00.000Z"],
    ]);
  });

  it("lists the minute windows of one date", () => {
    const availability = {
      rules: [
        { weekday: 1, startMinute: at(9), endMinute: at(10) },
        { weekday: 2, startMinute: at(9), endMinute: at(10) },
        // Out of range or empty rules cost their owner a window, nothing more.
        { weekday: 1, startMinute: at(20), endMinute: 2000 },
        { weekday: 1, startMinute: at(5), endMinute: at(5) },
      ] satisfies WeeklyRule[],
      overrides: [
        { date: "2026-06-01", kind: "extra", startMinute: at(12), endMinute: at(13) },
      ] satisfies DateOverride[],
    };
    expect(minuteWindowsOn(availability, "2026-06-01", 1)).toEqual([
      { startMinute: at(9), endMinute: at(10) },
      { startMinute: at(20), endMinute: 1440 },
      { startMinute: at(12), endMinute: at(13) },
    ]);
  });
});

describe("ranges and merging", () => {
  const daily = weekly(
    "UTC",
    ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
      weekday,
      startMinute: at(9),
      endMinute: at(17),
    })),
  );

  it("clips windows to a range that starts and ends mid-window", () => {
    expect(expand(daily, "2026-06-01T12:30Z", "2026-06-02T10:00Z")).toEqual([
      ["2026-06-01T12:30:00.000Z", "2026-06-01T17:00:00.000Z"],
      ["2026-06-02T09:00:00.000Z", "2026-06-02T10:00:00.000Z"],
    ]);
  });

  it("returns nothing for an empty or inverted range", () => {
    expect(expand(daily, "2026-06-01T12:00Z", "2026-06-01T12:00Z")).toEqual([]);
    expect(expand(daily, "2026-06-02T12:00Z", "2026-06-01T12:00Z")).toEqual([]);
  });

  it("merges overlapping and touching rules of one day, in any order", () => {
    const messy = weekly("Asia/Kolkata", [
      { weekday: 1, startMinute: at(14), endMinute: at(16) },
      { weekday: 1, startMinute: at(9), endMinute: at(11) },
      { weekday: 1, startMinute: at(10), endMinute: at(12) },
      { weekday: 1, startMinute: at(12), endMinute: at(13) },
    ]);
    expect(expand(messy, "2026-06-01T00:00Z", "2026-06-02T00:00Z")).toEqual([
      ["2026-06-01T03:30:00.000Z", "2026-06-01T07:30:00.000Z"],
      ["2026-06-01T08:30:00.000Z", "2026-06-01T10:30:00.000Z"],
    ]);
  });

  it("returns sorted, disjoint, non-touching windows inside the range", () => {
    const zones = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata"];
    for (const timeZone of zones) {
      const availability = weekly(timeZone, [
        { weekday: 6, startMinute: at(22), endMinute: 1440 },
        { weekday: 7, startMinute: 0, endMinute: at(4) },
        { weekday: 7, startMinute: at(1), endMinute: at(2, 30) },
        { weekday: 7, startMinute: at(23), endMinute: 1440 },
        { weekday: 1, startMinute: 0, endMinute: at(1) },
      ]);
      for (const [from, to] of [
        ["2026-03-01T00:00Z", "2026-04-15T00:00Z"],
        ["2026-09-25T00:00Z", "2026-11-10T00:00Z"],
      ] as const) {
        const range = { start: utc(from), end: utc(to) };
        const windows = expandAvailability(availability, range);
        windows.forEach((window, k) => {
          expect(window.end).toBeGreaterThan(window.start);
          expect(window.start).toBeGreaterThanOrEqual(range.start);
          expect(window.end).toBeLessThanOrEqual(range.end);
          const previous = windows[k - 1];
          if (previous) expect(window.start).toBeGreaterThan(previous.end);
        });
      }
    }
  });

  it("merges intervals given in any order", () => {
    const intervals: Interval[] = [
      { start: 30, end: 40 },
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 5, end: 6 },
      { start: 50, end: 50 },
    ];
    expect(mergeIntervals(intervals)).toEqual([
      { start: 0, end: 20 },
      { start: 30, end: 40 },
    ]);
    expect(intervals[1]).toEqual({ start: 0, end: 10 });
  });
});

describe("sessions per local date", () => {
  it("counts sessions by the local date of their start", () => {
    const sessions: Interval[] = [
      // 2026-06-01 23:30 and 22:00 in New York are already 2026-06-02 in UTC.
      { start: utc("2026-06-02T03:30Z"), end: utc("2026-06-02T04:30Z") },
      { start: utc("2026-06-02T02:00Z"), end: utc("2026-06-02T03:00Z") },
      { start: utc("2026-06-02T14:00Z"), end: utc("2026-06-02T15:00Z") },
    ];
    expect(countSessionsByLocalDate("America/New_York", sessions)).toEqual(
      new Map([
        ["2026-06-01", 2],
        ["2026-06-02", 1],
      ]),
    );
    expect(countSessionsByLocalDate("UTC", sessions)).toEqual(new Map([["2026-06-02", 3]]));
    expect(fullLocalDays("America/New_York", sessions, 2)).toEqual(
      new Set([dayNumberOfLocalDate("2026-06-01")]),
    );
    expect(fullLocalDays("America/New_York", sessions, 3)).toEqual(new Set());
  });

  it("counts by the local date across a clock change", () => {
    // 00:30 EDT and 23:30 EST on 2026-11-01 are 25 hours apart but one local date.
    const sessions = [
      { start: utc("2026-11-01T04:30Z"), end: utc("2026-11-01T05:30Z") },
      { start: utc("2026-11-02T04:30Z"), end: utc("2026-11-02T05:30Z") },
    ];
    expect(localDateOf("America/New_York", sessions[1]!.start)).toBe("2026-11-01");
    expect(countSessionsByLocalDate("America/New_York", sessions)).toEqual(
      new Map([["2026-11-01", 2]]),
    );
  });
});
