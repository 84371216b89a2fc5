// The credit economy's numbers and the arithmetic on them: plain data in, plain data
// out, so every rule is unit-tested without a database. The rules in words are on
// /credits (CREDIT_RULES) and in the README; keep the three in step.

/** Every new account starts with this many credits (migration 0010 granted it to existing ones). */
export const WELCOME_GRANT = 3;

/** A one-way mock costs (and earns) between these, by the scarcity of its interviewers. */
export const PRICE_RANGE = { min: 1, max: 3 } as const;

/**
 * Scarcity pricing: few interviewers qualified for a round and level make a one-way mock
 * dearer, and earn the interviewer more. At least PLENTIFUL qualified interviewers: the
 * lowest price; fewer than SCARCE: the highest; in between: the middle.
 */
export const PLENTIFUL_INTERVIEWERS = 8;
export const SCARCE_INTERVIEWERS = 3;

export function priceForScarcity(qualifiedInterviewers: number): number {
  if (qualifiedInterviewers >= PLENTIFUL_INTERVIEWERS) return PRICE_RANGE.min;
  if (qualifiedInterviewers < SCARCE_INTERVIEWERS) return PRICE_RANGE.max;
  return Math.round((PRICE_RANGE.min + PRICE_RANGE.max) / 2);
}

/**
 * Taking `amount` back (a refund or charge-back of a pack) from a balance that may have
 * been spent: what is there is debited, the rest is owed. Never below zero.
 */
export function splitDebit(balance: number, amount: number): { debit: number; owed: number } {
  const debit = Math.max(0, Math.min(balance, amount));
  return { debit, owed: amount - debit };
}

/** Credits coming in pay back what is owed first: how much of `incoming` goes to the debt. */
export function repaymentOf(owed: number, incoming: number): number {
  return Math.max(0, Math.min(owed, incoming));
}

/** The rules as people read them on /credits (and, in the same words, the README). */
export function creditRules(settings: { noShowGraceMinutes: number }): string[] {
  return [
    `You start with ${WELCOME_GRANT} credits.`,
    "Swaps are free: you interview your peer for half the session and they interview you for the other half.",
    "Interviewing one-way is earned: a hire or strong-hire call on you in a round qualifies you to interview it one-way up to that level (an admin can also grant it). Your profile shows what you are qualified for and why.",
    `A one-way mock with a qualified interviewer costs ${PRICE_RANGE.min}–${PRICE_RANGE.max} credits: the fewer people are qualified to interview that round at that level, the more it costs. The price is shown before you book and is fixed when you book.`,
    "When you book a one-way mock its price is held, not spent: it goes to the interviewer once the session has been held and they have submitted your scorecard.",
    "If the interviewer has not submitted your scorecard 14 days after the session, the credits come back to you.",
    "Moving a session to another time keeps its credits held.",
    "Cancel more than 24 hours ahead and the credits come back to you. A later cancel by you pays the interviewer; a cancel by the interviewer always gives them back to you.",
    "If your interviewer does not show up, you get the credits back. If you do not show up, the interviewer is paid. If neither of you shows up, they come back to you.",
    `A no-show is recorded when someone has not joined (video or code pad) within ${settings.noShowGraceMinutes} minutes of the start. The credits then wait 48 hours before they move: either of you may dispute the no-show on the session page in that time, and then they wait until an admin has decided. Attendance that arrives late also waits for an admin.`,
    "Credits you bought and that are refunded or charged back are taken back from your balance; whatever you already spent is owed, and the next credits you earn or buy pay it back first.",
  ];
}
