// The limits on log-in, sign-up and password-reset attempts, and the pure rule that
// turns the limiter's answers into one decision. The counting itself is atomic in the
// database (rate-limit.server.ts).

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Sign-ups per IP per hour: each costs a 19 MiB argon2 hash and an email. */
export const MAX_SIGNUPS_PER_IP = 10;
/** Password-reset requests per IP per hour, and per address (so nobody is mail-bombed). */
export const MAX_RESETS_PER_IP = 10;
export const MAX_RESETS_PER_EMAIL = 3;

const HOUR_SECONDS = 60 * 60;

export const LIMITS = {
  "login-email": { points: MAX_FAILURES_PER_EMAIL, durationSeconds: THROTTLE_WINDOW_MS / 1000 },
  "login-ip": { points: MAX_FAILURES_PER_IP, durationSeconds: THROTTLE_WINDOW_MS / 1000 },
  "signup-ip": { points: MAX_SIGNUPS_PER_IP, durationSeconds: HOUR_SECONDS },
  "reset-ip": { points: MAX_RESETS_PER_IP, durationSeconds: HOUR_SECONDS },
  "reset-email": { points: MAX_RESETS_PER_EMAIL, durationSeconds: HOUR_SECONDS },
} as const;

export type LimitName = keyof typeof LIMITS;

/** One limiter's answer to one consumed point. */
export interface LimitOutcome {
  allowed: boolean;
  /** Until the window of this key resets. */
  msBeforeNext: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * An attempt goes ahead only when every limit it counts against allows it; otherwise
 * the caller waits for the slowest of the limits that refused.
 */
export function decideThrottle(outcomes: LimitOutcome[]): ThrottleDecision {
  const refused = outcomes.filter((o) => !o.allowed);
  if (refused.length === 0) return { allowed: true };
  const waitMs = Math.max(...refused.map((o) => o.msBeforeNext));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
