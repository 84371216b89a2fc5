// The live room, booked the way a person books it, for the room's browser tests
// (room.test.ts, code-runs.test.ts): a newcomer books the soonest one-way Coding mock with a
// demo interviewer and both open the room. The server opens rooms
// E2E_ROOM_OPENS_MINUTES_BEFORE early, so the soonest proposal's room is open now.

import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "#db/seed/demo-data";
import { followConfirmationEmail } from "./accounts";
import {
  type BrowserSession,
  expectValue,
  expectVisibleText,
  visit,
  waitForHydration,
} from "./browser";
import { E2E_ROOM_OPENS_MINUTES_BEFORE } from "./global-setup";

export const ZONE = "Europe/Paris";
export const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
export const MEDIA = { permissions: ["camera", "microphone"] };

export function uniqueEmail(tag: string) {
  return `e2e-${tag}-${randomBytes(4).toString("hex")}@example.test`;
}

export function demoByName(name: string) {
  const demo = DEMO_PEOPLE.find((u) => u.name === name);
  if (!demo) throw new Error(`"${name}" is not a demo user`);
  return demo;
}

export async function signUp(page: Page, name: string, email: string) {
  await visit(page, "/signup");
  await expectValue(page.getByLabel("Time zone", { exact: true }), ZONE);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationEmail(page, email);
}

export async function logIn(page: Page, email: string, password: string) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

/** Whole days, every day, bookable at once: 00:00–00:00 (midnight) and no notice. */
export async function publishWholeWeek(page: Page) {
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

export interface Room {
  sessionId: string;
  candidate: Page;
  candidateName: string;
  interviewer: Page;
  interviewerName: string;
}

/**
 * A newcomer (the candidate) books the soonest one-way mock of `round` (Coding unless
 * said) at L5 the page proposes; the demo interviewer logs in in a browser of their own.
 * Both end on the room, hydrated. `beforeNavigation` runs on the candidate's page before
 * its first request (to watch everything it receives); `options.watch` on both pages.
 */
export async function bookRoom(
  browser: BrowserSession,
  tag: string,
  beforeNavigation?: (page: Page) => void,
  options: { round?: string; watch?: (page: Page) => void } = {},
): Promise<Room> {
  const round = options.round ?? "Coding (60 min)";
  const candidate = await browser.newPage({ timezoneId: ZONE, ...MEDIA });
  beforeNavigation?.(candidate);
  options.watch?.(candidate);
  const candidateName = `Casey ${tag[0]!.toUpperCase()}${tag.slice(1)}`;
  await signUp(candidate, candidateName, uniqueEmail(tag));
  await publishWholeWeek(candidate);

  await visit(candidate, "/book");
  await candidate.getByLabel("Round", { exact: true }).selectOption({ label: round });
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
  options.watch?.(interviewer);
  await logIn(interviewer, demo.email, DEMO_PASSWORD);
  await visit(interviewer, `/sessions/${sessionId}`);
  return { sessionId, candidate, candidateName, interviewer, interviewerName };
}

export function pad(page: Page) {
  return page.getByRole("region", { name: "Code pad" });
}

export async function expectPadConnected(page: Page) {
  await expectVisibleText(pad(page).getByRole("status"), /^Connected$/);
}

/** The pad's lines as the person sees them, without the remote cursors' name labels. */
export function padText(page: Page): Promise<string> {
  return page.locator(".cm-content").evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".cm-ySelectionCaret")) caret.remove();
    return [...copy.querySelectorAll(".cm-line")].map((line) => line.textContent).join("\n");
  });
}

export async function expectPadToContain(page: Page, ...lines: string[]) {
  for (const line of lines) {
    await expect.poll(() => padText(page), { timeout: 15_000 }).toContain(line);
  }
}

/** Types `line` on a new line at the end of the pad, as a person would. */
export async function typeAtEnd(page: Page, line: string) {
  await page.getByRole("textbox", { name: "Shared code pad" }).click();
  await page.keyboard.press("Control+End");
  if ((await padText(page)).trim() !== "") await page.keyboard.press("Enter");
  await page.keyboard.type(line);
}

/**
 * Moves a session in time, so that it started `startsAgoMinutes` ago (95 for a 60-minute
 * session: ended). Only with PostgreSQL: on PGlite the server holds the database.
 */
export async function moveSessionStart(
  sql: import("postgres").Sql,
  sessionId: string,
  startsAgoMinutes: number,
) {
  await sql`
    update mock_sessions
    set starts_at = now() - make_interval(mins => ${startsAgoMinutes}),
        ends_at = now() - make_interval(mins => ${startsAgoMinutes}) + (ends_at - starts_at)
    where id = ${sessionId}`;
  await sql`
    update session_participants p set during = tstzrange(s.starts_at, s.ends_at)
    from mock_sessions s where s.id = p.session_id and s.id = ${sessionId}`;
}
