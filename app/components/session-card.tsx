import { Link } from "@remix-run/react";
import { formatRange, formatRelative } from "~/utils/datetime";
import { EmptyState } from "./empty-state";

export interface SessionCardData {
  id: string;
  status: string;
  format: "swap" | "one_way";
  roundName: string;
  startsAt: string;
  endsAt: string;
  joinOpen: boolean;
  lateCancel: boolean;
  myRole: string;
  peer: { name: string; timeZone: string };
}

const STATUS_LABELS: Record<string, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

const ROLE_LABELS: Record<string, string> = {
  candidate: "You are interviewed",
  interviewer: "You interview",
  swap: "Swap: you interview each other",
};

export function SessionCard({
  session,
  timeZone,
  now,
}: {
  session: SessionCardData;
  timeZone: string;
  now: number;
}) {
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const upcoming = session.status === "scheduled" || session.status === "in_progress";
  return (
    <article
      className="card session-card"
      aria-label={`${session.roundName} with ${session.peer.name}`}
    >
      <div>
        <p className="eyebrow">
          {session.roundName} · {ROLE_LABELS[session.myRole] ?? session.myRole}
        </p>
        <h3>
          {formatRange(start, end, timeZone)} <span className="hint">your time</span>
        </h3>
        <p className="hint">
          {formatRange(start, end, session.peer.timeZone)} for {session.peer.name} (
          {session.peer.timeZone})
        </p>
        <p>
          <span className={`pill pill--${session.status}`}>
            {STATUS_LABELS[session.status] ?? session.status}
          </span>{" "}
          {upcoming ? <span className="hint">starts {formatRelative(start, now)}</span> : null}
          {session.status === "cancelled" && session.lateCancel ? (
            <span className="hint"> (late cancellation)</span>
          ) : null}
        </p>
      </div>
      <div className="form-actions">
        {session.joinOpen && upcoming ? (
          <Link to={`/sessions/${session.id}`} className="button">
            Join
          </Link>
        ) : (
          <Link to={`/sessions/${session.id}`} className="button button--secondary">
            Details
          </Link>
        )}
      </div>
    </article>
  );
}

/** The "upcoming sessions" list shared by the dashboard and the sessions page. */
export function UpcomingSessions({
  heading,
  sessions,
  timeZone,
  now,
}: {
  heading: string;
  sessions: SessionCardData[];
  timeZone: string;
  now: number;
}) {
  return (
    <section aria-labelledby="upcoming-heading" className="stack">
      <h2 id="upcoming-heading">{heading}</h2>
      {sessions.length === 0 ? (
        <EmptyState
          title="No upcoming sessions"
          action={
            <Link to="/book" className="button">
              Book a mock
            </Link>
          }
        >
          <p>Booked mocks appear here with both local times and a Join button.</p>
        </EmptyState>
      ) : (
        sessions.map((s) => <SessionCard key={s.id} session={s} timeZone={timeZone} now={now} />)
      )}
    </section>
  );
}
