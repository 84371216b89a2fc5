import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  expectVisibleText,
  restartServer,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";
import { bookRoom, expectPadConnected, moveSessionStart } from "./support/room";
import { serverDatabaseOf } from "./support/server-database";

// The whiteboard in two real browsers: a System design mock opens on the board (side by
// side with the pad on a wide screen), Excalidraw loads only then, from our own origin,
// and both people draw: each sees the other's shapes and words, and the other's pointer.
// The board survives a restart of the server (stored with the pad) and is read-only once
// the session has ended. No request leaves our origin.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const database = serverDatabaseOf("whiteboard e2e");
const SHOTS = process.env.ROOM_SCREENSHOTS_DIR;

/**
 * The window as the person sees it, scrolled to the board. Not a full-page shot: that
 * stretches the window, the board's height follows it, and its canvas shows stretched
 * until Excalidraw redraws.
 */
async function screenshot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.getByRole("tablist", { name: "Pad and whiteboard" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const summary = (page: Page) => page.getByTestId("board-summary");

/** Picks a tool from Excalidraw's toolbar, as a person clicks its icon (the label). */
async function pickTool(page: Page, tool: string) {
  await page.locator(`label:has([data-testid="toolbar-${tool}"])`).click();
}

/** Drags a shape of the given Excalidraw tool across the board, from (x, y) by (w, h). */
async function draw(page: Page, tool: string, x: number, y: number, w: number, h: number) {
  await pickTool(page, tool);
  const canvas = page.locator(".excalidraw canvas.interactive");
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + w / 2, box.y + y + h / 2, { steps: 4 });
  await page.mouse.move(box.x + x + w, box.y + y + h, { steps: 4 });
  await page.mouse.up();
}

async function write(page: Page, text: string, x: number, y: number) {
  await pickTool(page, "text");
  const box = (await page.locator(".excalidraw canvas.interactive").boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
  await page.keyboard.type(text);
  await page.keyboard.press("Escape");
}

describe("the whiteboard", () => {
  it("opens for a design round, both draw and see each other, it is kept, and ends read-only", async () => {
    const foreign: string[] = [];
    const loadedBoardCode: string[] = [];
    const room = await bookRoom(browser, "board", undefined, {
      round: "System design (60 min)",
      watch: (page) => {
        page.on("request", (request) => {
          const url = request.url();
          if (url.startsWith("data:") || url.startsWith("blob:")) return;
          if (new URL(url).origin !== new URL(browser.baseUrl()).origin) foreign.push(url);
          if (/\/runtimes\/excalidraw-[^/]+\/fonts\//.test(url)) loadedBoardCode.push(url);
        });
      },
    });
    const { candidate, interviewer, candidateName, interviewerName } = room;

    // A design round opens on the board: beside the pad on the candidate's wide screen,
    // as the open tab on the interviewer's 1280-pixel window.
    await candidate.setViewportSize({ width: 1600, height: 1000 });
    for (const [page, open] of [
      [candidate, "Side by side"],
      [interviewer, "Board"],
    ] as const) {
      const tab = page.getByRole("tab", { name: open, exact: true });
      await expect.poll(() => tab.getAttribute("aria-selected")).toBe("true");
      await expectVisibleText(summary(page), "The board is empty.");
    }
    expect(await interviewer.getByRole("tab", { name: "Side by side" }).count()).toBe(0);
    await expectPadConnected(candidate);
    await screenshot(candidate, "board-empty");

    // The candidate draws a box and writes in it; the interviewer sees both.
    await draw(candidate, "rectangle", 120, 120, 180, 90);
    await expectVisibleText(summary(interviewer), /^1 shape on the board/);
    await write(candidate, "Ingest API", 420, 160);
    await expectVisibleText(summary(interviewer), /^2 shapes on the board/);
    await expect
      .poll(() => interviewer.getByRole("list", { name: "Words on the board" }).textContent())
      .toContain("Ingest API");

    // The interviewer draws too; the candidate sees it.
    await draw(interviewer, "ellipse", 160, 300, 140, 80);
    await expectVisibleText(summary(candidate), /^3 shapes on the board/);

    // The architecture library ships with the app: the interviewer drops a "Service" box
    // (a rectangle with its label) from it; both see the two new shapes.
    await interviewer.getByTitle("Library", { exact: true }).first().click();
    const units = interviewer.locator(".library-unit:not(.library-unit--skeleton)");
    await expect.poll(() => units.count()).toBeGreaterThanOrEqual(16);
    await screenshot(interviewer, "board-library");
    expect(await interviewer.getByText("Browse libraries").isVisible()).toBe(false);
    await units.filter({ hasText: "Service" }).first().click();
    await expectVisibleText(summary(candidate), /^5 shapes on the board/);
    await interviewer.keyboard.press("Escape");

    // Pointers: the candidate's pointer over the board shows on the interviewer's.
    const canvas = (await candidate.locator(".excalidraw canvas.interactive").boundingBox())!;
    for (let step = 0; step < 6; step++) {
      await candidate.mouse.move(canvas.x + 300 + step * 15, canvas.y + 260);
      await candidate.waitForTimeout(80);
    }
    await expectVisibleText(summary(interviewer), `${candidateName} on the board now`);
    await screenshot(interviewer, "board-drawn");

    // The tabs take the keyboard: Home is the pad alone, End side by side again.
    const tabs = candidate.getByRole("tablist", { name: "Pad and whiteboard" });
    await tabs.getByRole("tab", { name: "Side by side" }).focus();
    await candidate.keyboard.press("Home");
    expect(await tabs.getByRole("tab", { name: "Pad" }).getAttribute("aria-selected")).toBe("true");
    expect(await candidate.getByRole("tabpanel", { name: "Whiteboard" }).isVisible()).toBe(false);
    await candidate.keyboard.press("ArrowRight");
    expect(await candidate.getByRole("tabpanel", { name: "Code pad" }).isVisible()).toBe(false);
    await expectVisibleText(summary(candidate), /^5 shapes on the board/);
    await candidate.keyboard.press("End");

    // The server restarts, as a deploy restarts it: both pages reconnect by themselves,
    // a page loaded afterwards gets the whole board from what the server stored, and
    // drawing goes on.
    // While it is down, the pages' reconnect attempts are refused (Chromium logs each).
    browser.allowConsoleErrors(/WebSocket connection to '\S+\/realtime' failed/);
    await restartServer();
    await expectPadConnected(candidate);
    // The board says nothing about the connection once it is live again.
    await expect.poll(() => candidate.getByTestId("board-connection").count()).toBe(0);
    await interviewer.reload();
    await waitForHydration(interviewer);
    await expectVisibleText(summary(interviewer), /^5 shapes on the board/);
    await expect
      .poll(() => interviewer.getByRole("list", { name: "Words on the board" }).textContent())
      .toContain("Ingest API");
    await draw(candidate, "diamond", 420, 300, 100, 80);
    await expectVisibleText(summary(interviewer), /^6 shapes on the board/);

    // Everything came from our own origin, Excalidraw's fonts included.
    expect(foreign).toEqual([]);
    expect(loadedBoardCode.length).toBeGreaterThan(0);

    // Once the session has ended the board is read-only (PostgreSQL only: the test moves
    // the session in time in the database).
    if (!databaseUrl) return;
    await moveSessionStart(database(), room.sessionId, 95);
    await visit(candidate, `/sessions/${room.sessionId}`);
    await expectVisibleText(summary(candidate), /^6 shapes on the board\. Read-only/);
    expect(await candidate.getByTestId("toolbar-rectangle").count()).toBe(0);
    await screenshot(candidate, "board-read-only");
    expect(interviewerName).not.toBe("");
  }, 180_000);
});
