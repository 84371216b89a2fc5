import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, openDatabase, setDatabaseConnection } from "#db/client";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  insertSession,
  MINUTE,
  RATING_PAYLOAD,
  scorecardPayload,
} from "../support/feedback-fixtures";
import { recordSyntheticSession, type SyntheticSession } from "../support/replay-fixtures";
import { setupBrowser, visit } from "./support/browser";
import { logIn, ZONE } from "./support/room";

// The replay in a real browser: a Coding mock that ended two hours ago holds a recorded
// session (tests/support/replay-fixtures.ts); the interviewer's scorecard pins a moment
// of it (5:00) to a dimension's evidence. The candidate opens the feedback, clicks the
// moment, and the replay opens there with the pad as it was then; the scrubber seeks by
// keyboard and by value, a marker seeks to its moment, play at 16× moves the clock and
// pause stops it.
//
// Needs the server's PostgreSQL database (DATABASE_URL set for the run, as in CI): the
// session and its recording are written into the server's database from here.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const describeOnPostgres = databaseUrl ? describe : describe.skip;
if (!databaseUrl) console.warn("replay.test.ts: skipped, it needs DATABASE_URL (PostgreSQL)");

const RECORDED_MINUTES = 12;
/** REPLAY_SCREENSHOTS=<dir>: also save screenshots of each step there (to look at). */
const SCREENSHOTS = process.env.REPLAY_SCREENSHOTS;

