import { randomBytes, randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "#db/seed/demo-data";
import { formatRange } from "~/utils/datetime";
import { followConfirmationEmail } from "./support/accounts";
import { expectValue, expectVisibleText, setupBrowser, visit } from "./support/browser";

// Booking in a real browser against the real server: a newcomer publishes weekly
// hours, asks for a Coding mock at L5, books one of the proposed times with a demo
// user, both see it, the invite exists (outbox on PostgreSQL, calendar feed always),
// and the newcomer cancels. Also a double click on "Book" and forged bookings.
//
// The demo users (db/seed/demo-data.ts) are free 07:00–12:00 and 13:00–23:00 every
// day in their zones and hold open swap requests for every round; Dana and Farah
// interview every round one-way. Every test signs up people of its own.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
let sqlClient: postgres.Sql | undefined;

afterAll(async () => {
  await sqlClient?.end({ timeout: 5 });
});

/** The server's database on PostgreSQL; null on PGlite (the server holds its lock). */
function database(): postgres.Sql | null {
  // On PostgreSQL the outbox checks must run, not be skipped quietly.
  expect(databaseUrl !== null).toBe(Boolean(process.env.DATABASE_URL?.trim()));
  if (!databaseUrl) return null;
  sqlClient ??= postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return sqlClient;
}

const ZONE = "Europe/Paris";
const CODING_MINUTES = 60;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function uniqueEmail(tag: string) {
  return `e2e-${tag}-${randomBytes(4).toString("hex")}@example.test`;
}

function demoEmailOf(name: string): string {
  const demo = DEMO_PEOPLE.find((u) => u.name === name);
  if (!demo) throw new Error(`"${name}" is not a demo user`);
  return demo.email;
}

function pathOf(page: Page) {
  return new URL(page.url()).pathname;
}

async function signUp(page: Page, name: string, email: string) {
  await visit(page, "/signup");
  await expectValue(page.getByLabel("Time zone", { exact: true }), ZONE);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationEmail(page, email);
  await expectVisibleText(page.getByRole("heading", { level: 1 }), "Your profile");
}

async function logIn(page: Page, email: string, password: string) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

function day(page: Page, label: string): Locator {
  return page.getByRole("group", { name: label, exact: true });
}

/** Copies `from`'s hours to `to` with the "Copy to other days…" panel. */
async function copyHours(page: Page, from: string, to: string[]) {
  const source = day(page, from);
  await source.getByRole("button", { name: "Copy to other days…" }).click();
  const panel = source.getByRole("group", { name: `Copy ${from}'s hours to` });
  for (const short of to) await panel.getByRole("checkbox", { name: short, exact: true }).check();
  await panel.getByRole("button", { name: "Copy", exact: true }).click();
  await expect.poll(() => panel.count()).toBe(0);
}

async function saveWeeklyHours(page: Page) {
  await page.getByRole("button", { name: "Save availability" }).click();
  await expectVisibleText(page.getByRole("status"), "Weekly hours saved.");
}

/** Monday to Sunday 08:00–22:00, published in the quickest way the editor offers. */
async function publishEveryDay(page: Page) {
  await visit(page, "/availability");
  await page.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday range 1 start", { exact: true }).fill("08:00");
  await page.getByLabel("Monday range 1 end", { exact: true }).fill("22:00");
  await copyHours(page, "Monday", ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
  await saveWeeklyHours(page);
}

/** Asks for a Coding mock at L5 on "Book a mock"; resolves with the request's id. */
async function requestCoding(page: Page, format: "swap" | "one_way"): Promise<string> {
  await visit(page, "/book");
  await page.getByLabel("Round", { exact: true }).selectOption({ label: "Coding (60 min)" });
  await page.getByLabel("Target level", { exact: true }).selectOption("L5");
  await page.getByRole("radio", { name: format === "swap" ? /^Swap/ : /^One-way/ }).check();
  await page.getByRole("button", { name: "Find peers and times" }).click();
  await page.waitForURL((url) => new RegExp(`^/book/${UUID}$`).test(url.pathname));
  await expectVisibleText(page.getByRole("heading", { level: 1 }), "Coding at L5");
  return pathOf(page).split("/")[2]!;
}

interface ProposalInfo {
  item: Locator;
  peerId: string;
  peerName: string;
  peerZone: string;
  start: Date;
  end: Date;
}

function proposals(page: Page): Locator {
  return page.getByRole("list", { name: "Proposed times, best first" }).locator(":scope > li");
}

async function readProposal(item: Locator, minutes: number): Promise<ProposalInfo> {
  const peerId = await item.locator('input[name="peerId"]').inputValue();
  const start = new Date(await item.locator('input[name="start"]').inputValue());
  const peerName = ((await item.locator("strong").first().textContent()) ?? "").trim();
  const both = (await item.locator("p.hint").first().textContent()) ?? "";
  const peerZone = /\(([A-Za-z_]+(?:\/[A-Za-z_+-]+)+)\)\s*$/.exec(both)?.[1] ?? "";
  return {
    item,
    peerId,
    peerName,
    peerZone,
    start,
    end: new Date(start.getTime() + minutes * 60_000),
  };
}

/** The proposal shows its time twice: in the viewer's zone and in the peer's. */
async function expectBothTimes(item: Locator, p: ProposalInfo) {
  await expectVisibleText(
    item.getByRole("heading", { level: 2 }),
    `${formatRange(p.start, p.end, ZONE)} your time`,
  );
  await expectVisibleText(
    item.locator("p.hint").first(),
    `${formatRange(p.start, p.end, p.peerZone)} for ${p.peerName} (${p.peerZone})`,
  );
}

/** The private calendar feed of whoever is logged in on `page`, unfolded. */
async function readFeed(page: Page): Promise<string> {
  await visit(page, "/sessions");
  const link = await page.getByLabel("Your calendar link", { exact: true }).inputValue();
  const feedPath = new URL(link).pathname;
  expect(feedPath).toMatch(/^\/calendar\/[A-Za-z0-9_-]{20,64}\.ics$/);
  const response = await page.request.get(feedPath);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
  return (await response.text()).replace(/\r?\n[ \t]/g, "");
}

/** The VEVENT of a session in an iCalendar text, or null. */
function eventOf(ics: string, sessionId: string): string | null {
  const uid = `UID:session-${sessionId}@peerloop.dev`;
  for (const block of ics.split("BEGIN:VEVENT").slice(1)) {
    if (block.split(/\r?\n/).includes(uid)) return block.split("END:VEVENT")[0]!;
  }
  return null;
}

async function outboxOf(sql: postgres.Sql, sessionId: string) {
  return sql<{ toAddress: string; kind: string; ics: string | null }[]>`
    select to_address as "toAddress", kind, ics
    from outbox_emails
    where session_id = ${sessionId}
    order by kind, to_address`;
}

describe("booking a mock", () => {
  it("takes a newcomer from weekly hours to a booked swap, seen by both, and cancels it", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    const name = "Camille Durand";
    const email = uniqueEmail("swap");
    await signUp(page, name, email);

    // Weekly hours: two ranges on Monday, the default on Tuesday, Wednesday changed by
    // hand, Monday copied to the rest of the week.
    await visit(page, "/availability");
    await expectVisibleText(page.locator(".page-header"), ZONE);
    await expectVisibleText(page.locator(".notice--info"), "You have no weekly hours yet");
    const monday = day(page, "Monday");
    await page.getByRole("button", { name: "Add hours on Monday" }).click();
    await page.getByLabel("Monday range 1 start", { exact: true }).fill("08:00");
    await page.getByLabel("Monday range 1 end", { exact: true }).fill("12:00");
    await page.getByRole("button", { name: "Add hours on Monday" }).click();
    // A new range starts where the last one ended.
    await expectValue(page.getByLabel("Monday range 2 start", { exact: true }), "12:00");
    await page.getByLabel("Monday range 2 start", { exact: true }).fill("13:00");
    await page.getByLabel("Monday range 2 end", { exact: true }).fill("22:00");
    await expect.poll(() => monday.locator(".range-row").count()).toBe(2);
    await page.getByRole("button", { name: "Add hours on Tuesday" }).click();
    await expectValue(page.getByLabel("Tuesday range 1 start", { exact: true }), "09:00");
    await expectValue(page.getByLabel("Tuesday range 1 end", { exact: true }), "17:00");
    await page.getByRole("button", { name: "Add hours on Wednesday" }).click();
    await page.getByLabel("Wednesday range 1 end", { exact: true }).fill("21:00");
    await copyHours(page, "Monday", ["Thu", "Fri", "Sat", "Sun"]);
    await expectValue(page.getByLabel("Sunday range 2 end", { exact: true }), "22:00");
    await saveWeeklyHours(page);

    // A reload reads the week back from the server.
    await visit(page, "/availability");
    await expectValue(page.getByLabel("Monday range 2 start", { exact: true }), "13:00");
    await expectValue(page.getByLabel("Tuesday range 1 end", { exact: true }), "17:00");
    await expectValue(page.getByLabel("Wednesday range 1 end", { exact: true }), "21:00");
    await expectValue(page.getByLabel("Thursday range 1 start", { exact: true }), "08:00");
    await expectValue(page.getByLabel("Saturday range 2 end", { exact: true }), "22:00");
    expect(await day(page, "Sunday").locator(".range-row").count()).toBe(2);
    expect(await page.locator(".notice--info").count()).toBe(0);
    expect(
      await page
        .getByRole("region", { name: /Your free hours in the next/ })
        .getByRole("listitem")
        .count(),
    ).toBeGreaterThan(0);

    // Book a mock: from the navigation, Coding at L5, swap.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Book a mock" })
      .click();
    await page.waitForURL((url) => url.pathname === "/book");
    const requestId = await requestCoding(page, "swap");
    await expectVisibleText(page.locator(".page-header"), `Times are shown in your zone (${ZONE})`);
    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);
    for (const item of await proposals(page).all()) {
      await expectBothTimes(item, await readProposal(item, 2 * CODING_MINUTES));
    }

    const chosen = await readProposal(proposals(page).first(), 2 * CODING_MINUTES);
    const peerEmail = demoEmailOf(chosen.peerName);
    expect(chosen.peerZone).toBe(DEMO_PEOPLE.find((u) => u.email === peerEmail)?.timeZone);
    await chosen.item.getByRole("button", { name: /^Book with / }).click();
    await page.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
    const sessionId = pathOf(page).split("/")[2]!;
    expect(new URL(page.url()).searchParams.get("booked")).toBe("1");
    await expectVisibleText(page.getByRole("status"), "Booked!");
    await expectVisibleText(
      page.getByRole("heading", { level: 1 }),
      `Coding with ${chosen.peerName}`,
    );
    await expectVisibleText(
      page.locator(".page-header"),
      `${formatRange(chosen.start, chosen.end, ZONE)} your time (${ZONE}) · ${formatRange(chosen.start, chosen.end, chosen.peerZone)} for ${chosen.peerName} (${chosen.peerZone})`,
    );
    await expectVisibleText(page.getByRole("heading", { name: /^Status:/ }), "Status: scheduled");

    // The request is booked: its page says so instead of proposing times.
    await visit(page, `/book/${requestId}`);
    await expectVisibleText(
      page.getByRole("region", { name: "This request is booked" }),
      "This request is booked",
    );

    // Dashboard: the session with both local times.
    await visit(page, "/dashboard");
    const myCard = page.getByRole("article", { name: `Coding with ${chosen.peerName}` });
    await expectVisibleText(myCard, `${formatRange(chosen.start, chosen.end, ZONE)} your time`);
    await expectVisibleText(
      myCard,
      `${formatRange(chosen.start, chosen.end, chosen.peerZone)} for ${chosen.peerName} (${chosen.peerZone})`,
    );
    await expectVisibleText(myCard, "Swap: you interview each other");
    await expectVisibleText(myCard, "Scheduled");
    expect(await page.getByRole("article").count()).toBe(1);

    // The peer, in a browser of their own, sees it too, in their own zone.
    const peerPage = await browser.newPage({ timezoneId: chosen.peerZone });
    await logIn(peerPage, peerEmail, DEMO_PASSWORD);
    const peerCard = peerPage.getByRole("article", { name: `Coding with ${name}` });
    await expectVisibleText(
      peerCard,
      `${formatRange(chosen.start, chosen.end, chosen.peerZone)} your time`,
    );
    await expectVisibleText(
      peerCard,
      `${formatRange(chosen.start, chosen.end, ZONE)} for ${name} (${ZONE})`,
    );

    // The invite: in both calendar feeds always, in the outbox when the test can read it.
    const uid = `UID:session-${sessionId}@peerloop.dev`;
    const myEvent = eventOf(await readFeed(page), sessionId);
    expect(myEvent).not.toBeNull();
    expect(myEvent).toContain("STATUS:CONFIRMED");
    expect(myEvent).toContain(`/sessions/${sessionId}`);
    expect(eventOf(await readFeed(peerPage), sessionId)).toContain("STATUS:CONFIRMED");
    const sql = database();
    if (sql) {
      const booked = (await outboxOf(sql, sessionId)).filter((e) => e.kind === "booked");
      expect(booked.map((e) => e.toAddress).sort()).toEqual([email, peerEmail].sort());
      for (const invite of booked) {
        expect(invite.ics).toContain("METHOD:REQUEST");
        expect(invite.ics?.replace(/\r?\n[ \t]/g, "")).toContain(uid);
      }
    }

    // Cancel from the session page, after a confirmation.
    await visit(page, `/sessions/${sessionId}`);
    await page.getByRole("link", { name: "Cancel session…" }).click();
    await expectVisibleText(
      page.locator(".confirm-panel"),
      `Cancel the Coding mock with ${chosen.peerName}?`,
    );
    await page.getByRole("button", { name: "Yes, cancel it" }).click();
    await page.waitForURL((url) => url.searchParams.has("cancelled"));
    await expectVisibleText(page.getByRole("status"), "Session cancelled.");
    await expectVisibleText(page.getByRole("heading", { name: /^Status:/ }), "Status: cancelled");
    expect(await page.getByRole("link", { name: "Cancel session…" }).count()).toBe(0);

    await visit(page, "/sessions");
    await expectVisibleText(
      page.getByRole("region", { name: "Upcoming", exact: true }),
      "No upcoming sessions",
    );
    const cancelledCard = page
      .getByRole("region", { name: "Past and cancelled", exact: true })
      .getByRole("article", { name: `Coding with ${chosen.peerName}` });
    await expectVisibleText(cancelledCard.locator(".pill"), "Cancelled");

    // The cancellation reaches the calendars too.
    expect(eventOf(await readFeed(page), sessionId)).toContain("STATUS:CANCELLED");
    if (sql) {
      const cancelled = (await outboxOf(sql, sessionId)).filter((e) => e.kind === "cancelled");
      expect(cancelled.map((e) => e.toAddress).sort()).toEqual([email, peerEmail].sort());
      for (const notice of cancelled) expect(notice.ics).toContain("METHOD:CANCEL");
    }
    await visit(peerPage, "/dashboard");
    await expectVisibleText(peerPage.getByRole("heading", { level: 1 }), "Welcome,");
    expect(await peerPage.getByRole("article", { name: `Coding with ${name}` }).count()).toBe(0);
  }, 120_000);

  it("proposes one-way interviewers and books once on a double click", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    const email = uniqueEmail("double");
    await signUp(page, "Oscar Doubleclick", email);
    await publishEveryDay(page);
    const requestId = await requestCoding(page, "one_way");
    await expectVisibleText(
      page.locator(".page-header"),
      "One-way: a qualified peer interviews you.",
    );

    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);
    const qualified = new Set(
      DEMO_PEOPLE.filter(
        (u) => u.interviews.rounds.includes("coding") && Number(u.interviews.upTo.slice(1)) >= 5,
      ).map((u) => u.name),
    );
    for (const item of await proposals(page).all()) {
      const p = await readProposal(item, CODING_MINUTES);
      expect(qualified).toContain(p.peerName);
      await expectBothTimes(item, p);
      await expectVisibleText(item.locator(".reasons"), "Interviews up to");
    }

    // Two clicks in the same tick, before React can disable the button. (Remix's router
    // lets the second submission replace the first; the test below sends real
    // simultaneous POSTs.)
    const first = proposals(page).first();
    const chosen = await readProposal(first, CODING_MINUTES);
    const key = await first.locator('input[name="idempotencyKey"]').inputValue();
    const bookPath = `/book/${requestId}`;
    await first
      .getByRole("button", { name: /^Book with / })
      .evaluate((button: HTMLButtonElement) => {
        button.click();
        button.click();
      });
    await page.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
    const sessionId = pathOf(page).split("/")[2]!;
    await expectVisibleText(page.getByRole("status"), "Booked!");
    await expectVisibleText(
      page.getByRole("heading", { level: 1 }),
      `Coding with ${chosen.peerName}`,
    );

    // A late retry of the same form (same key) lands on the same session.
    const retry = await page.request.post(bookPath, {
      form: { peerId: chosen.peerId, start: chosen.start.toISOString(), idempotencyKey: key },
      headers: { Origin: browser.baseUrl() },
      maxRedirects: 0,
    });
    expect(retry.status()).toBe(302);
    expect(retry.headers().location).toBe(`/sessions/${sessionId}?booked=1`);

    await visit(page, "/sessions");
    const upcoming = page
      .getByRole("region", { name: "Upcoming", exact: true })
      .getByRole("article");
    await expect.poll(() => upcoming.count()).toBe(1);
    await expectVisibleText(upcoming.first(), "You are interviewed");
    await expectVisibleText(
      upcoming.first(),
      `${formatRange(chosen.start, chosen.end, ZONE)} your time`,
    );
    await visit(page, "/dashboard");
    expect(await page.getByRole("article").count()).toBe(1);
    await visit(page, bookPath);
    await expectVisibleText(
      page.getByRole("region", { name: "This request is booked" }),
      "Nothing more to choose here.",
    );
    expect(eventOf(await readFeed(page), sessionId)).not.toBeNull();

    const sql = database();
    if (sql) {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count
        from mock_sessions s join users u on u.id = s.booked_by
        where u.email = ${email}`;
      expect(row?.count).toBe(1);
      const booked = (await outboxOf(sql, sessionId)).filter((e) => e.kind === "booked");
      expect(booked.map((e) => e.toAddress).sort()).toEqual(
        [email, demoEmailOf(chosen.peerName)].sort(),
      );
    }
  });

  it("books once when the same proposal is posted twice at the same moment", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    await signUp(page, "Rita Racer", uniqueEmail("race"));
    await publishEveryDay(page);
    const requestId = await requestCoding(page, "one_way");
    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);
    const first = proposals(page).first();
    const chosen = await readProposal(first, CODING_MINUTES);
    const form = {
      peerId: chosen.peerId,
      start: chosen.start.toISOString(),
      idempotencyKey: await first.locator('input[name="idempotencyKey"]').inputValue(),
    };
    const bookPath = `/book/${requestId}`;
    const post = (body: Record<string, string>) =>
      page.request.post(bookPath, {
        form: body,
        headers: { Origin: browser.baseUrl() },
        maxRedirects: 0,
      });

    const [a, b] = await Promise.all([post(form), post(form)]);
    expect([a.status(), b.status()]).toEqual([302, 302]);
    const location = a.headers().location ?? "";
    expect(location).toMatch(new RegExp(`^/sessions/${UUID}\\?booked=1$`));
    expect(b.headers().location).toBe(location);

    // Another key for the same request (a second tab) finds it booked.
    const other = await post({ ...form, idempotencyKey: randomUUID() });
    expect(other.status()).toBe(409);
    expect(await other.text()).toContain("This request is no longer open");

    await visit(page, "/sessions");
    const upcoming = page
      .getByRole("region", { name: "Upcoming", exact: true })
      .getByRole("article");
    await expect.poll(() => upcoming.count()).toBe(1);
    expect(await upcoming.first().getByRole("link").getAttribute("href")).toBe(
      location.split("?")[0],
    );
  });

  it("answers forged bookings with a message, never a 500", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    await signUp(page, "Fiona Forger", uniqueEmail("forged"));
    await publishEveryDay(page);
    const requestId = await requestCoding(page, "one_way");
    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);
    const chosen = await readProposal(proposals(page).first(), CODING_MINUTES);
    const bookPath = `/book/${requestId}`;

    // In the page: a start moved to 02:00 UTC, outside everyone's hours.
    browser.allowRejectedSubmission(bookPath, 409);
    const night = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    night.setUTCHours(2, 0, 0, 0);
    await chosen.item.locator('input[name="start"]').evaluate((input: HTMLInputElement, value) => {
      input.value = value;
    }, night.toISOString());
    await chosen.item.getByRole("button", { name: /^Book with / }).click();
    await expectVisibleText(page.getByRole("alert"), "That time was just taken");
    expect(pathOf(page)).toBe(bookPath);
    // Fresh proposals are still offered.
    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);

    // Straight to the server, with the session cookie and the app's own Origin.
    const post = (form: Record<string, string>, origin = browser.baseUrl()) =>
      page.request.post(bookPath, { form, headers: { Origin: origin }, maxRedirects: 0 });
    const valid = {
      peerId: chosen.peerId,
      start: chosen.start.toISOString(),
      idempotencyKey: randomUUID(),
    };
    const cases: { form: Record<string, string>; status: number; message: string }[] = [
      {
        form: { ...valid, start: "2020-01-06T09:00:00.000Z", idempotencyKey: randomUUID() },
        status: 409,
        message: "That time was just taken",
      },
      {
        form: { ...valid, start: night.toISOString(), idempotencyKey: randomUUID() },
        status: 409,
        message: "That time was just taken",
      },
      {
        form: { ...valid, start: new Date(chosen.start.getTime() + 7 * 60_000).toISOString() },
        status: 409,
        message: "That time was just taken",
      },
      {
        form: { ...valid, peerId: randomUUID(), idempotencyKey: randomUUID() },
        status: 409,
        message: "That time was just taken",
      },
      {
        form: { ...valid, start: "tomorrow at nine" },
        status: 400,
        message: "That proposal is not valid any more.",
      },
      {
        form: { ...valid, peerId: "not-a-peer" },
        status: 400,
        message: "That proposal is not valid any more.",
      },
      { form: { peerId: chosen.peerId }, status: 400, message: "not valid any more" },
    ];
    for (const { form, status, message } of cases) {
      const response = await post(form);
      const body = await response.text();
      expect({ form, status: response.status() }).toEqual({ form, status });
      expect(body).toContain(message);
    }

    // Another origin is refused before the app sees the form.
    const foreign = await post(valid, "https://evil.example");
    expect(foreign.status()).toBe(403);

    // Nothing was booked, and the request is still open.
    await visit(page, "/sessions");
    await expectVisibleText(
      page.getByRole("region", { name: "Upcoming", exact: true }),
      "No upcoming sessions",
    );
    await visit(page, bookPath);
    await expect.poll(() => proposals(page).count()).toBeGreaterThan(0);
  });
});
