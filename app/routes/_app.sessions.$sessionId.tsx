import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { EscrowPanel } from "~/components/escrow-panel";
import { SubmitButton } from "~/components/forms";
import { CodePad, type PadApi, type PadStatus } from "~/components/room/code-pad";
import { InterviewerKitPanel } from "~/components/room/interviewer-kit";
import { KitTests } from "~/components/room/kit-tests";
import { LiveStatusBadge, useNow } from "~/components/room/room-status";
import { RoomTimer } from "~/components/room/room-timer";
import { RunPanel } from "~/components/room/run-panel";
import { StoryShares } from "~/components/room/story-shares";
import { SwitchRoles, useOnRolesSwitched } from "~/components/room/switch-roles";
import { useCalmRevalidate } from "~/components/room/use-calm-revalidate";
import { VideoPanel } from "~/components/room/video-panel";
import { Whiteboard } from "~/components/room/whiteboard";
import { Workspace } from "~/components/room/workspace";
import { getEnv, roomOpensBeforeMs } from "~/env.server";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { describeCancelPolicy, isLateChange, joinWindow } from "~/modules/booking/policy";
import { toSessionCard } from "~/modules/booking/session-cards.server";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { DISPUTE_ERROR_MESSAGES, disputeNoShow } from "~/modules/credits/disputes.server";
import { getEscrowForParticipant } from "~/modules/credits/escrow-view.server";
import { revealWaits } from "~/modules/feedback/duties";
import {
  type SessionFeedbackStatus,
  sessionFeedbackStatus,
} from "~/modules/feedback/feedback.server";
import { requireUser } from "~/modules/identity/auth.server";
import { ownQuestionSchema, storySchema } from "~/modules/sessions/kit";
import {
  addStory,
  askAgain,
  askOwnQuestion,
  deleteStory,
  saveStory,
} from "~/modules/sessions/kit.server";
import { padSetupFor } from "~/modules/sessions/pad-setup";
import {
  halfClock,
  liveStatus,
  SWITCH_REFUSAL_MESSAGES,
  seatColor,
  statusLagsClock,
  statusWord,
} from "~/modules/sessions/roles";
import {
  getInterviewerKit,
  getPublicExercise,
  getRoomAccess,
  roomNeedsSync,
  saveInterviewerNotes,
  switchRoles,
  syncRoom,
} from "~/modules/sessions/room.server";
import { myShares, SHARE_MESSAGES, setShares } from "~/modules/stories/shares.server";
import { shareSchema } from "~/modules/stories/story-form";
import { formatDateTime, formatRange, formatRelative } from "~/utils/datetime";
import { parseSerialId, parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Session · Peerloop" }];

const MAX_NOTES = 20_000;

const disputeSchema = z.object({
  reason: z
    .string({ required_error: DISPUTE_ERROR_MESSAGES.reason_required })
    .trim()
    .min(1, DISPUTE_ERROR_MESSAGES.reason_required)
    .max(1000, DISPUTE_ERROR_MESSAGES.reason_required),
});

async function requireAccess(request: Request, sessionId: string | undefined) {
  const user = await requireUser(request);
  const now = new Date();
  const access = await getRoomAccess(sessionId ?? "", user.id, now);
  if (!access) throw new Response("Not found", { status: 404 });
  return { user, access, now };
}

// The loader only reads (it runs on every revalidation): moving the session's status
// along and choosing questions happen in the action, when the room asks ("sync").
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, now } = await requireAccess(request, params.sessionId);
  const { session } = access;
  const window = joinWindow(session.startsAt, session.endsAt, roomOpensBeforeMs());
  // The kit is read here only for the interviewer of the current half: the candidate's
  // page never receives it, not even hidden.
  const [kit, feedback, syncDue, escrow, exercise, shares] = await Promise.all([
    getInterviewerKit(access, user.id),
    sessionFeedbackStatus(session.id, user.id, now),
    roomNeedsSync(access, now),
    getEscrowForParticipant(session.id, user.id, now),
    getPublicExercise(access),
    // The candidate's own story titles to share (story rounds only; null otherwise).
    myShares(access, user.id),
  ]);
  const clock = halfClock(
    { ...session, halfTwoStartedAt: access.halfTwoStartedAt },
    access.half,
    access.roundMinutes,
  );
  return {
    feedback,
    escrow: escrow
      ? { ...escrow, disputeClosesAt: escrow.disputeClosesAt?.toISOString() ?? null }
      : null,
    graceMinutes: getEnv().NO_SHOW_GRACE_MINUTES,
    timeZone: user.timeZone,
    now: now.getTime(),
    me: { id: user.id, name: user.name, color: seatColor(access.shape, user.id) },
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
      roundMinutes: access.roundMinutes,
      halfStartsAt: clock.startsAt.toISOString(),
      halfEndsAt: clock.endsAt.toISOString(),
      pad: padSetupFor(session.roundSlug),
      syncDue,
      /** Both people's view of the half's exercise (the kit holds the whole one). */
      exercise,
    },
    kit,
    shares,
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
  if (typeof intent === "string" && intent in KIT_INTENTS) {
    return KIT_INTENTS[intent as keyof typeof KIT_INTENTS](access, user.id, formData);
  }
  if (intent === "share-stories") {
    const parsed = parseForm(formData, shareSchema);
    if (parsed.status !== "success") {
      return data({ error: SHARE_MESSAGES.not_found, intent }, { status: 400 });
    }
    const outcome = await setShares(access, user.id, parsed.value.stories);
    if (outcome === "not_found") throw new Response("Not found", { status: 404 });
    if (outcome !== "ok") {
      return data({ error: SHARE_MESSAGES[outcome], intent }, { status: 409 });
    }
    return { shared: parsed.value.stories.length };
  }
  if (intent === "switch-roles") {
    const result = await switchRoles(access, user.id, new Date());
    if (!result.ok) {
      const status = result.error === "not_interviewer" ? 403 : 409;
      return data({ error: SWITCH_REFUSAL_MESSAGES[result.error] }, { status });
    }
    return { switched: true };
  }
  if (intent === "sync") {
    const before = access.session.status;
    const after = await syncRoom(access, new Date());
    return { synced: true, changed: after !== before };
  }
  if (intent === "dispute") {
    const submission = parseForm(formData, disputeSchema);
    if (submission.status !== "success") {
      return data(
        { error: DISPUTE_ERROR_MESSAGES.reason_required, intent: "dispute" },
        { status: 400 },
      );
    }
    const result = await disputeNoShow({
      sessionId: access.session.id,
      userId: user.id,
      reason: submission.value.reason,
    });
    if (!result.ok) {
      if (result.error === "not_found") throw new Response("Not found", { status: 404 });
      return data(
        { error: DISPUTE_ERROR_MESSAGES[result.error], intent: "dispute" },
        { status: result.error === "reason_required" ? 400 : 409 },
      );
    }
    throw redirect(`/sessions/${access.session.id}?disputed=1`);
  }
  if (intent !== "cancel") throw new Response("Unknown action", { status: 400 });
  const result = await cancelSession({ userId: user.id, sessionId: access.session.id });
  if (!result.ok) {
    if (result.error === "not_found") throw new Response("Not found", { status: 404 });
    return data({ error: BOOKING_ERROR_MESSAGES[result.error] }, { status: 409 });
  }
  throw redirect(`/sessions/${access.session.id}?cancelled=${result.late ? "late" : "1"}`);
}