async function snap(page: Page, name: string) {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

beforeAll(() => {
  if (!databaseUrl) return;
  setDatabaseConnection(openDatabase({ kind: "postgres", url: databaseUrl }));
});
afterAll(async () => {
  await closeDatabase().catch(() => {});
});

/** The pad's text as the replay shows it (one line a row, each ending in a newline). */
async function shownPad(page: Page): Promise<string> {
  return ((await page.getByTestId("replay-pad").textContent()) ?? "").replace(/\n$/, "");
}

async function setScrubber(page: Page, value: number) {
  await page.getByTestId("replay-scrubber").evaluate((input, v) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    setter.call(input, String(v));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

describeOnPostgres("the replay page", () => {
  it("opens at a pinned moment from the feedback, seeks, and plays", async () => {
    const candidate = await createUser({ name: "Cora Candidate", timeZone: ZONE });
    const interviewer = await createUser({ name: "Ivan Interviewer", timeZone: ZONE });
    const startsAt = new Date(Date.now() - 3 * 60 * MINUTE);
    const sessionId = await insertSession({
      candidateId: candidate.id,
      interviewerId: interviewer.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
    });
    const recorded: SyntheticSession = await recordSyntheticSession({
      sessionId,
      startsAt,
      typist: { id: candidate.id, name: "Cora Candidate" },
      other: { id: interviewer.id, name: "Ivan Interviewer" },
      minutes: RECORDED_MINUTES,
    });
    // The interviewer pins a moment from the replay: its link opens the scorecard, which
    // puts the moment into the dimension chosen.
    {
      const writer = await browser.newPage({ timezoneId: ZONE });
      await logIn(writer, interviewer.email, interviewer.password);
      await visit(writer, `/sessions/${sessionId}/replay?t=300`);
      await writer.getByTestId("replay-pin-link").click();
      await writer.waitForURL((url) => url.pathname === `/sessions/${sessionId}/feedback/1`);
      await writer.getByTestId("pin-moment").getByRole("button").first().click();
      await expect
        .poll(() => writer.getByLabel("Pin a moment (optional)").first().inputValue())
        .toBe("5:00");
      await snap(writer, "feedback-form");
      // Its draft autosave may still answer after the submit below: not this test's subject.
      browser.allowConsoleErrors(/\/feedback\/1/);
      await writer.close();
    }
    // The scorecard pins 5:00 to its first dimension; the rating reveals it.
    const dims = await dimensionsOf("coding");
    const payload = scorecardPayload(dims);
    const scorecard = await submitFeedback(sessionId, 1, interviewer.id, {
      kind: "scorecard",
      value: { ...payload.value, moment: { [dims[0]!.slug]: 300_000 } },
    });
    if (!scorecard.ok) throw new Error(scorecard.error);
    const rating = await submitFeedback(sessionId, 1, candidate.id, RATING_PAYLOAD);
    if (!rating.ok) throw new Error(rating.error);

    const page = await browser.newPage({ timezoneId: ZONE });
    await logIn(page, candidate.email, candidate.password);
    await visit(page, `/feedback/${scorecard.feedbackId}`);
    await snap(page, "feedback-detail");
    await page.getByRole("link", { name: "See it in the replay at 5:00" }).click();
    await page.waitForURL((url) => url.pathname === `/sessions/${sessionId}/replay`);
    expect(new URL(page.url()).searchParams.get("t")).toBe("300");
    const viewer = page.getByTestId("replay-viewer");
    await expect.poll(() => viewer.getAttribute("data-status")).toBe("ready");
    await expect.poll(() => page.getByTestId("replay-time").textContent()).toMatch(/^5:00 \//);
    await expect.poll(() => shownPad(page)).toBe(recorded.codeAt(300_000));
    await snap(page, "replay-at-moment");

    // Seeking: by keyboard (a second a step, End to the end), then to a value.
    const scrubber = page.getByTestId("replay-scrubber");
    await scrubber.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getByTestId("replay-time").textContent()).toMatch(/^5:03 \//);
    await expect.poll(() => shownPad(page)).toBe(recorded.codeAt(303_000));
    await page.keyboard.press("End");
    await expect.poll(() => shownPad(page)).toBe(recorded.finalCode);
    await setScrubber(page, startsAt.getTime() + 90_000);
    await expect.poll(() => shownPad(page)).toBe(recorded.codeAt(90_000));
    await expect.poll(() => page.getByTestId("replay-runs").count()).toBe(0);
    // Cursors: where each person last edited, once the log is indexed.
    await expect.poll(() => page.getByTestId("replay-cursor").count()).toBeGreaterThan(0);

    // A marker seeks to its moment: the first run, at 8:00.
    await page.getByRole("button", { name: /^8:00 Run You ran code$/ }).click();
    await expect.poll(() => page.getByTestId("replay-time").textContent()).toMatch(/^8:00 \//);
    await expect.poll(() => page.getByTestId("run-result").count()).toBe(1);

    // Play at 16×: the clock moves; pause: it stops.
    await page.getByRole("button", { name: "16×" }).click();
    const before = Number(await viewer.getAttribute("data-t"));
    await page.getByTestId("replay-play").click();
    await expect
      .poll(async () => Number(await viewer.getAttribute("data-t")) - before, { timeout: 10_000 })
      .toBeGreaterThan(10_000);
    await page.getByTestId("replay-play").click();
    const paused = Number(await viewer.getAttribute("data-t"));
    await page.waitForTimeout(500);
    expect(Number(await viewer.getAttribute("data-t"))).toBe(paused);
    await snap(page, "replay-paused");

    // Deleting asks first, then both see who deleted it.
    await page.getByText("Delete this replay…").click();
    await page.getByRole("button", { name: "Yes, delete the replay" }).click();
    await expect
      .poll(() => page.getByTestId("replay-state").textContent())
      .toMatch(/^This replay was deleted by you on /);
    await snap(page, "replay-deleted");
    const peer = await browser.newPage({ timezoneId: ZONE });
    await logIn(peer, interviewer.email, interviewer.password);
    await visit(peer, `/sessions/${sessionId}/replay`);
    await expect
      .poll(() => peer.getByTestId("replay-state").textContent())
      .toMatch(/^This replay was deleted by Cora Candidate on /);
    expect(browser.problems()).toEqual([]);
  });
});
