import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { LEVEL_CODE } from "#db/catalog/level-code";
import { BookingError } from "~/components/booking-error";
import { EmptyState } from "~/components/empty-state";
import { PersonRecordCard } from "~/components/person-record";
import { TrendChart } from "~/components/trend-chart";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { bookSuggestedMock, proposeSuggestedMock } from "~/modules/booking/book-suggestion.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { bookProposalSchema } from "~/modules/booking/request-form";
import { getProgress, type RoundProgress } from "~/modules/feedback/progress.server";
import type { ReadinessStatus } from "~/modules/feedback/readiness";
import { EMPTY_RECORD } from "~/modules/feedback/record";
import { loadPersonRecords } from "~/modules/feedback/record.server";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime, formatRange } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Progress · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ suggestion, ...progress }, records] = await Promise.all([
    getProgress(user.id),
    loadPersonRecords([user.id]),
  ]);
  const offer = suggestion
    ? await proposeSuggestedMock(user.id, suggestion.round, suggestion.level)
    : null;
  return {
    progress: {
      ...progress,
      suggestion:
        suggestion && offer
          ? {
              roundSlug: suggestion.roundSlug,
              roundName: suggestion.roundName,
              levelCode: suggestion.levelCode,
              topic: suggestion.topic,
              reason: suggestion.reason,
              ...offer,
            }
          : null,
    },
    record: records.get(user.id) ?? EMPTY_RECORD,
    timeZone: user.timeZone,
  };
}

const bookSuggestionSchema = bookProposalSchema.extend({
  loop: z.string().min(1),
  round: z.string().min(1),
  level: z.string().regex(LEVEL_CODE),
  format: z.enum(["swap", "one_way"]),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await readForm(request), bookSuggestionSchema);
  if (submission.status !== "success") {
    return data(
      { error: "That time is not valid any more. Pick one of the times below." },
      { status: 400 },
    );
  }
  const v = submission.value;
  const result = await bookSuggestedMock(user.id, {
    loopSlug: v.loop,
    roundSlug: v.round,
    levelCode: v.level,
    format: v.format,
    peerId: v.peerId,
    start: v.start,
    idempotencyKey: v.idempotencyKey,
    expectedPrice: v.price,
  });
  if (result.ok) throw redirect(`/sessions/${result.sessionId}?booked=1`);
  const status = result.error === "not_found" ? 404 : 409;
  return data({ error: BOOKING_ERROR_MESSAGES[result.error], code: result.error }, { status });
}

const STATUS_LABELS: Record<ReadinessStatus, string> = {
  ready: "Ready",
  close: "Close",
  not_yet: "Not yet",
  no_evidence: "No evidence yet",
};

