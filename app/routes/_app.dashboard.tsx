import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FeedbackToWrite } from "~/components/feedback-to-write";
import { UpcomingSessions } from "~/components/session-card";
import { listOpenRequests } from "~/modules/booking/requests.server";
import { upcomingCardsFor } from "~/modules/booking/session-cards.server";
import { listFeedbackToWrite } from "~/modules/feedback/feedback.server";
import { requireUser } from "~/modules/identity/auth.server";
import { getSetupChecklist } from "~/modules/identity/profile.server";
import { formatDateTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Dashboard · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const [checklist, upcoming, open, toWrite] = await Promise.all([
    getSetupChecklist(user.id),
    upcomingCardsFor(user.id, now),
    listOpenRequests(user.id, now),
    listFeedbackToWrite(user.id, now),
  ]);
  return {
    name: user.name,
    timeZone: user.timeZone,
    now: now.getTime(),
    upcoming,
    toWrite,
    open: open.map((r) => ({
      id: r.id,
      roundName: r.roundName,
      levelCode: r.levelCode,
      format: r.format,
      expiresAt: r.expiresAt.toISOString(),
    })),
    checklist,
  };
}

/** Re-reads the page every minute so countdowns and Join buttons stay true. */
function useMinuteRefresh() {
  const revalidator = useRevalidator();
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (document.visibilityState === "visible") revalidator.revalidate();
    }, 60_000);
    return () => clearInterval(timer);
  }, [revalidator]);
}

export default function Dashboard() {
  const { name, timeZone, now, upcoming, open, checklist, toWrite } =
    useLoaderData<typeof loader>();
  useMinuteRefresh();
  const firstName = name.split(" ")[0];
  const setupDone = checklist.target && checklist.availability && checklist.interviewing;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>{`Welcome, ${firstName}`}</h1>
        <p>
          Times are shown in <strong>{timeZone}</strong>. <Link to="/profile">Change it</Link>
        </p>
      </div>
      {setupDone ? null : (
        <section className="card" aria-labelledby="setup-heading">
          <h2 id="setup-heading">Get ready to practise</h2>
          <ul className="checklist">
            <li data-done={checklist.target}>
              <Link to="/profile">Set your target loop, track and level</Link>
            </li>
            <li data-done={checklist.availability}>
              <Link to="/availability">Publish the hours you can practise in</Link>
            </li>
            <li data-done={checklist.interviewing}>
              <Link to="/profile">Offer the rounds you can interview others for</Link>
            </li>
          </ul>
        </section>
      )}
      <UpcomingSessions
        heading="Upcoming sessions"
        sessions={upcoming}
        timeZone={timeZone}
        now={now}
      />
      <div className="grid">
        <section className="card" aria-labelledby="open-heading">
          <h2 id="open-heading">Open requests</h2>
          {open.length === 0 ? (
            <p className="hint">
              None. <Link to="/book">Request a mock</Link> to see peers and times.
            </p>
          ) : (
            <ul className="plain-list">
              {open.map((r) => (
                <li key={r.id}>
                  <Link to={`/book/${r.id}`}>
                    {r.roundName} at {r.levelCode} ({r.format === "swap" ? "swap" : "one-way"})
                  </Link>{" "}
                  <span className="hint">
                    until {formatDateTime(new Date(r.expiresAt), timeZone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="hint">
            Rehearsing the whole day? <Link to="/onsite">Book a mock onsite</Link>.
          </p>
        </section>
        <FeedbackToWrite items={toWrite} timeZone={timeZone} now={now} />
      </div>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
