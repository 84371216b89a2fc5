import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { followConfirmationEmail } from "./support/accounts";
import { expectVisibleText, setupBrowser, visit } from "./support/browser";

// Credits in a real browser: a newcomer books a one-way mock and sees the balance fall
// (on /credits and in the header), cancels more than 24 hours ahead and sees it come
// back, then books one-way mocks until the credits run out and is told so, with a link
// to buy more. Demo users Dana and Farah interview every round one-way.

const browser = setupBrowser();
const ZONE = "Europe/Paris";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function signUp(page: Page, email: string) {
  await visit(page, "/signup");
  await page.getByLabel("Name", { exact: true }).fill("Noor Haddad");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationEmail(page, email);
  await expectVisibleText(page.getByRole("heading", { level: 1 }), "Your profile");
}

async function publishEveryDay(page: Page) {
  await visit(page, "/availability");
  await page.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday range 1 start", { exact: true }).fill("08:00");
  await page.getByLabel("Monday range 1 end", { exact: true }).fill("22:00");
  const monday = page.getByRole("group", { name: "Monday", exact: true });
  await monday.getByRole("button", { name: "Copy to other days…" }).click();
  const panel = monday.getByRole("group", { name: "Copy Monday's hours to" });
  for (const short of ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) {
    await panel.getByRole("checkbox", { name: short, exact: true }).check();
  }
  await panel.getByRole("button", { name: "Copy", exact: true }).click();
  await page.getByRole("button", { name: "Save availability" }).click();
  await expectVisibleText(page.getByRole("status"), "Weekly hours saved.");
}

async function balances(page: Page): Promise<{ page: number; header: number }> {
  await visit(page, "/credits");
  const shown = Number(await page.getByTestId("credit-balance").textContent());
  const header = Number(await page.getByTestId("header-credit-balance").textContent());
  return { page: shown, header };
}

async function requestOneWayCoding(page: Page) {
  await visit(page, "/book");
  await page.getByLabel("Round", { exact: true }).selectOption({ label: "Coding (60 min)" });
  await page.getByLabel("Target level", { exact: true }).selectOption("L5");
  await page.getByRole("radio", { name: /^One-way/ }).check();
  await page.getByRole("button", { name: "Find peers and times" }).click();
  await page.waitForURL((url) => new RegExp(`^/book/${UUID}$`).test(url.pathname));
}

/** A proposal more than 25 hours ahead, so that cancelling it is free. */
async function laterProposal(page: Page): Promise<Locator> {
  const items = page
    .getByRole("list", { name: "Proposed times, best first" })
    .locator(":scope > li");
  await expect.poll(() => items.count()).toBeGreaterThan(0);
  for (const item of await items.all()) {
    const start = new Date(await item.locator('input[name="start"]').inputValue());
    if (start.getTime() > Date.now() + 25 * 3_600_000) return item;
  }
  throw new Error("no proposal more than 25 hours ahead");
}

async function shownPrice(page: Page): Promise<number> {
  return Number(await page.getByTestId("mock-price").getAttribute("data-price"));
}

describe("credits in the browser", () => {
  it("a one-way booking lowers the balance, an early cancel restores it, and running out says so", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    await signUp(page, `e2e-credits-${randomBytes(4).toString("hex")}@example.test`);
    await publishEveryDay(page);
    const start = await balances(page);
    expect(start.page).toBeGreaterThan(0);
    expect(start.header).toBe(start.page);

    // Book one: the price is shown first, and held from the balance.
    await requestOneWayCoding(page);
    const price = await shownPrice(page);
    expect(price).toBeGreaterThanOrEqual(1);
    await expectVisibleText(page.getByTestId("mock-price"), `costs ${price} credit`);
    await (await laterProposal(page)).getByRole("button", { name: /^Book with / }).click();
    await page.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
    const sessionPath = new URL(page.url()).pathname;
    await expectVisibleText(page.getByTestId("escrow"), "are held for this mock");
    expect(await balances(page)).toEqual({ page: start.page - price, header: start.page - price });

    // Cancel more than 24 hours ahead: the credits come back.
    await visit(page, `${sessionPath}?confirm=cancel`);
    await page.getByRole("button", { name: "Yes, cancel it" }).click();
    await page.waitForURL((url) => url.searchParams.get("cancelled") === "1");
    await expectVisibleText(page.getByTestId("escrow"), "went to you");
    expect(await balances(page)).toEqual(start);

    // Book until the credits run out: the next one is refused with a link to buy more.
    let balance = start.page;
    for (let attempt = 0; attempt < 6; attempt++) {
      await requestOneWayCoding(page);
      const cost = await shownPrice(page);
      const book = (await laterProposal(page)).getByRole("button", { name: /^Book with / });
      if (balance >= cost) {
        await book.click();
        await page.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
        balance -= cost;
        continue;
      }
      await expectVisibleText(page.getByRole("status"), "not enough for this mock");
      browser.allowRejectedSubmission(new URL(page.url()).pathname, 409);
      await book.click();
      const error = page.getByTestId("booking-error");
      await expectVisibleText(error, "Not enough credits for this one-way mock.");
      await error.getByRole("link", { name: "Buy credits" }).click();
      await page.waitForURL((url) => url.pathname === "/credits");
      expect(await balances(page)).toEqual({ page: balance, header: balance });
      return;
    }
    throw new Error("the credits never ran out");
  });
});
