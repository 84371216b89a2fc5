import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { getEnv } from "~/env.server";
import { requireUser } from "~/modules/identity/auth.server";
import { listOutbox } from "~/modules/notify/outbox.server";
import { formatDateTime } from "~/utils/datetime";

export const meta: MetaFunction = () => [{ title: "Outbox (development) · Peerloop" }];

// Development only: every email the app wrote, as it would have been sent. In
// production this page does not exist (emails go out through SMTP).
export async function loader({ request }: LoaderFunctionArgs) {
  if (getEnv().isProduction) throw new Response("Not found", { status: 404 });
  const user = await requireUser(request);
  const emails = await listOutbox(200);
  return {
    timeZone: user.timeZone,
    emails: emails.map((e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      text: e.textBody,
      ics: e.ics,
      kind: e.kind,
      createdAt: e.createdAt.toISOString(),
      sentAt: e.sentAt?.toISOString() ?? null,
    })),
  };
}

export default function Outbox() {
  const { emails, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">Development</p>
        <h1>Outbox</h1>
        <p>Emails the app wrote, newest first. With SMTP_URL set they are also sent.</p>
      </div>
      {emails.length === 0 ? (
        <EmptyState title="No emails yet">
          <p>Book a mock and the invites appear here.</p>
        </EmptyState>
      ) : (
        emails.map((email) => (
          <article key={email.id} className="card stack email">
            <header>
              <p className="eyebrow">
                {email.kind} · {formatDateTime(new Date(email.createdAt), timeZone)} ·{" "}
                {email.sentAt ? "sent" : "not sent"}
              </p>
              <h2>{email.subject}</h2>
              <p className="hint">To: {email.to}</p>
            </header>
            <pre className="email-body">{email.text}</pre>
            {email.ics ? (
              <details>
                <summary>Calendar invite (.ics)</summary>
                <pre className="email-body">{email.ics}</pre>
              </details>
            ) : null}
          </article>
        ))
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
