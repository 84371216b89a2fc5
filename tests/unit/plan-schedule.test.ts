import { describe, expect, it } from "vitest";
import {
  MOCKS_BY_STATUS,
  type PlanInput,
  type PlanRoundInput,
  PREP_MINUTES,
  planSchedule,
} from "~/modules/plan/plan-schedule";

// The planner's schedule on a fixed clock: today is Wednesday 2 December 2026.
const TODAY = "2026-12-02";

const round = (
  slug: string,
  status: PlanRoundInput["readiness"]["status"],
  percent: number | null = null,
  stage: PlanRoundInput["stage"] = "onsite",
): PlanRoundInput => ({
  slug,
  name: slug,
  durationMinutes: 60,
  stage,
  readiness: { status, percent },
});

const LOOP: PlanRoundInput[] = [
  round("phone-screen", "close", 50, "screen"),
  round("coding", "not_yet", 30),
  round("spark-deep-dive", "no_evidence"),
  round("ml-system-design", "close", 55),
  round("behavioral", "ready", 70),
];

function plan(overrides: Partial<PlanInput> = {}) {
  return planSchedule({
    today: TODAY,
    onsiteDate: "2027-01-13",
    phoneScreenDate: "2026-12-16",
    hoursPerWeek: 10,
    rounds: LOOP,
    ...overrides,
  });
}

const weekOf = (result: ReturnType<typeof plan>, slug: string) =>
  result.weeks.flatMap((w) => w.mocks.filter((m) => m.roundSlug === slug).map(() => w.start));

