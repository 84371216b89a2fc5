import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { readForm } from "~/http/read-form.server";
import { startAuthSession } from "~/modules/identity/auth.server";
import { confirmSignupSchema } from "~/modules/identity/credentials";
import { confirmSignUp, findSignUpConfirmation } from "~/modules/identity/signup.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Activate your account · Peerloop" }];

const INVALID_LINK =
  "This link is invalid, already used or expired. Sign up again to get a new one.";
const EMAIL_TAKEN = "This address already has an account. Log in instead.";

// Following the link only shows a button; activating is a POST. Mail scanners open
// links on their own, and must neither use up the link nor receive the session.
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = confirmSignupSchema.safeParse({
    token: new URL(request.url).searchParams.get("token") ?? undefined,
  });
  const pending = parsed.success ? await findSignUpConfirmation(parsed.data.token) : null;
  if (!parsed.success || !pending) {
    return data({ valid: false as const, token: "", email: "" }, { status: 404 });
  }
  return { valid: true as const, token: parsed.data.token, email: pending.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = confirmSignupSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: INVALID_LINK }, { status: 400 });
  const result = await confirmSignUp(parsed.data.token);
  if (!result.ok) {
    return data(
      { error: result.error === "email_taken" ? EMAIL_TAKEN : INVALID_LINK },
      { status: result.error === "email_taken" ? 409 : 400 },
    );
  }
  const cookie = await startAuthSession(result.userId);
  throw redirect(safeRedirectPath(result.redirectTo, "/profile?welcome=1"), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function ConfirmSignUp() {
  const { valid, token, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="page page--narrow">
      <div className="page-header">
        <h1>Activate your account</h1>
        {valid ? <p>Confirm that {email} is yours, and you are in.</p> : null}
      </div>
      <div className="card">
        {valid ? (
          <Form method="post" className="form">
            <FormError errors={actionData ? [actionData.error] : undefined} />
            <input type="hidden" name="token" value={token} />
            <SubmitButton pendingLabel="Activating…">Activate my account</SubmitButton>
          </Form>
        ) : (
          <FormError errors={[INVALID_LINK]} />
        )}
      </div>
      <p className="hint">
        <Link to="/login">Log in</Link> · <Link to="/signup">Sign up</Link>
      </p>
    </main>
  );
}

export { StandaloneErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
