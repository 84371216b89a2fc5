import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { forgotPasswordSchema } from "~/modules/identity/credentials";
import { describeWait } from "~/modules/identity/login-throttle";
import { requestPasswordReset } from "~/modules/identity/password-reset.server";
import { retryAfterHeaders, tooManyAttempts } from "~/modules/identity/throttle-response";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Peerloop" }];

export const headers: HeadersFunction = retryAfterHeaders;

export function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), forgotPasswordSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await requestPasswordReset({ ...submission.value, ip: context.clientIp });
  if (!result.ok) {
    return tooManyAttempts(
      submission.reply({
        formErrors: [`Too many requests. Try again in ${describeWait(result.retryAfterSeconds)}.`],
      }),
      result.retryAfterSeconds,
    );
  }
  // The same answer whether the address has an account or not.
  throw redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>{sent ? "Check your email" : "Forgot your password?"}</h1>
        <p>
          {sent
            ? "We sent a message to the address you gave. If it has an account, the message holds a link to choose a new password; it works once, for an hour."
            : "Enter your email address and we will send you a link to choose a new one."}
        </p>
      </div>
      {sent ? null : (
        <div className="card">
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError errors={form.errors} id={form.errorId} />
            <Field label="Email" meta={fields.email}>
              <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
            </Field>
            <SubmitButton pendingLabel="Sending…">Send the link</SubmitButton>
          </Form>
        </div>
      )}
      <p className="hint">
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
