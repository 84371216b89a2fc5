import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { cancelSession, getSessionForUser } from "~/modules/booking/booking.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { describeCancelPolicy, isLateChange, joinWindow } from "~/modules/booking/policy";
import { toSessionCard } from "~/modules/booking/session-cards.server";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime, formatRange, formatRelative } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Session · Peerloop" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await getSessionForUser(params.sessionId ?? "", user.id);
  if (!session) throw new Response("Not found", { status: 404 });
  const now = new Date();
  const window = joinWindow(session.startsAt, session.endsAt);
  return {
    timeZone: user.timeZone,
    now: now.getTime(),
    session: toSessionCard(session, now),
    peerTargetLevel: session.peer.targetLevel,
    myTargetLevel: session.myTargetLevel,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    canChange: session.status === "scheduled" && session.startsAt > now,
    canReschedule: session.status === "scheduled" && !isLateChange(session.startsAt, now),
    policy: describeCancelPolicy(session.startsAt, now),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "cancel") throw new Response("Unknown action", { status: 400 });
  const result = await cancelSession({ userId: user.id, sessionId: params.sessionId ?? "" });
  if (!result.ok) {
    if (result.error === "not_found") throw new Response("Not found", { status: 404 });
    return data({ error: BOOKING_ERROR_MESSAGES[result.error] }, { status: 409 });
  }
  throw redirect(`/sessions/${params.sessionId}?cancelled=${result.late ? "late" : "1"}`);
}

export default function SessionPage() {
  const {
    session,
    timeZone,
    now,
    opensAt,
    closesAt,
    canChange,
    canReschedule,
    policy,
    myTargetLevel,
    peerTargetLevel,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const confirming = searchParams.get("confirm") === "cancel";

  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/sessions">Sessions</Link>
        </p>
        <h1>
          {session.roundName} with {session.peer.name}
        </h1>
        <p>
          {formatRange(start, end, timeZone)} your time ({timeZone}) ·{" "}
          {formatRange(start, end, session.peer.timeZone)} for {session.peer.name} (
          {session.peer.timeZone})
        </p>
      </div>
      {searchParams.get("booked") === "1" ? (
        <p className="notice" role="status">
          Booked! You both have an email with a calendar invite.
        </p>
      ) : null}
      {searchParams.get("cancelled") ? (
        <p className="notice" role="status">
          Session cancelled.{" "}
          {searchParams.get("cancelled") === "late"
            ? "It was within 24 hours, so it counts against your reliability."
            : ""}
        </p>
      ) : null}
      {searchParams.get("moved") === "1" ? (
        <p className="notice" role="status">
          Moved. You both have an updated invite.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}

      <section className="card">
        <h2>Status: {session.status.replace("_", " ")}</h2>
        <ul className="plain-list">
          <li>
            Format: {session.format === "swap" ? "swap, one half each" : "one-way"}
            {myTargetLevel ? ` · you are graded at ${myTargetLevel}` : ""}
            {peerTargetLevel ? ` · ${session.peer.name} at ${peerTargetLevel}` : ""}
          </li>
          {session.status === "scheduled" ? <li>Starts {formatRelative(start, now)}.</li> : null}
        </ul>
      </section>

      <section className="card" aria-labelledby="room-heading">
        <h2 id="room-heading">Room</h2>
        {session.joinOpen ? (
          <p>
            The room is open until {formatDateTime(new Date(closesAt), timeZone)}. Video and the
            shared code pad are being built; until they ship, meet on a call of your choice.
          </p>
        ) : new Date(opensAt).getTime() > now ? (
          <p>
            The room opens 10 minutes before the start:{" "}
            {formatDateTime(new Date(opensAt), timeZone)}, your time.
          </p>
        ) : (
          <p>The room closed at {formatDateTime(new Date(closesAt), timeZone)}.</p>
        )}
      </section>

      {canChange ? (
        <section className="card stack" aria-labelledby="change-heading">
          <h2 id="change-heading">Change plans</h2>
          <p className="hint">{policy}</p>
          <div className="form-actions">
            {canReschedule ? (
              <Link to={`/sessions/${session.id}/reschedule`} className="button button--secondary">
                Find another time
              </Link>
            ) : null}
            {confirming ? null : (
              <Link to="?confirm=cancel" className="button button--secondary" replace>
                Cancel session…
              </Link>
            )}
          </div>
          {confirming ? (
            <Form method="post" className="confirm-panel">
              <p>
                Cancel the {session.roundName} mock with {session.peer.name}? They get an email at
                once.
              </p>
              <input type="hidden" name="intent" value="cancel" />
              <div className="form-actions">
                <SubmitButton pendingLabel="Cancelling…" className="button button--danger">
                  Yes, cancel it
                </SubmitButton>
                <Link to="." replace className="button button--link">
                  Keep it
                </Link>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
