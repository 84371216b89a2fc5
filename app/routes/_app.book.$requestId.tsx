import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BookingError, PriceNotice } from "~/components/booking-error";
import { EmptyState } from "~/components/empty-state";
import { NotFoundBoundary } from "~/components/error-boundary";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { BOOKING_ERROR_MESSAGES } from "~/modules/booking/booking-errors";
import { bookProposalSchema } from "~/modules/booking/request-form";
import { getRequest, proposeForRequest } from "~/modules/booking/requests.server";
import { quoteOneWayPrice } from "~/modules/credits/escrow.server";
import { hasHistory, summarizeRecord } from "~/modules/feedback/record";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime, formatRange } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Choose a time · Peerloop" }];

async function requireOwnRequest(requestId: string | undefined, userId: string) {
  const id = parseUuid(requestId);
  const ctx = id ? await getRequest(id) : null;
  if (!ctx || ctx.userId !== userId) throw new Response("Not found", { status: 404 });
  return ctx;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ctx = await requireOwnRequest(params.requestId, user.id);
  const now = new Date();
  const [proposals, price] = await Promise.all([
    proposeForRequest(ctx, now),
    ctx.format === "one_way" ? quoteOneWayPrice(ctx) : Promise.resolve(0),
  ]);
  return {
    timeZone: user.timeZone,
    price,
    balance: user.credits,
    request: {
      id: ctx.id,
      status: ctx.status,
      sessionId: ctx.sessionId,
      roundName: ctx.roundName,
      level: ctx.targetLevelCode,
      format: ctx.format,
      expiresAt: ctx.expiresAt.toISOString(),
    },
    // A fresh key per proposal and page view: a double click or a retry of the same
    // form sends the same key, and the server books once.
    proposals: proposals.map((p) => ({ ...p, idempotencyKey: randomUUID() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ctx = await requireOwnRequest(params.requestId, user.id);
  const submission = parseForm(await readForm(request), bookProposalSchema);
  if (submission.status !== "success") {
    return data(
      { error: "That proposal is not valid any more. Pick one of the times below." },
      { status: 400 },
    );
  }
  const result = await bookProposal({
    userId: user.id,
    requestId: ctx.id,
    peerId: submission.value.peerId,
    start: submission.value.start,
    idempotencyKey: submission.value.idempotencyKey,
    expectedPrice: submission.value.price,
  });
  if (result.ok) throw redirect(`/sessions/${result.sessionId}?booked=1`);
  const status = result.error === "not_found" ? 404 : 409;
  return data({ error: BOOKING_ERROR_MESSAGES[result.error], code: result.error }, { status });
}

export default function ChooseTime() {
  const { request, proposals, timeZone, price, balance } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyKey = navigation.state !== "idle" ? navigation.formData?.get("idempotencyKey") : null;

  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/book">Book a mock</Link>
        </p>
        <h1>
          {request.roundName} at {request.level}
        </h1>
        <p>
          {request.format === "swap"
            ? "Swap: you interview each other, one half each."
            : "One-way: a qualified peer interviews you."}{" "}
          Times are shown in your zone ({timeZone}) and your peer's.
        </p>
      </div>
      {actionData?.error ? (
        <BookingError
          message={actionData.error}
          code={"code" in actionData ? actionData.code : undefined}
        />
      ) : null}
      {request.format === "one_way" && request.status === "open" ? (
        <PriceNotice price={price} balance={balance} />
      ) : null}
      {request.status === "booked" && request.sessionId ? (
        <EmptyState
          title="This request is booked"
          action={
            <Link className="button" to={`/sessions/${request.sessionId}`}>
              See the session
            </Link>
          }
        >
          <p>Nothing more to choose here.</p>
        </EmptyState>
      ) : request.status !== "open" ? (
        <EmptyState
          title="This request is closed"
          action={
            <Link className="button" to="/book">
              Make a new request
            </Link>
          }
        >
          <p>It was cancelled or its horizon passed.</p>
        </EmptyState>
      ) : proposals.length === 0 ? (
        <EmptyState
          title="No matching times yet"
          action={
            <>
              <Link className="button button--secondary" to="/availability">
                Widen your availability
              </Link>
              <Link className="button button--secondary" to="/book">
                Try another round or format
              </Link>
            </>
          }
        >
          <p>
            Nobody who fits is free at the same time as you within this request's horizon. Your
            request stays open until {formatDateTime(new Date(request.expiresAt), timeZone)}: new
            peers and new hours are checked as they come.
          </p>
        </EmptyState>
      ) : (
        <ol className="proposal-list" aria-label="Proposed times, best first">
          {proposals.map((p) => {
            const pending = busyKey === p.idempotencyKey;
            return (
              <li key={`${p.peerId}-${p.start}`} className="card proposal">
                <div>
                  <h2>
                    {formatRange(new Date(p.start), new Date(p.end), timeZone)}{" "}
                    <span className="hint">your time</span>
                  </h2>
                  <p className="hint">
                    {formatRange(new Date(p.start), new Date(p.end), p.peerTimeZone)} for{" "}
                    {p.peerName} ({p.peerTimeZone})
                  </p>
                  <p>
                    <strong>{p.peerName}</strong>
                    {p.peerLevel ? <span className="pill">{p.peerLevel}</span> : null}{" "}
                    <span className="hint">
                      {p.record && hasHistory(p.record)
                        ? summarizeRecord(p.record)
                        : "new on Peerloop"}
                    </span>
                  </p>
                  <ul className="reasons">
                    {p.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </div>
                <Form method="post">
                  <input type="hidden" name="peerId" value={p.peerId} />
                  <input type="hidden" name="start" value={p.start} />
                  <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
                  <input type="hidden" name="price" value={price} />
                  <button type="submit" className="button" disabled={navigation.state !== "idle"}>
                    {pending ? (
                      <>
                        <span className="spinner" aria-hidden="true" /> Booking…
                      </>
                    ) : (
                      <>
                        Book
                        <span className="visually-hidden">
                          {" "}
                          with {p.peerName} at {formatDateTime(new Date(p.start), timeZone)}
                        </span>
                      </>
                    )}
                  </button>
                </Form>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundBoundary title="No such request">
      <p>
        This request does not exist, or it has expired or been cancelled.{" "}
        <Link to="/book">Post a new request</Link>
      </p>
    </NotFoundBoundary>
  );
}