const NOT_FOUND = () => new Response("Not found", { status: 404 });
type KitAction = (
  access: NonNullable<Awaited<ReturnType<typeof getRoomAccess>>>,
  userId: string,
  formData: FormData,
) => Promise<unknown>;

/**
 * The kit's writes. Anyone but the current half's interviewer, and any id that is not
 * theirs, is told the same as for a missing page.
 */
const KIT_INTENTS = {
  "own-question": async (access, userId, formData) => {
    const savedId = formData.get("ownQuestionId");
    let choice: Parameters<typeof askOwnQuestion>[2];
    if (savedId !== null) {
      const id = parseUuid(savedId);
      if (!id) throw NOT_FOUND();
      choice = { ownQuestionId: id };
    } else {
      const parsed = ownQuestionSchema.safeParse({
        title: formData.get("title") ?? undefined,
        prompt: formData.get("prompt") ?? undefined,
        followUps: formData.get("followUps") ?? undefined,
      });
      if (!parsed.success) {
        return data(
          {
            error: parsed.error.issues[0]?.message ?? "Check the question.",
            intent: "own-question",
          },
          { status: 400 },
        );
      }
      choice = { write: parsed.data };
    }
    const outcome = await askOwnQuestion(access, userId, choice);
    if (outcome === "not_found") throw NOT_FOUND();
    if (outcome === "full") {
      return data(
        { error: "Your list of questions is full: reuse one of them.", intent: "own-question" },
        { status: 409 },
      );
    }
    return { asked: "own" as const };
  },
  "ask-again": async (access, userId, formData) => {
    const questionId = parseSerialId(formData.get("questionId"));
    if (questionId === null) throw NOT_FOUND();
    const outcome = await askAgain(access, userId, questionId);
    if (outcome === "not_found") throw NOT_FOUND();
    if (outcome !== "ok") {
      return data(
        {
          error:
            outcome === "taken"
              ? "This half already has its question."
              : "That question is not the one the bank offers again. Reload the page.",
          intent: "ask-again",
        },
        { status: 409 },
      );
    }
    return { asked: "again" as const };
  },
  "story-add": async (access, userId) => {
    const outcome = await addStory(access, userId);
    if (outcome === "not_found") throw NOT_FOUND();
    if (outcome === "full") {
      return data(
        { error: "This half holds as many stories as it can.", intent: "story-add" },
        { status: 409 },
      );
    }
    return { storyId: outcome.id };
  },
  "story-save": async (access, userId, formData) => {
    const storyId = parseUuid(formData.get("storyId"));
    if (!storyId) throw NOT_FOUND();
    const round = access.session.roundId;
    const values = (await getLoopCatalogs())
      .flatMap((l) => l.rounds)
      .find((r) => r.id === round)
      ?.dimensions.map((d) => d.slug);
    const parsed = storySchema(values ?? []).safeParse(
      Object.fromEntries(
        ["title", "value", "situation", "task", "action", "result"].map((name) => [
          name,
          formData.get(name) ?? undefined,
        ]),
      ),
    );
    if (!parsed.success) {
      return data(
        { error: parsed.error.issues[0]?.message ?? "Check the story.", intent: "story-save" },
        { status: 400 },
      );
    }
    if (!(await saveStory(access, userId, storyId, parsed.data))) throw NOT_FOUND();
    return { saved: true };
  },
  "story-delete": async (access, userId, formData) => {
    const storyId = parseUuid(formData.get("storyId"));
    if (!storyId || !(await deleteStory(access, userId, storyId))) throw NOT_FOUND();
    return { deleted: true };
  },
} satisfies Record<string, KitAction>;

