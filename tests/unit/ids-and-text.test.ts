import { describe, expect, it } from "vitest";
import { overrideDateProblem } from "~/modules/availability/availability-form";
import { buildFeed, buildInvite } from "~/modules/notify/ics";
import { isCalendarDate, parseInstant } from "~/utils/datetime";
import { parseSerialId, parseUuid } from "~/utils/ids";
import { isOneLine, toOneLine } from "~/utils/text";

describe("parseUuid", () => {
  it("accepts uuids, in canonical lower case", () => {
    expect(parseUuid("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(
      "0f8fad5b-d9cb-469f-a165-70867728950e",
    );
    expect(parseUuid("0F8FAD5B-D9CB-469F-A165-70867728950E")).toBe(
      "0f8fad5b-d9cb-469f-a165-70867728950e",
    );
  });

  it.each([
    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
    "------------------------------------",
    "0f8fad5bd9cb469fa16570867728950e0000",
    "0f8fad5b-d9cb-469f-a165-70867728950e\n",
    " 0f8fad5b-d9cb-469f-a165-70867728950e",
    "",
    "1",
    null,
    undefined,
    42,
  ])("refuses %j", (value) => {
    expect(parseUuid(value)).toBeNull();
  });
});

describe("parseSerialId", () => {
  it("accepts plain positive integers", () => {
    expect(parseSerialId("1")).toBe(1);
    expect(parseSerialId("9007199254740991")).toBe(9007199254740991);
  });

  it.each([
    "0",
    "-1",
    "1.5",
    "1e3",
    "1e400",
    "99999999999999999999",
    "9007199254740992",
    " 1",
    "01",
    "",
    "abc",
    null,
  ])("refuses %j", (value) => {
    expect(parseSerialId(value)).toBeNull();
  });
});

describe("parseInstant", () => {
  it("reads ISO instants with an offset", () => {
    expect(parseInstant("2026-03-01T10:00:00.000Z")?.toISOString()).toBe(
      "2026-03-01T10:00:00.000Z",
    );
    expect(parseInstant("2026-03-01T12:00+02:00")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it.each(["tomorrow", "2026-03-01", "2026-02-30T10:00:00Z", "+275760-09-13T00:00:00Z", "", null])(
    "refuses %j",
    (value) => {
      expect(parseInstant(value)).toBeNull();
    },
  );
});

describe("one-line text", () => {
  it.each(["Ada Lovelace", "Zoë O'Brien-Łukasz", "李小龍", "🙂"])("accepts %j", (value) => {
    expect(isOneLine(value)).toBe(true);
  });

  it.each([
    "a\r\nb",
    "a\nb",
    "a\rb",
    "a\tb",
    "a\u0000b",
    "a\u0007b",
    "a\u007fb",
    "a\u0085b",
    "a\u2028b",
  ])("refuses %j and flattens it", (value) => {
    expect(isOneLine(value)).toBe(false);
    expect(isOneLine(toOneLine(value))).toBe(true);
  });
});

describe("isCalendarDate", () => {
  it.each(["2024-02-29", "2026-12-31", "0001-01-01"])("accepts %s", (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    "2025-02-29",
    "2025-02-30",
    "2026-04-31",
    "0000-01-01",
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "20260101",
    "",
  ])("refuses %j", (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe("overrideDateProblem", () => {
  it("allows today up to the limit ahead, in the person's own calendar", () => {
    expect(overrideDateProblem("2026-03-01", "2026-03-01")).toBeNull();
    expect(overrideDateProblem("2026-02-28", "2026-03-01")).toBe("past_date");
    expect(overrideDateProblem("2027-03-02", "2026-03-01")).toBeNull();
    expect(overrideDateProblem("2027-03-03", "2026-03-01")).toBe("too_far");
  });
});

describe("calendar documents", () => {
  const event = {
    sessionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
    sequence: 0,
    start: new Date("2026-03-01T10:00:00Z"),
    end: new Date("2026-03-01T11:00:00Z"),
    title: "Mock\r\nX-INJECTED:1",
    description: "line one\nline two",
    cancelled: false,
    attendees: [{ name: "Mal\r\nX-INJECTED:1", email: "mal@example.test" }],
  };

  it("never lets a name or title start a line of its own", () => {
    for (const ics of [buildFeed("Peerloop: Mal\r\nX-INJECTED:1", [event]), buildInvite(event)]) {
      const lines = ics.split("\r\n");
      expect(lines.some((line) => line.startsWith("X-INJECTED"))).toBe(false);
      expect(lines.every((line) => !/[\r\n]/.test(line))).toBe(true);
    }
  });
});
