import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { TimeZoneInput } from "~/components/time-zone-input";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { getSessionUser, signUp, startAuthSession } from "~/modules/identity/auth.server";
import { PASSWORD_MIN_LENGTH, signupSchema } from "~/modules/identity/credentials";
import { listTimeZones } from "~/modules/identity/time-zone";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Create your account · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  return { zones: listTimeZones() };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), signupSchema);
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signUp(submission.value);
  if (!result.ok) {
    return data(
      submission.reply({
        fieldErrors: { email: ["An account with this email already exists. Log in instead?"] },
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  const target = safeRedirectPath(submission.value.redirectTo, "/profile?welcome=1");
  const cookie = await startAuthSession(result.userId);
  throw redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function SignUp() {
  const { zones } = useLoaderData<typeof loader>();
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
          <Field
            label="Name"
            htmlFor={fields.name.id}
            errors={fields.name.errors}
            errorId={fields.name.errorId}
          >
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" />
          </Field>
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
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. A long passphrase is best.`}
            errors={fields.password.errors}
            errorId={fields.password.errorId}
          >
            <input
              {...getInputProps(fields.password, { type: "password" })}
              autoComplete="new-password"
            />
          </Field>
          <Field
            label="Time zone"
            htmlFor={fields.timeZone.id}
            hint="Detected from your browser. All times are shown in this zone."
            errors={fields.timeZone.errors}
            errorId={fields.timeZone.errorId}
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
