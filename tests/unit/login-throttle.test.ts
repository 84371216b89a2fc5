import { describe, expect, it } from "vitest";
import {
  decideThrottle,
  describeWait,
  LIMITS,
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  THROTTLE_WINDOW_MS,
} from "~/modules/identity/login-throttle";

describe("decideThrottle", () => {
  it("lets an attempt through only when every limit allows it", () => {
    expect(
      decideThrottle([
        { allowed: true, msBeforeNext: 60_000 },
        { allowed: true, msBeforeNext: 1_000 },
      ]),
    ).toEqual({ allowed: true });
    expect(decideThrottle([])).toEqual({ allowed: true });
  });

  it("waits for the slowest of the limits that refused, in whole seconds", () => {
    const decision = decideThrottle([
      { allowed: false, msBeforeNext: 61_001 },
      { allowed: true, msBeforeNext: 900_000 },
      { allowed: false, msBeforeNext: 5_000 },
    ]);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 62 });
  });

  it("never asks to wait zero seconds", () => {
    expect(decideThrottle([{ allowed: false, msBeforeNext: 0 }])).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });
});

describe("the limits", () => {
  it("allow 5 failures per email and 20 per IP in 15 minutes", () => {
    expect(LIMITS["login-email"]).toEqual({ points: MAX_FAILURES_PER_EMAIL, durationSeconds: 900 });
    expect(LIMITS["login-ip"]).toEqual({ points: MAX_FAILURES_PER_IP, durationSeconds: 900 });
    expect(MAX_FAILURES_PER_EMAIL).toBe(5);
    expect(MAX_FAILURES_PER_IP).toBe(20);
    expect(THROTTLE_WINDOW_MS).toBe(15 * 60 * 1000);
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
