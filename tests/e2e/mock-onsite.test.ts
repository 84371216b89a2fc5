import { mkdirSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { expectVisibleText, setupBrowser, visit } from "./support/browser";
import { publishWholeWeek, UUID, uniqueEmail, ZONE } from "./support/room";
import { serverDatabaseOf, signUpForId } from "./support/server-database";

// A mock onsite in a real browser: a newcomer with credits and a week of hours opens
// /onsite from the loop planner's kind of link, sees proposed days laid out round by
// round, books one with a double click, and finds all of its sessions on the day's page
// and on /sessions, booked once. The interviewers are seeded straight into the server's
// database (qualified for one round each, free all week): five of them, one per round
// of the platform track's L4 onsite.

const browser = setupBrowser();
const serverDb = serverDatabaseOf("mock onsite e2e");
const LOOP = "databricks-ic";
const ROUNDS = ["coding", "coding", "spark-deep-dive", "ml-system-design", "behavioral"];
const SHOTS = process.env.SCREENSHOT_DIR;

async function shoot(page: import("playwright-core").Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A one-way interviewer of `round` up to L7, free all week in London, with no notice. */
async function seedInterviewer(sql: postgres.Sql, name: string, round: string): Promise<string> {
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash)
    values (${uniqueEmail("onsite-peer")}, ${name}, 'not-a-login') returning id`;
  const id = user!.id;
  await sql`insert into profiles (user_id, time_zone) values (${id}, 'Europe/London')`;
  await sql`
    insert into availability_settings
      (user_id, time_zone, min_notice_minutes, max_sessions_per_day, buffer_minutes)
    values (${id}, 'Europe/London', 0, 8, 0)`;
  for (let weekday = 1; weekday <= 7; weekday++) {
    await sql`
      insert into availability_rules (user_id, weekday, start_minute, end_minute)
      values (${id}, ${weekday}, 0, 1440)`;
  }
  for (const table of ["interviewer_rounds", "interviewer_grants"]) {
    await sql`
      insert into ${sql(table)} (user_id, loop_id, round_id, max_level_id)
      select ${id}, l.id, r.id, v.id from loops l
        join rounds r on r.loop_id = l.id and r.slug = ${round}
        join levels v on v.loop_id = l.id and v.code = 'L7'
      where l.slug = ${LOOP}`;
  }
  return id;
}

describe("mock onsite in the browser", () => {
  it("finds days, books one with a double click, and shows all of its sessions", async () => {
    const sql = serverDb();
    const page = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1280, height: 900 },
    });
    const email = uniqueEmail("onsite");
    const me = await signUpForId(sql, page, "Onsite Candidate", email);
    await publishWholeWeek(page);
    await sql`
      insert into credit_entries (user_id, amount, reason, reference)
      values (${me}, 30, 'admin_grant', ${`e2e-onsite:${me}`})`;
    const names = ["Ines Coder", "Omar Coder", "Priya Spark", "Quinn Design", "Rosa Values"];
    for (const [i, round] of ROUNDS.entries()) await seedInterviewer(sql, names[i]!, round);

    await visit(page, "/onsite");
    await expectVisibleText(page.getByRole("heading", { level: 1 }), "Mock onsite");
    await expectVisibleText(
      page.getByRole("region", { name: "Upcoming onsites" }),
      "None yet. Find a day above",
    );
    await shoot(page, "onsite-empty");

    // The loop planner links here with the target in the query.
    await visit(page, `/onsite?loop=${LOOP}&track=platform-ml&level=L4`);
    const days = page.getByRole("region", { name: "Proposed days" }).locator("ol > li");
    await expect.poll(() => days.count()).toBeGreaterThan(0);
    const first = days.first();
    // Five rounds, each with its time in the viewer's zone, and the breaks between them.
    await expect.poll(() => first.locator("tbody tr:not(.hint)").count()).toBe(5);
    await expect.poll(() => first.locator("tbody tr.hint").count()).toBeGreaterThan(0);
    const total = Number(
      ((await first.getByTestId("day-total").textContent()) ?? "").replace(/\D/g, ""),
    );
    expect(total).toBeGreaterThanOrEqual(5);
    await shoot(page, "onsite-proposals");

    await first.getByRole("button", { name: "Book this day" }).dblclick();
    await page.waitForURL((url) => new RegExp(`^/onsite/${UUID}$`).test(url.pathname));
    await expectVisibleText(page.getByRole("status"), "Your onsite day is booked: all 5 rounds");
    const rows = page.getByRole("region", { name: "The day" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(5);
    for (const row of await rows.all()) {
      await expectVisibleText(row, "Scheduled");
      expect(await row.getByRole("link").getAttribute("href")).toMatch(
        new RegExp(`^/sessions/${UUID}$`),
      );
    }
    await expectVisibleText(page.getByTestId("loop-verdict"), "Too early to say");
    await shoot(page, "onsite-day");

    // Booked once, despite the double click: one day, five one-way sessions, five holds.
    const [counts] = await sql<{ onsites: number; sessions: number; holds: number }[]>`
      select
        (select count(*)::int from mock_onsites where candidate_id = ${me}) as onsites,
        (select count(*)::int from mock_sessions where booked_by = ${me} and format = 'one_way') as sessions,
        (select count(*)::int from credit_entries where user_id = ${me} and reason = 'escrow_hold') as holds`;
    expect(counts).toEqual({ onsites: 1, sessions: 5, holds: 5 });

    // The matcher picks the best interviewers, seeded or demo: whoever they are, each
    // session of the day is on /sessions with them.
    const peers = await sql<{ name: string }[]>`
      select u.name from session_participants p join users u on u.id = p.user_id
        join mock_sessions s on s.id = p.session_id
      where s.booked_by = ${me} and p.user_id <> ${me}`;
    expect(new Set(peers.map((p) => p.name)).size).toBe(5);
    await visit(page, "/sessions");
    const upcoming = page.getByRole("region", { name: "Upcoming" });
    for (const { name } of peers) await expectVisibleText(upcoming, name);
    await shoot(page, "sessions");

    await visit(page, "/onsite");
    await expectVisibleText(page.getByRole("region", { name: "Upcoming onsites" }), "5 rounds");
  });
});
