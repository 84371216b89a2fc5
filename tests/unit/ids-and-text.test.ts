import { describe, expect, it } from "vitest";
import { parseInstant } from "~/utils/datetime";
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
