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
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Log in · Peerloop" }];

/** One message for an unknown email and a wrong password: it must not tell them apart. */
export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

// Action headers reach the document response only through this export.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

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
    return data(
      submission.reply({
        formErrors: [
          `Too many failed attempts. Try again in ${describeWait(result.retryAfterSeconds)}.`,
        ],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
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
          <Field
            label="Email"
            htmlFor={fields.email.id}
            errors={fields.email.errors}
            errorId={fields.email.errorId}
          >
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
          </Field>
          <Field
            label="Password"
            htmlFor={fields.password.id}
            errors={fields.password.errors}
            errorId={fields.password.errorId}
          >
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
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </main>
  );
}
