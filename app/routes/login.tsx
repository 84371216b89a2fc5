import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { getSessionUser, logIn, startAuthSession } from "~/modules/identity/auth.server";
import { loginSchema } from "~/modules/identity/credentials";
import { describeWait } from "~/modules/identity/login-throttle";
import { retryAfterHeaders, tooManyAttempts } from "~/modules/identity/throttle-response";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Log in · Peerloop" }];

/** One message for an unknown email and a wrong password: it must not tell them apart. */
export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), loginSchema);
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await logIn({ ...submission.value, ip: context.clientIp });
  if (!result.ok && result.error === "throttled") {
    return tooManyAttempts(
      submission.reply({
        formErrors: [
          `Too many failed attempts. Try again in ${describeWait(result.retryAfterSeconds)}.`,
        ],
        hideFields: ["password"],
      }),
      result.retryAfterSeconds,
    );
  }
  if (!result.ok) {
    return data(
      submission.reply({ formErrors: [INVALID_CREDENTIALS_MESSAGE], hideFields: ["password"] }),
      { status: 400 },
    );
  }
  const target = safeRedirectPath(submission.value.redirectTo);
  const cookie = await startAuthSession(result.userId);
  throw redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function LogIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });

  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>Log in</h1>
        <p>Welcome back. Your next mock is a few clicks away.</p>
      </div>
      <div className="card">
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          <Field label="Email" meta={fields.email}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
          </Field>
          <Field label="Password" meta={fields.password}>
            <input
              {...getInputProps(fields.password, { type: "password" })}
              autoComplete="current-password"
            />
          </Field>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
        </Form>
      </div>
      <p className="hint">
        <Link to="/forgot-password">Forgot your password?</Link> · New here?{" "}
        <Link to="/signup">Create an account</Link>
      </p>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
