import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectVisibleText, setupBrowser } from "./support/browser";
import { bookRoom, expectPadConnected, expectPadToContain } from "./support/room";

// Code runs in two real browsers: the candidate runs Python (Pyodide in a worker) and
// SQL (PGlite in a worker) from the pad; each result goes through the session's shared
// document, so the interviewer sees it too. A runaway loop is stopped at the time limit
// while the pad keeps taking keystrokes. (The room's booking helpers follow room.test.ts.)

const browser = setupBrowser();

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
    const { candidate, interviewer } = await bookRoom(browser, "runs");
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
