import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { listOpenDisputes, resolveDispute } from "~/modules/credits/disputes.server";
import { requireAdmin } from "~/modules/identity/auth.server";
import { formatDateTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "No-show disputes · Admin · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { disputes: await listOpenDisputes(), timeZone: admin.timeZone };
}

const resolveSchema = z.object({
  sessionId: z.string().uuid(),
  outcome: z.enum(["release", "payout"], { message: "Choose who gets the credits." }),
  note: z.string().trim().max(1000, "At most 1,000 characters.").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseForm(await readForm(request), resolveSchema);
  if (submission.status !== "success") {
    return data(
      { error: "Choose who gets the credits (and keep the note short)." },
      { status: 400 },
    );
  }
  const { sessionId, outcome, note } = submission.value;
  const result = await resolveDispute({
    sessionId,
    adminId: admin.id,
    outcome,
    note: note || null,
  });
  if (!result.ok) {
    if (result.error === "not_found") throw new Response("Not found", { status: 404 });
    return data(
      { error: "That dispute was already decided (by you or another admin)." },
      { status: 409 },
    );
  }
  throw redirect(`/admin/disputes?resolved=${outcome}`);
}

export default function AdminDisputes() {
  const { disputes, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const resolved = params.get("resolved");
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/admin">Admin</Link>
        </p>
        <h1>No-show disputes</h1>
        <p>
          A disputed no-show keeps its credits in escrow until you decide. Look at the session's
          attendance and the participants' words, then give the credits back to the candidate or pay
          the interviewer.
        </p>
      </div>
      {resolved ? (
        <p className="notice" role="status">
          Decided: the credits went{" "}
          {resolved === "release" ? "back to the candidate" : "to the interviewer"}.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {disputes.length === 0 ? (
        <EmptyState title="No open disputes">
          <p>Nothing waits for a decision.</p>
        </EmptyState>
      ) : (
        <ul className="plain-list stack">
          {disputes.map((d) => {
            const absent = [d.candidate, d.interviewer]
              .filter((p) => d.absentUserIds.includes(p.id))
              .map((p) => p.name);
            const by =
              d.disputedBy === null
                ? "the system (a join event arrived after the no-show was detected)"
                : d.disputedBy === d.candidate.id
                  ? `${d.candidate.name} (candidate)`
                  : `${d.interviewer.name} (interviewer)`;
            return (
              <li key={d.sessionId} className="card stack" data-testid="dispute">
                <h2>
                  {d.roundName}, {formatDateTime(new Date(d.startsAt), timeZone)}
                </h2>
                <p>
                  {d.candidate.name} (candidate) with {d.interviewer.name} (interviewer), {d.amount}{" "}
                  {d.amount === 1 ? "credit" : "credits"} in escrow.
                </p>
                <p>
                  Recorded absent: <strong>{absent.join(" and ")}</strong>. Without the dispute it
                  would have gone{" "}
                  {d.detectedOutcome === "release" ? "back to the candidate" : "to the interviewer"}
                  .
                </p>
                <p>
                  Disputed by {by}
                  {d.disputedAt ? `, ${formatDateTime(new Date(d.disputedAt), timeZone)}` : ""}
                  {d.disputeReason ? (
                    <>
                      : <q>{d.disputeReason}</q>
                    </>
                  ) : null}
                </p>
                <Form method="post" className="stack">
                  <input type="hidden" name="sessionId" value={d.sessionId} />
                  <fieldset>
                    <legend>Who gets the credits?</legend>
                    <label>
                      <input type="radio" name="outcome" value="release" required /> Back to{" "}
                      {d.candidate.name} (the candidate)
                    </label>
                    <label>
                      <input type="radio" name="outcome" value="payout" required /> To{" "}
                      {d.interviewer.name} (the interviewer)
                    </label>
                  </fieldset>
                  <label htmlFor={`note-${d.sessionId}`}>
                    Note for both participants (optional)
                  </label>
                  <textarea id={`note-${d.sessionId}`} name="note" maxLength={1000} rows={2} />
                  <div className="form-actions">
                    <SubmitButton pendingLabel="Deciding…">Decide</SubmitButton>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
