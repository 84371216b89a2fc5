import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEconomy } from "~/modules/credits/economy.server";
import { requireAdmin } from "~/modules/identity/auth.server";

export const meta: MetaFunction = () => [{ title: "Economy · Admin · Peerloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { economy: await getEconomy() };
}

function Row({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="numeric" data-testid={testId}>
        {value}
      </td>
    </tr>
  );
}

export default function AdminEconomy() {
  const { economy: e } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/admin">Admin</Link>
        </p>
        <h1>Economy</h1>
        <p>Every credit that came in, where it is now, and whether the ledger adds up.</p>
      </div>
      <p
        className={e.balanced && e.escrowAgrees ? "notice" : "form-error"}
        role="status"
        data-testid="economy-balance"
      >
        {e.balanced
          ? `Balanced: credits in (${e.creditsIn.total}) − out (${e.creditsOut.total}) = balances (${e.balances}) + held in escrow (${e.escrow.held}).`
          : `Not balanced: credits in (${e.creditsIn.total}) − out (${e.creditsOut.total}) = ${e.creditsIn.total - e.creditsOut.total}, but balances (${e.balances}) + held in escrow (${e.escrow.held}) = ${e.balances + e.escrow.held}.`}
        {e.escrowAgrees ? "" : " The ledger's holds and the escrow records disagree."}
      </p>
      <div className="economy-grid">
        <section className="card" aria-labelledby="in-heading">
          <h2 id="in-heading">In</h2>
          <table className="ledger">
            <tbody>
              <Row label="Welcome grants" value={e.creditsIn.welcome} />
              <Row label="Admin grants (net)" value={e.creditsIn.adminGrants} />
              <Row label="Packs bought" value={e.creditsIn.purchases} />
              <Row label="Total in" value={e.creditsIn.total} testId="economy-in" />
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="out-heading">
          <h2 id="out-heading">Out</h2>
          <table className="ledger">
            <tbody>
              <Row label="Taken back by refunds" value={e.creditsOut.refunds} />
              <Row label="Taken back by charge-backs" value={e.creditsOut.chargebacks} />
              <Row label="Debt paid back" value={e.creditsOut.debtRepaid} />
              <Row label="Total out" value={e.creditsOut.total} testId="economy-out" />
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="where-heading">
          <h2 id="where-heading">Where they are</h2>
          <table className="ledger">
            <tbody>
              <Row label="In people's balances" value={e.balances} testId="economy-balances" />
              <Row label="Held in escrow" value={e.escrow.held} testId="economy-held" />
              <Row label="Paid to interviewers (so far)" value={e.escrow.paidToInterviewers} />
              <Row label="Returned to candidates (so far)" value={e.escrow.releasedToCandidates} />
              <Row label="Owed (refunded after being spent)" value={e.owed} testId="economy-owed" />
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
