import type { LocalDate } from "~/modules/availability/types";
import {
  dayNumberOfLocalDate,
  isoWeekdayOfDayNumber,
  localDateOfDayNumber,
} from "~/modules/availability/zoned-time";
import type { ReadinessStatus } from "~/modules/feedback/readiness";

// The loop planner's schedule, laid out backwards from the person's dates (issue 14):
// which rounds to rehearse, how many mocks of each and by when, week by week, within the
// hours they have. Pure: dates are the person's own calendar dates ("YYYY-MM-DD" in their
// zone), "today" is given, and readiness comes from the feedback module.
//
// The rules, in the order they apply:
// - A round's mocks depend on its readiness: the lower, the more (MOCKS_BY_STATUS), and
//   a round that has passed its gate keeps one mock near the end to stay warm.
// - Screen rounds are due by the phone-screen date when there is one; onsite rounds by
//   the day before the onsite. Nothing is planned for the onsite day or after it.
// - Weeks run Monday to Sunday. A mock costs its length plus PREP_MINUTES (reading the
//   feedback, fixing what it found); a week holds what its hours allow.
// - Lower readiness is planned first and earlier: rounds take turns week by week, the
//   least ready first, each round at most once a week while others wait, and a round with
//   fewer mocks so far before one with more, so one weak round does not crowd the rest out.
// - When the hours cannot hold every mock, the plan drops mocks from the readiest rounds
//   first and says what is missing.
// - Mocks already booked count first: each sits in the week of its day, takes its hours
//   there, and stands for one of its round's mocks; the rest are planned around them.
// - A round whose due date has already gone (a phone screen behind the person) gets
//   nothing and counts as nothing missing.

/** Mocks planned for a round by its readiness status. */
export const MOCKS_BY_STATUS: Record<ReadinessStatus, number> = {
  no_evidence: 3,
  not_yet: 3,
  close: 2,
  ready: 1,
};
/** Time around a mock: reading its feedback and practising what it found. */
export const PREP_MINUTES = 30;
/** The plan covers at most this many weeks; earlier work is not planned yet. */
export const MAX_PLAN_WEEKS = 26;

export interface PlanRoundInput {
  slug: string;
  name: string;
  durationMinutes: number;
  /** Screen rounds come before the onsite (recruiter and phone screens). */
  stage: "screen" | "onsite";
  readiness: { status: ReadinessStatus; percent: number | null };
}

export interface PlanInput {
  today: LocalDate;
  onsiteDate: LocalDate;
  phoneScreenDate?: LocalDate | null;
  /** Hours a week the person can spend on mocks (and their preparation). */
  hoursPerWeek: number;
  /** The rounds of their loop at their level, in loop order. */
  rounds: PlanRoundInput[];
  /** Mocks already booked (not yet held), on the person's own calendar dates. */
  booked?: BookedMockInput[];
}

export interface BookedMockInput {
  roundSlug: string;
  date: LocalDate;
  sessionId: string;
}

export interface PlannedMock {
  roundSlug: string;
  /** The week it is planned in (its Monday), and the date it is due by. */
  week: LocalDate;
  dueBy: LocalDate;
  /** Set when the mock is booked: the session and its day. */
  booked: { sessionId: string; date: LocalDate } | null;
}

export interface PlanRound {
  slug: string;
  name: string;
  stage: "screen" | "onsite";
  dueBy: LocalDate;
  /** Mocks its readiness asks for, and how many of them fit in the hours. */
  wanted: number;
  planned: number;
  /** Of the planned mocks, how many are booked already. */
  booked: number;
  gate: { passed: boolean; status: ReadinessStatus; percent: number | null };
  /** Why this many mocks, this early: shown on the plan. */
  why: string[];
}

export interface PlanWeek {
  /** Monday of the week. */
  start: LocalDate;
  mocks: PlannedMock[];
  /** Minutes of the week's hours the planned mocks take. */
  minutes: number;
  containsOnsite: boolean;
  containsPhoneScreen: boolean;
}

