// Pure policy for repeated log-in failures; the server module feeds it the recent
// failures it read from login_attempts.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface RecentFailures {
  /** Times of failures for this email within the window, oldest first. */
  byEmail: Date[];
  /** Times of failures from this IP within the window, oldest first. */
  byIp: Date[];
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function retryAfter(failures: Date[], limit: number, now: Date): number | null {
  if (failures.length < limit) return null;
  // The attempt becomes possible again when enough failures fall out of the window.
  const unlocking = failures[failures.length - limit];
  if (!unlocking) return null;
  const ms = unlocking.getTime() + THROTTLE_WINDOW_MS - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : null;
}

export function decideLoginThrottle(failures: RecentFailures, now: Date): ThrottleDecision {
  const waits = [
    retryAfter(failures.byEmail, MAX_FAILURES_PER_EMAIL, now),
    retryAfter(failures.byIp, MAX_FAILURES_PER_IP, now),
  ].filter((wait): wait is number => wait !== null);
  if (waits.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
