import { Form, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import type { PurchaseStatus } from "#db/schema";
import { EmptyState } from "~/components/empty-state";
import { creditsWord, formatPrice } from "~/modules/credits/labels";
import type { CreditPack } from "~/modules/credits/packs";
import { formatDateTime } from "~/utils/datetime";

/** The packs on sale, each a form with a `pack` field; or why there are none. */
export function BuyCredits({
  configured,
  packs,
  error,
}: {
  configured: boolean;
  packs: readonly CreditPack[];
  error?: string;
}) {
  const navigation = useNavigation();
  const buying =
    navigation.formMethod?.toUpperCase() === "POST" && navigation.formAction === "/credits"
      ? String(navigation.formData?.get("pack") ?? "")
      : null;
  // Checkout is another site: coming back with the browser's Back button may restore
  // this page as it was left (buttons pending). Load it afresh instead.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  return (
    <section className="card" aria-labelledby="buy-heading">
      <h2 id="buy-heading">Buy credits</h2>
      {!configured ? (
        <p className="notice notice--info" role="status">
          Payments are not configured on this server, so credit packs cannot be bought here.
          Everything else works: you start with the welcome grant and earn credits by interviewing.
        </p>
      ) : (
        <>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <ul className="pack-list">
            {packs.map((pack) => (
              <li key={pack.id} className="pack">
                <Form method="post" action="/credits" className="pack__form">
                  <input type="hidden" name="pack" value={pack.id} />
                  <h3 className="pack__name">{pack.name}</h3>
                  <p className="pack__credits">
                    <strong>{pack.credits}</strong> {creditsWord(pack.credits)}
                  </p>
                  <p className="pack__price">{formatPrice(pack.amount, pack.currency)}</p>
                  <button
                    type="submit"
                    className="button"
                    disabled={buying !== null}
                    aria-label={`Buy ${pack.credits} credits for ${formatPrice(pack.amount, pack.currency)}`}
                  >
                    {buying === pack.id ? (
                      <>
                        <span className="spinner" aria-hidden="true" /> Opening checkout…
                      </>
                    ) : (
                      "Buy"
                    )}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <p className="hint">
            You pay by card on Stripe&apos;s secure checkout page. The credits are added as soon as
            Stripe confirms the payment.
          </p>
        </>
      )}
    </section>
  );
}

export interface PurchaseView {
  id: string;
  packName: string;
  credits: number;
  amount: number;
  currency: string;
  status: PurchaseStatus;
  creditsRefunded: number;
  creditsDisputed: number;
  createdAt: string | Date;
  continueUrl: string | null;
}

const STATUS_LABELS: Record<PurchaseStatus, string> = {
  open: "Checkout not finished",
  processing: "Payment processing",
  paid: "Paid",
  expired: "Not paid (checkout expired)",
  failed: "Payment failed",
};

export function PurchaseHistory({
  purchases,
  timeZone,
}: {
  purchases: readonly PurchaseView[];
  timeZone: string;
}) {
  return (
    <section className="card" aria-labelledby="purchases-heading">
      <h2 id="purchases-heading">Purchases</h2>
      {purchases.length === 0 ? (
        <EmptyState title="No purchases yet">
          <p>The credit packs you buy appear here, with their payment status.</p>
        </EmptyState>
      ) : (
        <table className="ledger" data-testid="purchases">
          <caption className="visually-hidden">Credit pack purchases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Pack</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Price
              </th>
            </tr>
          </thead>
          <tbody>
            {purchases.map((purchase) => (
              <tr key={purchase.id}>
                <td>{formatDateTime(new Date(purchase.createdAt), timeZone)}</td>
                <td>
                  {purchase.packName} · {purchase.credits} {creditsWord(purchase.credits)}
                </td>
                <td>
                  {STATUS_LABELS[purchase.status]}
                  {purchase.creditsRefunded > 0 ? (
                    <span className="hint"> · {purchase.creditsRefunded} taken back (refund)</span>
                  ) : null}
                  {purchase.creditsDisputed > 0 ? (
                    <span className="hint">
                      {" "}
                      · {purchase.creditsDisputed} taken back (charge-back)
                    </span>
                  ) : null}
                  {purchase.continueUrl ? (
                    <>
                      {" "}
                      <a href={purchase.continueUrl}>Continue to payment</a>
                    </>
                  ) : null}
                </td>
                <td className="numeric">{formatPrice(purchase.amount, purchase.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
