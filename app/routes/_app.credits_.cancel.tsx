import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Checkout cancelled · Peerloop" }];

// Where Stripe Checkout sends the person who goes back without paying.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function CheckoutCancelled() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Checkout cancelled</h1>
      </div>
      <section className="card">
        <p className="notice notice--info" role="status">
          You left the checkout before paying, so nothing was charged and your balance is unchanged.
        </p>
        <p>
          <Link to="/credits">Back to your credits</Link> to choose a pack again.
        </p>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
