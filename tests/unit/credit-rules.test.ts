import { describe, expect, it } from "vitest";
import {
  creditRules,
  PLENTIFUL_INTERVIEWERS,
  PRICE_RANGE,
  priceForScarcity,
  SCARCE_INTERVIEWERS,
  WELCOME_GRANT,
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

describe("creditRules", () => {
  it("states the configured no-show grace window and the welcome grant", () => {
    const rules = creditRules({ noShowGraceMinutes: 15 }).join("\n");
    expect(rules).toContain("within 15 minutes of the start");
    expect(rules).not.toContain("within 10 minutes");
    expect(rules).toContain(`You start with ${WELCOME_GRANT} credits.`);
  });
});
