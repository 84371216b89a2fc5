import { describe, expect, it } from "vitest";
import type { CatalogRound } from "~/modules/catalog/catalog.server";
import type { ShapeRound } from "~/modules/catalog/loop-shape";
import { type ReceivedScorecard, readinessFor } from "~/modules/feedback/readiness";
import { buildPlanView, type PlanSession, type PlanViewInput } from "~/modules/plan/plan-view";

// The plan as its page shows it, on a fixed clock: today is Wednesday 2 December 2026.
const TODAY = "2026-12-02";
const TARGET = { code: "T2", rank: 2 };

const catalogRound = (slug: string, stage: "screen" | "onsite"): CatalogRound => ({
  id: slug.length,
  slug,
  name: slug.toUpperCase(),
  position: 1,
  stage,
  durationMinutes: 60,
  summary: "",
  allowsSwap: true,
  oneWayFromRank: null,
  dimensions: [],
  levelBars: {},
});

const SHAPE: ShapeRound[] = [
  { round: catalogRound("screen", "screen"), stage: "screen", count: 1 },
  { round: catalogRound("build", "onsite"), stage: "onsite", count: 2 },
  { round: catalogRound("talk", "onsite"), stage: "onsite", count: 1 },
];

const card = (roundSlug: string, day: number): ReceivedScorecard => ({
  feedbackId: `${roundSlug}-${day}`,
  roundSlug,
  startsAt: new Date(Date.UTC(2026, 10, day)),
  levelCode: TARGET.code,
  levelRank: TARGET.rank,
  overall: "strong_hire",
  scores: [{ slug: "d", name: "D", score: 4 }],
  practiseRoundSlug: null,
  practiseTopic: null,
});

function view(cards: ReceivedScorecard[], overrides: Partial<PlanViewInput> = {}) {
  return buildPlanView({
    today: TODAY,
    onsiteDate: "2027-01-13",
    phoneScreenDate: "2026-12-16",
    hoursPerWeek: 10,
    createdOn: "2026-11-20",
    shape: SHAPE,
    readiness: new Map(SHAPE.map((l) => [l.round.slug, readinessFor(l.round.slug, TARGET, cards)])),
    sessions: [],
    ...overrides,
  });
}

describe("the plan's view", () => {
  it("follows the feedback: two strong scorecards open a round's gate and free its mocks", () => {
    const before = view([]);
    const talkBefore = before.rounds.find((r) => r.slug === "talk")!;
    expect(talkBefore.gate.passed).toBe(false);
    expect(talkBefore.wanted).toBe(3);

    const after = view([card("talk", 20), card("talk", 25)]);
    const talk = after.rounds.find((r) => r.slug === "talk")!;
    expect(talk.gate).toEqual({ passed: true, status: "ready", percent: 100 });
    expect(talk.wanted).toBe(1);
    expect(talk.why[0]).toMatch(/^Past its gate \(100%\)/);
    expect(talk.reasoning[0]).toMatch(/^100% from the latest 2 sessions/);
    // The other rounds are untouched by it.
    expect(after.rounds.find((r) => r.slug === "build")!.gate.passed).toBe(false);
  });

  it("keeps the shape's counts and stages, and lays the calendar from this Monday to the onsite", () => {
    const result = view([]);
    expect(result.rounds.map((r) => [r.slug, r.stage, r.count])).toEqual([
      ["screen", "screen", 1],
      ["build", "onsite", 2],
      ["talk", "onsite", 1],
    ]);
    expect(result.calendar[0]!.start).toBe("2026-11-30");
    expect(result.calendar[0]!.days.map((d) => d.date)).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    const days = result.calendar.flatMap((w) => w.days);
    expect(days.filter((d) => d.isToday).map((d) => d.date)).toEqual([TODAY]);
    expect(days.filter((d) => d.isOnsite).map((d) => d.date)).toEqual(["2027-01-13"]);
    expect(days.filter((d) => d.isPhoneScreen).map((d) => d.date)).toEqual(["2026-12-16"]);
  });

  it("puts booked and held sessions on their rounds and days; a booked one is a planned mock", () => {
    const sessions: PlanSession[] = [
      {
        id: "b1",
        roundSlug: "build",
        startsAt: "2026-12-09T10:00:00Z",
        endsAt: "2026-12-09T11:00:00Z",
        date: "2026-12-09",
        state: "booked",
      },
      {
        id: "h1",
        roundSlug: "build",
        startsAt: "2026-11-30T10:00:00Z",
        endsAt: "2026-11-30T11:00:00Z",
        date: "2026-11-30",
        state: "held",
      },
      {
        id: "old",
        roundSlug: "build",
        startsAt: "2026-11-10T10:00:00Z",
        endsAt: "2026-11-10T11:00:00Z",
        date: "2026-11-10",
        state: "held",
      },
      {
        id: "elsewhere",
        roundSlug: "not-in-this-loop",
        startsAt: "2026-12-09T12:00:00Z",
        endsAt: "2026-12-09T13:00:00Z",
        date: "2026-12-09",
        state: "booked",
      },
    ];
    const result = view([], { sessions });
    const build = result.rounds.find((r) => r.slug === "build")!;
    // Held before the plan was made: not on it.
    expect(build.sessions.map((s) => s.id)).toEqual(["h1", "b1"]);
    expect(build.booked).toBe(1);
    expect(build.toBook).toHaveLength(build.planned - 1);
    const day = (date: string) =>
      result.calendar.flatMap((w) => w.days).find((d) => d.date === date)!;
    expect(day("2026-12-09").sessions.map((s) => s.id)).toEqual(["b1"]);
    expect(day("2026-11-30").sessions.map((s) => s.id)).toEqual(["h1"]);
    // The booked week lists what is still to book, not the booked one.
    const week = result.calendar.find((w) => w.start === "2026-12-07")!;
    expect(week.toBook.filter((m) => m.roundSlug === "build").length).toBeLessThanOrEqual(1);
  });
});
