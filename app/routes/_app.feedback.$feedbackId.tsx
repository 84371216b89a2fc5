import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { BoardSnapshot } from "~/components/board-snapshot";
import { NotFoundBoundary } from "~/components/error-boundary";
import { SESSION_BOARD_TITLE } from "~/modules/board/board-svg";
import { otherPieceOfHalf } from "~/modules/feedback/duties";
import { getFeedbackForViewer } from "~/modules/feedback/feedback.server";
import { OVERALL_CALL_LABELS, RATING_ASPECTS } from "~/modules/feedback/forms";
import { formatMoment, replayHref } from "~/modules/feedback/moments";
import { requireUser } from "~/modules/identity/auth.server";
import boardSnapshotStyles from "~/styles/board-snapshot.css?url";
import { formatDateTime } from "~/utils/datetime";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardSnapshotStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.item.round.name} feedback · Peerloop` : "Feedback · Peerloop" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await getFeedbackForViewer(params.feedbackId ?? "", user.id);
  // Not the author, not the recipient, or not revealed yet: it does not exist for you.
  if (!item) throw new Response("Not found", { status: 404 });
  return { item, timeZone: user.timeZone };
}

export default function FeedbackDetail() {
  const { item, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const when = formatDateTime(new Date(item.startsAt), timeZone);
  const title =
    item.kind === "scorecard"
      ? item.viewerIsAuthor
        ? `Your scorecard for ${item.recipientName}`
        : `Scorecard from ${item.authorName}`
      : item.viewerIsAuthor
        ? `Your rating of ${item.recipientName}`
        : `${item.authorName}'s rating of you as interviewer`;
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/feedback">Feedback</Link> · {item.round.name}
          {item.levelCode ? ` at ${item.levelCode}` : ""} · {when}
          {item.format === "swap" ? ` · half ${item.half}` : ""}
        </p>
        <h1>{title}</h1>
      </div>
      {params.get("submitted") ? (
        <div className="notice" role="status">
          Submitted. Thank you.
        </div>
      ) : null}
      {item.viewerIsAuthor && !item.revealedAt ? (
        <div className="notice notice--info" role="status">
          {item.recipientName} cannot read this yet. It is revealed once{" "}
          {otherPieceOfHalf(
            item.kind,
            item.half as 1 | 2,
            item.format === "swap",
            item.recipientName,
          )}{" "}
          is in too, or on {formatDateTime(new Date(item.revealBy), timeZone)} at the latest.
        </div>
      ) : null}

      {item.kind === "scorecard" ? <Scorecard item={item} /> : <Rating item={item} />}

      {item.question ? (
        <section className="card" aria-labelledby="question-heading">
          <h2 id="question-heading">The question</h2>
          <p>
            <strong>{item.question.title}</strong>
          </p>
          <p className="prewrap">{item.question.prompt}</p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="pad-heading">
        <h2 id="pad-heading">The pad at the end of the session</h2>
        {item.pad?.code.trim() ? (
          <>
            {item.pad.language ? <p className="hint">Language: {item.pad.language}</p> : null}
            <pre className="pad-snapshot" data-testid="pad-snapshot">
              <code>{item.pad.code}</code>
            </pre>
          </>
        ) : (
          <p className="hint">Nothing was written in the pad in this session.</p>
        )}
      </section>
      <BoardSnapshot
        picture={item.board}
        svgHref={`/feedback/${item.id}/board.svg`}
        title={SESSION_BOARD_TITLE}
      />
    </div>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["item"];

function Scorecard({ item }: { item: Item }) {
  return (
    <>
      <section className="card" aria-labelledby="call-heading">
        <h2 id="call-heading">Overall call</h2>
        {item.overall ? (
          <p className="overall-call">
            <span className={`pill pill--call-${item.overall}`}>
              {OVERALL_CALL_LABELS[item.overall]}
            </span>{" "}
            at {item.levelCode}
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores and evidence</h2>
        <dl className="score-list">
          {item.scores.map((s) => (
            <div key={s.slug} className="score-item">
              <dt>
                {s.name}{" "}
                <span className="score-badge" data-score={s.score}>
                  {s.score} / 4
                </span>
              </dt>
              <dd>
                <p className="hint">{s.anchor}</p>
                <p className="prewrap">{s.evidence}</p>
                {s.momentMs !== null ? (
                  <p>
                    <Link to={replayHref(item.sessionId, s.momentMs)} data-testid="pinned-moment">
                      See it in the replay at {formatMoment(s.momentMs)}
                    </Link>
                  </p>
                ) : null}
                {s.story ? (
                  <blockquote className="cited-story" data-testid="cited-story">
                    <p>
                      <strong>Story: {s.story.title || "untitled"}</strong>
                      {s.story.value ? ` · evidences ${s.story.value}` : ""}
                    </p>
                    {(
                      [
                        ["Situation", s.story.situation],
                        ["Task", s.story.task],
                        ["Action", s.story.action],
                        ["Result", s.story.result],
                      ] as const
                    )
                      .filter(([, text]) => text)
                      .map(([label, text]) => (
                        <p key={label} className="prewrap">
                          <strong>{label}:</strong> {text}
                        </p>
                      ))}
                  </blockquote>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="grid">
        <section className="card" aria-labelledby="strengths-heading">
          <h2 id="strengths-heading">Strengths</h2>
          <p className="prewrap">{item.strengths}</p>
        </section>
        <section className="card" aria-labelledby="improve-heading">
          <h2 id="improve-heading">What to improve</h2>
          <p className="prewrap">{item.improvements}</p>
        </section>
      </div>
      {item.practise ? (
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">Practise next</h2>
          <p>
            {item.practise.name}
            {item.practise.topic ? `: ${item.practise.topic}` : ""}
          </p>
          {item.viewerIsAuthor ? null : (
            <p>
              <Link className="button button--secondary" to="/progress#next-mock">
                Book it from your progress page
              </Link>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}

function Rating({ item }: { item: Item }) {
  if (!item.rating) return null;
  const r = item.rating;
  return (
    <section className="card" aria-labelledby="rating-heading">
      <h2 id="rating-heading">Rating</h2>
      <dl className="score-list">
        {RATING_ASPECTS.map((aspect) => (
          <div key={aspect.name} className="score-item">
            <dt>{aspect.label}</dt>
            <dd>{r[aspect.name]} / 5</dd>
          </div>
        ))}
        <div className="score-item">
          <dt>Would practise with them again</dt>
          <dd>{r.wouldPractiseAgain ? "Yes" : "No"}</dd>
        </div>
      </dl>
      {r.comment ? <p className="prewrap">{r.comment}</p> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundBoundary title="No such feedback">
      <p>
        This feedback does not exist, or it is not yours to read. Feedback you received shows up
        once both sides have written. <Link to="/feedback">All your feedback</Link>
      </p>
    </NotFoundBoundary>
  );
}
