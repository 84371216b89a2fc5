import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "#db/seed/demo-data";
import { followConfirmationEmail } from "./support/accounts";
import {
  expectValue,
  expectVisibleText,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";
import { E2E_ROOM_OPENS_MINUTES_BEFORE } from "./support/global-setup";

// Code runs in two real browsers: the candidate runs Python (Pyodide in a worker) and
// SQL (PGlite in a worker) from the pad; each result goes through the session's shared
// document, so the interviewer sees it too. A runaway loop is stopped at the time limit
// while the pad keeps taking keystrokes. (The room's booking helpers follow room.test.ts.)

const browser = setupBrowser();

const ZONE = "Europe/Paris";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const MEDIA = { permissions: ["camera", "microphone"] };

function uniqueEmail(tag: string) {
  return `e2e-${tag}-${randomBytes(4).toString("hex")}@example.test`;
}

function demoByName(name: string) {
  const demo = DEMO_USERS.find((u) => u.name === name);
  if (!demo) throw new Error(`"${name}" is not a demo user`);
  return demo;
}

async function signUp(page: Page, name: string, email: string) {
  await visit(page, "/signup");
  await expectValue(page.getByLabel("Time zone", { exact: true }), ZONE);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationEmail(page, email);
}

async function logIn(page: Page, email: string, password: string) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

/** Whole days, every day, bookable at once: 00:00–00:00 (midnight) and no notice. */
async function publishWholeWeek(page: Page) {
  await visit(page, "/availability");
  await page.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday range 1 start", { exact: true }).fill("00:00");
  await page.getByLabel("Monday range 1 end", { exact: true }).fill("00:00");
  const monday = page.getByRole("group", { name: "Monday", exact: true });
  await monday.getByRole("button", { name: "Copy to other days…" }).click();
  const panel = monday.getByRole("group", { name: "Copy Monday's hours to" });
  for (const short of ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) {
    await panel.getByRole("checkbox", { name: short, exact: true }).check();
  }
  await panel.getByRole("button", { name: "Copy", exact: true }).click();
  await expect.poll(() => panel.count()).toBe(0);
  await page.getByLabel("Minimum notice (hours)", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Save availability" }).click();
  await expectVisibleText(page.getByRole("status"), "Weekly hours saved.");
}

interface Room {
  sessionId: string;
  candidate: Page;
  candidateName: string;
  interviewer: Page;
  interviewerName: string;
}

/**
 * A newcomer (the candidate) books the soonest one-way Coding mock at L5 the page
 * proposes; the demo interviewer logs in in a browser of their own. Both end on the
 * room, hydrated. `beforeNavigation` runs on the candidate's page before its first
 * request (to watch everything it receives).
 */
async function bookRoom(tag: string, beforeNavigation?: (page: Page) => void): Promise<Room> {
  const candidate = await browser.newPage({ timezoneId: ZONE, ...MEDIA });
  beforeNavigation?.(candidate);
  const candidateName = `Casey ${tag[0]!.toUpperCase()}${tag.slice(1)}`;
  await signUp(candidate, candidateName, uniqueEmail(tag));
  await publishWholeWeek(candidate);

  await visit(candidate, "/book");
  await candidate.getByLabel("Round", { exact: true }).selectOption({ label: "Coding (60 min)" });
  await candidate.getByLabel("Target level", { exact: true }).selectOption("L5");
  await candidate.getByRole("radio", { name: /^One-way/ }).check();
  await candidate.getByRole("button", { name: "Find peers and times" }).click();
  await candidate.waitForURL((url) => new RegExp(`^/book/${UUID}$`).test(url.pathname));
  const items = candidate
    .getByRole("list", { name: "Proposed times, best first" })
    .locator(":scope > li");
  await expect.poll(() => items.count()).toBeGreaterThan(0);

  // The soonest proposal, so that its room is open now.
  let soonest: { item: Locator; start: number } | undefined;
  for (const item of await items.all()) {
    const start = Date.parse(await item.locator('input[name="start"]').inputValue());
    if (!soonest || start < soonest.start) soonest = { item, start };
  }
  const opensIn = soonest!.start - E2E_ROOM_OPENS_MINUTES_BEFORE * 60_000 - Date.now();
  expect(opensIn, "the soonest proposal's room should already be open").toBeLessThan(0);
  const interviewerName = (
    (await soonest!.item.locator("strong").first().textContent()) ?? ""
  ).trim();
  const demo = demoByName(interviewerName);
  await soonest!.item.getByRole("button", { name: /^Book with / }).click();
  await candidate.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
  const sessionId = new URL(candidate.url()).pathname.split("/")[2]!;
  await waitForHydration(candidate);

  const interviewer = await browser.newPage({ timezoneId: demo.timeZone, ...MEDIA });
  await logIn(interviewer, demo.email, DEMO_PASSWORD);
  await visit(interviewer, `/sessions/${sessionId}`);
  return { sessionId, candidate, candidateName, interviewer, interviewerName };
}

function pad(page: Page) {
  return page.getByRole("region", { name: "Code pad" });
}

async function expectPadConnected(page: Page) {
  await expectVisibleText(pad(page).getByRole("status"), /^Connected$/);
}

/** The pad's lines as the person sees them, without the remote cursors' name labels. */
function padText(page: Page): Promise<string> {
  return page.locator(".cm-content").evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".cm-ySelectionCaret")) caret.remove();
    return [...copy.querySelectorAll(".cm-line")].map((line) => line.textContent).join("\n");
  });
}

