import { describe, expect, it } from "vitest";
import {
  PLENTIFUL_INTERVIEWERS,
  PRICE_RANGE,
  priceForScarcity,
  SCARCE_INTERVIEWERS,
} from "~/modules/credits/rules";

describe("priceForScarcity", () => {
  it("charges the most when few are qualified, the least when many are", () => {
    expect(priceForScarcity(0)).toBe(PRICE_RANGE.max);
    expect(priceForScarcity(SCARCE_INTERVIEWERS - 1)).toBe(PRICE_RANGE.max);
    expect(priceForScarcity(SCARCE_INTERVIEWERS)).toBe(2);
    expect(priceForScarcity(PLENTIFUL_INTERVIEWERS - 1)).toBe(2);
    expect(priceForScarcity(PLENTIFUL_INTERVIEWERS)).toBe(PRICE_RANGE.min);
    expect(priceForScarcity(100_000)).toBe(PRICE_RANGE.min);
  });

  it("never rises as interviewers are added, and stays in the stated range", () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let count = 0; count <= 3 * PLENTIFUL_INTERVIEWERS; count++) {
      const price = priceForScarcity(count);
      expect(Number.isInteger(price)).toBe(true);
      expect(price).toBeGreaterThanOrEqual(PRICE_RANGE.min);
      expect(price).toBeLessThanOrEqual(PRICE_RANGE.max);
      expect(price).toBeLessThanOrEqual(previous);
      previous = price;
    }
  });
});
