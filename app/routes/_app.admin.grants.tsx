import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { GRANT_ERROR_MESSAGES, grantFormSchema } from "~/modules/credits/grant-form";
import {
  grantByEmail,
  grantFormOptions,
  listGrants,
  revokeGrant,
} from "~/modules/credits/interviewer-grants.server";
import { requireAdmin } from "~/modules/identity/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { parseSerialId } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Interviewer grants · Admin · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [grants, loops] = await Promise.all([listGrants(), grantFormOptions()]);
  return { ...grants, loops, timeZone: admin.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "grant") {
    const submission = parseForm(formData, grantFormSchema);
    if (submission.status !== "success") {
      return data(
        { intent, result: submission.reply(), message: null, failed: true },
        { status: 400 },
      );
    }
    const granted = await grantByEmail({
      adminId: admin.id,
      email: submission.value.email,
      roundId: submission.value.round,
      levelCode: submission.value.level,
      note: submission.value.note,
    });
    if (!granted.ok) {
      const { field, message } = GRANT_ERROR_MESSAGES[granted.error];
      return data(
        {
          intent,
          result: submission.reply(
            field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
          ),
          message: null,
          failed: true,
        },
        { status: granted.error === "grant_conflict" ? 409 : 400 },
      );
    }
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      message: `Granted: ${submission.value.email} may interview one-way up to ${submission.value.level}.`,
      failed: false,
    };
  }
  if (intent === "revoke") {
    const grantId = parseSerialId(formData.get("grant"));
    if (grantId === null) throw new Response("Not found", { status: 404 });
    const revoked = await revokeGrant({ adminId: admin.id, grantId });
    if (!revoked.ok) {
      return data(
        {
          intent,
          result: null,
          message: GRANT_ERROR_MESSAGES[revoked.error].message,
          failed: true,
        },
        { status: 409 },
      );
    }
    return { intent, result: null, message: "Grant revoked.", failed: false };
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function AdminGrants() {
  const { live, revoked, loops, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    // Explicit empties: a reset after a grant then shows the placeholders again.
    defaultValue: { email: "", round: "", level: "", note: "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantFormSchema }),
  });
  const loopOfRound = loops.find((loop) =>
    loop.rounds.some((round) => String(round.id) === fields.round.value),
  );
  const levelChoices = loopOfRound?.levels ?? loops[0]?.levels ?? [];

  return (
    <div className="stack">
      <div className="page-header">
        <p>
          <Link to="/admin">Admin</Link>
        </p>
        <h1>Interviewer grants</h1>
        <p>
          A grant lets a person interview a round one-way up to a level without having earned it by
          a hire call. They must still offer the round on their profile.
        </p>
      </div>
      {actionData?.message ? (
        <p className={actionData.failed ? "form-error" : "notice"} role="status">
          {actionData.message}
        </p>
      ) : null}

      <section className="card" aria-labelledby="grant-heading">
        <h2 id="grant-heading">Grant</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="grant" />
          <Field label="Person's email" meta={fields.email}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
          </Field>
          <div className="field-row">
            <Field label="Round" meta={fields.round}>
              <select {...getSelectProps(fields.round)}>
                <option value="">Choose a round</option>
                {loops.map((loop) => (
                  <optgroup key={loop.id} label={loop.name}>
                    {loop.rounds.map((round) => (
                      <option key={round.id} value={round.id}>
                        {round.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            <Field label="Up to level" meta={fields.level}>
              <select {...getSelectProps(fields.level)}>
                <option value="">Choose a level</option>
                {levelChoices.map((level) => (
                  <option key={level.code} value={level.code}>
                    {level.code} · {level.title}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field
            label="Note (optional)"
            meta={fields.note}
            hint="Why: what you know of this person's interviewing. Other admins read it."
          >
            <textarea {...getTextareaProps(fields.note)} rows={2} />
          </Field>
          <p className="hint">Granting a round again replaces the person's grant for it.</p>
          <div className="form-actions">
            <SubmitButton pendingLabel="Granting…">Grant</SubmitButton>
          </div>
        </Form>
      </section>

      {live.length === 0 ? (
        <EmptyState title="No grants">
          <p>No one is interviewing on an admin's grant. People qualify by hire calls too.</p>
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="live-heading">
          <h2 id="live-heading">Live grants</h2>
          <table className="ledger">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Round</th>
                <th scope="col">Up to</th>
                <th scope="col">Granted</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((grant) => (
                <tr key={grant.id}>
                  <td>
                    {grant.personName}
                    <span className="hint"> · {grant.personEmail}</span>
                  </td>
                  <td>
                    {grant.roundName}
                    <span className="hint"> · {grant.loopName}</span>
                  </td>
                  <td>{grant.levelCode}</td>
                  <td>
                    {formatDateTime(new Date(grant.grantedAt), timeZone)} by{" "}
                    {grant.grantedByName ?? "the demo seed"}
                    {grant.note ? <span className="hint"> · {grant.note}</span> : null}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="grant" value={grant.id} />
                      <button type="submit" className="button button--link">
                        Revoke
                        <span className="visually-hidden">
                          {" "}
                          {grant.personName}'s grant for {grant.roundName}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {revoked.length > 0 ? (
        <section className="card" aria-labelledby="revoked-heading">
          <h2 id="revoked-heading">Recently revoked</h2>
          <ul className="plain-list">
            {revoked.map((grant) => (
              <li key={grant.id}>
                {grant.personName} · {grant.roundName} up to {grant.levelCode}: revoked{" "}
                {formatDateTime(new Date(grant.revokedAt!), timeZone)}
                {grant.revokedByName ? ` by ${grant.revokedByName}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
