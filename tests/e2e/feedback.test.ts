import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  expectValue,
  expectVisibleText,
  setupBrowser,
  visit,
  waitForHydration,
} from "./support/browser";
import { UUID, uniqueEmail, ZONE } from "./support/room";
import { insertOneWaySession, serverDatabaseOf, signUpForId } from "./support/server-database";

// Feedback after a mock, in two real browsers against the real server. A one-way
// Coding mock at L5 that ended yesterday is written straight into the database (with
// an earlier, already revealed scorecard of the same round and level, so readiness
// has a baseline). The interviewer writes the scorecard (keyboard on the radios, an
// autosaved draft that survives a reload), submits; the candidate cannot read it until
// they have rated the interviewer too; then the scorecard is listed, readable in full,
// and moves the trend chart and the readiness figure on /progress. A stranger gets a
// 404 for both the feedback and the form.
//
// Needs the server's PostgreSQL database (DATABASE_URL set for the run, as in CI): on
// PGlite the server holds the database's lock and the past session cannot be made.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const database = serverDatabaseOf("feedback e2e");

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function pathOf(page: Page) {
  return new URL(page.url()).pathname;
}

/** Signs up in the browser; the new person's id. */
const signUp = (page: Page, name: string, email: string) =>
  signUpForId(database(), page, name, email);

interface Catalog {
  loopId: number;
  roundId: number;
  levelId: number;
  dimensions: { id: number; slug: string; name: string }[];
  question: { id: number; title: string };
}

async function codingAtL5(): Promise<Catalog> {
  const sql = database();
  const [row] = await sql<{ loopId: number; roundId: number; levelId: number }[]>`
    select l.id as "loopId", r.id as "roundId", v.id as "levelId"
    from loops l
    join rounds r on r.loop_id = l.id and r.slug = 'coding'
    join levels v on v.loop_id = l.id and v.code = 'L5'
    where l.slug = 'databricks-ic'`;
  if (!row) throw new Error("the Databricks loop with Coding and L5 is not seeded");
  const dimensions = await sql<{ id: number; slug: string; name: string }[]>`
    select id, slug, name from dimensions where round_id = ${row.roundId} order by position`;
  const [question] = await sql<{ id: number; title: string }[]>`
    select id, title from questions where round_id = ${row.roundId} order by id limit 1`;
  if (!question) throw new Error("no Coding question is seeded");
  return { ...row, dimensions, question };
}

/** A completed one-way Coding session in the past: `candidate` interviewed by `interviewer`. */
async function insertCompletedSession(
  people: { candidate: string; interviewer: string },
  startsAt: Date,
): Promise<string> {
  const { sessionId } = await insertOneWaySession(database(), people, {
    round: "coding",
    startsAt,
    status: "completed",
    minutes: 60,
  });
  return sessionId;
}

/** Dots the trend chart of a round draws, per line (dimensions and the overall call). */
async function dotsPerLine(figure: Locator): Promise<number[]> {
  // One group a line, holding its path and one marker group a point.
  return figure
    .locator("svg [data-series]")
    .evaluateAll((groups) => groups.map((group) => group.querySelectorAll(".trend-point").length));
}

async function readinessPercent(page: Page, roundSlug: string): Promise<number> {
  const text = (await page.getByTestId(`readiness-${roundSlug}`).textContent()) ?? "";
  const match = /^(\d{1,3})%$/.exec(text.trim());
  if (!match) throw new Error(`readiness-${roundSlug} shows "${text}", not "NN%"`);
  return Number(match[1]);
}

const describeOnPostgres = databaseUrl ? describe : describe.skip;
if (!databaseUrl) {
  console.warn("feedback.test.ts: skipped, it needs DATABASE_URL (PostgreSQL) for the run");
}

