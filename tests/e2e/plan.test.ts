import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { addDaysToLocalDate, localDateOf } from "~/modules/availability/zoned-time";
import { expectVisibleText, setupBrowser, visit } from "./support/browser";
import { publishWholeWeek, signUp, UUID, uniqueEmail, ZONE } from "./support/room";

// The loop planner in a real browser against the real server: a newcomer plans the
// shipped loop (the demo users hold swap requests for every round, so peers are free),
// sees the loop's rounds and the calendar with the onsite marked, books one planned mock
// from the plan and finds it on the plan. PLAN_SCREENSHOTS=<folder> saves the page wide
// and narrow.

const browser = setupBrowser();
const SCREENSHOTS = process.env.PLAN_SCREENSHOTS;

// The shipped loop's data, read as data: a track whose onsite day sits one round twice.
const loop = databricksLoop;
const track = loop.tracks.find((t) => t.onsite.some((entry) => (entry.count ?? 1) > 1))!;
const doubled = track.onsite.find((entry) => (entry.count ?? 1) > 1)!;
const doubledName = loop.rounds.find((r) => r.slug === doubled.round)!.name;
const level = loop.levels[Math.floor(loop.levels.length / 2)]!;

const AXE_SOURCE = readFileSync(
  path.join(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"),
  "utf8",
);

/** Serious and critical axe-core findings on the current page, as "rule: targets". */
async function seriousFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run: (
          context: Document,
          options: object,
        ) => Promise<{
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-wide.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-narrow.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("the loop planner", () => {
  it("plans a loop from an onsite date, shows it week by week, and books a mock from it", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    await signUp(page, "Pat Planner", uniqueEmail("plan"));
    await publishWholeWeek(page);

    await visit(page, "/plan");
    await expectVisibleText(page.getByRole("heading", { name: "No plan yet" }), "No plan yet");
    await page.getByRole("link", { name: "Plan a loop" }).click();
    await page.waitForURL((url) => url.pathname === "/plan/new");

    const today = localDateOf(ZONE, Date.now());
    const onsite = addDaysToLocalDate(today, 30);
    await page.getByLabel("Loop", { exact: true }).selectOption({ label: loop.name });
    await page.getByLabel("Track", { exact: true }).selectOption({ label: track.name });
    await page.getByLabel("Target level", { exact: true }).selectOption(level.code);
    await page.getByLabel("Onsite date", { exact: true }).fill(onsite);
    await page.getByLabel("Hours a week", { exact: true }).fill("10");
    await page.getByRole("button", { name: "Make the plan" }).click();
    await page.waitForURL((url) => new RegExp(`^/plan/${UUID}$`).test(url.pathname));
    const planPath = new URL(page.url()).pathname;

    // The loop's rounds at the level, with the doubled one counted.
    await expectVisibleText(
      page.getByRole("heading", { name: `The loop at ${level.code}` }),
      level.code,
    );
    await expectVisibleText(
      page.getByRole("heading", { name: new RegExp(`^${doubled.count} × ${doubledName}`) }),
      `${doubled.count} × ${doubledName}`,
    );
    await expectVisibleText(page.getByTestId("loop-shape"), "Then the onsite day");
    // The calendar: the onsite marked on its day, in the viewer's own dates.
    const onsiteDay = page.locator(`.plan-day[data-date="${onsite}"]`);
    await expectVisibleText(onsiteDay.getByTestId("onsite-marker"), "Onsite");
    expect(await page.locator(".plan-week").count()).toBeGreaterThanOrEqual(4);
    // The mock onsite, before the real one.
    expect(await page.getByRole("link", { name: "Book a mock onsite" }).getAttribute("href")).toBe(
      `/onsite?loop=${loop.slug}&track=${track.slug}&level=${level.code}&before=${onsite}`,
    );
    expect(await seriousFindings(page)).toEqual([]);
    await screenshot(page, "plan");

    // Book the first planned mock that has a time, in one step.
    const bookable = /^Book .+ on /;
    const card = page
      .locator(".plan-round")
      .filter({ has: page.getByRole("button", { name: bookable }) })
      .first();
    await expect.poll(() => card.count()).toBe(1);
    const roundSlug = (await card.getAttribute("data-round"))!;
    const bookButton = card.getByRole("button", { name: bookable });
    await bookButton.click();
    await page.waitForURL((url) => url.searchParams.has("booked"));
    expect(new URL(page.url()).pathname).toBe(planPath);
    const sessionId = new URL(page.url()).searchParams.get("booked")!;
    await expectVisibleText(page.getByRole("status"), "Booked.");

    // On the plan: against its round, and on its day in the calendar.
    const bookedCard = page.locator(`.plan-round[data-round="${roundSlug}"]`);
    await expectVisibleText(bookedCard.locator(".plan-round__sessions"), "Booked");
    expect(await bookedCard.locator(`a[href="/sessions/${sessionId}"]`).count()).toBe(1);
    await expectVisibleText(bookedCard.locator(".plan-round__mocks"), "1 booked");
    expect(await page.locator(`.plan-calendar a[href="/sessions/${sessionId}"]`).count()).toBe(1);
    await screenshot(page, "plan-booked");
  });
});