export default function ProgressPage() {
  const { progress, record, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyKey = navigation.state !== "idle" ? navigation.formData?.get("idempotencyKey") : null;

  if (!progress.target) {
    return (
      <div className="stack">
        <div className="page-header">
          <h1>Progress</h1>
        </div>
        <EmptyState title="Set your target first">
          <p>
            Readiness is measured against a target loop and level.{" "}
            <Link to="/profile">Set them on your profile</Link>.
          </p>
        </EmptyState>
      </div>
    );
  }
  const withTrend = [...progress.rounds, ...progress.otherRounds].filter((r) => r.trend.length > 0);
  const suggestion = progress.suggestion;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Progress</h1>
        <p>
          Readiness for {progress.target.trackName ?? "the loop"} at{" "}
          <strong>{progress.target.levelCode}</strong>, from the scorecards you received.{" "}
          <Link to="/feedback">Read them all</Link>
        </p>
      </div>

      {suggestion ? (
        <section className="card" id="next-mock" aria-labelledby="next-heading">
          <h2 id="next-heading">
            Next: {suggestion.roundName} at {suggestion.levelCode}
            {suggestion.topic ? ` (${suggestion.topic})` : ""}
          </h2>
          <p>{suggestion.reason}</p>
          {actionData?.error ? (
            <BookingError
              message={actionData.error}
              code={"code" in actionData ? actionData.code : undefined}
            />
          ) : null}
          {suggestion.proposals.length === 0 ? (
            <p className="hint">
              No peer is free for it in the next two weeks yet.{" "}
              <Link to={`/book?round=${suggestion.roundSlug}&level=${suggestion.levelCode}`}>
                Post a request
              </Link>{" "}
              and we pair you as soon as someone is.
            </p>
          ) : (
            <ul className="proposal-list">
              {suggestion.proposals.map((p) => (
                <li key={`${p.peerId}-${p.start}`} className="proposal">
                  <div>
                    <strong>{formatRange(new Date(p.start), new Date(p.end), timeZone)}</strong>
                    <p className="hint">
                      with {p.peerName}
                      {p.peerLevel ? ` (${p.peerLevel})` : ""} ·{" "}
                      {suggestion.format === "swap"
                        ? "swap, free"
                        : `one-way, ${suggestion.price} ${suggestion.price === 1 ? "credit" : "credits"}`}{" "}
                      · their time {formatDateTime(new Date(p.start), p.peerTimeZone)}
                    </p>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="loop" value={progress.target?.loopSlug} />
                    <input type="hidden" name="round" value={suggestion.roundSlug} />
                    <input type="hidden" name="level" value={suggestion.levelCode} />
                    <input type="hidden" name="format" value={suggestion.format ?? ""} />
                    <input type="hidden" name="peerId" value={p.peerId} />
                    <input type="hidden" name="start" value={p.start} />
                    <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
                    <input type="hidden" name="price" value={suggestion.price} />
                    <button
                      type="submit"
                      className="button"
                      disabled={busyKey !== null && busyKey !== undefined}
                    >
                      {busyKey === p.idempotencyKey ? "Booking…" : "Book this"}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">Readiness per round</h2>
        <ul className="readiness-list">
          {progress.rounds.map((round) => (
            <ReadinessRow key={round.slug} round={round} timeZone={timeZone} />
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="trends-heading">
        <h2 id="trends-heading">Trends</h2>
        {withTrend.length === 0 ? (
          <p className="hint">
            Charts appear after your first revealed scorecard: a line per dimension of the round,
            and your overall call.
          </p>
        ) : (
          withTrend.map((round) => (
            <div key={round.slug} className="trend-round">
              <h3>{round.name}</h3>
              <TrendChart
                roundName={round.name}
                dimensions={round.dimensions}
                points={round.trend}
                timeZone={timeZone}
              />
            </div>
          ))
        )}
      </section>

      <PersonRecordCard record={record} />
    </div>
  );
}

function ReadinessRow({ round, timeZone }: { round: RoundProgress; timeZone: string }) {
  const r = round.readiness;
  return (
    <li className="readiness" data-round={round.slug} data-status={r.status}>
      <div className="readiness-head">
        <strong>{round.name}</strong>{" "}
        <span className={`pill pill--readiness-${r.status}`}>{STATUS_LABELS[r.status]}</span>{" "}
        {r.percent !== null ? (
          <span className="readiness-percent" data-testid={`readiness-${round.slug}`}>
            {r.percent}%
          </span>
        ) : null}
      </div>
      {r.percent !== null ? (
        <meter min={0} max={100} low={45} high={60} optimum={100} value={r.percent}>
          {r.percent}%
        </meter>
      ) : null}
      <details>
        <summary>Why</summary>
        <ul className="plain-list">
          {r.reasoning.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {r.basis.length > 0 ? (
          <>
            <p className="hint">Based on:</p>
            <ul className="plain-list">
              {r.basis.map((b) => (
                <li key={b.feedbackId}>
                  <Link to={`/feedback/${b.feedbackId}`}>
                    {formatDateTime(new Date(b.startsAt), timeZone)} at {b.levelCode}
                  </Link>{" "}
                  <span className="hint">
                    result {Math.round(b.result * 100)}%, weight {b.weight}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {r.excluded.length > 0 ? (
          <>
            <p className="hint">Not counted:</p>
            <ul className="plain-list">
              {r.excluded.map((e) => (
                <li key={e.feedbackId}>
                  <Link to={`/feedback/${e.feedbackId}`}>
                    {formatDateTime(new Date(e.startsAt), timeZone)}
                  </Link>{" "}
                  <span className="hint">{e.why}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
    </li>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
