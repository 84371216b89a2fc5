import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Feedback · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Feedback</h1>
      </div>
      <EmptyState title="No feedback yet">
        <p>
          Scorecards from your mocks appear here once both sides have submitted, with trends per
          round.
        </p>
      </EmptyState>
    </div>
  );
}
