import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRevalidator,
  useSearchParams,
} from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import { SubmitButton } from "~/components/forms";
import { CodePad } from "~/components/room/code-pad";
import { InterviewerKitPanel } from "~/components/room/interviewer-kit";
import { RoomTimer } from "~/components/room/room-timer";
import { VideoPanel } from "~/components/room/video-panel";
import { roomOpensBeforeMs } from "~/env.server";
import { readForm } from "~/http/read-form.server";
import { cancelSession } from "~/modules/booking/booking.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { describeCancelPolicy, isLateChange, joinWindow } from "~/modules/booking/policy";
import { toSessionCard } from "~/modules/booking/session-cards.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import {
  type SessionFeedbackStatus,
  sessionFeedbackStatus,
} from "~/modules/feedback/feedback.server";
import { requireUser } from "~/modules/identity/auth.server";
import { colorFor } from "~/modules/sessions/realtime-token";
import {
  getInterviewerKit,
  getRoomAccess,
  markStartedIfDue,
  saveInterviewerNotes,
  switchRoles,
} from "~/modules/sessions/room.server";
import { formatDateTime, formatRange, formatRelative } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Session · Peerloop" }];

const MAX_NOTES = 20_000;

async function requireAccess(request: Request, sessionId: string | undefined) {
  const user = await requireUser(request);
  const now = new Date();
  const access = await getRoomAccess(sessionId ?? "", user.id, now);
  if (!access) throw new Response("Not found", { status: 404 });
  return { user, access, now };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, now } = await requireAccess(request, params.sessionId);
  const { session } = access;
  if (access.window === "open") await markStartedIfDue(access, now);
  const window = joinWindow(session.startsAt, session.endsAt, roomOpensBeforeMs());
  const catalogs = await getLoopCatalogs();
  const roundMinutes =
    catalogs.flatMap((l) => l.rounds).find((r) => r.id === session.roundId)?.durationMinutes ?? 60;
  // The kit is read here only for the interviewer of the current half: the candidate's
  // page never receives it, not even hidden.
  const [kit, feedback] = await Promise.all([
    getInterviewerKit(access, user.id),
    sessionFeedbackStatus(session.id, user.id, now),
  ]);
  return {
    feedback,
    timeZone: user.timeZone,
    now: now.getTime(),
    me: { name: user.name, color: colorFor(user.id) },
    session: toSessionCard(session, now),
    noShowByMe: session.noShowUserIds.includes(user.id),
    noShowByPeer: session.noShowUserIds.includes(session.peer.id),
    peerTargetLevel: session.peer.targetLevel,
    myTargetLevel: session.myTargetLevel,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    room: {
      window: access.window,
      readOnly: access.readOnly,
      half: access.half,
      halves: (session.format === "swap" ? 2 : 1) as 1 | 2,
      isInterviewer: access.isInterviewer,
      roundMinutes,
    },
    kit,
    canChange: session.status === "scheduled" && session.startsAt > now,
    canReschedule: session.status === "scheduled" && !isLateChange(session.startsAt, now),
    policy: describeCancelPolicy(session.startsAt, now),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, access } = await requireAccess(request, params.sessionId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "notes") {
    const body = String(formData.get("body") ?? "");
    if (body.length > MAX_NOTES) {
      return data({ error: `Notes are limited to ${MAX_NOTES} characters.` }, { status: 400 });
    }
    // Anyone but the current interviewer is told the same as for a missing page.
    if (!(await saveInterviewerNotes(access, user.id, body)))
      throw new Response("Not found", { status: 404 });
    return { saved: true };
  }
  if (intent === "switch-roles") {
    const switched = await switchRoles(access);
    if (!switched) {
      return data({ error: "Roles can be switched once, during a swap session." }, { status: 409 });
    }
    return { switched: true };
  }
  if (intent !== "cancel") throw new Response("Unknown action", { status: 400 });
  const result = await cancelSession({ userId: user.id, sessionId: access.session.id });
  if (!result.ok) {
    if (result.error === "not_found") throw new Response("Not found", { status: 404 });
    return data({ error: BOOKING_ERROR_MESSAGES[result.error] }, { status: 409 });
  }
  throw redirect(`/sessions/${access.session.id}?cancelled=${result.late ? "late" : "1"}`);
}

