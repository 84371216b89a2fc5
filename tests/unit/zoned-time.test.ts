import { describe, expect, it } from "vitest";
import {
  addDaysToLocalDate,
  DAY_MS,
  dayNumberOfLocalDate,
  eachLocalDate,
  intlLocalDayNumberOf,
  isKnownTimeZone,
  isoWeekdayOf,
  isoWeekdayOfLocalDate,
  localDateOf,
  localDateOfDayNumber,
  localDayNumberOf,
  localMinuteOf,
  localTimeToUtc,
  MINUTE_MS,
  offsetMinutesAt,
  wallTimeToUtc,
  zoneDay,
} from "~/modules/availability/zoned-time";

const utc = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

// An independent reading of wall clocks, through formatToParts rather than the module's
// format() parsing, for the brute-force checks below.
const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
function referenceWall(timeZone: string, instant: number): number {
  let formatter = referenceFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    referenceFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
  );
}

/**
 * Local dates of 2026 that are not 24 hours long: midnight to midnight through the exact
 * Intl conversion (checked against brute force below).
 */
function changeDates2026(timeZone: string): string[] {
  const dates: string[] = [];
  for (const date of eachLocalDate("2026-01-01", "2026-12-31")) {
    const wallMidnight = dayNumberOfLocalDate(date) * DAY_MS;
    const length =
      wallTimeToUtc(timeZone, wallMidnight + DAY_MS) - wallTimeToUtc(timeZone, wallMidnight);
    if (length !== DAY_MS) dates.push(date);
  }
  return dates;
}

/**
 * The compatible rule by brute force: read the wall clock of every minute around the
 * date; an existing wall time takes its earliest instant, a skipped one moves forward
 * by the gap (read with the offset in force just before the gap).
 */
function bruteForceDay(timeZone: string, date: string): number[] {
  const wallMidnight = dayNumberOfLocalDate(date) * DAY_MS;
  const first = wallMidnight - 16 * 3600_000;
  const last = wallMidnight + DAY_MS + 16 * 3600_000;
  const scanned: { instant: number; wall: number }[] = [];
  for (let instant = first; instant <= last; instant += MINUTE_MS) {
    scanned.push({ instant, wall: referenceWall(timeZone, instant) });
  }
  const earliest = new Map<number, number>();
  for (const { instant, wall } of scanned) {
    if (!earliest.has(wall)) earliest.set(wall, instant);
  }
  const result: number[] = [];
  for (let minute = 0; minute <= 1440; minute++) {
    const wall = wallMidnight + minute * MINUTE_MS;
    const found = earliest.get(wall);
    if (found !== undefined) {
      result.push(found);
      continue;
    }
    const lastBefore = scanned.filter((entry) => entry.wall < wall).at(-1)!;
    result.push(wall - (lastBefore.wall - lastBefore.instant));
  }
  return result;
}

const ZONES_UNDER_TEST = {
  "America/New_York": ["2026-03-08", "2026-11-01"],
  "Europe/London": ["2026-03-29", "2026-10-25"],
  "Australia/Sydney": ["2026-04-05", "2026-10-04"],
  "Asia/Kolkata": [],
  "America/Sao_Paulo": [],
} as const;

// Zones with changes at midnight (Havana, Beirut), at 24:00 (Santiago), by 30 minutes
// (Lord Howe), at :45 offsets (Chatham), and backwards for Ramadan (Casablanca).
const MORE_ZONES = [
  "America/Havana",
  "Asia/Beirut",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Africa/Casablanca",
];

