import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { parseCheckoutSessionId, returnFromCheckout } from "~/modules/credits/checkout.server";
import { creditsWord } from "~/modules/credits/labels";
import { requireUser } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Payment received · Peerloop" }];

// Where Stripe Checkout sends the person after paying (?session_id=…). Only the buyer
// sees their purchase; any other session id is "not found". The credits come with the
// webhook, which may arrive a moment after the person does: the page checks again.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = parseCheckoutSessionId(new URL(request.url).searchParams.get("session_id"));
  const purchase = sessionId ? await returnFromCheckout(user.id, sessionId) : null;
  if (!purchase) throw new Response("Not found", { status: 404 });
  return { purchase, balance: user.credits };
}

const POLL_MS = 2_000;
const POLLS = 30;

export default function CheckoutSuccess() {
  const { purchase, balance } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const [polls, setPolls] = useState(0);
  const waiting = purchase.status === "open" || purchase.status === "processing";
  useEffect(() => {
    if (purchase.status !== "open" || polls >= POLLS || revalidator.state !== "idle") return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      revalidator.revalidate();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [purchase.status, polls, revalidator]);

  return (
    <div className="stack">
      <div className="page-header">
        <h1>
          {purchase.status === "paid" || waiting ? "Payment received" : "Payment not completed"}
        </h1>
      </div>
      <section className="card" aria-live="polite">
        {purchase.status === "paid" ? (
          <p className="notice" role="status">
            Thank you! {purchase.credits} {creditsWord(purchase.credits)} ({purchase.packName} pack)
            were added to your balance. You now have{" "}
            <strong data-testid="success-balance">{balance}</strong> {creditsWord(balance)}.
          </p>
        ) : purchase.status === "open" ? (
          <p className="notice notice--info" role="status">
            Payment received: your {purchase.credits} {creditsWord(purchase.credits)} arrive in a
            moment, as soon as Stripe confirms the payment.
            {polls >= POLLS
              ? " This is taking longer than usual; they will appear on your credits page."
              : null}
          </p>
        ) : purchase.status === "processing" ? (
          <p className="notice notice--info" role="status">
            Your payment is being processed by your bank. Your {purchase.credits}{" "}
            {creditsWord(purchase.credits)} are added once it clears; you can leave this page.
          </p>
        ) : (
          <p className="notice notice--warning" role="status">
            This payment did not go through, so no credits were added. You can try again from your
            credits page.
          </p>
        )}
        <p>
          <Link to="/credits">Back to your credits</Link> · <Link to="/book">Book a mock</Link>
        </p>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