export type PlanProblem =
  | { kind: "onsite_passed" }
  | { kind: "no_hours" }
  | { kind: "short_of_hours"; missing: number; wanted: number }
  | { kind: "phone_screen_after_onsite" };

export interface Plan {
  rounds: PlanRound[];
  weeks: PlanWeek[];
  problems: PlanProblem[];
}

const STATUS_RANK: Record<ReadinessStatus, number> = {
  no_evidence: 0,
  not_yet: 1,
  close: 2,
  ready: 3,
};

function mondayOf(day: number): number {
  return day - (isoWeekdayOfDayNumber(day) - 1);
}

function whyFor(round: PlanRoundInput, wanted: number): string[] {
  const { status, percent } = round.readiness;
  const figure = percent === null ? "" : ` (${percent}%)`;
  switch (status) {
    case "ready":
      return [`Past its gate${figure}: one mock near the end keeps it warm.`];
    case "close":
      return [`Close to its gate${figure}: ${wanted} mocks to get over it.`];
    case "not_yet":
      return [`Below its gate${figure}: ${wanted} mocks, the first ones early.`];
    case "no_evidence":
      return [`No feedback at your level yet: ${wanted} mocks, starting early.`];
  }
}

/** The plan for `input`; see the rules at the top of this file. */
export function planSchedule(input: PlanInput): Plan {
  const today = dayNumberOfLocalDate(input.today);
  const onsite = dayNumberOfLocalDate(input.onsiteDate);
  const phone = input.phoneScreenDate ? dayNumberOfLocalDate(input.phoneScreenDate) : null;
  const problems: PlanProblem[] = [];

  const rounds: PlanRound[] = input.rounds.map((round) => {
    const lastDay = round.stage === "screen" && phone !== null ? phone - 1 : onsite - 1;
    const wanted = MOCKS_BY_STATUS[round.readiness.status];
    return {
      slug: round.slug,
      name: round.name,
      stage: round.stage,
      dueBy: localDateOfDayNumber(lastDay),
      wanted,
      planned: 0,
      booked: 0,
      gate: {
        passed: round.readiness.status === "ready",
        status: round.readiness.status,
        percent: round.readiness.percent,
      },
      why: whyFor(round, wanted),
    };
  });

  if (onsite <= today) {
    problems.push({ kind: "onsite_passed" });
    return { rounds, weeks: [], problems };
  }
  if (phone !== null && phone >= onsite) problems.push({ kind: "phone_screen_after_onsite" });

  const firstWeek = mondayOf(today);
  const lastWeek = Math.min(mondayOf(onsite), firstWeek + 7 * (MAX_PLAN_WEEKS - 1));
  const weeks: PlanWeek[] = [];
  for (let monday = firstWeek; monday <= lastWeek; monday += 7) {
    weeks.push({
      start: localDateOfDayNumber(monday),
      mocks: [],
      minutes: 0,
      containsOnsite: onsite >= monday && onsite < monday + 7,
      containsPhoneScreen: phone !== null && phone >= monday && phone < monday + 7,
    });
  }

  const budget = Math.max(0, Math.floor(input.hoursPerWeek * 60));
  if (budget === 0) problems.push({ kind: "no_hours" });
  const costOf = new Map(input.rounds.map((r) => [r.slug, r.durationMinutes + PREP_MINUTES]));
  const lastDayOf = new Map(rounds.map((r) => [r.slug, dayNumberOfLocalDate(r.dueBy)]));

  // The least ready first; within a status, the lower figure; then loop order.
  const order = input.rounds
    .map((round, index) => ({ round, index }))
    .sort(
      (a, b) =>
        STATUS_RANK[a.round.readiness.status] - STATUS_RANK[b.round.readiness.status] ||
        (a.round.readiness.percent ?? -1) - (b.round.readiness.percent ?? -1) ||
        a.index - b.index,
    )
    .map(({ round }) => round);
  const remaining = new Map(rounds.map((r) => [r.slug, r.wanted]));
  const plannedOf = new Map(rounds.map((r) => [r.slug, 0]));
  const bookedOf = new Map(rounds.map((r) => [r.slug, 0]));

  // Booked mocks first, in their own weeks, over the budget if they must be: they happen.
  const weekByMonday = new Map(weeks.map((w) => [dayNumberOfLocalDate(w.start), w]));
  const booked = [...(input.booked ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const mock of booked) {
    const due = lastDayOf.get(mock.roundSlug);
    const day = dayNumberOfLocalDate(mock.date);
    const week = weekByMonday.get(mondayOf(day));
    if (due === undefined || day < today || day > due || !week) continue;
    week.mocks.push({
      roundSlug: mock.roundSlug,
      week: week.start,
      dueBy: mock.date,
      booked: { sessionId: mock.sessionId, date: mock.date },
    });
    week.minutes += costOf.get(mock.roundSlug)!;
    remaining.set(mock.roundSlug, Math.max(0, remaining.get(mock.roundSlug)! - 1));
    plannedOf.set(mock.roundSlug, plannedOf.get(mock.roundSlug)! + 1);
    bookedOf.set(mock.roundSlug, bookedOf.get(mock.roundSlug)! + 1);
  }

  for (const week of weeks) {
    const monday = dayNumberOfLocalDate(week.start);
    // A round whose gate has passed waits for the last week it can use.
    // Rounds with fewer mocks so far go first (scarce hours rotate among the weak rounds
    // instead of going to the weakest every week); then the least ready.
    const open = order
      .filter((round) => {
        const due = lastDayOf.get(round.slug)!;
        if (due < Math.max(monday, today)) return false;
        if (round.readiness.status !== "ready") return true;
        return mondayOf(due) === monday;
      })
      .sort((a, b) => plannedOf.get(a.slug)! - plannedOf.get(b.slug)!);
    // Spread a round over the weeks it has left: no more than its share in one week.
    const share = new Map(
      open.map((round) => [
        round.slug,
        Math.ceil(remaining.get(round.slug)! / weeksUntil(monday, lastDayOf.get(round.slug)!)),
      ]),
    );
    let placedThisRound = true;
    // Turns: each open round may take one mock per pass; passes repeat while any fits.
    while (placedThisRound) {
      placedThisRound = false;
      for (const round of open) {
        if (remaining.get(round.slug)! === 0) continue;
        const inWeek = week.mocks.filter((m) => m.roundSlug === round.slug).length;
        if (inWeek >= share.get(round.slug)!) continue;
        const cost = costOf.get(round.slug)!;
        if (week.minutes + cost > budget) continue;
        const due = lastDayOf.get(round.slug)!;
        week.mocks.push({
          roundSlug: round.slug,
          week: week.start,
          dueBy: localDateOfDayNumber(Math.min(due, monday + 6)),
          booked: null,
        });
        week.minutes += cost;
        remaining.set(round.slug, remaining.get(round.slug)! - 1);
        plannedOf.set(round.slug, plannedOf.get(round.slug)! + 1);
        placedThisRound = true;
      }
    }
  }

  let missing = 0;
  let wantedTotal = 0;
  for (const round of rounds) {
    round.planned = plannedOf.get(round.slug)!;
    round.booked = bookedOf.get(round.slug)!;
    if (lastDayOf.get(round.slug)! < today) {
      round.why.push("Its date has passed: nothing left to plan for it.");
      continue;
    }
    wantedTotal += round.wanted;
    missing += Math.max(0, round.wanted - round.planned);
    if (round.planned < round.wanted) {
      round.why.push(
        round.planned === 0
          ? "No mock fits before it is due: add hours, or move the date."
          : `Only ${round.planned} of ${round.wanted} mocks fit in your hours before it is due.`,
      );
    }
  }
  if (missing > 0 && budget > 0)
    problems.push({ kind: "short_of_hours", missing, wanted: wantedTotal });
  return { rounds, weeks, problems };
}

/** Weeks from the week starting `monday` to the one holding `lastDay`, both counted. */
function weeksUntil(monday: number, lastDay: number): number {
  return Math.max(1, Math.floor((mondayOf(lastDay) - monday) / 7) + 1);
}
