import type { EntryReason } from "#db/schema";

// The economy's report, from sums of the ledger: plain data in, plain data out.

export interface EconomyInputs {
  /** Sum of `amount` per entry reason, over everyone. */
  sums: Partial<Record<EntryReason, number>>;
  /** Credits in escrows not yet settled (held, waiting out a no-show, disputed). */
  heldInEscrow: number;
  /** Sum of every balance, and of every debt. */
  balances: number;
  owed: number;
}

export interface Economy {
  creditsIn: { welcome: number; adminGrants: number; purchases: number; total: number };
  creditsOut: { refunds: number; chargebacks: number; debtRepaid: number; total: number };
  escrow: { held: number; paidToInterviewers: number; releasedToCandidates: number };
  balances: number;
  owed: number;
  /** in − out == balances + held: every credit that came in is in a balance or in escrow. */
  balanced: boolean;
  /** The ledger's holds minus its settlements equal what the escrow table holds. */
  escrowAgrees: boolean;
}

export function buildEconomy(input: EconomyInputs): Economy {
  const sum = (reason: EntryReason) => input.sums[reason] ?? 0;
  const creditsIn = {
    welcome: sum("welcome_grant"),
    adminGrants: sum("admin_grant"),
    purchases: sum("purchase"),
    total: sum("welcome_grant") + sum("admin_grant") + sum("purchase"),
  };
  const creditsOut = {
    refunds: -sum("purchase_refund"),
    chargebacks: -sum("purchase_dispute"),
    debtRepaid: -sum("debt_repayment"),
    total: -(sum("purchase_refund") + sum("purchase_dispute") + sum("debt_repayment")),
  };
  const escrow = {
    held: input.heldInEscrow,
    paidToInterviewers: sum("escrow_payout"),
    releasedToCandidates: sum("escrow_release"),
  };
  const heldByLedger =
    -sum("escrow_hold") - escrow.paidToInterviewers - escrow.releasedToCandidates;
  return {
    creditsIn,
    creditsOut,
    escrow,
    balances: input.balances,
    owed: input.owed,
    balanced: creditsIn.total - creditsOut.total === input.balances + input.heldInEscrow,
    escrowAgrees: heldByLedger === input.heldInEscrow,
  };
}
