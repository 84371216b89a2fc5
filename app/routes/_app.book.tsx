import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/empty-state";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Book a mock · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Book a mock</h1>
      </div>
      <EmptyState title="Booking is not open yet">
        <p>
          Matching and booking are being built. Meanwhile, set your target round and level on your
          profile: they decide who you will be matched with.
        </p>
      </EmptyState>
    </div>
  );
}
