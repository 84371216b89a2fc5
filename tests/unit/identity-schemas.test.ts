import { describe, expect, it } from "vitest";
import {
  linkTokenSchema,
  loginSchema,
  resetPasswordSchema,
  signupSchema,
} from "~/modules/identity/credentials";
import { makeProfileSchema, type ProfileOptions } from "~/modules/identity/profile";
import { formatUtcOffset, isValidTimeZone, listTimeZones } from "~/modules/identity/time-zone";
import { hashToken, newToken } from "~/modules/identity/tokens.server";

describe("time zones", () => {
  it("accepts IANA names and rejects anything else", () => {
    for (const zone of ["Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo", "UTC"]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ["", "Mars/Olympus_Mons", "Europe/Berlin; drop table", "x".repeat(100)]) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });

  it("lists the runtime's zones, UTC included", () => {
    const zones = listTimeZones();
    expect(zones).toContain("Australia/Sydney");
    expect(zones).toContain("UTC");
    expect(zones.every(isValidTimeZone)).toBe(true);
  });

  it("formats offsets, half hours included", () => {
    const january = new Date("2026-01-15T12:00:00Z");
    expect(formatUtcOffset("Asia/Kolkata", january)).toBe("UTC+05:30");
    expect(formatUtcOffset("America/New_York", january)).toBe("UTC-05:00");
    expect(formatUtcOffset("UTC", january)).toBe("UTC");
  });
});

describe("sign-up and log-in schemas", () => {
  const valid = {
    name: " Ada ",
    email: " Ada@Example.COM ",
    password: "eight chr",
    timeZone: "Europe/London",
  };

  it("normalises email and name", () => {
    const result = signupSchema.safeParse(valid);
    expect(result.success && result.data).toMatchObject({ name: "Ada", email: "ada@example.com" });
  });

  it("takes long passphrases but caps absurd ones", () => {
    expect(signupSchema.safeParse({ ...valid, password: "a".repeat(512) }).success).toBe(true);
    expect(signupSchema.safeParse({ ...valid, password: "a".repeat(513) }).success).toBe(false);
    expect(signupSchema.safeParse({ ...valid, password: "seven c" }).success).toBe(false);
  });

  it("needs an email and a password to log in", () => {
    expect(loginSchema.safeParse({ email: "a@b.co" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "nope", password: "x" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "a@b.co", password: "x" }).success).toBe(true);
  });
});

describe("makeProfileSchema", () => {
  const options: ProfileOptions = {
    loops: [
      {
        slug: "loop-a",
        name: "Loop A",
        levels: [
          { code: "L3", title: "Entry" },
          { code: "L4", title: "Mid" },
        ],
        tracks: [{ slug: "backend", name: "Backend" }],
        rounds: [
          { slug: "coding", name: "Coding" },
          { slug: "design", name: "Design" },
        ],
      },
    ],
  };
  const schema = makeProfileSchema(options);
  const base = { name: "Ada", timeZone: "UTC" };
  const issuePaths = (input: unknown) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
  };

  it("accepts an empty target and a complete one", () => {
    expect(issuePaths(base)).toEqual([]);
    expect(
      issuePaths({
        ...base,
        targetLoop: "loop-a",
        targetTrack: "backend",
        targetLevel: "L4",
        currentLevel: "L3",
        languages: ["python"],
        interviewRounds: [
          { round: "coding", maxLevel: "L4" },
          { round: "design", maxLevel: "" },
        ],
      }),
    ).toEqual([]);
  });

  it("requires a loop before a track or level", () => {
    expect(issuePaths({ ...base, targetLevel: "L4" })).toEqual(["targetLevel"]);
    expect(issuePaths({ ...base, targetTrack: "backend" })).toEqual(["targetTrack"]);
  });

  it("rejects levels, tracks and rounds the loop does not have", () => {
    const paths = issuePaths({
      ...base,
      targetLoop: "loop-a",
      targetTrack: "research",
      targetLevel: "L7",
      interviewRounds: [
        { round: "karaoke", maxLevel: "L3" },
        { round: "coding", maxLevel: "L9" },
        { round: "coding", maxLevel: "L3" },
      ],
    });
    expect(paths).toEqual([
      "targetTrack",
      "targetLevel",
      "interviewRounds.0.round",
      "interviewRounds.1.maxLevel",
      "interviewRounds.2.round",
    ]);
  });

  it("rejects an unknown loop and unknown languages", () => {
    expect(issuePaths({ ...base, targetLoop: "loop-z" })).toEqual(["targetLoop"]);
    expect(issuePaths({ ...base, languages: ["cobol"] })).toEqual(["languages.0"]);
  });
});

describe("zone names", () => {
  it("stores the current IANA name for zones ICU still calls by an old one", async () => {
    const { timeZoneSchema } = await import("~/modules/identity/time-zone");
    expect(timeZoneSchema.parse("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(timeZoneSchema.parse("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(timeZoneSchema.parse("Europe/Berlin")).toBe("Europe/Berlin");
    expect(listTimeZones()).toContain("Asia/Kolkata");
    expect(listTimeZones()).not.toContain("Asia/Calcutta");
  });
});

describe("emailed link tokens", () => {
  it("accepts the tokens we mint and nothing shaped otherwise", () => {
    const { token, tokenHash } = newToken();
    expect(linkTokenSchema.safeParse(token).success).toBe(true);
    expect(hashToken(token)).toBe(tokenHash);
    expect(tokenHash).not.toBe(token);
    expect(newToken().token).not.toBe(token);
    for (const bad of [
      "",
      "short",
      "a".repeat(101),
      `${token}\u0000`,
      "<script>alert(1)</script>x",
    ]) {
      expect(linkTokenSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("asks a reset for a valid new password", () => {
    const { token } = newToken();
    expect(resetPasswordSchema.safeParse({ token, password: "long enough" }).success).toBe(true);
    expect(resetPasswordSchema.safeParse({ token, password: "short" }).success).toBe(false);
  });
});
