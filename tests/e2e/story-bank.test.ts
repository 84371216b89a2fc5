import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  expectValue,
  expectVisibleText,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";
import { uniqueEmail, ZONE } from "./support/room";
import { insertOneWaySession, serverDatabaseOf, signUpForId } from "./support/server-database";

// The story bank in a real browser against the real server: write a STAR story on
// /stories, from the keyboard where a person would, and see it on the coverage map; then
// share its title in a behavioral mock and see it, with its values and the values left
// uncovered, in the interviewer's kit, while the story's text never reaches their page.
// The second part writes the session straight into the database, so it needs the
// server's PostgreSQL database (DATABASE_URL set for the run).

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const database = serverDatabaseOf("story bank e2e");
const SCREENSHOTS = process.env.STORY_SCREENSHOTS;
const MINUTE = 60_000;

const signUp = (page: Page, name: string, email: string) =>
  signUpForId(database(), page, name, email);

/** Writes a story through the form on /stories, and lands back on the page. */
async function writeStory(page: Page, story: { title: string; situation: string }) {
  await visit(page, "/stories");
  const form = page.locator("form#new-story");
  await form.getByLabel("Title", { exact: true }).fill(story.title);
  await form.getByLabel("Situation", { exact: true }).fill(story.situation);
  await form.getByLabel("Task", { exact: true }).fill("Own the rollout to every region.");
  await form
    .getByLabel("Action", { exact: true })
    .fill("Paused it, read the error budget against my plan, said so.");
  await form
    .getByLabel("Result", { exact: true })
    .fill("The cause was fixed in a day; errors back under 0.1%.");
  await form.getByLabel("Truth-seeking").check();
  await form.getByLabel("Bias for action").check();
  // Submitted from the keyboard.
  await form.getByLabel("Bias for action").press("Enter");
  await page.waitForURL((url) => url.searchParams.get("saved") === "1");
  await waitForHydration(page);
}

describe("the story bank", () => {
  it("explains STAR when empty, shows errors beside the fields, and puts a saved story on the map", async () => {
    const page = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1200, height: 900 },
    });
    await signUp(page, "Sam Stories", uniqueEmail("stories"));
    await visit(page, "/stories");
    await expectVisibleText(
      page.getByRole("heading", { name: "No stories yet" }),
      "No stories yet",
    );
    await expectVisibleText(page.locator(".star-steps"), "Situation");
    const map = page.getByRole("region", { name: /Coverage of/ });
    await expectVisibleText(map, "No story yet for Truth-seeking.");
    if (SCREENSHOTS)
      await page.screenshot({ path: `${SCREENSHOTS}/stories-empty.png`, fullPage: true });

    // Nothing filled in: the errors sit next to their fields, and focus moves to the first.
    await page.locator("form#new-story").getByRole("button", { name: "Save story" }).click();
    await expectVisibleText(page.locator("form#new-story"), "Give the story a one-line title.");
    await expectVisibleText(
      page.locator("form#new-story"),
      "Tag at least one value this story shows.",
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("title");

    const title = `The rollout the numbers stopped ${randomUUID().slice(0, 6)}`;
    await writeStory(page, { title, situation: "A launch where the dashboard disagreed with me." });
    await expectVisibleText(page.getByRole("status").first(), "Story saved.");
    // The write form is empty again, ready for the next story.
    await expectValue(page.locator("form#new-story").getByLabel("Title", { exact: true }), "");
    const truth = map.locator(".coverage-row", { hasText: "Truth-seeking" });
    await expectVisibleText(truth, title);
    await expectVisibleText(truth, "have not been told in a mock yet");
    expect(await map.getByText("No story yet for Truth-seeking.").count()).toBe(0);
    await expectVisibleText(map, "No story yet for Customer obsession.");
    if (SCREENSHOTS)
      await page.screenshot({ path: `${SCREENSHOTS}/stories-map.png`, fullPage: true });
  });
});

const describeOnPostgres = databaseUrl ? describe : describe.skip;
if (!databaseUrl) {
  console.warn("story-bank.test.ts: the sharing part is skipped, it needs DATABASE_URL");
}

describeOnPostgres("sharing a story in a behavioral mock", () => {
  it("shows the interviewer the title and its values, and what is left to probe, never the text", async () => {
    const sql = database();
    const candidate = await browser.newPage({ timezoneId: ZONE });
    const interviewer = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1400, height: 1000 },
    });
    const candidateId = await signUp(candidate, "Cleo Candidate", uniqueEmail("share-cand"));
    const interviewerId = await signUp(interviewer, "Ivo Interviewer", uniqueEmail("share-int"));
    const secret = `only-mine-${randomUUID()}`;
    const title = `Paused my own launch ${randomUUID().slice(0, 6)}`;
    await writeStory(candidate, { title, situation: `The situation ${secret}` });

    const { sessionId } = await insertOneWaySession(
      sql,
      { candidate: candidateId, interviewer: interviewerId },
      { round: "behavioral", startsAt: new Date(Date.now() - 5 * MINUTE), status: "in_progress" },
    );
    const roomPath = `/sessions/${sessionId}`;

    const interviewerBodies: string[] = [];
    interviewer.on("response", async (response) => {
      if (new URL(response.url()).pathname.startsWith(roomPath)) {
        interviewerBodies.push(await response.text().catch(() => ""));
      }
    });

    // The candidate ticks the story and shares its title.
    await visit(candidate, roomPath);
    const panel = candidate.getByTestId("story-shares");
    await panel.getByLabel(title).check();
    await panel.getByRole("button", { name: "Share these titles" }).click();
    await expectVisibleText(panel.getByRole("status"), "Shared 1 title.");

    // The interviewer's kit lists it with its values and names the values still open.
    await visit(interviewer, roomPath);
    const shared = interviewer.getByTestId("shared-stories");
    await expectVisibleText(shared, title);
    await expectVisibleText(shared, "Truth-seeking, Bias for action");
    const uncovered = interviewer.getByTestId("uncovered-values");
    await expectVisibleText(uncovered, "Customer obsession");
    expect(await uncovered.textContent()).not.toContain("Truth-seeking");
    if (SCREENSHOTS) {
      await shared.screenshot({ path: `${SCREENSHOTS}/kit-shared-stories.png` });
      await candidate.screenshot({ path: `${SCREENSHOTS}/room-share-panel.png`, fullPage: true });
    }
    await interviewer.reload();
    await waitForHydration(interviewer);
    expect(interviewerBodies.length).toBeGreaterThan(0);
    for (const body of interviewerBodies) expect(body).not.toContain(secret);
  });
});