describe("offsets and clock changes of 2026, read from Intl", () => {
  it.each(Object.entries(ZONES_UNDER_TEST))("%s changes its clocks on %j", (zone, dates) => {
    expect(changeDates2026(zone)).toEqual(dates);
    // Straight from Intl: the offset differs between the noons either side of each date.
    for (const date of dates) {
      const noon = dayNumberOfLocalDate(date) * DAY_MS + 12 * 3600_000;
      expect(offsetMinutesAt(zone, noon - DAY_MS)).not.toBe(offsetMinutesAt(zone, noon + DAY_MS));
    }
  });

  it("gives the offsets either side of each change", () => {
    expect(offsetMinutesAt("America/New_York", utc("2026-01-15T12:00Z"))).toBe(-300);
    expect(offsetMinutesAt("America/New_York", utc("2026-07-15T12:00Z"))).toBe(-240);
    expect(offsetMinutesAt("Europe/London", utc("2026-01-15T12:00Z"))).toBe(0);
    expect(offsetMinutesAt("Europe/London", utc("2026-07-15T12:00Z"))).toBe(60);
    // Southern hemisphere: summer time in January, standard time in July.
    expect(offsetMinutesAt("Australia/Sydney", utc("2026-01-15T12:00Z"))).toBe(660);
    expect(offsetMinutesAt("Australia/Sydney", utc("2026-07-15T12:00Z"))).toBe(600);
  });

  it("keeps Asia/Kolkata at UTC+05:30 all year", () => {
    for (let day = 0; day < 365; day++) {
      expect(offsetMinutesAt("Asia/Kolkata", utc("2026-01-01T00:00Z") + day * DAY_MS)).toBe(330);
    }
  });

  it("keeps America/Sao_Paulo at UTC−03:00 all year (no DST since 2019)", () => {
    for (let day = 0; day < 365; day++) {
      for (const hour of [0, 6, 12, 18]) {
        const instant = utc("2026-01-01T00:00Z") + day * DAY_MS + hour * 3600_000;
        expect(offsetMinutesAt("America/Sao_Paulo", instant)).toBe(-180);
      }
    }
  });

  it("finds the instants of the changes", () => {
    const instantOf = (zone: string, date: string) => zoneDay(zone, dayNumberOfLocalDate(date));
    expect(instantOf("America/New_York", "2026-03-08").transition?.at).toBe(
      utc("2026-03-08T07:00Z"),
    );
    expect(instantOf("America/New_York", "2026-11-01").transition?.at).toBe(
      utc("2026-11-01T06:00Z"),
    );
    expect(instantOf("Europe/London", "2026-03-29").transition?.at).toBe(utc("2026-03-29T01:00Z"));
    expect(instantOf("Europe/London", "2026-10-25").transition?.at).toBe(utc("2026-10-25T01:00Z"));
    expect(instantOf("Australia/Sydney", "2026-04-05").transition?.at).toBe(
      utc("2026-04-04T16:00Z"),
    );
    expect(instantOf("Australia/Sydney", "2026-10-04").transition?.at).toBe(
      utc("2026-10-03T16:00Z"),
    );
  });

  it("rejects unknown zones", () => {
    expect(isKnownTimeZone("Europe/Paris")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(() => offsetMinutesAt("Mars/Olympus_Mons", 0)).toThrow(RangeError);
  });
});

describe("local time → UTC with the compatible rule", () => {
  it.each([
    // New York: 02:00 → 03:00 on 2026-03-08, 02:00 → 01:00 on 2026-11-01.
    ["America/New_York", "2026-03-08", "01:59", "2026-03-08T06:59:00.000Z"],
    ["America/New_York", "2026-03-08", "02:00", "2026-03-08T07:00:00.000Z"],
    ["America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00.000Z"],
    ["America/New_York", "2026-03-08", "03:00", "2026-03-08T07:00:00.000Z"],
    ["America/New_York", "2026-11-01", "00:59", "2026-11-01T04:59:00.000Z"],
    ["America/New_York", "2026-11-01", "01:00", "2026-11-01T05:00:00.000Z"],
    ["America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"],
    ["America/New_York", "2026-11-01", "02:00", "2026-11-01T07:00:00.000Z"],
    // London: 01:00 → 02:00 on 2026-03-29, 02:00 → 01:00 on 2026-10-25.
    ["Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00.000Z"],
    ["Europe/London", "2026-03-29", "02:00", "2026-03-29T01:00:00.000Z"],
    ["Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"],
    ["Europe/London", "2026-10-25", "02:00", "2026-10-25T02:00:00.000Z"],
    // Sydney: 03:00 → 02:00 on 2026-04-05, 02:00 → 03:00 on 2026-10-04.
    ["Australia/Sydney", "2026-04-05", "02:30", "2026-04-04T15:30:00.000Z"],
    ["Australia/Sydney", "2026-04-05", "03:00", "2026-04-04T17:00:00.000Z"],
    ["Australia/Sydney", "2026-10-04", "02:30", "2026-10-03T16:30:00.000Z"],
    ["Australia/Sydney", "2026-10-04", "03:00", "2026-10-03T16:00:00.000Z"],
    // Half-hour offset, no DST.
    ["Asia/Kolkata", "2026-03-08", "00:00", "2026-03-07T18:30:00.000Z"],
    ["Asia/Kolkata", "2026-11-01", "24:00", "2026-11-01T18:30:00.000Z"],
    ["America/Sao_Paulo", "2026-10-18", "00:00", "2026-10-18T03:00:00.000Z"],
  ])("%s %s %s is %s", (zone, date, time, expected) => {
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const minute = hours * 60 + minutes;
    expect(iso(localTimeToUtc(zone, date, minute))).toBe(expected);
    expect(iso(wallTimeToUtc(zone, dayNumberOfLocalDate(date) * DAY_MS + minute * MINUTE_MS))).toBe(
      expected,
    );
  });

  it("agrees with a brute-force scan on every minute around each 2026 change", () => {
    for (const zone of [...Object.keys(ZONES_UNDER_TEST), ...MORE_ZONES]) {
      const dates = changeDates2026(zone);
      if (zone in ZONES_UNDER_TEST) expect(dates.length).toBeLessThanOrEqual(2);
      for (const changeDate of dates) {
        for (const date of [-1, 0, 1].map((delta) => addDaysToLocalDate(changeDate, delta))) {
          const day = zoneDay(zone, dayNumberOfLocalDate(date));
          const expected = bruteForceDay(zone, date);
          const table = expected.map((_, minute) => day.toUtc(minute));
          const exact = expected.map((_, minute) =>
            wallTimeToUtc(zone, day.dayNumber * DAY_MS + minute * MINUTE_MS),
          );
          expect({ zone, date, table: table.map(iso) }).toEqual({
            zone,
            date,
            table: expected.map(iso),
          });
          expect(exact).toEqual(expected);
        }
      }
    }
  });

  it("uses plain arithmetic only on days no change reaches, for every day of 2026", () => {
    const minutes = [0, 1, 59, 60, 90, 120, 150, 180, 181, 720, 1380, 1439, 1440];
    for (const zone of [...Object.keys(ZONES_UNDER_TEST), ...MORE_ZONES]) {
      const changes = new Set(changeDates2026(zone));
      for (const date of eachLocalDate("2026-01-01", "2026-12-31")) {
        const day = zoneDay(zone, dayNumberOfLocalDate(date));
        // Only the day of the change itself is flagged: its neighbours stay fast.
        expect({ zone, date, changes: day.offsetChanges }).toEqual({
          zone,
          date,
          changes: changes.has(date),
        });
        for (const minute of minutes) {
          const wall = day.dayNumber * DAY_MS + minute * MINUTE_MS;
          expect(day.toUtc(minute)).toBe(wallTimeToUtc(zone, wall));
        }
        if (!day.offsetChanges) {
          expect(day.midnightUtc).toBe(day.dayNumber * DAY_MS - day.offsetMs);
        }
      }
    }
  });

  it("moves a skipped local midnight forward (Havana springs from 00:00 to 01:00)", () => {
    const date = changeDates2026("America/Havana")[0]!;
    const day = zoneDay("America/Havana", dayNumberOfLocalDate(date));
    expect(day.midnightUtc).toBe(day.toUtc(60));
    expect(localMinuteOf("America/Havana", day.midnightUtc)).toBe(60);
  });
});

describe("local dates and weekdays of instants", () => {
  it.each([
    ["America/New_York", "2026-03-08T04:59:00Z", "2026-03-07", 6],
    ["America/New_York", "2026-03-08T05:00:00Z", "2026-03-08", 7],
    ["America/New_York", "2026-11-02T04:59:00Z", "2026-11-01", 7],
    ["America/New_York", "2026-11-02T05:00:00Z", "2026-11-02", 1],
    ["Europe/London", "2026-10-24T22:59:59Z", "2026-10-24", 6],
    ["Europe/London", "2026-10-24T23:00:00Z", "2026-10-25", 7],
    ["Asia/Kolkata", "2026-01-01T18:29:59Z", "2026-01-01", 4],
    ["Asia/Kolkata", "2026-01-01T18:30:00Z", "2026-01-02", 5],
    ["Australia/Sydney", "2026-10-03T13:59:00Z", "2026-10-03", 6],
    ["Australia/Sydney", "2026-10-03T14:00:00Z", "2026-10-04", 7],
    ["Australia/Sydney", "2026-04-04T12:59:00Z", "2026-04-04", 6],
    ["Australia/Sydney", "2026-04-04T13:00:00Z", "2026-04-05", 7],
    ["America/Sao_Paulo", "2026-06-01T02:59:00Z", "2026-05-31", 7],
    ["America/Sao_Paulo", "2026-06-01T03:00:00Z", "2026-06-01", 1],
  ])("%s at %s is %s (weekday %i)", (zone, instant, date, weekday) => {
    expect(localDateOf(zone, utc(instant))).toBe(date);
    expect(isoWeekdayOf(zone, utc(instant))).toBe(weekday);
  });

  it("agrees with Intl on every half hour of 2026", () => {
    for (const zone of Object.keys(ZONES_UNDER_TEST)) {
      for (let instant = utc("2026-01-01T00:00Z"); instant < utc("2027-01-01T00:00Z"); ) {
        expect(localDayNumberOf(zone, instant)).toBe(intlLocalDayNumberOf(zone, instant));
        instant += 30 * MINUTE_MS;
      }
    }
  });

  it("agrees with Intl every 5 minutes around the changes of unusual zones", () => {
    for (const zone of MORE_ZONES) {
      for (const date of changeDates2026(zone)) {
        const around = dayNumberOfLocalDate(date) * DAY_MS;
        for (let instant = around - DAY_MS; instant < around + 2 * DAY_MS; ) {
          expect(localDayNumberOf(zone, instant)).toBe(intlLocalDayNumberOf(zone, instant));
          instant += 5 * MINUTE_MS;
        }
      }
    }
  });

  it("reads the local minute of the day", () => {
    expect(localMinuteOf("Asia/Kolkata", utc("2026-05-05T00:00Z"))).toBe(330);
    expect(localMinuteOf("America/New_York", utc("2026-11-01T05:30Z"))).toBe(90);
    expect(localMinuteOf("America/New_York", utc("2026-11-01T06:30Z"))).toBe(90);
  });
});

describe("calendar dates", () => {
  it("converts between dates and day numbers and weekdays", () => {
    expect(dayNumberOfLocalDate("1970-01-01")).toBe(0);
    expect(localDateOfDayNumber(dayNumberOfLocalDate("2026-03-08"))).toBe("2026-03-08");
    expect(isoWeekdayOfLocalDate("2026-03-08")).toBe(7);
    expect(isoWeekdayOfLocalDate("2026-06-01")).toBe(1);
    expect(isoWeekdayOfLocalDate("1969-12-31")).toBe(3);
    expect(() => dayNumberOfLocalDate("2026-02-30")).toThrow(RangeError);
    expect(() => dayNumberOfLocalDate("2026-3-8")).toThrow(RangeError);
  });

  it("iterates every date once, across month, year and clock changes", () => {
    expect([...eachLocalDate("2026-10-30", "2026-11-02")]).toEqual([
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
    expect([...eachLocalDate("2026-12-30", "2027-01-02")]).toHaveLength(4);
    expect([...eachLocalDate("2026-01-01", "2026-12-31")]).toHaveLength(365);
    expect([...eachLocalDate("2026-05-02", "2026-05-01")]).toEqual([]);
    expect(addDaysToLocalDate("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDaysToLocalDate("2028-02-28", 1)).toBe("2028-02-29");
  });
});
