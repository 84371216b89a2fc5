import { describe, expect, it } from "vitest";
import {
  decideLoginThrottle,
  describeWait,
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  THROTTLE_WINDOW_MS,
} from "~/modules/identity/login-throttle";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("decideLoginThrottle", () => {
  it("allows attempts below the limits", () => {
    const byEmail = Array.from({ length: MAX_FAILURES_PER_EMAIL - 1 }, (_, i) =>
      minutesAgo(10 - i),
    );
    expect(decideLoginThrottle({ byEmail, byIp: byEmail }, now)).toEqual({ allowed: true });
  });

  it("blocks at the per-email limit until the oldest counted failure leaves the window", () => {
    const byEmail = [minutesAgo(14), minutesAgo(3), minutesAgo(2), minutesAgo(1), minutesAgo(0.5)];
    expect(byEmail).toHaveLength(MAX_FAILURES_PER_EMAIL);
    const decision = decideLoginThrottle({ byEmail, byIp: [] }, now);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("counts only the most recent failures needed to reach the limit", () => {
    // Seven failures; the limit of five is reached by the five newest, so the wait
    // is measured from the fifth newest, not the oldest.
    const byEmail = [14, 13, 9, 8, 7, 6, 5].map(minutesAgo);
    const decision = decideLoginThrottle({ byEmail, byIp: [] }, now);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 6 * 60 });
  });

  it("blocks at the per-IP limit and reports the longer of two waits", () => {
    const byIp = Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => minutesAgo(12 - i * 0.1));
    const byEmail = Array.from({ length: MAX_FAILURES_PER_EMAIL }, () => minutesAgo(1));
    const decision = decideLoginThrottle({ byEmail, byIp }, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAfterSeconds).toBe(14 * 60);
  });

  it("ignores failures that already left the window", () => {
    const old = new Date(now.getTime() - THROTTLE_WINDOW_MS - 1);
    const byEmail = Array.from({ length: 10 }, () => old);
    expect(decideLoginThrottle({ byEmail, byIp: [] }, now)).toEqual({ allowed: true });
  });
});

describe("describeWait", () => {
  it("speaks in seconds under a minute and rounds minutes up", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(61)).toBe("2 minutes");
  });
});