/**
 * Asks the server to bring the session up to the clock (started, ended) and to choose
 * the half's question, once for each state the page is in: when the loader says it is
 * due, or when the clock passes the start or the end while the page is open.
 */
function useRoomSync(input: {
  enabled: boolean;
  due: boolean;
  lagging: boolean;
  stateKey: string;
  onChanged: () => void;
}) {
  const fetcher = useFetcher<{ synced?: boolean; changed?: boolean }>();
  const asked = useRef(new Set<string>());
  const { enabled, due, lagging, stateKey, onChanged } = input;
  const key = `${stateKey}:${lagging}`;
  useEffect(() => {
    if (!enabled || !(due || lagging) || fetcher.state !== "idle" || asked.current.has(key)) return;
    asked.current.add(key);
    fetcher.submit({ intent: "sync" }, { method: "post" });
  }, [enabled, due, lagging, key, fetcher]);
  const changed = fetcher.state === "idle" && fetcher.data?.changed === true;
  useEffect(() => {
    if (changed) onChanged();
  }, [changed, onChanged]);
  return { syncing: fetcher.state !== "idle", asked: asked.current.has(key) };
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
    shares,
  } = loaderData;
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const confirming = searchParams.get("confirm") === "cancel";
  const padApi = useRef<PadApi | null>(null);
  // The shared document, once the pad has it: the room's other tools render from it.
  const [sharedDoc, setSharedDoc] = useState<Pick<PadApi, "doc" | "awareness"> | null>(null);
  const [padStatus, setPadStatus] = useState<PadStatus>("connecting");
  const onPadReady = useCallback((api: PadApi) => {
    padApi.current = api;
    setSharedDoc({ doc: api.doc, awareness: api.awareness });
  }, []);
  // The peer's page changes at once: after a change of ours, a message through the
  // pad's realtime connection makes their page reload its data (and ours, theirs).
  const onRoomChanged = useCalmRevalidate();
  const announce = useCallback(() => padApi.current?.announceRoomChange(), []);
  useOnRolesSwitched(announce);
  const clockNow = useNow(now, 5_000);
  const timing = {
    status: session.status,
    startsAt: new Date(session.startsAt),
    endsAt: new Date(session.endsAt),
  };
  const status = liveStatus(timing, new Date(clockNow));
  const sync = useRoomSync({
    enabled: room.window === "open",
    due: room.syncDue,
    lagging: statusLagsClock(timing, new Date(clockNow)),
    stateKey: `${room.half}:${session.status}`,
    onChanged: announce,
  });
  const ended = status.kind === "ended" || status.kind === "no_show";
  const readOnly = room.readOnly || ended;
  const inRoom = room.window !== "before" && session.status !== "cancelled";
  const actionError = actionData && "error" in actionData ? actionData.error : null;
  const disputeError =
    actionData && "intent" in actionData && actionData.intent === "dispute" ? actionError : null;
  const error = disputeError ? null : actionError;
  // Before the room opens, the candidate can already choose the titles to share.
  const sharesPanel =
    shares && session.status !== "cancelled" ? <StoryShares shares={shares} /> : null;

  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/sessions">Sessions</Link>
        </p>
        <h1>
          {session.roundName} with {session.peer.name}
        </h1>
        <LiveStatusBadge status={status} />
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
            : ""}{" "}
          {loaderData.escrow ? "Where its credits went is shown below." : ""}
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
          swap={session.format === "swap"}
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
          within {loaderData.graceMinutes} minutes of the start.
        </p>
      ) : null}
      {searchParams.get("disputed") === "1" ? (
        <p className="notice" role="status">
          Dispute sent. The credits stay where they are until an admin has looked at it.
        </p>
      ) : null}
      {loaderData.escrow ? (
        <EscrowPanel
          escrow={loaderData.escrow}
          peerName={session.peer.name}
          timeZone={timeZone}
          error={disputeError}
        />
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {inRoom ? (
        <div className="room">
          <div className="room__main stack">
            {room.window === "open" && !ended ? (
              <VideoPanel sessionId={session.id} peerName={session.peer.name} />
            ) : null}
            <Workspace
              sessionId={session.id}
              boardFirst={room.pad.kind === "design" || room.pad.kind === "deep_dive"}
              pad={
                <div className="stack">
                  <CodePad
                    sessionId={session.id}
                    readOnly={readOnly}
                    me={me}
                    setup={room.pad}
                    onReady={onPadReady}
                    onRoomChanged={onRoomChanged}
                    onStatus={setPadStatus}
                  />
                  {sharedDoc ? (
                    <RunPanel
                      doc={sharedDoc.doc}
                      me={me}
                      exercise={room.exercise}
                      defaultLanguage={room.pad.language}
                      readOnly={readOnly}
                    />
                  ) : null}
                </div>
              }
              board={
                sharedDoc
                  ? (visible) => (
                      <Whiteboard
                        doc={sharedDoc.doc}
                        awareness={sharedDoc.awareness}
                        readOnly={readOnly}
                        visible={visible}
                        connection={padStatus}
                      />
                    )
                  : null
              }
            />
          </div>
          <div className="room__side stack">
            {room.window === "open" && !ended ? (
              <RoomTimer
                halfStartsAt={room.halfStartsAt}
                halfEndsAt={room.halfEndsAt}
                roundMinutes={room.roundMinutes}
                kind={room.pad.kind}
                half={room.half}
                halves={room.halves}
                serverNow={now}
              />
            ) : (
              <section className="card">
                <h2>The session has ended</h2>
                <p className="hint">
                  {room.window === "open"
                    ? `The time is up. The room stays open until ${formatDateTime(new Date(closesAt), timeZone)}; the pad is now read-only.`
                    : `The room closed at ${formatDateTime(new Date(closesAt), timeZone)}; the pad stays readable here.`}
                </p>
                {status.kind === "ended" ? (
                  <p>
                    <Link to={`/sessions/${session.id}/replay`}>Watch the replay</Link>: the pad,
                    the whiteboard and the runs, moment by moment.
                  </p>
                ) : null}
              </section>
            )}
            {room.halves === 2 && room.half === 1 && status.kind === "live" ? (
              room.isInterviewer ? (
                <SwitchRoles peerName={session.peer.name} />
              ) : (
                <p className="hint card">
                  At half time {session.peer.name} switches roles: then you interview, and the kit
                  with a new question is yours.
                </p>
              )
            ) : null}
            {kit ? (
              <InterviewerKitPanel
                key={`kit-${kit.half}`}
                kit={kit}
                choosing={sync.syncing || (room.syncDue && !sync.asked)}
                readOnly={readOnly}
                onPastePrompt={(prompt) =>
                  padApi.current?.insertAtTop(
                    `${prompt
                      .split("\n")
                      .map((line) => `# ${line}`)
                      .join("\n")}\n\n`,
                  )
                }
              />
            ) : null}
            {sharesPanel}
            {kit?.question?.exercise?.language === "python" && sharedDoc && !readOnly ? (
              <section className="card">
                <KitTests doc={sharedDoc.doc} me={me} exercise={kit.question.exercise} />
                <details>
                  <summary>Reference solution</summary>
                  <pre>{kit.question.exercise.reference}</pre>
                </details>
              </section>
            ) : null}
            {kit ? null : room.window === "open" && !ended ? (
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
      {inRoom ? null : sharesPanel}

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
      <h2 className="status-line">
        Status: <span data-testid="status-line">{statusWord(status)}</span>
      </h2>
    </div>
  );
}

/** Links to write this session's feedback once a half is over, and to read it once revealed. */
function SessionFeedback({
  status,
  sessionId,
  peerName,
  swap,
}: {
  status: SessionFeedbackStatus;
  sessionId: string;
  peerName: string;
  swap: boolean;
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
          {revealWaits(
            status.mine
              .filter((m) => !status.received.some((r) => r.half === m.half))
              .map((m) => ({ half: m.half, kind: m.kind, submitted: m.feedbackId !== null })),
            swap,
            peerName,
          ).join(" ")}{" "}
          Whatever is submitted shows 72 hours after the session at the latest.
        </p>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
