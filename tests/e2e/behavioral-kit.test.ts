import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
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

// A behavioral room with its kit, in two real browsers against the real server. A
// one-way Behavioral mock running now is written straight into the database. The
// interviewer's kit shows the probe ladder of each value; the candidate's page carries
// none of it. The interviewer notes a story as STAR, tagged with the value it shows
// (autosaved), and after the session cites it in the scorecard's evidence. Once the
// candidate has rated the interviewer too, the scorecard is revealed and the candidate
// reads the cited story with it.
//
// Needs the server's PostgreSQL database (DATABASE_URL set for the run): on PGlite the
// server holds the database's lock and the session cannot be written from here.

const browser = setupBrowser();
const databaseUrl = inject("databaseUrl");
const database = serverDatabaseOf("behavioral kit e2e");

const MINUTE = 60_000;
const SCREENSHOTS = process.env.KIT_SCREENSHOTS;

/** Signs up in the browser; the new person's id. */
const signUp = (page: Page, name: string, email: string) =>
  signUpForId(database(), page, name, email);

/** A one-way Behavioral mock at L5 running now: `candidate` interviewed by `interviewer`. */
function insertLiveBehavioral(people: { candidate: string; interviewer: string }) {
  return insertSession(people, "behavioral", new Date(Date.now() - 5 * MINUTE), "in_progress");
}

/** A one-way mock of `round` at L5, 45 minutes from `startsAt`. */
function insertSession(
  people: { candidate: string; interviewer: string },
  round: string,
  startsAt: Date,
  status: "in_progress" | "completed",
) {
  return insertOneWaySession(database(), people, { round, startsAt, status });
}

const describeOnPostgres = databaseUrl ? describe : describe.skip;
if (!databaseUrl) {
  console.warn("behavioral-kit.test.ts: skipped, it needs DATABASE_URL (PostgreSQL) for the run");
}