describe("the plan's schedule", () => {
  it("lays out every round's mocks backwards from the dates, within the hours", () => {
    const result = plan();
    expect(result.problems).toEqual([]);
    // Weeks from this Monday to the onsite's week, the onsite and phone screen marked.
    expect(result.weeks.map((w) => w.start)).toEqual([
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
      "2026-12-21",
      "2026-12-28",
      "2027-01-04",
      "2027-01-11",
    ]);
    expect(result.weeks.find((w) => w.containsOnsite)?.start).toBe("2027-01-11");
    expect(result.weeks.find((w) => w.containsPhoneScreen)?.start).toBe("2026-12-14");
    for (const r of result.rounds) {
      expect(r.planned, r.slug).toBe(MOCKS_BY_STATUS[r.gate.status]);
    }
    for (const week of result.weeks) {
      expect(week.minutes).toBeLessThanOrEqual(10 * 60);
      expect(week.minutes).toBe(week.mocks.length * (60 + PREP_MINUTES));
      for (const mock of week.mocks) {
        const due = result.rounds.find((r) => r.slug === mock.roundSlug)!.dueBy;
        expect(mock.dueBy <= due).toBe(true);
        expect(mock.dueBy < "2027-01-13").toBe(true);
      }
    }
  });

  it("plans the least ready rounds first and earlier, and the ready one near the end", () => {
    const result = plan();
    expect(weekOf(result, "coding")).toEqual(["2026-11-30", "2026-12-07", "2026-12-14"]);
    expect(weekOf(result, "spark-deep-dive")).toEqual(["2026-11-30", "2026-12-07", "2026-12-14"]);
    // The screen round is due before the phone screen (16 December).
    expect(weekOf(result, "phone-screen")).toEqual(["2026-11-30", "2026-12-07"]);
    expect(result.rounds.find((r) => r.slug === "phone-screen")!.dueBy).toBe("2026-12-15");
    // Past its gate: one keep-warm mock in the last week before the onsite.
    expect(weekOf(result, "behavioral")).toEqual(["2027-01-11"]);
    const behavioral = result.rounds.find((r) => r.slug === "behavioral")!;
    expect(behavioral.gate).toEqual({ passed: true, status: "ready", percent: 70 });
    expect(behavioral.why.join(" ")).toMatch(/Past its gate \(70%\)/);
    // Within a week, the least ready come first.
    expect(result.weeks[0]!.mocks.map((m) => m.roundSlug).slice(0, 2)).toEqual([
      "spark-deep-dive",
      "coding",
    ]);
  });

  it("squeezes the plan when the onsite moves earlier, dropping the readiest mocks first", () => {
    // Two weeks and one mock's worth of hours a week.
    const result = plan({ onsiteDate: "2026-12-10", phoneScreenDate: null, hoursPerWeek: 1.5 });
    expect(result.weeks.map((w) => w.start)).toEqual(["2026-11-30", "2026-12-07"]);
    expect(result.weeks.every((w) => w.mocks.length <= 1)).toBe(true);
    const planned = Object.fromEntries(result.rounds.map((r) => [r.slug, r.planned]));
    // The two weakest rounds take a week each; the readiest get nothing.
    expect(planned).toEqual({
      "phone-screen": 0,
      coding: 1,
      "spark-deep-dive": 1,
      "ml-system-design": 0,
      behavioral: 0,
    });
    expect(result.problems).toContainEqual({ kind: "short_of_hours", missing: 9, wanted: 11 });
    const design = result.rounds.find((r) => r.slug === "ml-system-design")!;
    expect(design.why.at(-1)).toBe("No mock fits before it is due: add hours, or move the date.");
    const coding = result.rounds.find((r) => r.slug === "coding")!;
    expect(coding.why.at(-1)).toBe("Only 1 of 3 mocks fit in your hours before it is due.");
  });

  it("spreads the same mocks out when the onsite moves later", () => {
    const result = plan({ onsiteDate: "2027-03-03", phoneScreenDate: null });
    expect(result.problems).toEqual([]);
    // Still first and early for the weak rounds, but never two of one round in a week.
    for (const week of result.weeks) {
      const slugs = week.mocks.map((m) => m.roundSlug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
    expect(weekOf(result, "behavioral")).toEqual(["2027-03-01"]);
  });

  it("says so when there are no hours, or the onsite has passed", () => {
    const none = plan({ hoursPerWeek: 0 });
    expect(none.problems).toEqual([{ kind: "no_hours" }]);
    expect(none.weeks.every((w) => w.mocks.length === 0)).toBe(true);
    expect(none.rounds.every((r) => r.planned === 0)).toBe(true);

    const passed = plan({ onsiteDate: TODAY });
    expect(passed.problems).toEqual([{ kind: "onsite_passed" }]);
    expect(passed.weeks).toEqual([]);

    const backwards = plan({ phoneScreenDate: "2027-02-01" });
    expect(backwards.problems).toContainEqual({ kind: "phone_screen_after_onsite" });
  });
});

describe("the plan's schedule around booked mocks and gates", () => {
  it("counts a booked mock in its own week, as one of its round's mocks", () => {
    const result = plan({
      booked: [{ roundSlug: "coding", date: "2026-12-23", sessionId: "s1" }],
    });
    const coding = result.rounds.find((r) => r.slug === "coding")!;
    expect(coding).toMatchObject({ wanted: 3, planned: 3, booked: 1 });
    const bookedMocks = result.weeks.flatMap((w) => w.mocks.filter((m) => m.booked));
    expect(bookedMocks).toEqual([
      {
        roundSlug: "coding",
        week: "2026-12-21",
        dueBy: "2026-12-23",
        booked: { sessionId: "s1", date: "2026-12-23" },
      },
    ]);
    // Two more are planned around it, not three: the booked one stands for the first.
    expect(weekOf(result, "coding")).toHaveLength(3);
    expect(weekOf(result, "coding")).toContain("2026-12-21");
  });

  it("lets a booked mock take its week's hours, even past the budget", () => {
    // One mock's worth of hours a week; two mocks booked in this week.
    const result = plan({
      hoursPerWeek: 1.5,
      booked: [
        { roundSlug: "coding", date: "2026-12-03", sessionId: "a" },
        { roundSlug: "ml-system-design", date: "2026-12-04", sessionId: "b" },
      ],
    });
    const thisWeek = result.weeks[0]!;
    expect(thisWeek.mocks.map((m) => m.booked?.sessionId)).toEqual(["a", "b"]);
    expect(thisWeek.minutes).toBe(2 * (60 + PREP_MINUTES));
  });

  it("leaves out booked mocks before today or after their round is due", () => {
    const result = plan({
      booked: [
        { roundSlug: "coding", date: "2026-12-01", sessionId: "yesterday" },
        { roundSlug: "phone-screen", date: "2026-12-20", sessionId: "after-the-screen" },
        { roundSlug: "coding", date: "2027-01-13", sessionId: "onsite-day" },
      ],
    });
    expect(result.rounds.every((r) => r.booked === 0)).toBe(true);
  });

  it("plans nothing for a screen whose date has passed, and misses nothing for it", () => {
    const result = plan({ phoneScreenDate: "2026-11-30" });
    const screen = result.rounds.find((r) => r.slug === "phone-screen")!;
    expect(screen.planned).toBe(0);
    expect(screen.why.at(-1)).toBe("Its date has passed: nothing left to plan for it.");
    expect(result.problems).toEqual([]);
  });

  it("opens a gate only on a ready status, whatever the figure", () => {
    const result = plan({
      rounds: [
        round("coding", "close", 65),
        round("behavioral", "ready", 61),
        round("spark-deep-dive", "not_yet", 10),
      ],
    });
    const gate = (slug: string) => result.rounds.find((r) => r.slug === slug)!.gate;
    expect(gate("coding")).toEqual({ passed: false, status: "close", percent: 65 });
    expect(gate("behavioral")).toEqual({ passed: true, status: "ready", percent: 61 });
    expect(gate("spark-deep-dive").passed).toBe(false);
    // The weakest gets the most mocks and the reason in words.
    const spark = result.rounds.find((r) => r.slug === "spark-deep-dive")!;
    expect(spark.wanted).toBeGreaterThan(result.rounds.find((r) => r.slug === "coding")!.wanted);
    expect(spark.why[0]).toBe("Below its gate (10%): 3 mocks, the first ones early.");
  });

  it("moves every mock when the onsite moves earlier, and none lands on or after it", () => {
    for (const onsiteDate of ["2026-12-20", "2026-12-28", "2027-02-10"]) {
      const result = plan({ onsiteDate, phoneScreenDate: null });
      const lastWeek = result.weeks.at(-1)!;
      expect(lastWeek.containsOnsite, onsiteDate).toBe(true);
      for (const week of result.weeks) {
        for (const mock of week.mocks) expect(mock.dueBy < onsiteDate, onsiteDate).toBe(true);
      }
    }
  });
});