/** Keeps the room's server state (roles, status) fresh while it is open. */
function useRoomRefresh(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle")
        revalidator.revalidate();
    }, 15_000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export default function SessionPage() {
  const loaderData = useLoaderData<typeof loader>();
  const {
    session,
    timeZone,
    now,
    opensAt,
    closesAt,
    canChange,
    canReschedule,
    policy,
    room,
    kit,
    me,
  } = loaderData;
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const confirming = searchParams.get("confirm") === "cancel";
  const padApi = useRef<{ insertAtTop: (text: string) => void } | null>(null);
  const onPadReady = useCallback((api: { insertAtTop: (text: string) => void }) => {
    padApi.current = api;
  }, []);
  useRoomRefresh(room.window === "open");
  const inRoom = room.window !== "before" && session.status !== "cancelled";
  const error = actionData && "error" in actionData ? actionData.error : null;

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
      {loaderData.feedback ? (
        <SessionFeedback
          status={loaderData.feedback}
          sessionId={session.id}
          peerName={session.peer.name}
        />
      ) : null}
      {session.status === "no_show" ? (
        <p className="form-error" role="status">
          Marked as a no-show:{" "}
          {loaderData.noShowByMe && loaderData.noShowByPeer
            ? "neither of you joined"
            : loaderData.noShowByMe
              ? "you did not join"
              : `${session.peer.name} did not join`}{" "}
          within 10 minutes of the start.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {inRoom ? (
        <div className="room">
          <div className="room__main stack">
            {room.window === "open" && session.status !== "no_show" ? (
              <VideoPanel sessionId={session.id} peerName={session.peer.name} />
            ) : null}
            <CodePad sessionId={session.id} readOnly={room.readOnly} me={me} onReady={onPadReady} />
          </div>
          <div className="room__side stack">
            {room.window === "open" ? (
              <RoomTimer
                startsAt={session.startsAt}
                roundMinutes={room.roundMinutes}
                half={room.half}
                halves={room.halves}
                serverNow={now}
              />
            ) : (
              <section className="card">
                <h2>The session has ended</h2>
                <p className="hint">
                  The room closed at {formatDateTime(new Date(closesAt), timeZone)}; the pad stays
                  readable here.
                </p>
              </section>
            )}
            {kit ? (
              <InterviewerKitPanel
                key={`kit-${kit.half}`}
                kit={kit}
                readOnly={room.readOnly}
                onPastePrompt={(prompt) =>
                  padApi.current?.insertAtTop(
                    `${prompt
                      .split("\n")
                      .map((line) => `# ${line}`)
                      .join("\n")}\n\n`,
                  )
                }
              />
            ) : room.window === "open" ? (
              <section className="card">
                <h2>
                  {room.halves === 2
                    ? `Half ${room.half}: you are interviewed`
                    : "You are interviewed"}
                </h2>
                <p className="hint">
                  {session.peer.name} has the question and the rubric. Think out loud, ask
                  clarifying questions, and use the pad.
                </p>
              </section>
            ) : null}
            {room.halves === 2 && room.half === 1 && room.window === "open" && !room.readOnly ? (
              <Form method="post" className="card">
                <input type="hidden" name="intent" value="switch-roles" />
                <p className="hint">
                  At half time, switch: the other person interviews with a new question.
                </p>
                <SubmitButton pendingLabel="Switching…" className="button button--secondary">
                  Switch roles
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        </div>
      ) : (
        <section className="card" aria-labelledby="room-heading">
          <h2 id="room-heading">Room</h2>
          {session.status === "cancelled" ? (
            <p>This session was cancelled.</p>
          ) : (
            <p>
              The room opens before the start: {formatDateTime(new Date(opensAt), timeZone)}, your
              time ({formatRelative(new Date(opensAt), now)}).
            </p>
          )}
        </section>
      )}

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
      <h2 className="status-line">Status: {session.status.replace("_", " ")}</h2>
    </div>
  );
}

/** Links to write this session's feedback once a half is over, and to read it once revealed. */
function SessionFeedback({
  status,
  sessionId,
  peerName,
}: {
  status: SessionFeedbackStatus;
  sessionId: string;
  peerName: string;
}) {
  const writable = status.mine.filter((m) => m.state === "open" || m.feedbackId);
  if (writable.length === 0 && status.received.length === 0) return null;
  return (
    <section className="card" aria-labelledby="session-feedback-heading">
      <h2 id="session-feedback-heading">Feedback</h2>
      <ul className="plain-list">
        {writable.map((m) => {
          const what =
            m.kind === "scorecard" ? `Scorecard for ${peerName}` : `Your rating of ${peerName}`;
          return (
            <li key={`${m.half}-${m.kind}`}>
              {m.feedbackId ? (
                <>
                  <Link to={`/feedback/${m.feedbackId}`}>{what}</Link>{" "}
                  <span className="pill">submitted</span>
                </>
              ) : (
                <Link
                  className="button button--small"
                  to={`/sessions/${sessionId}/feedback/${m.half}`}
                >
                  {m.kind === "scorecard"
                    ? `Write the scorecard for ${peerName}`
                    : `Rate ${peerName}`}
                </Link>
              )}
            </li>
          );
        })}
        {status.received.map((r) => (
          <li key={r.id}>
            <Link to={`/feedback/${r.id}`}>
              {r.kind === "scorecard"
                ? `Read ${peerName}'s scorecard of you`
                : `Read ${peerName}'s rating of you`}
            </Link>
          </li>
        ))}
      </ul>
      {!status.revealed ? (
        <p className="hint">
          What {peerName} writes about you shows here once you have both submitted, or 72 hours
          after the session.
        </p>
      ) : null}
    </section>
  );
}