describeOnPostgres("a behavioral room with its kit", () => {
  it("gives the interviewer probe ladders and STAR notes, cited in the scorecard", async () => {
    const sql = database();
    const candidate = await browser.newPage({ timezoneId: ZONE });
    const interviewer = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1400, height: 1000 },
    });
    const candidateName = "Bea Behavioral";
    const interviewerName = "Ike Interviewer";
    const candidateId = await signUp(candidate, candidateName, uniqueEmail("kit-cand"));
    const interviewerId = await signUp(interviewer, interviewerName, uniqueEmail("kit-int"));
    const { sessionId, dimensions } = await insertLiveBehavioral({
      candidate: candidateId,
      interviewer: interviewerId,
    });
    const roomPath = `/sessions/${sessionId}`;
    const opening = "Tell me about a time the data showed your approach was wrong.";

    // The candidate's page and its data never carry the kit (nor its probes).
    const candidateData: string[] = [];
    candidate.on("response", async (response) => {
      if (new URL(response.url()).pathname.startsWith(roomPath)) {
        candidateData.push(await response.text().catch(() => ""));
      }
    });

    // The interviewer's kit: the question, then the probe ladder of each value.
    await visit(interviewer, roomPath);
    const kit = interviewer.getByRole("complementary", { name: /^Interviewer kit/ });
    await expectVisibleText(kit.getByText("Only you can see this"), "Only you can see this");
    const ladders = kit.getByTestId("probe-ladders");
    await expectVisibleText(ladders.locator("summary").first(), "Probe ladder per value");
    await ladders.locator("details summary", { hasText: "Truth-seeking" }).click();
    await expectVisibleText(ladders, opening);
    await expect.poll(() => kit.locator("details.kit__ladder").count()).toBe(6);

    await visit(candidate, roomPath);
    await expectVisibleText(
      candidate.getByRole("heading", { name: "You are interviewed" }),
      "You are interviewed",
    );
    expect(await candidate.getByText("Interviewer kit").count()).toBe(0);
    await candidate.reload();
    await waitForHydration(candidate);
    expect(candidateData.length).toBeGreaterThan(0);
    for (const body of candidateData) expect(body).not.toContain(opening);

    // A story, noted as STAR and tagged with its value; it saves itself.
    await kit.getByRole("button", { name: "Add a story" }).click();
    const story = kit.getByTestId("story-note").first();
    await expectVisibleText(story.locator("legend"), "Story 1");
    const marker = randomBytes(3).toString("hex");
    const situation = `A launch where the dashboard disagreed with the plan ${marker}`;
    await story.getByLabel("Title").fill("The rollout the numbers stopped");
    await story.getByLabel("Value it evidences").selectOption({ label: "Truth-seeking" });
    await story.getByLabel("Situation").fill(situation);
    await story.getByLabel("Task").fill("Own the rollout to every region");
    await story.getByLabel("Action").fill("Paused it, read the error budget, told the team");
    await story.getByLabel("Result").fill("Fixed the cause in a day; errors back under 0.1%");
    await expectVisibleText(story.getByRole("status"), "Saved");
    await expect
      .poll(
        async () =>
          (
            await sql<{ situation: string }[]>`
            select situation from story_notes where session_id = ${sessionId}`
          )[0]?.situation,
      )
      .toBe(situation);
    if (SCREENSHOTS) {
      await kit.screenshot({ path: `${SCREENSHOTS}/behavioral-kit.png` });
      await candidate.screenshot({
        path: `${SCREENSHOTS}/behavioral-candidate.png`,
        fullPage: true,
      });
    }
    // Reloaded, the story is still there.
    await interviewer.reload();
    await waitForHydration(interviewer);
    await expectValue(kit.getByTestId("story-note").first().getByLabel("Situation"), situation);

    // The session ends; the interviewer writes the scorecard and cites the story.
    await sql`
      update mock_sessions
      set starts_at = now() - interval '60 minutes', ends_at = now() - interval '15 minutes',
          status = 'completed'
      where id = ${sessionId}`;
    const formPath = `/sessions/${sessionId}/feedback/1`;
    await visit(interviewer, formPath);
    await expectVisibleText(
      interviewer.getByRole("heading", { level: 1 }),
      `Scorecard for ${candidateName}`,
    );
    for (const d of dimensions) {
      await interviewer.locator(`input[type="radio"][name="score.${d.slug}"][value="3"]`).check();
      await interviewer.locator(`textarea[name="evidence.${d.slug}"]`).fill(`Solid on ${d.name}.`);
    }
    await interviewer
      .locator('select[name="story.truth-seeking"]')
      .selectOption({ label: "Story 1: The rollout the numbers stopped (Truth-seeking)" });
    await interviewer.locator('input[type="radio"][name="overall"][value="hire"]').check();
    await interviewer.locator('textarea[name="strengths"]').fill("Owns mistakes quickly.");
    await interviewer.locator('textarea[name="improvements"]').fill("Quantify results sooner.");
    if (SCREENSHOTS) {
      await interviewer
        .locator('select[name="story.truth-seeking"]')
        .screenshot({ path: `${SCREENSHOTS}/scorecard-cite.png` });
    }
    await interviewer.getByRole("button", { name: "Submit feedback" }).click();
    await interviewer.waitForURL((url) => new RegExp(`^/feedback/${UUID}$`).test(url.pathname));
    const scorecardId = new URL(interviewer.url()).pathname.split("/")[2]!;

    // The candidate rates the interviewer; then the scorecard is revealed with the story.
    await visit(candidate, formPath);
    for (const [name, value] of [
      ["preparation", "4"],
      ["helpfulness", "5"],
      ["clarity", "4"],
      ["wouldPractiseAgain", "yes"],
    ] as const) {
      await candidate.locator(`input[type="radio"][name="${name}"][value="${value}"]`).check();
    }
    await candidate.getByRole("button", { name: "Submit feedback" }).click();
    await candidate.waitForURL((url) => new RegExp(`^/feedback/${UUID}$`).test(url.pathname));
    await visit(candidate, `/feedback/${scorecardId}`);
    const cited = candidate.getByTestId("cited-story");
    await expectVisibleText(cited, "Story: The rollout the numbers stopped");
    await expectVisibleText(cited, situation);
    await expectVisibleText(cited, "evidences Truth-seeking");
    if (SCREENSHOTS) await cited.screenshot({ path: `${SCREENSHOTS}/cited-story.png` });
  });

  it("says plainly when the bank has run out, and asks a repeat or your own question only by choice", async () => {
    const sql = database();
    const candidate = await browser.newPage({ timezoneId: ZONE });
    const interviewer = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1400, height: 1000 },
    });
    const candidateId = await signUp(candidate, "Rhea Regular", uniqueEmail("kit-regular"));
    const interviewerId = await signUp(interviewer, "Ola Owner", uniqueEmail("kit-owner"));
    const { sessionId } = await insertLiveBehavioral({
      candidate: candidateId,
      interviewer: interviewerId,
    });
    // The candidate has met every Behavioral question of the bank, one a day.
    const bank = await sql<{ id: number; title: string }[]>`
      select q.id, q.title from questions q join rounds r on r.id = q.round_id
      where r.slug = 'behavioral' order by q.id`;
    const [session] = await sql<{ loopId: number; roundId: number }[]>`
      select loop_id as "loopId", round_id as "roundId" from mock_sessions where id = ${sessionId}`;
    for (const [i, question] of bank.entries()) {
      const startsAt = new Date(Date.now() - (bank.length - i + 1) * 24 * 60 * MINUTE);
      const endsAt = new Date(startsAt.getTime() + 45 * MINUTE);
      const during = `[${startsAt.toISOString()},${endsAt.toISOString()})`;
      const [past] = await sql<{ id: string }[]>`
        insert into mock_sessions
          (loop_id, round_id, format, starts_at, ends_at, status, booked_by, idempotency_key)
        values (${session!.loopId}, ${session!.roundId}, 'one_way', ${startsAt}, ${endsAt},
                'completed', ${candidateId}, ${`e2e-kit-${randomUUID()}`})
        returning id`;
      await sql`
        insert into session_participants (session_id, user_id, role, during)
        values (${past!.id}, ${candidateId}, 'candidate', ${during}::tstzrange),
               (${past!.id}, ${interviewerId}, 'interviewer', ${during}::tstzrange)`;
      await sql`
        insert into session_questions
          (session_id, half, question_id, interviewer_id, candidate_id, assigned_at)
        values (${past!.id}, 1, ${question.id}, ${interviewerId}, ${candidateId}, ${startsAt})`;
    }
    const oldest = bank[0]!;

    await visit(interviewer, `/sessions/${sessionId}`);
    const kit = interviewer.getByRole("complementary", { name: /^Interviewer kit/ });
    const runOut = kit.getByTestId("bank-run-out");
    await expectVisibleText(runOut, "The bank has run out for this candidate");
    await expectVisibleText(runOut, oldest.title);
    // Nothing was assigned behind the interviewer's back.
    expect(await sql`select 1 from session_questions where session_id = ${sessionId}`).toHaveLength(
      0,
    );
    if (SCREENSHOTS) await kit.screenshot({ path: `${SCREENSHOTS}/run-out.png` });

    await runOut.getByRole("button", { name: "Ask it again, by choice" }).click();
    await expectVisibleText(
      kit.getByText("asked again, by your choice"),
      "asked again, by your choice",
    );
    const [repeat] = await sql<{ questionId: number; repeat: boolean }[]>`
      select question_id as "questionId", repeat from session_questions where session_id = ${sessionId}`;
    expect(repeat).toEqual({ questionId: oldest.id, repeat: true });

    // Or a question of one's own, which replaces it and joins the interviewer's list.
    const own = kit.getByTestId("own-question");
    await own.locator("summary").click();
    await own.getByLabel("Title").fill("The hardest feedback you gave");
    await own
      .getByLabel("What you ask")
      .fill("Tell me about the hardest feedback you gave a peer.");
    await own.getByLabel("Follow-ups (one per line, optional)").fill("How did they take it?");
    await own.getByRole("button", { name: "Save to my list and ask it" }).click();
    await expectVisibleText(kit.locator("h2"), "The hardest feedback you gave");
    await expectVisibleText(kit.getByText("your own", { exact: true }), "your own");
    if (SCREENSHOTS) await kit.screenshot({ path: `${SCREENSHOTS}/own-question.png` });
    // The candidate never sees it.
    await visit(candidate, `/sessions/${sessionId}`);
    expect(await candidate.getByText("The hardest feedback you gave").count()).toBe(0);
  });

  it("lets the hiring-manager kit revisit flagged areas only once the candidate shares them", async () => {
    const sql = database();
    const candidate = await browser.newPage({ timezoneId: ZONE });
    const manager = await browser.newPage({
      timezoneId: ZONE,
      viewport: { width: 1400, height: 1000 },
    });
    const candidateId = await signUp(candidate, "Cy Career", uniqueEmail("kit-hm-cand"));
    const managerId = await signUp(manager, "Mo Manager", uniqueEmail("kit-hm-mgr"));
    const people = { candidate: candidateId, interviewer: managerId };
    // Two weeks ago: a Coding scorecard, revealed, weakest on its last dimension.
    const earlier = await insertSession(
      people,
      "coding",
      new Date(Date.now() - 14 * 24 * 60 * MINUTE),
      "completed",
    );
    const [card] = await sql<{ id: string }[]>`
      insert into feedback
        (session_id, half, kind, author_id, recipient_id, round_id, target_level_id, overall,
         strengths, improvements, practise_round_id, submitted_at)
      values (${earlier.sessionId}, 1, 'scorecard', ${managerId}, ${candidateId}, ${earlier.roundId},
              ${earlier.levelId}, 'no_hire', 'Clear plan.', 'Private words of the earlier interviewer.',
              ${earlier.roundId}, now() - interval '13 days')
      returning id`;
    const weakest = earlier.dimensions[earlier.dimensions.length - 1]!;
    for (const d of earlier.dimensions) {
      await sql`
        insert into feedback_scores (feedback_id, dimension_id, score, evidence)
        values (${card!.id}, ${d.id}, ${d.id === weakest.id ? 1 : 3}, 'Earlier evidence.')`;
    }
    await sql`
      insert into feedback_reveals (session_id, half, revealed_at, reason)
      values (${earlier.sessionId}, 1, now() - interval '13 days', 'both_submitted')`;
    const { sessionId } = await insertSession(
      people,
      "hiring-manager",
      new Date(Date.now() - 5 * MINUTE),
      "in_progress",
    );

    await visit(manager, `/sessions/${sessionId}`);
    const kit = manager.getByRole("complementary", { name: /^Interviewer kit/ });
    const flagged = kit.getByTestId("flagged-areas");
    await expectVisibleText(flagged, "has not shared what earlier scorecards flagged");

    // The candidate turns sharing on, on /profile (off by default).
    await visit(candidate, "/profile");
    await expectVisibleText(
      candidate.getByTestId("sharing-state"),
      "Off: nothing is shared (the default).",
    );
    await candidate
      .getByRole("button", { name: "Share flagged areas with hiring-manager mocks" })
      .click();
    await expectVisibleText(
      candidate.getByTestId("sharing-state"),
      "You share your flagged areas.",
    );

    await manager.reload();
    await waitForHydration(manager);
    await expectVisibleText(flagged, `${weakest.name}: 1/4 in Coding`);
    expect(await kit.textContent()).not.toContain("Private words of the earlier interviewer.");
    if (SCREENSHOTS) await flagged.screenshot({ path: `${SCREENSHOTS}/flagged-areas.png` });
  });
});
