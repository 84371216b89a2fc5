import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BuyCredits, PurchaseHistory } from "~/components/credit-packs";
import { EmptyState } from "~/components/empty-state";
import { getEnv } from "~/env.server";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import {
  CHECKOUT_ERROR_MESSAGES,
  creditPacksOnSale,
  listPurchases,
  startCheckout,
} from "~/modules/credits/checkout.server";
import { creditsWord, ENTRY_REASON_LABELS, signedCredits } from "~/modules/credits/labels";
import { getCreditsOverview } from "~/modules/credits/overview.server";
import { buyPackSchema } from "~/modules/credits/packs";
import { creditRules } from "~/modules/credits/rules";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { parseSerialId } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Credits · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const before = new URL(request.url).searchParams.get("before");
  // A malformed cursor shows the first page rather than an error.
  const beforeId = before === null ? undefined : (parseSerialId(before) ?? undefined);
  const [overview, purchases] = await Promise.all([
    getCreditsOverview(user.id, { beforeId }),
    listPurchases(user.id),
  ]);
  return {
    ...overview,
    paged: beforeId !== undefined,
    timeZone: user.timeZone,
    sale: creditPacksOnSale(),
    purchases,
    rules: creditRules({ noShowGraceMinutes: getEnv().NO_SHOW_GRACE_MINUTES }),
  };
}

// Buying a pack: opens (or finds again) its Stripe Checkout Session and sends the person
// there. The credits arrive through the webhook, not here.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await readForm(request), buyPackSchema);
  if (submission.status !== "success") {
    return data({ error: CHECKOUT_ERROR_MESSAGES.unknown_pack }, { status: 400 });
  }
  const result = await startCheckout({
    buyer: { id: user.id, email: user.email, name: user.name },
    packId: submission.value.pack,
    origin: getEnv().APP_ORIGIN ?? new URL(request.url).origin,
  });
  if (result.ok) return redirect(result.url, 303);
  const status = result.error === "unknown_pack" ? 400 : 503;
  return data({ error: CHECKOUT_ERROR_MESSAGES[result.error] }, { status });
}

export default function Credits() {
  const { balance, owed, entries, olderBefore, paged, timeZone, sale, purchases, rules } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Credits</h1>
        <p>Credits pay for one-way mocks with a qualified interviewer. Swaps are always free.</p>
      </div>
      <section className="card credit-summary" aria-labelledby="balance-heading">
        <h2 id="balance-heading">Your balance</h2>
        <p className="credit-balance">
          <span data-testid="credit-balance">{balance}</span> {creditsWord(balance)}
        </p>
        {owed > 0 ? (
          <p className="notice notice--warning" role="status">
            You owe {owed} {creditsWord(owed)} from a refunded or charged-back purchase. The next
            credits you earn or buy pay this back first.
          </p>
        ) : null}
      </section>
      <BuyCredits configured={sale.configured} packs={sale.packs} error={actionData?.error} />
      <section className="card" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">History</h2>
        {entries.length === 0 ? (
          <EmptyState title="No entries yet">
            <p>
              Your welcome grant, bookings and earnings appear here.{" "}
              <Link to="/book">Book a mock</Link> to start.
            </p>
          </EmptyState>
        ) : (
          <table className="ledger">
            <caption className="visually-hidden">Credit history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" className="numeric">
                  Credits
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(new Date(entry.createdAt), timeZone)}</td>
                  <td>
                    {ENTRY_REASON_LABELS[entry.reason]}
                    {entry.memo && entry.memo !== ENTRY_REASON_LABELS[entry.reason] ? (
                      <span className="hint"> · {entry.memo}</span>
                    ) : null}
                    {entry.sessionId ? (
                      <>
                        {" "}
                        <Link to={`/sessions/${entry.sessionId}`}>session</Link>
                      </>
                    ) : null}
                    {entry.owedDelta > 0 ? (
                      <span className="hint"> · {entry.owedDelta} owed</span>
                    ) : null}
                  </td>
                  <td className="numeric">
                    {entry.amount === 0 ? "–" : signedCredits(entry.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {paged || olderBefore !== null ? (
          <nav className="pager" aria-label="History pages">
            {paged ? <Link to="/credits">Newest</Link> : null}
            {olderBefore !== null ? (
              <Link to={`/credits?before=${olderBefore}`}>Older entries</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
      {sale.configured || purchases.length > 0 ? (
        <PurchaseHistory purchases={purchases} timeZone={timeZone} />
      ) : null}
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">How credits work</h2>
        <ul className="rules-list">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
