import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { startAuthSession } from "~/modules/identity/auth.server";
import {
  linkTokenSchema,
  PASSWORD_MIN_LENGTH,
  resetPasswordSchema,
} from "~/modules/identity/credentials";
import { isResetTokenValid, resetPassword } from "~/modules/identity/password-reset.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Peerloop" }];

const INVALID_LINK = "This link is invalid, already used or expired. Ask for a new one.";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token") ?? "");
  if (!token.success || !(await isResetTokenValid(token.data))) {
    return data({ token: null }, { status: 404 });
  }
  return { token: token.data };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), resetPasswordSchema);
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await resetPassword(submission.value);
  if (!result.ok) {
    return data(submission.reply({ formErrors: [INVALID_LINK], hideFields: ["password"] }), {
      status: 400,
    });
  }
  const cookie = await startAuthSession(result.userId);
  throw redirect("/dashboard", { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>Choose a new password</h1>
        {token ? <p>It replaces the old one and logs you out everywhere else.</p> : null}
      </div>
      <div className="card">
        {token ? (
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError errors={form.errors} id={form.errorId} />
            <input type="hidden" name="token" value={token} />
            <Field
              label="New password"
              meta={fields.password}
              hint={`At least ${PASSWORD_MIN_LENGTH} characters. A long passphrase is best.`}
            >
              <input
                {...getInputProps(fields.password, { type: "password" })}
                autoComplete="new-password"
              />
            </Field>
            <SubmitButton pendingLabel="Saving…">Save the new password</SubmitButton>
          </Form>
        ) : (
          <FormError errors={[INVALID_LINK]} />
        )}
      </div>
      <p className="hint">
        <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
