import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { NotFoundBoundary } from "~/components/error-boundary";
import { requireUser } from "~/modules/identity/auth.server";
import {
  CALL_LABELS,
  type DimensionMark,
  LOOP_RULE,
  type RoundState,
  VERDICT_HEADLINES,
} from "~/modules/onsite/debrief";
import { getOnsite } from "~/modules/onsite/onsites.server";
import { formatDateTime, formatRange, formatTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Mock onsite day · Peerloop" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const onsite = await getOnsite(params.onsiteId, user.id);
  // Someone else's day, or none: the same answer, so ids reveal nothing.
  if (!onsite) throw new Response("Not found", { status: 404 });
  return { onsite, timeZone: user.timeZone };
}

const STATUS_LABELS: Record<string, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Held",
  cancelled: "Cancelled",
  no_show: "No-show",
};

function stateLabel(state: RoundState): string {
  if (state.kind === "scored") return CALL_LABELS[state.overall];
  return state.kind === "pending" ? "Pending" : "Not held";
}

export default function OnsiteDay() {
  const { onsite, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const first = onsite.sittings[0];
  const last = onsite.sittings.at(-1);
  const { debrief } = onsite;
  const scored = debrief.rounds.filter((r) => r.state.kind === "scored").length;
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/onsite">Mock onsite</Link>
        </p>
        <h1>
          {first && last
            ? formatRange(new Date(first.startsAt), new Date(last.endsAt), timeZone)
            : onsite.localDate}
        </h1>
        <p>
          {onsite.loopName} · {onsite.trackName} at {onsite.levelCode} · {onsite.sittings.length}{" "}
          rounds, each a one-way mock with its own interviewer. Times are in your zone ({timeZone}).
        </p>
      </div>
      {params.get("booked") === "1" ? (
        <p className="notice" role="status">
          Your onsite day is booked: all {onsite.sittings.length} rounds. Each interviewer got an
          invite for their round.
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">The day</h2>
        <table className="round-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">Round</th>
              <th scope="col">Interviewer</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {onsite.sittings.map((s) => (
              <tr key={s.sessionId}>
                <td>{s.position}</td>
                <td>
                  {formatTime(new Date(s.startsAt), timeZone)}–
                  {formatTime(new Date(s.endsAt), timeZone)}
                </td>
                <td>
                  <Link to={`/sessions/${s.sessionId}`}>{s.roundName}</Link>
                </td>
                <td>
                  {s.peer.name}
                  {s.peer.timeZone && s.peer.timeZone !== timeZone ? (
                    <span className="hint">
                      {" "}
                      ({formatDateTime(new Date(s.startsAt), s.peer.timeZone)} for them)
                    </span>
                  ) : null}
                </td>
                <td>
                  <span className={`pill pill--${s.status}`}>
                    {STATUS_LABELS[s.status] ?? s.status}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card stack" aria-labelledby="debrief-heading">
        <h2 id="debrief-heading">Loop debrief</h2>
        {scored === 0 ? (
          <p className="hint">
            The debrief fills in as your interviewers' scorecards are revealed to you (when you have
            both written your feedback, or 72 hours after each round).
          </p>
        ) : null}
        <div className="stack" data-testid="loop-verdict">
          <h3>
            {VERDICT_HEADLINES[debrief.verdict.outcome](onsite.levelCode)}
            {debrief.verdict.provisional ? " (provisional)" : ""}
          </h3>
          <ul>
            {debrief.verdict.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <details>
            <summary>How the verdict is reached</summary>
            <ul className="rules-list">
              {LOOP_RULE.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
              <li>Rounds not held (cancelled or missed) are left out of the count.</li>
            </ul>
          </details>
        </div>
        <table className="round-table">
          <caption className="visually-hidden">Each round's overall call</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Call at {onsite.levelCode}</th>
              <th scope="col">Average score</th>
            </tr>
          </thead>
          <tbody>
            {debrief.rounds.map((r) => (
              <tr key={r.position}>
                <td>
                  {r.position}. {r.roundName}
                </td>
                <td>
                  <span
                    className={
                      r.state.kind === "scored" ? `pill pill--call-${r.state.overall}` : "hint"
                    }
                  >
                    {stateLabel(r.state)}
                  </span>
                </td>
                <td>
                  {r.state.kind === "scored" && r.state.average !== null
                    ? `${r.state.average.toFixed(1)} / 4`
                    : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {scored > 0 ? (
          <div className="grid">
            <Marks title="Strongest across the day" marks={debrief.strongest} />
            <Marks title="Weakest across the day" marks={debrief.weakest} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

function Marks({ title, marks }: { title: string; marks: DimensionMark[] }) {
  return (
    <div>
      <h3>{title}</h3>
      {marks.length === 0 ? (
        <p className="hint">Not enough scores yet.</p>
      ) : (
        <ul className="plain-list">
          {marks.map((m) => (
            <li key={`${m.position}-${m.name}`}>
              <strong>{m.name}</strong>: {m.score} / 4{" "}
              <span className="hint">
                (round {m.position}, {m.roundName})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundBoundary title="No such onsite">
      <p>
        This mock onsite does not exist, or it is not yours. <Link to="/onsite">Your onsites</Link>
      </p>
    </NotFoundBoundary>
  );
}
