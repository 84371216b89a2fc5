import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { isValidTimeZone } from "~/modules/identity/time-zone";
import { emailedLink, followConfirmationEmail, outboxEmailsTo } from "./support/accounts";
import {
  expectValue,
  expectVisibleText,
  fieldOf,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";

// Accounts in a real browser against the real server: sign-up, profile, log-out and
// log-in, the errors people see beside the fields, and the keyboard path.

const browser = setupBrowser();

const DEMO_PASSWORD = "peerloop-demo";
const INDIA = ["Asia/Kolkata", "Asia/Calcutta"];

function uniqueEmail(tag: string) {
  return `e2e-${tag}-${randomBytes(4).toString("hex")}@example.test`;
}

async function logIn(page: Page, email: string, password: string) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function signUp(page: Page, fields: { name: string; email: string; password: string }) {
  await visit(page, "/signup");
  await page.getByLabel("Name", { exact: true }).fill(fields.name);
  await page.getByLabel("Email", { exact: true }).fill(fields.email);
  await page.getByLabel("Password", { exact: true }).fill(fields.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function isFocused(page: Page, label: string) {
  return page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);
}

describe("sign-up, profile, log-out and log-in", () => {
  it("takes a new person from sign-up to a saved profile and back in", async () => {
    const page = await browser.newPage({ timezoneId: "Asia/Kolkata" });
    const email = uniqueEmail("journey");
    const password = "correct horse battery staple";

    await visit(page, "/signup");
    // The time zone comes from the browser, already valid. Chromium's ICU (like Node's)
    // reports India's zone by its old CLDR name, Asia/Calcutta; the app fills in and
    // stores the current IANA name.
    const rawZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(INDIA).toContain(rawZone);
    const browserZone = "Asia/Kolkata";
    const timeZone = page.getByLabel("Time zone", { exact: true });
    await expectValue(timeZone, browserZone);
    expect(isValidTimeZone(await timeZone.inputValue())).toBe(true);

    await page.getByLabel("Name", { exact: true }).fill("Priya Raman");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    // Nothing is created before the email is confirmed: the link in it activates.
    await followConfirmationEmail(page, email);
    expect(new URL(page.url()).search).toBe("?welcome=1");
    await expectVisibleText(page.locator(".page-header"), "Welcome to Peerloop!");

    // Edit the profile.
    await expectValue(page.getByLabel("Time zone", { exact: true }), browserZone);
    await page.getByLabel("Name", { exact: true }).fill("Priya R. Raman");
    await page
      .getByLabel("Track", { exact: true })
      .selectOption({ label: "Backend / software engineer" });
    await page.getByLabel("Target level", { exact: true }).selectOption("L5");
    await page.getByLabel("Current level", { exact: true }).selectOption("L4");
    await page.getByRole("checkbox", { name: "Python", exact: true }).check();
    await page.getByRole("checkbox", { name: "Go", exact: true }).check();
    await page.getByLabel("Coding", { exact: true }).selectOption("L4");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expectVisibleText(page.getByRole("status"), "Profile saved.");

    // A reload reads everything back from the server.
    await page.reload();
    await waitForHydration(page);
    await expectValue(page.getByLabel("Name", { exact: true }), "Priya R. Raman");
    await expectValue(page.getByLabel("Time zone", { exact: true }), browserZone);
    await expectValue(page.getByLabel("Track", { exact: true }), "backend");
    await expectValue(page.getByLabel("Target level", { exact: true }), "L5");
    await expectValue(page.getByLabel("Current level", { exact: true }), "L4");
    await expectValue(page.getByLabel("Coding", { exact: true }), "L4");
    await expectValue(page.getByLabel("System design", { exact: true }), "");
    const checked = await page
      .locator(".checkbox-grid input:checked")
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(checked.sort()).toEqual(["go", "python"]);

    // Log out, then back in with the same credentials.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto("/dashboard");
    await page.waitForURL((url) => url.pathname === "/login");

    await logIn(page, email, password);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Welcome, Priya");
    await expectVisibleText(page.locator(".page-header"), browserZone);
    // No CSP violation, hydration error or uncaught error on the way (afterEach checks
    // every test; this one says so out loud).
    expect(browser.problems()).toEqual([]);
  });

  it("lets a demo user log in", async () => {
    const page = await browser.newPage();
    await logIn(page, "ada@demo.peerloop.dev", DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Welcome, Ada");
  });
});

describe("forgotten password", () => {
  it("sends a link that sets a new password, once", async () => {
    const page = await browser.newPage();
    const email = uniqueEmail("forgot");
    await signUp(page, { name: "Fay Forgetful", email, password: "the first passphrase" });
    await followConfirmationEmail(page, email);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");

    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL((url) => url.pathname === "/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Check your email");

    const link = await emailedLink(email, "reset_password", "/reset-password");
    await visit(page, link);
    await page.getByLabel("New password", { exact: true }).fill("the second passphrase");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Welcome, Fay");

    // The link is spent (its page answers 404, which Chromium logs); the new password
    // is the one that works.
    browser.allowConsoleErrors(/status of 404.*\/reset-password\?token=/);
    await visit(page, link);
    await expectVisibleText(page.getByRole("alert"), "invalid, already used or expired");
    await visit(page, "/dashboard");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await logIn(page, email, "the second passphrase");
    await page.waitForURL((url) => url.pathname === "/dashboard");
  });
});

describe("errors beside the fields", () => {
  it("answers an address that has an account like any other, and tells its owner", async () => {
    const page = await browser.newPage();
    await signUp(page, {
      name: "Ada Again",
      email: "ada@demo.peerloop.dev",
      password: "another long passphrase",
    });
    await page.waitForURL((url) => url.pathname === "/signup" && url.search === "?sent=1");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Check your email");
    // The page does not say the account exists; Ada's inbox does.
    expect(await page.getByText("already exists").count()).toBe(0);
    await expect
      .poll(async () => (await outboxEmailsTo("ada@demo.peerloop.dev")).map((e) => e.kind))
      .toContain("signup_existing");
  });

  it("asks for a longer password", async () => {
    const page = await browser.newPage();
    await signUp(page, { name: "Short Pass", email: uniqueEmail("short"), password: "short" });
    await expectVisibleText(fieldOf(page, "Password"), "Use at least 8 characters.");
    expect(new URL(page.url()).pathname).toBe("/signup");
  });

  it("refuses a time zone that does not exist, on the profile", async () => {
    const page = await browser.newPage();
    const email = uniqueEmail("zone");
    await signUp(page, {
      name: "Zed Zone",
      email,
      password: "a perfectly fine passphrase",
    });
    await followConfirmationEmail(page, email);
    // The URL changes as the client-side navigation commits, a moment before React has
    // swapped the activation page for the profile.
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Your profile");
    await page.getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expectVisibleText(fieldOf(page, "Time zone"), "Choose a time zone from the list");
    expect(await page.getByRole("status").count()).toBe(0);
  });

  it("refuses a time zone that does not exist, on sign-up", async () => {
    const page = await browser.newPage();
    await visit(page, "/signup");
    await page.getByLabel("Name", { exact: true }).fill("Zoe Zone");
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("signup-zone"));
    await page.getByLabel("Password", { exact: true }).fill("a perfectly fine passphrase");
    await page.getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Create account" }).click();
    await expectVisibleText(fieldOf(page, "Time zone"), "Choose a time zone from the list");
    expect(new URL(page.url()).pathname).toBe("/signup");
  });

  it("says so when the password is wrong, without telling which part", async () => {
    const page = await browser.newPage();
    browser.allowRejectedSubmission("/login", 400);
    await logIn(page, "bruno@demo.peerloop.dev", "not-the-password");
    await expectVisibleText(page.getByRole("alert"), "Email or password is incorrect.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });
  it("shows the server's errors when JavaScript is off", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    browser.allowRejectedSubmission("/signup", 400);
    await page.goto("/signup");
    await page.getByLabel("Name", { exact: true }).fill("No Script");
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("nojs"));
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForLoadState("load");
    await expectVisibleText(fieldOf(page, "Password"), "Use at least 8 characters.");
    await expectVisibleText(fieldOf(page, "Time zone"), "Choose a time zone from the list");
    // What was typed stays, except the password.
    await expectValue(page.getByLabel("Name", { exact: true }), "No Script");
    await expectValue(page.getByLabel("Password", { exact: true }), "");
  });
});

describe("keyboard", () => {
  it("reaches email, password and the button with Tab, and submits with Enter", async () => {
    const page = await browser.newPage();
    await visit(page, "/login");

    await page.keyboard.press("Tab");
    expect(await isFocused(page, "Email")).toBe(true);
    await page.keyboard.type("chen@demo.peerloop.dev");

    await page.keyboard.press("Tab");
    expect(await isFocused(page, "Password")).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);

    await page.keyboard.press("Tab");
    expect(
      await page
        .getByRole("button", { name: "Log in" })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);

    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Welcome, Chen");
  });
});