async function expectPadToContain(page: Page, ...lines: string[]) {
  for (const line of lines) {
    await expect.poll(() => padText(page), { timeout: 15_000 }).toContain(line);
  }
}

/** Types `line` on a new line at the end of the pad, as a person would. */
async function typeAtEnd(page: Page, line: string) {
  await page.getByRole("textbox", { name: "Shared code pad" }).click();
  await page.keyboard.press("Control+End");
  if ((await padText(page)).trim() !== "") await page.keyboard.press("Enter");
  await page.keyboard.type(line);
}

/** Replaces the pad's text with one line, as a person would type it. */
async function replacePad(page: Page, line: string) {
  await page.getByRole("textbox", { name: "Shared code pad" }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(line);
  await expectPadToContain(page, line);
}

function runs(page: Page) {
  return page.getByTestId("run-result");
}

describe("code runs", () => {
  it("prints, raises, stops a runaway loop and runs SQL; the peer sees every result", async () => {
    const { candidate, interviewer } = await bookRoom("runs");
    await expectPadConnected(candidate);
    await expectPadConnected(interviewer);
    await candidate.getByLabel("Language", { exact: true }).selectOption("python");

    // A run that prints (the first run loads Python, with its progress shown).
    await replacePad(candidate, 'print("hello from " + "python", 6 * 7)');
    const clicked = Date.now();
    await candidate.getByRole("button", { name: "Run Python" }).click();
    await expect.poll(() => runs(candidate).count(), { timeout: 90_000 }).toBe(1);
    console.log(`first Python run: ${Date.now() - clicked} ms from click to result`);
    await expectVisibleText(candidate.getByTestId("run-stdout").first(), "hello from python 42");
    await expect.poll(() => runs(interviewer).count(), { timeout: 15_000 }).toBe(1);
    await expectVisibleText(interviewer.getByTestId("run-stdout").first(), "hello from python 42");
    await expectVisibleText(runs(interviewer).first(), /ran the pad/);

    // A run that raises: stderr carries the exception, the exit says failed.
    await replacePad(candidate, 'raise ValueError("boom " + "here")');
    await candidate.keyboard.press("Control+Enter");
    await expect.poll(() => runs(interviewer).count(), { timeout: 30_000 }).toBe(2);
    await expectVisibleText(interviewer.getByTestId("run-stderr").first(), /ValueError: boom here/);
    expect(await runs(interviewer).first().getAttribute("data-exit")).toBe("error");

    // A runaway loop: stopped at the limit, and the pad keeps taking keystrokes meanwhile.
    await replacePad(candidate, "while True: pass");
    const loopStarted = Date.now();
    await candidate.getByRole("button", { name: "Run Python" }).click();
    await expectVisibleText(candidate.getByRole("button", { name: "Running…" }), "Running…");
    await candidate.getByRole("textbox", { name: "Shared code pad" }).click();
    await candidate.keyboard.press("Control+End");
    await candidate.keyboard.type("  # still typing");
    await expectPadToContain(candidate, "while True: pass  # still typing");
    expect(Date.now() - loopStarted, "typing happened during the run").toBeLessThan(9_000);
    await expect.poll(() => runs(interviewer).count(), { timeout: 30_000 }).toBe(3);
    expect(await runs(interviewer).first().getAttribute("data-exit")).toBe("timeout");
    await expectVisibleText(interviewer.getByTestId("run-stderr").first(), /time limit/);

    // The next run works at once on the fresh worker.
    await replacePad(candidate, "print(sum(range(10)))");
    await candidate.getByRole("button", { name: "Run Python" }).click();
    await expect.poll(() => runs(interviewer).count(), { timeout: 60_000 }).toBe(4);
    await expectVisibleText(interviewer.getByTestId("run-stdout").first(), "45");

    // SQL on PGlite, its table seen by both.
    await candidate.getByLabel("Language", { exact: true }).selectOption("sql");
    await replacePad(candidate, "select g as n, g * g as square from generate_series(1, 3) g");
    await candidate.getByRole("button", { name: "Run SQL" }).click();
    await expect.poll(() => runs(interviewer).count(), { timeout: 60_000 }).toBe(5);
    for (const page of [candidate, interviewer]) {
      const table = page.getByTestId("run-table").first();
      await expectVisibleText(table, /square/);
      await expectVisibleText(table, /9/);
    }
    await candidate.screenshot({ path: "/tmp/runs-candidate.png", fullPage: true });
    await interviewer.screenshot({ path: "/tmp/runs-interviewer.png", fullPage: true });

    // Other languages say plainly they do not run.
    await candidate.getByLabel("Language", { exact: true }).selectOption("scala");
    await expectVisibleText(candidate.getByTestId("cannot-run"), /cannot run in the browser/);
  }, 300_000);
});
