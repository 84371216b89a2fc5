import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Sessions · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Sessions</h1>
      </div>
      <EmptyState title="No sessions yet">
        <p>Your booked, live and past mocks will be listed here, each with its shared code pad.</p>
      </EmptyState>
    </div>
  );
}
