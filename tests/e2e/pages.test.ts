import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousFindings } from "./support/axe";
import { expectVisibleText, setupBrowser, visit } from "./support/browser";

// The app's shell and pages as a member sees them: the navigation at desktop and phone
// widths, an unknown address that still keeps the navigation, and no serious
// accessibility findings (axe-core) on the pages with charts and forms.

const browser = setupBrowser();
async function logInAsAda(page: Page) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill("ada@demo.peerloop.dev");
  await page.getByLabel("Password", { exact: true }).fill("peerloop-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

const NAV_LABELS = [
  "Dashboard",
  "Book a mock",
  "Sessions",
  "Availability",
  "Feedback",
  "Progress",
  "Plan",
  "Stories",
  "Credits",
  "Profile",
];

describe("navigation", () => {
  it("fits on one row at 1280 px and includes availability", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logInAsAda(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    const tops = await Promise.all(
      NAV_LABELS.map(
        async (label) =>
          (await nav.getByRole("link", { name: label, exact: true }).boundingBox())?.y,
      ),
    );
    expect(tops.every((top) => top !== undefined && top === tops[0])).toBe(true);
    // Brand, links and user menu share that row.
    const header = await page.locator("header.topbar").boundingBox();
    expect(header!.height).toBeLessThan(80);
    await expect.poll(() => page.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    await nav.getByRole("link", { name: "Availability", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/availability");
  });

  it("folds into a Menu button on a 390 px phone, operable by keyboard, closed by Escape", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logInAsAda(page);
    const button = page.getByRole("button", { name: "Menu" });
    const sessions = page.getByRole("link", { name: "Sessions", exact: true });
    await expect.poll(() => button.isVisible()).toBe(true);
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await sessions.isVisible()).toBe(false);

    await button.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => sessions.isVisible()).toBe(true);
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    expect(await button.getAttribute("aria-controls")).toBe(
      await page.getByRole("navigation", { name: "Main" }).getAttribute("id"),
    );

    // Tab into the menu, then Escape: it closes and focus returns to the button.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    await expect.poll(() => sessions.isVisible()).toBe(false);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // Following a link closes it too.
    await page.keyboard.press("Space");
    await sessions.click();
    await page.waitForURL((url) => url.pathname === "/sessions");
    await expect.poll(() => sessions.isVisible()).toBe(false);
  });
});

describe("error pages", () => {
  it("an unknown address inside the app shows the 404 within the navigation", async () => {
    const page = await browser.newPage();
    await logInAsAda(page);
    browser.allowConsoleErrors(/status of 404/);
    await visit(page, "/no-such-page");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Page not found");
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Progress", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/progress");
  });
});

describe("availability form", () => {
  it("moves focus to the first error after a save the server refused", async () => {
    const page = await browser.newPage();
    await logInAsAda(page);
    await visit(page, "/availability");
    browser.allowRejectedSubmission("/availability", 400);
    const zone = page.getByLabel("Time zone", { exact: true });
    await zone.fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Save availability" }).click();
    await expectVisibleText(page.locator(".field").filter({ has: zone }), "time zone");
    await expect.poll(() => zone.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await zone.getAttribute("aria-invalid")).toBe("true");
  });

  it("asks before unsaved edits are lost to a link, and before the tab closes", async () => {
    const page = await browser.newPage();
    await logInAsAda(page);
    await visit(page, "/availability");
    const dialogs: string[] = [];
    let accept = false;
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.type());
      if (accept) await dialog.accept();
      else await dialog.dismiss();
    });

    // Untouched, the page lets go without asking.
    await page.getByRole("link", { name: "Sessions", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sessions");
    expect(dialogs).toEqual([]);
    await visit(page, "/availability");

    const sundayRanges = page.getByLabel(/^Sunday range \d+ start$/);
    const before = await sundayRanges.count();
    await page.getByRole("button", { name: "Add hours on Sunday" }).click();
    await page.getByRole("link", { name: "Sessions", exact: true }).click();
    await expect.poll(() => dialogs).toEqual(["confirm"]);
    // Dismissed: the edit stays on screen.
    expect(new URL(page.url()).pathname).toBe("/availability");
    expect(await sundayRanges.count()).toBe(before + 1);

    // Closing the tab asks the browser's own question.
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(["confirm", "beforeunload"]);
    expect(page.isClosed()).toBe(false);

    accept = true;
    await page.getByRole("link", { name: "Sessions", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sessions");
    expect(dialogs).toEqual(["confirm", "beforeunload", "confirm"]);
  });
});

describe("accessibility", () => {
  it("the progress page, charts included, has no serious or critical axe findings", async () => {
    const page = await browser.newPage();
    await logInAsAda(page);
    await visit(page, "/progress");
    expect(await page.locator("[data-testid^=trend-] svg").count()).toBeGreaterThan(0);
    // The first session's date is written under the axis.
    const trend = page.locator("[data-testid^=trend-]").first();
    const firstTick = (await trend.getByTestId("trend-tick").first().textContent()) ?? "";
    const firstRow = (await trend.locator("tbody th").first().textContent()) ?? "";
    expect(firstTick.length).toBeGreaterThan(0);
    expect(firstRow).toContain(firstTick);
    // The chart is hidden from assistive technology; nothing in it may take focus.
    const focusableInHidden = await page
      .locator(
        '[aria-hidden="true"] a, [aria-hidden="true"] button, [aria-hidden="true"] [tabindex]',
      )
      .count();
    expect(focusableInHidden).toBe(0);
    expect(await seriousFindings(page)).toEqual([]);
  });

  it.each(["/dashboard", "/availability", "/book", "/sessions", "/feedback", "/profile"])(
    "%s has no serious or critical axe findings",
    async (pathname) => {
      const page = await browser.newPage();
      await logInAsAda(page);
      await visit(page, pathname);
      expect(await seriousFindings(page)).toEqual([]);
    },
  );
});
