// How refunds and charge-backs of a credit pack map to credits: plain numbers in and
// out, unit-tested. See docs/decisions/0014-stripe-credit-packs.md.
//
// - Money back takes back credits in proportion to the money, rounded UP: credits a
//   person keeps are always credits they paid for (a refund of $1 of a $10 pack of 12
//   takes back 2). A full refund takes back the whole pack.
// - Stripe reports a charge's refunds cumulatively (`amount_refunded`), so what has been
//   refunded is a running maximum: a redelivered or out-of-order older refund event
//   changes nothing.
// - A charge-back (dispute) counts on top of what was refunded before it, up to the pack.

export interface ReversalState {
  /** The pack's credits and what it cost (minor units). */
  credits: number;
  amount: number;
  /** Money returned so far (cumulative, minor units). */
  refundedAmount: number;
  disputedAmount: number;
  /** Credits already taken back for each cause. */
  takenForRefunds: number;
  takenForDisputes: number;
}

function creditsFor(credits: number, amount: number, money: number): number {
  if (amount <= 0 || money <= 0) return 0;
  const share = Math.min(amount, money);
  return Math.min(credits, Math.ceil((credits * share) / amount));
}

/**
 * What still has to be taken back, split by cause (refund first). Both zero when every
 * returned cent has been accounted for already.
 */
export function planReversal(state: ReversalState): { refund: number; dispute: number } {
  const { credits, amount, refundedAmount, disputedAmount } = state;
  const taken = state.takenForRefunds + state.takenForDisputes;
  const total = creditsFor(credits, amount, refundedAmount + disputedAmount);
  const missing = Math.max(0, total - taken);
  if (missing === 0) return { refund: 0, dispute: 0 };
  const refundTotal = creditsFor(credits, amount, refundedAmount);
  const refund = Math.min(missing, Math.max(0, refundTotal - state.takenForRefunds));
  return { refund, dispute: missing - refund };
}
