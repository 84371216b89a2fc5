import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "#db/seed/demo-data";
import { expectVisibleText, setupBrowser, visit } from "./support/browser";

// Buying credits in a real browser: the buy button on /credits opens the Stripe
// stand-in's checkout page (the server's STRIPE_API_BASE points at it, see
// support/global-setup.ts); "Pay" there sends the signed checkout.session.completed
// webhook to the server and returns to the success page; the balance shown rises.

const browser = setupBrowser();
const stripeStandIn = inject("stripeStandIn");
const buyer = DEMO_USERS.find((u) => u.name.startsWith("Eli"))!;

async function logIn(page: Page, email: string) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

const AXE_SOURCE = readFileSync(
  path.join(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"),
  "utf8",
);

/** Serious and critical axe-core findings on the current page (as in pages.test.ts). */
async function seriousFindings(page: Page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run: (...args: unknown[]) => Promise<{
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

async function standInCalls(): Promise<{ path: string; replayed: boolean }[]> {
  return ((await (await fetch(`${stripeStandIn}/__calls`)).json()) as { calls: [] }).calls;
}

async function balances(page: Page) {
  const read = async (testId: string) =>
    Number((await page.getByTestId(testId).textContent())?.trim());
  return { page: await read("credit-balance"), header: await read("header-credit-balance") };
}

describe("buying credits", () => {
  it("pays for a pack through the stand-in; the signed webhook raises the balance shown", async () => {
    const page = await browser.newPage();
    await logIn(page, buyer.email);
    await visit(page, "/credits");
    const before = await balances(page);
    expect(before.header).toBe(before.page);

    await page.getByRole("button", { name: "Buy 5 credits for $5.00" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stripeStandIn}/checkout/cs_test_`));
    await page.getByRole("button", { name: "Pay $5.00" }).click();
    await page.waitForURL((url) => url.pathname === "/credits/success");
    await expectVisibleText(page.getByRole("status"), "5 credits (Starter pack) were added");
    expect(await seriousFindings(page)).toEqual([]);

    await visit(page, "/credits");
    expect(await balances(page)).toEqual({ page: before.page + 5, header: before.page + 5 });
    await expectVisibleText(page.getByTestId("purchases"), /Starter · 5 credits\s*Paid/);
    expect(await seriousFindings(page)).toEqual([]);
  });

  it("leaves the balance alone when the person cancels at checkout", async () => {
    const page = await browser.newPage();
    await logIn(page, buyer.email);
    await visit(page, "/credits");
    const before = await balances(page);

    const callsBefore = (await standInCalls()).length;
    // A double click opens one checkout.
    await page.getByRole("button", { name: "Buy 12 credits for $10.00" }).dblclick();
    await page.waitForURL((url) => url.href.startsWith(`${stripeStandIn}/checkout/`));
    const created = (await standInCalls())
      .slice(callsBefore)
      .filter((c) => c.path === "/v1/checkout/sessions" && !c.replayed);
    expect(created).toHaveLength(1);
    await page.getByRole("link", { name: "Cancel and go back" }).click();
    await page.waitForURL((url) => url.pathname === "/credits/cancel");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Checkout cancelled");

    await visit(page, "/credits");
    expect(await balances(page)).toEqual(before);
    // The unfinished checkout can be continued from the history.
    await expectVisibleText(page.getByTestId("purchases"), "Checkout not finished");
    await expect
      .poll(() => page.getByRole("link", { name: "Continue to payment" }).count())
      .toBeGreaterThan(0);
  });
});
