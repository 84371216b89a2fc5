import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { formatDateTime } from "~/utils/datetime";

export interface EscrowPanelData {
  amount: number;
  state: "held" | "no_show_pending" | "disputed" | "released" | "paid";
  outcome: "release" | "payout" | null;
  reasonLabel: string | null;
  disputeClosesAt: string | null;
  disputedByMe: boolean;
  disputedBySystem: boolean;
  disputeReason: string | null;
  resolutionNote: string | null;
  canDispute: boolean;
  iAmCandidate: boolean;
}

const credits = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

/** Where a one-way mock's credits are, and (after a detected no-show) the way to dispute it. */
export function EscrowPanel({
  escrow,
  peerName,
  timeZone,
  error,
}: {
  escrow: EscrowPanelData;
  peerName: string;
  timeZone: string;
  error: string | null;
}) {
  const amount = credits(escrow.amount);
  const toWhom = (outcome: "release" | "payout" | null) =>
    (outcome === "release") === escrow.iAmCandidate ? "to you" : `to ${peerName}`;
  return (
    <section className="card stack" aria-labelledby="escrow-heading" data-testid="escrow">
      <h2 id="escrow-heading">Credits</h2>
      {escrow.state === "held" ? (
        <p>
          {escrow.iAmCandidate
            ? `Your ${amount} are held for this mock. ${peerName} earns them once the session is held and they have submitted your scorecard; if no scorecard comes within 14 days, they come back to you.`
            : `${amount} are held for you. You earn them once the session is held and you have submitted the scorecard (within 14 days).`}
        </p>
      ) : null}
      {escrow.state === "no_show_pending" ? (
        <>
          <p>
            A no-show was recorded, so the {amount} go {toWhom(escrow.outcome)} on{" "}
            <strong>
              {escrow.disputeClosesAt
                ? formatDateTime(new Date(escrow.disputeClosesAt), timeZone)
                : "the end of the dispute window"}
            </strong>
            , unless someone disputes it before then. Nothing moves until that time.
          </p>
          {escrow.canDispute ? (
            <Form method="post" className="stack" aria-label="Dispute the no-show">
              <input type="hidden" name="intent" value="dispute" />
              <label htmlFor="dispute-reason">
                Was this wrong? Say what happened (an admin reads it and decides)
              </label>
              <textarea
                id="dispute-reason"
                name="reason"
                required
                maxLength={1000}
                rows={3}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "dispute-error" : undefined}
              />
              {error ? (
                <p id="dispute-error" className="form-error" role="alert">
                  {error}
                </p>
              ) : null}
              <div className="form-actions">
                <SubmitButton pendingLabel="Sending…" className="button button--secondary">
                  Dispute this no-show
                </SubmitButton>
              </div>
            </Form>
          ) : null}
        </>
      ) : null}
      {escrow.state === "disputed" ? (
        <p role="status">
          {escrow.disputedBySystem
            ? "Attendance evidence arrived late and contradicts the no-show"
            : escrow.disputedByMe
              ? "You disputed the no-show"
              : `${peerName} disputed the no-show`}
          : the {amount} stay held until an admin decides.
          {escrow.disputeReason && !escrow.disputedBySystem ? (
            <span className="hint"> “{escrow.disputeReason}”</span>
          ) : null}
        </p>
      ) : null}
      {escrow.state === "released" || escrow.state === "paid" ? (
        <p>
          {escrow.reasonLabel}: {amount} went {toWhom(escrow.outcome)}.
          {escrow.resolutionNote ? (
            <span className="hint"> Admin's note: {escrow.resolutionNote}</span>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