describeOnPostgres("feedback after a mock", () => {
  it("reveals the scorecard once both sides have written, and moves progress", async () => {
    const sql = database();
    const catalog = await codingAtL5();
    const firstDim = catalog.dimensions[0]!;

    // Three people in browsers of their own.
    const candidate = await browser.newPage({ timezoneId: ZONE });
    const interviewer = await browser.newPage({ timezoneId: ZONE });
    const stranger = await browser.newPage({ timezoneId: ZONE });
    const candidateName = "Cora Candidate";
    const interviewerName = "Ivan Interviewer";
    const candidateId = await signUp(candidate, candidateName, uniqueEmail("fb-cand"));
    const interviewerId = await signUp(interviewer, interviewerName, uniqueEmail("fb-int"));
    await signUp(stranger, "Sid Stranger", uniqueEmail("fb-stranger"));

    // The candidate aims at L5 in the Databricks loop (every round of it: no track).
    await sql`
      update profiles set target_loop_id = ${catalog.loopId}, target_level_id = ${catalog.levelId}
      where user_id = ${candidateId}`;

    // A week ago: a Coding mock at L5 with a weak scorecard, revealed.
    const people = { candidate: candidateId, interviewer: interviewerId };
    const earlierId = await insertCompletedSession(people, new Date(Date.now() - 8 * DAY));
    const [earlier] = await sql<{ id: string }[]>`
      insert into feedback
        (session_id, half, kind, author_id, recipient_id, round_id, target_level_id, overall,
         strengths, improvements, practise_round_id, submitted_at)
      values (${earlierId}, 1, 'scorecard', ${interviewerId}, ${candidateId}, ${catalog.roundId},
              ${catalog.levelId}, 'no_hire', 'Clear about the plan.', 'Test the edge cases.',
              ${catalog.roundId}, now() - interval '7 days')
      returning id`;
    for (const d of catalog.dimensions) {
      await sql`
        insert into feedback_scores (feedback_id, dimension_id, score, evidence)
        values (${earlier!.id}, ${d.id}, 2, ${`Earlier evidence for ${d.name}.`})`;
    }
    await sql`
      insert into feedback_reveals (session_id, half, revealed_at, reason)
      values (${earlierId}, 1, now() - interval '7 days', 'both_submitted')`;

    // Yesterday: the session this test writes feedback for, with its question.
    const sessionId = await insertCompletedSession(people, new Date(Date.now() - 26 * HOUR));
    await sql`
      insert into session_questions (session_id, half, question_id, interviewer_id, candidate_id)
      values (${sessionId}, 1, ${catalog.question.id}, ${interviewerId}, ${candidateId})`;
    const formPath = `/sessions/${sessionId}/feedback/1`;

    // The baseline on /progress: readiness from the earlier scorecard, one point a line.
    await visit(candidate, "/progress");
    const baseline = await readinessPercent(candidate, "coding");
    const trend = candidate.getByTestId("trend-Coding");
    await expect.poll(() => trend.locator("tbody tr").count()).toBe(1);
    expect(await trend.locator("tbody tr").getAttribute("data-feedback-id")).toBe(earlier!.id);
    await expect
      .poll(() => trend.locator("svg [data-series]").count())
      .toBe(catalog.dimensions.length + 1);
    await expect
      .poll(() => dotsPerLine(trend))
      .toEqual(Array(catalog.dimensions.length + 1).fill(1));

    // The interviewer opens the scorecard.
    await visit(interviewer, formPath);
    await expectVisibleText(
      interviewer.getByRole("heading", { level: 1 }),
      `Scorecard for ${candidateName}`,
    );
    await expectVisibleText(interviewer.locator(".feedback-form"), catalog.question.title);
    const draftStatus = interviewer.getByTestId("draft-status");
    await expectVisibleText(draftStatus, "Drafts save automatically as you type.");

    // Keyboard: focus the first score of the first dimension, Space picks it, the arrows
    // move the choice along the scale.
    const radio = (dim: string, value: number) =>
      interviewer.locator(`input[type="radio"][name="score.${dim}"][value="${value}"]`);
    await radio(firstDim.slug, 1).focus();
    await interviewer.keyboard.press("Space");
    await expect.poll(() => radio(firstDim.slug, 1).isChecked()).toBe(true);
    for (const value of [2, 3, 4]) {
      await interviewer.keyboard.press("ArrowRight");
      await expect.poll(() => radio(firstDim.slug, value).isChecked()).toBe(true);
      await expect
        .poll(() => interviewer.evaluate(() => (document.activeElement as HTMLInputElement).value))
        .toBe(String(value));
    }
    await interviewer.keyboard.press("ArrowLeft");
    await expect.poll(() => radio(firstDim.slug, 3).isChecked()).toBe(true);
    await interviewer.keyboard.press("ArrowRight");
    await expect.poll(() => radio(firstDim.slug, 4).isChecked()).toBe(true);

    // Typing in one evidence box saves a draft; a reload brings it back.
    const evidence = (dim: string) => interviewer.locator(`textarea[name="evidence.${dim}"]`);
    const evidenceText = `Split the input in two pointers and proved it terminates ${randomBytes(3).toString("hex")}.`;
    await evidence(firstDim.slug).click();
    await interviewer.keyboard.type(evidenceText);
    await expectVisibleText(draftStatus, /^Draft saved at /);
    await interviewer.reload();
    await waitForHydration(interviewer);
    await expectValue(evidence(firstDim.slug), evidenceText);
    await expect.poll(() => radio(firstDim.slug, 4).isChecked()).toBe(true);
    await expectVisibleText(interviewer.getByTestId("draft-status"), /^Draft restored from /);

    // The rest of the scorecard: strong everywhere.
    for (const d of catalog.dimensions.slice(1)) {
      await radio(d.slug, 4).check();
      await evidence(d.slug).fill(`Strong on ${d.name}: precise and quick.`);
    }
    await interviewer.locator('input[type="radio"][name="overall"][value="strong_hire"]').check();
    await interviewer.locator('textarea[name="strengths"]').fill("Calm, structured, tested.");
    await interviewer
      .locator('textarea[name="improvements"]')
      .fill("State the complexity before coding.");
    await interviewer.locator('select[name="practiseRound"]').selectOption("coding");
    await interviewer.locator('input[name="practiseTopic"]').fill("graphs");
    await interviewer.getByRole("button", { name: "Submit feedback" }).click();
    await interviewer.waitForURL((url) => new RegExp(`^/feedback/${UUID}$`).test(url.pathname));
    const scorecardId = pathOf(interviewer).split("/")[2]!;
    await expectVisibleText(interviewer.getByRole("status").first(), "Submitted. Thank you.");
    await expectVisibleText(
      interviewer.locator(".notice--info"),
      `${candidateName} cannot read this yet.`,
    );

    // Not revealed yet: the candidate has no new scorecard, and its page does not exist.
    await visit(candidate, "/feedback");
    const received = candidate.getByRole("region", { name: "Scorecards you received" });
    await expectVisibleText(received, "Coding at L5");
    expect(await received.locator(`a[href="/feedback/${scorecardId}"]`).count()).toBe(0);
    expect(await received.locator(`a[href="/feedback/${earlier!.id}"]`).count()).toBe(1);
    browser.allowConsoleErrors(
      /^Failed to load resource: the server responded with a status of 404 /,
    );
    const early = await candidate.goto(`/feedback/${scorecardId}`);
    expect(early?.status()).toBe(404);

    // The candidate rates the interviewer.
    await visit(candidate, formPath);
    await expectVisibleText(
      candidate.getByRole("heading", { level: 1 }),
      `Rate ${interviewerName} as your interviewer`,
    );
    for (const [name, value] of [
      ["preparation", "4"],
      ["helpfulness", "5"],
      ["clarity", "4"],
      ["wouldPractiseAgain", "yes"],
    ] as const) {
      await candidate.locator(`input[type="radio"][name="${name}"][value="${value}"]`).check();
    }
    await candidate.locator('textarea[name="comment"]').fill("Good hints at the right time.");
    await candidate.getByRole("button", { name: "Submit feedback" }).click();
    await candidate.waitForURL((url) => new RegExp(`^/feedback/${UUID}$`).test(url.pathname));
    expect(pathOf(candidate)).not.toBe(`/feedback/${scorecardId}`);

    // Revealed: listed, and readable in full.
    await visit(candidate, "/feedback");
    const link = received.locator(`a[href="/feedback/${scorecardId}"]`);
    await expectVisibleText(link, "Coding at L5");
    await link.click();
    await candidate.waitForURL((url) => url.pathname === `/feedback/${scorecardId}`);
    await expectVisibleText(
      candidate.getByRole("heading", { level: 1 }),
      `Scorecard from ${interviewerName}`,
    );
    const scores = candidate.getByRole("region", { name: "Scores and evidence" });
    await expectVisibleText(scores, evidenceText);
    await expectVisibleText(
      candidate.getByRole("region", { name: "The question" }),
      catalog.question.title,
    );

    // Progress: the new scorecard is in the chart and its table, and readiness moved.
    await visit(candidate, "/progress");
    await expect.poll(() => trend.locator("tbody tr").count()).toBe(2);
    expect(await trend.locator(`tbody tr[data-feedback-id="${scorecardId}"]`).count()).toBe(1);
    await expect
      .poll(() => dotsPerLine(trend))
      .toEqual(Array(catalog.dimensions.length + 1).fill(2));
    const after = await readinessPercent(candidate, "coding");
    expect(after).not.toBe(baseline);
    expect(after).toBeGreaterThan(baseline);

    // A stranger: no feedback, no form, a 404 page for both (each route words its own).
    for (const [path, heading] of [
      [`/feedback/${scorecardId}`, "No such feedback"],
      [formPath, "No feedback to write here"],
    ] as const) {
      const response = await stranger.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      await expectVisibleText(stranger.getByRole("heading", { level: 1 }), heading);
    }
  }, 120_000);
});
