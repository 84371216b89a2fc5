import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { readForm } from "~/http/read-form.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { proposeReschedule, rescheduleSession } from "~/modules/booking/reschedule-session.server";
import { getSessionForUser } from "~/modules/booking/session-view.server";
import { requireUser } from "~/modules/identity/auth.server";
import { formatRange, parseInstant } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Find another time · Peerloop" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await getSessionForUser(params.sessionId ?? "", user.id);
  if (!session) throw new Response("Not found", { status: 404 });
  const proposals = await proposeReschedule(session.id, user.id);
  return {
    timeZone: user.timeZone,
    session: {
      id: session.id,
      roundName: session.roundName,
      peerName: session.peer.name,
      peerTimeZone: session.peer.timeZone,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
    },
    error: proposals.ok ? null : BOOKING_ERROR_MESSAGES[proposals.error],
    proposals: proposals.ok ? proposals.proposals : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = parseUuid(params.sessionId);
  if (!sessionId) throw new Response("Not found", { status: 404 });
  const start = parseInstant((await readForm(request)).get("start"));
  if (!start) {
    return data({ error: "That time is not valid any more. Pick one below." }, { status: 400 });
  }
  const result = await rescheduleSession({ userId: user.id, sessionId, start });
  if (result.ok) throw redirect(`/sessions/${result.sessionId}?moved=1`);
  if (result.error === "not_found") throw new Response("Not found", { status: 404 });
  return data({ error: BOOKING_ERROR_MESSAGES[result.error] }, { status: 409 });
}

export default function Reschedule() {
  const { session, proposals, error, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to={`/sessions/${session.id}`}>Back to the session</Link>
        </p>
        <h1>Find another time with {session.peerName}</h1>
        <p>
          Now: {formatRange(new Date(session.startsAt), new Date(session.endsAt), timeZone)} (
          {timeZone}, your time) ·{" "}
          {formatRange(new Date(session.startsAt), new Date(session.endsAt), session.peerTimeZone)}{" "}
          ({session.peerTimeZone}, {session.peerName}'s time). The times below leave it out.
        </p>
      </div>
      {actionData?.error || error ? (
        <p className="form-error" role="alert">
          {actionData?.error ?? error}
        </p>
      ) : null}
      {!error && proposals.length === 0 ? (
        <EmptyState title="No common free time in the next two weeks">
          <p>Ask {session.peerName} to add hours, or cancel and book someone else.</p>
        </EmptyState>
      ) : null}
      <ol className="proposal-list">
        {proposals.map((p) => (
          <li key={p.start} className="card proposal">
            <div>
              <h2>
                {formatRange(new Date(p.start), new Date(p.end), timeZone)}{" "}
                <span className="hint">({timeZone}, your time)</span>
              </h2>
              <p className="hint">
                {formatRange(new Date(p.start), new Date(p.end), session.peerTimeZone)} (
                {session.peerTimeZone}, {session.peerName}'s time)
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="start" value={p.start} />
              <button type="submit" className="button" disabled={navigation.state !== "idle"}>
                Move here
              </button>
            </Form>
          </li>
        ))}
      </ol>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
