import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { NotFoundBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { ReplayViewer } from "~/components/replay/replay-viewer";
import { readForm } from "~/http/read-form.server";
import { getSessionForUser } from "~/modules/booking/session-view.server";
import { momentFromQuery } from "~/modules/feedback/moments";
import { getSessionUser } from "~/modules/identity/auth.server";
import { deleteReplay } from "~/modules/replay/replay.server";
import { loadReplayPage } from "~/modules/replay/replay-page.server";
import replayStyles from "~/styles/replay.css?url";
import { formatDateTime } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: replayStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Replay: ${data.page.session.roundName} · Peerloop` : "Replay · Peerloop" },
];

// The same answer for a stranger, another session's participant, a signed-out request
// and an id that names nothing: the replay does not exist for them.
const NOT_FOUND = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const sessionId = parseUuid(params.sessionId);
  if (!user || !sessionId) throw NOT_FOUND();
  const url = new URL(request.url);
  // The moment is read against a generous bound here; the page clamps it to the session.
  const moment = momentFromQuery(url.searchParams.get("t"), Number.MAX_SAFE_INTEGER);
  const page = await loadReplayPage(sessionId, user, moment);
  if (!page) throw NOT_FOUND();
  return { page, timeZone: user.timeZone, viewerId: user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  const sessionId = parseUuid(params.sessionId);
  if (!user || !sessionId) throw NOT_FOUND();
  const form = await readForm(request);
  if (form.get("intent") !== "delete") {
    // A stranger gets 404 whatever they send: who asks is checked before what.
    if (!(await getSessionForUser(sessionId, user.id))) throw NOT_FOUND();
    return data({ error: "Unknown request." }, { status: 400 });
  }
  const deleted = await deleteReplay(sessionId, user.id);
  if (!deleted) throw NOT_FOUND();
  if ("notEnded" in deleted) {
    return data(
      { error: "The replay can be deleted once the session has ended." },
      { status: 409 },
    );
  }
  throw redirect(`/sessions/${sessionId}/replay`);
}

export default function ReplayPage() {
  const { page, timeZone, viewerId } = useLoaderData<typeof loader>();
  const { session } = page;
  const peer = session.people.find((p) => p.id !== viewerId);
  return (
    <div className="stack replay">
      <div className="page-header">
        <p className="eyebrow">
          <Link to={`/sessions/${session.id}`}>
            {session.roundName} · {formatDateTime(new Date(session.startsAt), timeZone)}
          </Link>
        </p>
        <h1>Replay of your session with {peer?.name ?? "your peer"}</h1>
      </div>
      {page.state === "not_ended" ? (
        <div className="notice notice--info" role="status" data-testid="replay-state">
          This session has not ended yet. Its replay opens here once it ends, at{" "}
          {formatDateTime(new Date(session.endsAt), timeZone)}.
        </div>
      ) : page.state === "deleted" ? (
        <div className="notice notice--info" role="status" data-testid="replay-state">
          This replay was deleted by {page.removal.byName === "You" ? "you" : page.removal.byName}{" "}
          on {formatDateTime(new Date(page.removal.at), timeZone)}. Nothing of it is kept.
        </div>
      ) : (
        <>
          {page.expiredAt ? (
            <div className="notice notice--info" role="status" data-testid="replay-state">
              The step-by-step replay expired on{" "}
              {formatDateTime(new Date(page.expiredAt), timeZone)} (replays are kept for a limited
              time): what is left is how the session ended.
            </div>
          ) : null}
          <ReplayViewer page={page} timeZone={timeZone} viewerId={viewerId} />
          <section className="card replay-keep" aria-labelledby="replay-keep-heading">
            <h2 id="replay-keep-heading">Keep or delete</h2>
            <p>
              <a
                className="button button--secondary"
                href={`/sessions/${session.id}/replay.html`}
                download
                data-testid="replay-download"
              >
                Download the session (one HTML file)
              </a>{" "}
              <span className="hint">
                The pad's final text, the whiteboard and the code runs, readable offline.
              </span>
            </p>
            <details className="replay-delete">
              <summary>Delete this replay…</summary>
              <Form method="post" className="stack">
                <p>
                  The replay goes for both of you, for good: {peer?.name ?? "your peer"} will see
                  that you deleted it. Feedback already written stays.
                </p>
                <SubmitButton
                  name="intent"
                  value="delete"
                  className="button button--danger"
                  pendingLabel="Deleting…"
                >
                  Yes, delete the replay
                </SubmitButton>
              </Form>
            </details>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundBoundary title="No such replay">
      <p>
        This replay does not exist, or it is not yours to watch: only the session's two participants
        can, once it has ended. <Link to="/sessions">Your sessions</Link>
      </p>
    </NotFoundBoundary>
  );
}
