import type { LocalDate } from "~/modules/availability/types";
import { addDaysToLocalDate } from "~/modules/availability/zoned-time";
import type { ShapeRound } from "~/modules/catalog/loop-shape";
import type { Readiness } from "~/modules/feedback/readiness";
import { type Plan, type PlanProblem, type PlanRound, planSchedule } from "./plan-schedule";

// One plan as its page shows it: the loop's rounds at the level with their readiness
// gates and mocks, and the calendar week by week. Pure: the server reads the plan, the
// catalog's shape, the readiness and the sessions, and hands them in with "today" (the
// person's own date) and each session's day in their zone.

export interface PlanSession {
  id: string;
  roundSlug: string;
  startsAt: string;
  endsAt: string;
  /** Its day in the viewer's zone. */
  date: LocalDate;
  state: "booked" | "held";
}

export interface PlanRoundView extends PlanRound {
  durationMinutes: number;
  /** How many sittings of it the stage holds ("2 coding rounds" on the onsite day). */
  count: number;
  reasoning: string[];
  /** Weeks (Mondays) of the planned mocks not booked yet, soonest first. */
  toBook: { week: LocalDate; dueBy: LocalDate }[];
  /** Booked and held mocks of this round, by date. */
  sessions: PlanSession[];
}

export interface CalendarDay {
  date: LocalDate;
  isToday: boolean;
  isOnsite: boolean;
  isPhoneScreen: boolean;
  sessions: PlanSession[];
}

export interface CalendarWeek {
  start: LocalDate;
  /** Planned mocks of the week that are not booked yet. */
  toBook: { roundSlug: string; dueBy: LocalDate }[];
  minutes: number;
  days: CalendarDay[];
}

export interface PlanView {
  rounds: PlanRoundView[];
  calendar: CalendarWeek[];
  problems: PlanProblem[];
}

export interface PlanViewInput {
  today: LocalDate;
  onsiteDate: LocalDate;
  phoneScreenDate: LocalDate | null;
  hoursPerWeek: number;
  /** When the plan was made: held mocks from that day on count on it. */
  createdOn: LocalDate;
  shape: readonly ShapeRound[];
  readiness: ReadonlyMap<string, Readiness>;
  /** The person's sessions (as the candidate) in the plan's loop. */
  sessions: readonly PlanSession[];
}

export function buildPlanView(input: PlanViewInput): PlanView {
  const inLoop = new Set(input.shape.map((line) => line.round.slug));
  const sessions = input.sessions
    .filter((s) => inLoop.has(s.roundSlug))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const schedule: Plan = planSchedule({
    today: input.today,
    onsiteDate: input.onsiteDate,
    phoneScreenDate: input.phoneScreenDate,
    hoursPerWeek: input.hoursPerWeek,
    rounds: input.shape.map((line) => {
      const readiness = input.readiness.get(line.round.slug);
      return {
        slug: line.round.slug,
        name: line.round.name,
        durationMinutes: line.round.durationMinutes,
        stage: line.stage,
        readiness: {
          status: readiness?.status ?? "no_evidence",
          percent: readiness?.percent ?? null,
        },
      };
    }),
    booked: sessions
      .filter((s) => s.state === "booked")
      .map((s) => ({ roundSlug: s.roundSlug, date: s.date, sessionId: s.id })),
  });

  const mocks = schedule.weeks.flatMap((w) => w.mocks);
  const rounds = schedule.rounds.map((round, index): PlanRoundView => {
    const line = input.shape[index]!;
    return {
      ...round,
      durationMinutes: line.round.durationMinutes,
      count: line.count,
      reasoning: input.readiness.get(round.slug)?.reasoning ?? ["No feedback for this round yet."],
      toBook: mocks
        .filter((m) => m.roundSlug === round.slug && !m.booked)
        .map((m) => ({ week: m.week, dueBy: m.dueBy })),
      sessions: sessions.filter(
        (s) => s.roundSlug === round.slug && (s.state === "booked" || s.date >= input.createdOn),
      ),
    };
  });

  const calendar = schedule.weeks.map((week): CalendarWeek => {
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDaysToLocalDate(week.start, i);
      return {
        date,
        isToday: date === input.today,
        isOnsite: date === input.onsiteDate,
        isPhoneScreen: date === input.phoneScreenDate,
        sessions: sessions.filter((s) => s.date === date),
      };
    });
    return {
      start: week.start,
      toBook: week.mocks
        .filter((m) => !m.booked)
        .map((m) => ({ roundSlug: m.roundSlug, dueBy: m.dueBy })),
      minutes: week.minutes,
      days,
    };
  });
  return { rounds, calendar, problems: schedule.problems };
}
