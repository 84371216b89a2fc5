import type { EntryReason } from "#db/schema";

/** How each kind of ledger entry reads in a person's history. */
export const ENTRY_REASON_LABELS: Record<EntryReason, string> = {
  welcome_grant: "Welcome grant",
  admin_grant: "Granted by Peerloop",
  purchase: "Credit pack bought",
  escrow_hold: "Held for a one-way mock",
  escrow_release: "Returned from a one-way mock",
  escrow_payout: "Earned by interviewing",
  purchase_refund: "Credit pack refunded",
  purchase_dispute: "Credit pack charged back",
  debt_repayment: "Paid back what was owed",
};

/** "+2", "−1" (a real minus sign), "0". */
export function signedCredits(amount: number): string {
  if (amount > 0) return `+${amount}`;
  if (amount < 0) return `\u2212${Math.abs(amount)}`;
  return "0";
}

export function creditsWord(n: number): string {
  return Math.abs(n) === 1 ? "credit" : "credits";
}

/** "$10.00", "€5.00": an amount in minor units, written with its currency (US English). */
export function formatPrice(amount: number, currency: string, locale = "en-US"): string {
  const upper = currency.toUpperCase();
  const digits =
    new Intl.NumberFormat(locale, { style: "currency", currency: upper }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency: upper }).format(
    amount / 10 ** digits,
  );
}
