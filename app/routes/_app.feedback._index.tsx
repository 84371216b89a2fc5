import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { FeedbackToWrite } from "~/components/feedback-to-write";
import { listFeedbackToWrite, listReceivedFeedback } from "~/modules/feedback/feedback.server";
import { OVERALL_CALL_LABELS } from "~/modules/feedback/forms";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Feedback · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const [received, toWrite] = await Promise.all([
    listReceivedFeedback(user.id),
    listFeedbackToWrite(user.id, now),
  ]);
  return { received, toWrite, timeZone: user.timeZone, now: now.getTime() };
}

export default function FeedbackList() {
  const { received, toWrite, timeZone, now } = useLoaderData<typeof loader>();
  const scorecards = received.filter((r) => r.kind === "scorecard");
  const ratings = received.filter((r) => r.kind === "rating");
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Feedback</h1>
        <p>
          What your peers wrote after your mocks. See <Link to="/progress">your progress</Link> for
          trends and readiness per round.
        </p>
      </div>
      <FeedbackToWrite items={toWrite} timeZone={timeZone} now={now} />
      <section className="card" aria-labelledby="received-heading">
        <h2 id="received-heading">Scorecards you received</h2>
        {scorecards.length === 0 ? (
          <EmptyState title="No scorecards yet">
            <p>
              A scorecard appears here once your interviewer has submitted it and you have rated
              them (in a swap, for that half), or 72 hours after the session.{" "}
              <Link to="/book">Book a mock</Link> to get your first one.
            </p>
          </EmptyState>
        ) : (
          <ul className="plain-list feedback-list">
            {scorecards.map((item) => (
              <li key={item.id} className="todo-item">
                <Link to={`/feedback/${item.id}`}>
                  {item.roundName} at {item.levelCode}
                </Link>
                {item.overall ? (
                  <span className={`pill pill--call-${item.overall}`}>
                    {OVERALL_CALL_LABELS[item.overall]}
                  </span>
                ) : null}
                <p className="hint">
                  {formatDateTime(new Date(item.startsAt), timeZone)} · from {item.authorName}
                  {item.averageScore !== null
                    ? ` · average score ${item.averageScore.toFixed(1)} / 4`
                    : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="ratings-heading">
        <h2 id="ratings-heading">Ratings of you as an interviewer</h2>
        {ratings.length === 0 ? (
          <p className="hint">
            None yet. Candidates rate their interviewers after each mock; offer rounds to interview
            on <Link to="/profile">your profile</Link>.
          </p>
        ) : (
          <ul className="plain-list">
            {ratings.map((item) => (
              <li key={item.id} className="todo-item">
                <Link to={`/feedback/${item.id}`}>{item.roundName}</Link>
                <p className="hint">
                  {formatDateTime(new Date(item.startsAt), timeZone)} · from {item.authorName}
                  {item.ratingAverage !== null ? ` · ${item.ratingAverage.toFixed(1)} / 5` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
