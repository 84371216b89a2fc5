import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, openDatabase, setDatabaseConnection } from "#db/client";
import { TEST_PASSWORD } from "../support/factories";
import { type AppRoute, appRoutes, fillPattern, loadServerBuild } from "../support/route-table";
import { createSweepWorld, type SweepWorld } from "../support/sweep-world";
import { type AxeFinding, seriousFindings } from "./support/axe";
import { setupBrowser, visit } from "./support/browser";
import { bookRoom, logIn } from "./support/room";

// axe-core on every page of the app, generated from the built route table (a page added
// later is checked the day it lands): signed out, signed in as the person whose records
// the URLs name, and as their peer (the interviewer's side of the room, the scorecard,
// the replay); then the live room of a design round in both roles, with the whiteboard
// open. 0 serious or critical findings. The records come from the same world as the
// security sweep (tests/support/sweep-world.ts), written into the server's PostgreSQL.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const PAGES = appRoutes(await loadServerBuild("e2e")).filter((route) => route.isPage);

let world: SweepWorld;

beforeAll(async () => {
  if (!databaseUrl) {
    throw new Error(
      "accessibility.test.ts writes its records into the server's database: run it with DATABASE_URL",
    );
  }
  setDatabaseConnection(openDatabase({ kind: "postgres", url: databaseUrl }));
  world = await createSweepWorld();
});
afterAll(async () => {
  await closeDatabase().catch(() => {});
});

function ownerUrls(route: AppRoute): string[] {
  let combos: Record<string, string>[] = [{}];
  for (const name of route.params) {
    const values = world.values[name];
    if (!values?.length) {
      throw new Error(
        `${route.pattern} has :${name}, for which createSweepWorld (tests/support/sweep-world.ts) gives no value: add one`,
      );
    }
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos.map((combo) => fillPattern(route, combo));
}

/** Visits each URL and returns every serious finding, each line naming its page. */
async function findingsOn(page: Page, urls: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const url of urls) {
    await visit(page, url);
    const found: AxeFinding[] = await seriousFindings(page);
    for (const f of found)
      lines.push(
        `${url} → ${new URL(page.url()).pathname}: ${f.id} (${f.impact}) at ${f.targets.join(", ")}`,
      );
  }
  return lines;
}

async function signedIn(email: string): Promise<Page> {
  const page = await browser.newPage({ timezoneId: "Europe/Paris" });
  await logIn(page, email, TEST_PASSWORD);
  return page;
}

// Pages that answer 404 (another state's record, the catch-all) or redirect log the
// refused fetches in the console; they are the point of the visit, not a fault.
const allowRefusals = () => browser.allowConsoleErrors(/status of (401|403|404|409|410)/);

describe("every page has no serious or critical axe findings", () => {
  it("the check itself fails on a page with a serious finding", async () => {
    const page = await browser.newPage();
    await visit(page, "/login");
    await page.evaluate(() => {
      const field = document.createElement("input");
      field.type = "text";
      document.querySelector("main")?.append(field);
    });
    expect((await seriousFindings(page)).map((f) => f.id)).toContain("label");
  });

  it("covers the app's pages", () => {
    expect(PAGES.map((p) => p.pattern)).toEqual(
      expect.arrayContaining([
        "/login",
        "/dashboard",
        "/sessions/:sessionId",
        "/sessions/:sessionId/replay",
      ]),
    );
  });

  it.each(PAGES.map((route) => [route.pattern, route] as const))(
    "%s, signed out",
    async (_, route) => {
      allowRefusals();
      const page = await browser.newPage();
      expect(await findingsOn(page, ownerUrls(route).slice(0, 1))).toEqual([]);
    },
  );

  it.each(PAGES.map((route) => [route.pattern, route] as const))(
    "%s, signed in as the person whose records it shows",
    async (_, route) => {
      allowRefusals();
      const page = await signedIn(world.owner.email);
      expect(await findingsOn(page, ownerUrls(route))).toEqual([]);
    },
  );

  const sessionPages = PAGES.filter((route) => route.params.includes("sessionId"));
  it.each(sessionPages.map((route) => [route.pattern, route] as const))(
    "%s, signed in as the peer (the interviewer)",
    async (_, route) => {
      allowRefusals();
      const page = await signedIn(world.peer.email);
      expect(await findingsOn(page, ownerUrls(route))).toEqual([]);
    },
  );
});

describe("the live room", () => {
  it("a design round, both roles, on the whiteboard and on the pad", {
    timeout: 120_000,
  }, async () => {
    const room = await bookRoom(browser, "axe", undefined, { round: "System design (60 min)" });
    // Wide enough for the candidate's board and pad side by side (as whiteboard.test.ts).
    await room.candidate.setViewportSize({ width: 1600, height: 1000 });
    const lines: string[] = [];
    for (const [role, page, boardTab] of [
      ["candidate", room.candidate, "Side by side"],
      ["interviewer", room.interviewer, "Board"],
    ] as const) {
      const board = page.getByRole("tab", { name: boardTab, exact: true });
      await expect.poll(() => board.getAttribute("aria-selected")).toBe("true");
      await page.getByTestId("board-summary").waitFor();
      for (const f of await seriousFindings(page)) {
        lines.push(`${role}, board: ${f.id} (${f.impact}) at ${f.targets.join(", ")}`);
      }
      await page.getByRole("tab", { name: "Pad", exact: true }).click();
      for (const f of await seriousFindings(page)) {
        lines.push(`${role}, pad: ${f.id} (${f.impact}) at ${f.targets.join(", ")}`);
      }
    }
    expect(lines).toEqual([]);
  });
});
