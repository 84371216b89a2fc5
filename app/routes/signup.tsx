import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { TimeZoneInput } from "~/components/time-zone-input";
import { getEnv } from "~/env.server";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { getSessionUser } from "~/modules/identity/auth.server";
import { PASSWORD_MIN_LENGTH, signupSchema } from "~/modules/identity/credentials";
import { describeWait } from "~/modules/identity/login-throttle";
import { requestSignUp } from "~/modules/identity/signup.server";
import { retryAfterHeaders, tooManyAttempts } from "~/modules/identity/throttle-response";
import { listTimeZones } from "~/modules/identity/time-zone";

export const meta: MetaFunction = () => [{ title: "Create your account · Peerloop" }];

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  // Without SMTP the email stays in the outbox; say where, outside production.
  const outboxHint = !getEnv().isProduction && !getEnv().SMTP_URL;
  return { zones: sent ? [] : listTimeZones(), sent, outboxHint };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), signupSchema);
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await requestSignUp({ ...submission.value, ip: context.clientIp });
  if (!result.ok) {
    return tooManyAttempts(
      submission.reply({
        formErrors: [
          `Too many sign-ups from your network. Try again in ${describeWait(result.retryAfterSeconds)}.`,
        ],
        hideFields: ["password"],
      }),
      result.retryAfterSeconds,
    );
  }
  // The same answer for a new and a known address: what differs is only the email.
  throw redirect("/signup?sent=1");
}

export default function SignUp() {
  const { zones, sent, outboxHint } = useLoaderData<typeof loader>();
  if (sent) return <CheckYourEmail outboxHint={outboxHint} />;
  return <SignUpForm zones={zones} />;
}

function CheckYourEmail({ outboxHint }: { outboxHint: boolean }) {
  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>Check your email</h1>
        <p>
          We sent a message to the address you gave. Follow the link in it to activate your account;
          it works for 24 hours. If the address already has an account, the message says how to log
          in instead.
        </p>
      </div>
      <p className="hint">
        Nothing after a few minutes? Look in your spam folder, or{" "}
        <Link to="/signup">sign up again</Link>.
      </p>
      {outboxHint ? (
        <p className="hint">
          Development: emails are not sent. Log in as a demo user and open{" "}
          <Link to="/outbox">the outbox</Link> to read it.
        </p>
      ) : null}
    </main>
  );
}

function SignUpForm({ zones }: { zones: string[] }) {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });

  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>Create your account</h1>
        <p>Free to join. Swap mocks cost nothing; you will set your target loop next.</p>
      </div>
      <div className="card">
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          <Field label="Name" meta={fields.name}>
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" />
          </Field>
          <Field label="Email" meta={fields.email}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
          </Field>
          <Field
            label="Password"
            meta={fields.password}
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. A long passphrase is best.`}
          >
            <input
              {...getInputProps(fields.password, { type: "password" })}
              autoComplete="new-password"
            />
          </Field>
          <Field
            label="Time zone"
            meta={fields.timeZone}
            hint="Detected from your browser. All times are shown in this zone."
          >
            <TimeZoneInput
              {...getInputProps(fields.timeZone, { type: "text" })}
              zones={zones}
              detect
            />
          </Field>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
        </Form>
      </div>
      <p className="hint">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
