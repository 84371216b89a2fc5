import { randomBytes } from "node:crypto";
import { TokenVerifier } from "livekit-server-sdk";
import type { Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import {
  expectValue,
  expectVisibleText,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";
import {
  E2E_LIVEKIT_API_KEY,
  E2E_LIVEKIT_API_SECRET,
  type StandInConnection,
} from "./support/global-setup";
import {
  bookRoom as bookRoomIn,
  expectPadConnected,
  expectPadToContain,
  MEDIA,
  moveSessionStart,
  pad,
  padText,
  publishWholeWeek,
  type Room,
  signUp,
  typeAtEnd,
  UUID,
  uniqueEmail,
  ZONE,
} from "./support/room";

// The live session room in two real browsers against the real server: a newcomer books
// a one-way Coding mock with a demo interviewer, both open the room, and the code pad
// (CodeMirror + Yjs over the realtime websocket on /realtime) carries text, cursors,
// names and the language both ways and keeps its content across a reload and after
// everyone has left. The candidate never receives the interviewer kit, not even in a
// data request or a websocket frame. Video: the page asks LiveKit (a stand-in from the
// global setup, which records connections and closes them) with a token for this room
// only, then says video is unavailable while the pad keeps working. That failure logs
// no console errors (livekit-client reports it at "info" and "warn"), so none are
// allowed here: any error a room page logs fails the test.
//
// The server opens rooms E2E_ROOM_OPENS_MINUTES_BEFORE (10 h) early; the newcomer asks
// for no notice, the demo users want 4 h, so the earliest proposal is inside that.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const livekitStandIn = inject("livekitStandIn");
let sqlClient: postgres.Sql | undefined;

afterAll(async () => {
  await sqlClient?.end({ timeout: 5 });
});

const bookRoom = (tag: string, beforeNavigation?: (page: Page) => void): Promise<Room> =>
  bookRoomIn(browser, tag, beforeNavigation);

/** The remote cursors this page shows, by the label they carry. */
function remoteCursorNames(page: Page): Promise<string[]> {
  return page
    .locator(".cm-ySelectionCaret .cm-ySelectionInfo")
    .evaluateAll((labels) => labels.map((label) => label.textContent?.trim() ?? ""));
}

/** Joins the call (video starts on a click) and sees it fail in plain words. */
async function expectVideoUnavailable(page: Page) {
  const video = page.getByRole("region", { name: "Video" });
  const join = video.getByRole("button", { name: "Join video" });
  if (await join.isVisible()) await join.click();
  await expectVisibleText(video.getByTestId("video-status"), "Video unavailable");
  await expectVisibleText(
    video,
    "Video is unavailable right now — the video service could not be reached. The code pad and everything else still work.",
  );
  // Never the server's address: it means nothing to the person.
  expect(await video.textContent()).not.toMatch(/wss?:\/\/|127\.0\.0\.1|localhost/);
}

/** Runs of at least 30 characters that survive HTML and JSON escaping unchanged. */
function needlesOf(text: string): string[] {
  const runs = text.match(/[A-Za-z0-9 ,.;:()/+=-]{30,}/g) ?? [];
  return runs.map((run) => run.trim().slice(0, 60)).filter((run) => run.length >= 30);
}

describe("the session room", () => {
  it("shares the pad both ways, with names, cursors and the language, and keeps it", async () => {
    const room = await bookRoom("pad");
    const { candidate, interviewer } = room;
    await visit(candidate, `/sessions/${room.sessionId}`);

    // Video cannot start (the stand-in is not LiveKit); the pad does not care.
    await expectVideoUnavailable(candidate);
    await expectVideoUnavailable(interviewer);
    await expectPadConnected(candidate);
    await expectPadConnected(interviewer);

    const first = "# candidate plan - two pointers from both ends";
    const second = "# interviewer asks - and when the input is empty";
    await typeAtEnd(candidate, first);
    await expectPadToContain(interviewer, first);
    await typeAtEnd(interviewer, second);
    await expectPadToContain(candidate, first, second);
    expect(await padText(interviewer)).toBe(await padText(candidate));

    // Each sees the other's cursor, labelled with their name, and both names in the pad.
    await expect.poll(() => remoteCursorNames(candidate)).toEqual([room.interviewerName]);
    await expect.poll(() => remoteCursorNames(interviewer)).toEqual([room.candidateName]);
    for (const [page, me, other] of [
      [candidate, room.candidateName, room.interviewerName],
      [interviewer, room.interviewerName, room.candidateName],
    ] as const) {
      const presence = pad(page).getByRole("list", { name: "In the pad" }).getByRole("listitem");
      await expect.poll(() => presence.allTextContents()).toHaveLength(2);
      const names = (await presence.allTextContents()).map((n) => n.trim());
      expect(names).toEqual([`${me} (you)`, other]);
    }

    // The language lives in the shared document: one changes it, both have it.
    await pad(interviewer).getByLabel("Language", { exact: true }).selectOption({ label: "SQL" });
    await expectValue(pad(candidate).getByLabel("Language", { exact: true }), "sql");
    await pad(candidate).getByLabel("Language", { exact: true }).selectOption({ label: "Java" });
    await expectValue(pad(interviewer).getByLabel("Language", { exact: true }), "java");

    // A reload (the other person still in the room) shows the same text and language.
    await candidate.reload();
    await waitForHydration(candidate);
    await expectPadConnected(candidate);
    await expectPadToContain(candidate, first, second);
    await expectValue(pad(candidate).getByLabel("Language", { exact: true }), "java");

    // Both leave: the last one out makes the server store the pad and drop it from
    // memory. Back in the room later, the text comes from the database.
    const third = "# candidate - done, O(n) time";
    await typeAtEnd(candidate, third);
    await expectPadToContain(interviewer, third);
    await Promise.all([visit(candidate, "/sessions"), visit(interviewer, "/sessions")]);
    if (databaseUrl) {
      sqlClient ??= postgres(databaseUrl, { max: 1, onnotice: () => {} });
      const sql = sqlClient;
      await expect
        .poll(
          async () => {
            const [row] = await sql<{ state: Buffer }[]>`
              select state from pad_documents where session_id = ${room.sessionId}`;
            if (!row) return "(not stored)";
            const doc = new Y.Doc();
            Y.applyUpdate(doc, new Uint8Array(row.state));
            return doc.getText("code").toString();
          },
          { timeout: 10_000 },
        )
        .toContain(third);
    } else {
      // PGlite: the server holds the database; give the store on leaving a moment.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await visit(interviewer, `/sessions/${room.sessionId}`);
    await expectPadConnected(interviewer);
    await expectPadToContain(interviewer, first, second, third);
    await expectValue(pad(interviewer).getByLabel("Language", { exact: true }), "java");
  }, 60_000);

  it("keeps the interviewer kit from the candidate and asks LiveKit for this room only", async () => {
    // Everything the candidate's browser receives: documents, data requests, and the
    // frames of every websocket (the pad's among them).
    const received: Promise<{ what: string; text: string }>[] = [];
    const room = await bookRoom("kit", (page) => {
      page.on("response", (response) => {
        const type = response.request().resourceType();
        if (type !== "document" && type !== "fetch" && type !== "xhr") return;
        received.push(
          response
            .text()
            .catch(() => "")
            .then((text) => ({ what: `${type} ${response.url()}`, text })),
        );
      });
      page.on("websocket", (socket) => {
        socket.on("framereceived", ({ payload }) => {
          const text = typeof payload === "string" ? payload : payload.toString("utf8");
          received.push(Promise.resolve({ what: `websocket ${socket.url()}`, text }));
        });
      });
    });
    const { candidate, interviewer, sessionId } = room;
    await visit(candidate, `/sessions/${sessionId}`);

    // Roles: the interviewer has the kit, the candidate is told who has it.
    const kitHeading = /^Interviewer kit/;
    await expectVisibleText(
      interviewer.getByRole("heading", { name: kitHeading }),
      "Interviewer kit",
    );
    await expectVisibleText(
      candidate.getByRole("heading", { name: "You are interviewed" }),
      "You are interviewed",
    );
    expect(await candidate.getByRole("heading", { name: kitHeading }).count()).toBe(0);
    expect(await candidate.getByText("Only you can see this").count()).toBe(0);

    // Some traffic on the pad while both are in.
    await expectPadConnected(candidate);
    await expectPadConnected(interviewer);
    await typeAtEnd(interviewer, "# warm-up - reverse a linked list");
    await expectPadToContain(candidate, "# warm-up - reverse a linked list");
    await typeAtEnd(candidate, "# candidate - iterative, three pointers");
    await expectPadToContain(interviewer, "# candidate - iterative, three pointers");

    // The kit as the interviewer reads it: hints, what good looks like, the rubric, and
    // the question and follow-ups too (the interviewer pastes those only if they want).
    const kit = interviewer.getByRole("complementary", { name: kitHeading });
    const section = (summary: string) =>
      kit.locator("details").filter({ has: interviewer.locator("summary", { hasText: summary }) });
    const secrets: string[] = [];
    for (const summary of ["Hints (give sparingly)", "What good looks like", "Rubric"]) {
      const details = section(summary);
      await details.locator("summary").click();
      expect(await details.getAttribute("open")).not.toBeNull();
      const parts =
        summary === "Rubric"
          ? await details.locator("dd li, dd").allInnerTexts()
          : summary === "What good looks like"
            ? await details.locator("p").allInnerTexts()
            : await details.locator("li").allInnerTexts();
      expect(parts.length, `${summary} has content`).toBeGreaterThan(0);
      secrets.push(...parts);
    }
    secrets.push(await kit.locator(".kit__prompt").innerText());
    secrets.push(...(await section("Follow-ups").locator("li").allInnerTexts()));
    const needles = [...new Set(secrets.flatMap(needlesOf))];
    expect(needles.length).toBeGreaterThan(5);

    // The candidate reloads (a fresh document, loader data and pad sync) and keeps going.
    await candidate.reload();
    await waitForHydration(candidate);
    await expectPadConnected(candidate);
    await expectPadToContain(candidate, "# warm-up - reverse a linked list");
    const pages = [{ what: "candidate page (DOM)", text: await candidate.content() }];
    const everything = [...pages, ...(await Promise.all(received))];
    // The record is real: it holds the session's documents, data and pad frames.
    const kinds = new Set(everything.map((r) => r.what.split(" ")[0]));
    expect([...kinds]).toEqual(expect.arrayContaining(["document", "fetch", "websocket"]));
    expect(
      everything.some((r) => r.what.startsWith("document") && r.text.includes(room.candidateName)),
    ).toBe(true);
    expect(
      everything.some(
        (r) => r.what.startsWith("websocket") && r.text.includes(`session:${sessionId}`),
      ),
    ).toBe(true);
    const leaks = everything.flatMap((r) =>
      needles.filter((n) => r.text.includes(n)).map((n) => `${r.what}: "${n}"`),
    );
    expect(leaks).toEqual([]);

    // Video: both pages asked the LiveKit URL with a token the server signed for this
    // session's room (and no other), in their own names; then said video is unavailable.
    await expectVideoUnavailable(candidate);
    await expectVideoUnavailable(interviewer);
    const connections = (await (
      await fetch(`${livekitStandIn}/__connections`)
    ).json()) as StandInConnection[];
    const verifier = new TokenVerifier(E2E_LIVEKIT_API_KEY, E2E_LIVEKIT_API_SECRET);
    const grants = [];
    for (const connection of connections) {
      const url = new URL(connection.url, livekitStandIn);
      expect(url.pathname).toMatch(/^\/rtc(\/v1)?$/);
      const token = url.searchParams.get("access_token");
      expect(token).toBeTruthy();
      const claims = await verifier.verify(token!);
      if (claims.video?.room === `session-${sessionId}`) grants.push(claims);
    }
    expect(new Set(grants.map((c) => c.name))).toEqual(
      new Set([room.candidateName, room.interviewerName]),
    );
    for (const claims of grants) {
      expect(claims.video?.roomJoin).toBe(true);
      expect(claims.video?.roomAdmin ?? false).toBe(false);
    }
    await expect(
      new TokenVerifier(E2E_LIVEKIT_API_KEY, "another-secret-0123456789abcdefghijkl").verify(
        new URL(connections.at(-1)!.url, livekitStandIn).searchParams.get("access_token")!,
      ),
    ).rejects.toThrow();

    // The pad still works with video down.
    await typeAtEnd(candidate, "# still typing without video");
    await expectPadToContain(interviewer, "# still typing without video");
  }, 60_000);
});

/** Asks for a mock on "Book a mock"; resolves once the proposals page is up. */
async function requestMock(page: Page, round: string, format: "swap" | "one_way") {
  await visit(page, "/book");
  await page.getByLabel("Round", { exact: true }).selectOption({ label: round });
  await page.getByLabel("Target level", { exact: true }).selectOption("L5");
  await page.getByRole("radio", { name: format === "swap" ? /^Swap/ : /^One-way/ }).check();
  await page.getByRole("button", { name: "Find peers and times" }).click();
  await page.waitForURL((url) => new RegExp(`^/book/${UUID}$`).test(url.pathname));
}

const SHOTS = process.env.ROOM_SCREENSHOTS_DIR;

async function screenshot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe("a behavioral swap", () => {
  it("opens a notes pad, switches roles on the interviewer's word, and ends for both at once", async () => {
    // Two newcomers: Avery opens a swap request, Blair books it (so Avery interviews
    // first: the booker is interviewed in the first half).
    const avery = await browser.newPage({ timezoneId: ZONE, ...MEDIA });
    const averyName = `Avery ${randomBytes(2).toString("hex")}`;
    await signUp(avery, averyName, uniqueEmail("avery"));
    await publishWholeWeek(avery);
    await requestMock(avery, "Behavioral (45 min)", "swap");

    const blair = await browser.newPage({ timezoneId: ZONE, ...MEDIA });
    const blairName = `Blair ${randomBytes(2).toString("hex")}`;
    await signUp(blair, blairName, uniqueEmail("blair"));
    await publishWholeWeek(blair);
    await requestMock(blair, "Behavioral (45 min)", "swap");
    const withAvery = blair
      .getByRole("list", { name: "Proposed times, best first" })
      .locator(":scope > li")
      .filter({ hasText: averyName });
    await expect.poll(() => withAvery.count()).toBeGreaterThan(0);
    await withAvery
      .first()
      .getByRole("button", { name: /^Book with / })
      .click();
    await blair.waitForURL((url) => new RegExp(`^/sessions/${UUID}$`).test(url.pathname));
    const sessionId = new URL(blair.url()).pathname.split("/")[2]!;
    await waitForHydration(blair);
    await visit(avery, `/sessions/${sessionId}`);

    // The pad of a behavioral round: plain text, the STAR notes template, once, for both
    // (they opened it at about the same time).
    for (const page of [avery, blair]) {
      await expectPadConnected(page);
      await expectValue(pad(page).getByLabel("Language", { exact: true }), "text");
      await expectPadToContain(page, "Behavioral round notes", "Situation:", "Result:");
    }
    await typeAtEnd(blair, "Blair: the migration story");
    await expectPadToContain(avery, "Blair: the migration story");
    expect((await padText(avery)).split("Behavioral round notes")).toHaveLength(2);
    expect(await padText(avery)).toBe(await padText(blair));
    // Names ride on the cursors without hovering, in two different colours.
    await expect.poll(() => remoteCursorNames(avery)).toEqual([blairName]);
    const label = avery.locator(".cm-ySelectionInfo").first();
    expect(Number(await label.evaluate((el) => getComputedStyle(el).opacity))).toBe(1);
    const colours = await Promise.all(
      [avery, blair].map((page) =>
        pad(page)
          .getByRole("list", { name: "In the pad" })
          .locator(".dot")
          .first()
          .evaluate((dot) => getComputedStyle(dot).backgroundColor),
      ),
    );
    expect(colours[0]).not.toBe(colours[1]);
    await screenshot(avery, "behavioral-pad");

    // To switch, the session has to be running: move it to have started 5 minutes ago.
    expect(databaseUrl !== null).toBe(Boolean(process.env.DATABASE_URL?.trim()));
    if (!databaseUrl) return; // PGlite: the server holds the database; nothing to move.
    sqlClient ??= postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const sql = sqlClient;
    const moveTo = (startsAgoMinutes: number) => moveSessionStart(sql, sessionId, startsAgoMinutes);
    await moveTo(5);
    await Promise.all([avery.reload(), blair.reload()]);
    await Promise.all([waitForHydration(avery), waitForHydration(blair)]);
    for (const page of [avery, blair]) {
      await expectVisibleText(page.getByTestId("live-status"), /^Live · 8[45] min left$/);
    }
    // The room asked the server to start the session and choose Avery's question.
    await expectVisibleText(
      avery.getByRole("heading", { name: /^Interviewer kit · / }),
      "Interviewer kit",
    );
    await expectVisibleText(
      blair.getByRole("heading", { name: "Half 1: you are interviewed" }),
      "Half 1",
    );
    expect(await blair.getByRole("button", { name: "Switch roles…" }).count()).toBe(0);
    await screenshot(avery, "room-live");

    // Avery switches, after confirming in a dialog.
    await avery.getByRole("button", { name: "Switch roles…" }).click();
    const dialog = avery.getByRole("dialog", { name: "Switch roles now?" });
    await expectVisibleText(dialog, "you cannot switch back");
    await screenshot(avery, "switch-dialog");
    await dialog.getByRole("button", { name: "Not yet" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await avery.getByRole("button", { name: "Switch roles…" }).click();
    await dialog.getByRole("button", { name: "Yes, switch roles" }).click();
    await expectVisibleText(
      avery.getByRole("heading", { name: "Half 2: you are interviewed" }),
      "Half 2",
    );
    // Blair's page follows at once, pushed through the pad's connection (no reload, and
    // well inside any polling interval).
    const pushed = Date.now();
    await expect
      .poll(() => blair.getByRole("heading", { name: /^Interviewer kit · / }).count(), {
        timeout: 5_000,
      })
      .toBe(1);
    expect(Date.now() - pushed).toBeLessThan(5_000);
    // Half 2's clock runs from the switch: a whole 45-minute round.
    await expectVisibleText(blair.getByRole("region", { name: "Timer" }), /Half 2 of 2/);
    await expectVisibleText(
      blair.getByRole("region", { name: "Timer" }),
      /(44:[0-5]\d|45:00) left/,
    );

    // Time is up: both pages say so without waiting for the settle job.
    await moveTo(95);
    await Promise.all([avery.reload(), blair.reload()]);
    for (const page of [avery, blair]) {
      await waitForHydration(page);
      await expectVisibleText(page.getByTestId("live-status"), "Ended");
      await expectVisibleText(page.getByRole("heading", { name: /^Status:/ }), "Status: ended");
      await expectVisibleText(pad(page), "The session has ended: the pad is read-only.");
    }
    await expectVisibleText(
      blair.getByRole("region", { name: "Feedback" }),
      `Write the scorecard for ${averyName}`,
    );
    await expect
      .poll(
        async () =>
          (await sql`select status from mock_sessions where id = ${sessionId}`)[0]?.status,
      )
      .toBe("completed");
    await screenshot(blair, "room-ended");
  }, 120_000);
});
