import { Link } from "@remix-run/react";
import type { CalendarWeek } from "~/modules/plan/plan-view";
import { formatTime } from "~/utils/datetime";
import { formatLocalDate, formatShortDate } from "./plan-dates";

/**
 * The plan week by week (Monday first, the viewer's days): the mocks still to book in
 * each week, the booked and held sessions on their days, the phone screen and the onsite.
 * On a narrow screen the days without anything fold away.
 */
export function PlanCalendar({
  weeks,
  roundNames,
  timeZone,
}: {
  weeks: CalendarWeek[];
  roundNames: Record<string, string>;
  timeZone: string;
}) {
  return (
    <ol className="plan-calendar">
      {weeks.map((week) => (
        <li key={week.start} className="plan-week" data-week={week.start}>
          <div className="plan-week__head">
            <h3>Week of {formatLocalDate(week.start)}</h3>
            {week.minutes > 0 ? (
              <span className="hint">{formatHours(week.minutes)} of mocks and practice</span>
            ) : null}
          </div>
          {week.toBook.length > 0 ? (
            <p className="plan-week__todo">
              To book this week:{" "}
              {week.toBook
                .map(
                  (m) =>
                    `${roundNames[m.roundSlug] ?? m.roundSlug} (by ${formatShortDate(m.dueBy)})`,
                )
                .join(", ")}
            </p>
          ) : null}
          <ol className="plan-week__days">
            {week.days.map((day) => {
              const empty = !day.isOnsite && !day.isPhoneScreen && day.sessions.length === 0;
              const classes = [
                "plan-day",
                empty ? "plan-day--empty" : "",
                day.isToday ? "plan-day--today" : "",
                day.isOnsite ? "plan-day--onsite" : "",
                day.isPhoneScreen ? "plan-day--screen" : "",
              ]
                .filter(Boolean)
                .join(" ");
              return (
                <li key={day.date} className={classes} data-date={day.date}>
                  <span className="plan-day__date">
                    {formatLocalDate(day.date)}
                    {day.isToday ? <span className="visually-hidden"> (today)</span> : null}
                  </span>
                  {day.isPhoneScreen ? (
                    <span className="plan-marker plan-marker--screen">Phone screen</span>
                  ) : null}
                  {day.isOnsite ? (
                    <span className="plan-marker plan-marker--onsite" data-testid="onsite-marker">
                      Onsite
                    </span>
                  ) : null}
                  {day.sessions.map((s) => (
                    <Link
                      key={s.id}
                      to={`/sessions/${s.id}`}
                      className={`plan-session plan-session--${s.state}`}
                    >
                      {formatTime(new Date(s.startsAt), timeZone)}{" "}
                      {roundNames[s.roundSlug] ?? s.roundSlug}
                      <span className="visually-hidden">
                        {s.state === "held" ? " (held)" : " (booked)"}
                      </span>
                    </Link>
                  ))}
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}

function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} h`;
}
