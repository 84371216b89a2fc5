import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Credits · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Credits</h1>
      </div>
      <EmptyState title="No credits yet">
        <p>
          One-way mocks with a qualified interviewer are free for now. Later, credits will pay for
          them and you will earn credits by interviewing others; the ledger will be shown here.
        </p>
      </EmptyState>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
