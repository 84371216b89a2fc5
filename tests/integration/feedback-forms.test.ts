import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { feedback, feedbackDrafts } from "#db/schema";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  feedbackCounts,
  HOUR,
  insertSession,
  loopRounds,
  MINUTE,
  ratingForm,
  scorecardForm,
  signIn,
} from "../support/feedback-fixtures";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

// The scorecard and rating forms over HTTP, for every round of the shipped loop: a bad
// form answers 400 with the field's error on the page and stores nothing.

setupFreshDatabase();
const server = setupTestServer();

const TOO_LONG = "Keep this under 4,000 characters.";
const oversized = "x".repeat(4001);

interface RoundCase {
  slug: string;
  name: string;
  dims: { slug: string; name: string }[];
  sessionId: string;
}

let interviewer: HttpClient;
let candidate: HttpClient;
let swapInterviewer: HttpClient;
const roundCases: RoundCase[] = [];
const spare: Record<
  "draft" | "rejectedDraft" | "ratingDraft" | "exact" | "double" | "liveOneWay" | "liveSwap",
  string
> = {} as never;
let codingDims: { slug: string; name: string }[];

beforeAll(async () => {
  const cand = await createUser({ name: "Cara Candidate" });
  const intv = await createUser({ name: "Ivo Interviewer" });
  const now = Date.now();
  // One pair of people, sessions two hours apart so they never overlap.
  let slot = 0;
  const completed = (round: string) => {
    slot += 1;
    const startsAt = new Date(now - (2 * slot + 2) * HOUR);
    return insertSession({
      candidateId: cand.id,
      interviewerId: intv.id,
      round,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
    });
  };
  for (const round of await loopRounds()) {
    roundCases.push({
      slug: round.slug,
      name: round.name,
      dims: await dimensionsOf(round.slug),
      sessionId: await completed(round.slug),
    });
  }
  spare.draft = await completed("coding");
  spare.rejectedDraft = await completed("coding");
  spare.ratingDraft = await completed("coding");
  spare.exact = await completed("coding");
  spare.double = await completed("coding");
  // Running now: one-way in its only half, and a swap still in half 1.
  spare.liveOneWay = await insertSession({
    candidateId: cand.id,
    interviewerId: intv.id,
    status: "in_progress",
    currentHalf: 1,
    startsAt: new Date(now - 20 * MINUTE),
    endsAt: new Date(now + 40 * MINUTE),
  });
  // A swap in half 1 between two others: the peer interviews the booker first.
  const booker = await createUser({ name: "Bea Booker" });
  const peer = await createUser({ name: "Per Peer" });
  spare.liveSwap = await insertSession({
    candidateId: booker.id,
    interviewerId: peer.id,
    format: "swap",
    status: "in_progress",
    currentHalf: 1,
    startsAt: new Date(now - 20 * MINUTE),
    endsAt: new Date(now + 100 * MINUTE),
  });
  codingDims = await dimensionsOf("coding");
  interviewer = await signIn(server.client(), intv.email);
  candidate = await signIn(server.client(), cand.email);
  swapInterviewer = await signIn(server.client(), peer.email);
});

/** The values of the checked radios named `name` in a page (attribute order aside). */
function checkedValues(html: string, name: string): string[] {
  return [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(`name="${name}"`) && /\schecked=""/.test(tag))
    .map((tag) => tag.match(/\svalue="([^"]*)"/)?.[1] ?? "");
}

function selectedValues(html: string): string[] {
  return [...html.matchAll(/<option\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /\sselected=""/.test(tag))
    .map((tag) => tag.match(/\svalue="([^"]*)"/)?.[1] ?? "");
}

async function expectRefused(
  c: RoundCase,
  form: Record<string, string>,
  expectedError: string,
  label: string,
) {
  const before = await feedbackCounts();
  const response = await interviewer.post(`/sessions/${c.sessionId}/feedback/1`, form);
  const html = await response.text();
  expect(response.status, `${c.slug}: ${label}`).toBe(400);
  expect(errorTexts(html).join("\n"), `${c.slug}: ${label}`).toContain(expectedError);
  expect(await feedbackCounts(), `${c.slug}: ${label} stored something`).toEqual(before);
}

describe("scorecard validation, for every round of the loop", () => {
  it("covers every round in the database", () => {
    expect(roundCases.length).toBeGreaterThanOrEqual(8);
    for (const c of roundCases) expect(c.dims.length, c.slug).toBeGreaterThan(0);
  });

  it("refuses bad scorecards with 400 and a field error, then takes a valid one", async () => {
    for (const c of roundCases) {
      const first = c.dims[0]!;
      const last = c.dims[c.dims.length - 1]!;
      const valid = () => scorecardForm(c.dims, { marker: c.slug, practiseRound: c.slug });

      const noEvidence = valid();
      delete noEvidence[`evidence.${first.slug}`];
      await expectRefused(
        c,
        noEvidence,
        `Write the evidence behind the ${first.name} score.`,
        "missing evidence",
      );

      const blankEvidence = { ...valid(), [`evidence.${first.slug}`]: "   " };
      await expectRefused(
        c,
        blankEvidence,
        `Write the evidence behind the ${first.name} score.`,
        "blank evidence",
      );

      for (const score of ["0", "5"]) {
        await expectRefused(
          c,
          { ...valid(), [`score.${first.slug}`]: score },
          `Score ${first.name} from 1 to 4.`,
          `score ${score}`,
        );
      }

      await expectRefused(
        c,
        { ...valid(), "score.bogus": "3", "evidence.bogus": "Made up." },
        `${c.name} has no such dimension. Reload the page and try again.`,
        "unknown dimension",
      );

      await expectRefused(c, { ...valid(), strengths: oversized }, TOO_LONG, "long strengths");
      await expectRefused(
        c,
        { ...valid(), [`evidence.${last.slug}`]: oversized },
        TOO_LONG,
        "long evidence",
      );

      // The same form without the fault is accepted: each 400 above was for its fault.
      const before = await feedbackCounts();
      const ok = await interviewer.post(`/sessions/${c.sessionId}/feedback/1`, valid());
      expect(ok.status, `${c.slug}: valid`).toBe(302);
      expect(ok.headers.get("location")).toMatch(/^\/feedback\/[0-9a-f-]{36}\?submitted=1$/);
      expect(await feedbackCounts()).toEqual({
        feedback: before.feedback + 1,
        scores: before.scores + c.dims.length,
        drafts: before.drafts,
      });
    }
  });

  it("accepts exactly 4,000 characters", async () => {
    const sessionId = spare.exact;
    const form = scorecardForm(codingDims);
    form.strengths = "y".repeat(4000);
    form[`evidence.${codingDims[0]!.slug}`] = "z".repeat(4000);
    const response = await interviewer.post(`/sessions/${sessionId}/feedback/1`, form);
    expect(response.status).toBe(302);
    expect(await feedbackCounts([sessionId])).toMatchObject({
      feedback: 1,
      scores: codingDims.length,
    });
  });
});

describe("drafts", () => {
  it("saves a scorecard draft and renders it on reload", async () => {
    const [first, second] = codingDims;
    const path = `/sessions/${spare.draft}/feedback/1`;
    const saved = await interviewer.post(path, {
      intent: "draft",
      [`score.${first!.slug}`]: "2",
      [`evidence.${first!.slug}`]: "Draft evidence: hesitated on the base case",
      [`score.${second!.slug}`]: "",
      overall: "no_hire",
      strengths: "Draft strengths & <clarity>",
      practiseRound: "system-design",
      practiseTopic: "Draft topic",
    });
    expect(saved.status).toBe(200);
    expect(await feedbackCounts([spare.draft])).toEqual({ feedback: 0, scores: 0, drafts: 1 });

    const html = await (await interviewer.get(path)).text();
    expect(html).toContain("Draft evidence: hesitated on the base case");
    expect(html).toContain("Draft strengths &amp; &lt;clarity&gt;");
    expect(html).toContain('value="Draft topic"');
    expect(checkedValues(html, `score.${first!.slug}`)).toEqual(["2"]);
    expect(checkedValues(html, `score.${second!.slug}`)).toEqual([]);
    expect(checkedValues(html, "overall")).toEqual(["no_hire"]);
    expect(selectedValues(html)).toEqual(["system-design"]);
    expect(html).toContain("Draft restored from");

    // A second save replaces the first: still one draft, the new values shown.
    const again = await interviewer.post(path, { intent: "draft", strengths: "Second draft" });
    expect(again.status).toBe(200);
    expect(await feedbackCounts([spare.draft])).toMatchObject({ drafts: 1 });
    const reloaded = await (await interviewer.get(path)).text();
    expect(reloaded).toContain("Second draft");
    expect(reloaded).not.toContain("Draft evidence: hesitated");

    // Submitting removes the draft.
    const submitted = await interviewer.post(path, scorecardForm(codingDims));
    expect(submitted.status).toBe(302);
    expect(await feedbackCounts([spare.draft])).toMatchObject({ feedback: 1, drafts: 0 });
  });

  it("saves a rating draft and renders it on reload", async () => {
    const path = `/sessions/${spare.ratingDraft}/feedback/1`;
    const saved = await candidate.post(path, {
      intent: "draft",
      preparation: "3",
      wouldPractiseAgain: "no",
      comment: "Rating draft comment",
    });
    expect(saved.status).toBe(200);
    const html = await (await candidate.get(path)).text();
    expect(html).toContain("Rating draft comment");
    expect(checkedValues(html, "preparation")).toEqual(["3"]);
    expect(checkedValues(html, "helpfulness")).toEqual([]);
    expect(checkedValues(html, "wouldPractiseAgain")).toEqual(["no"]);
  });

  it("refuses a draft with an unknown field or an oversized value, storing nothing", async () => {
    const target = `/sessions/${spare.rejectedDraft}/feedback/1`;
    const cases: Record<string, Record<string, string>> = {
      "unknown field": { intent: "draft", strengths: "ok", "score.bogus": "3" },
      "unknown top-level field": { intent: "draft", notes: "not a field" },
      "oversized strengths": { intent: "draft", strengths: oversized },
      "oversized evidence": { intent: "draft", [`evidence.${codingDims[0]!.slug}`]: oversized },
      "rating field on a scorecard": { intent: "draft", comment: "wrong form" },
    };
    for (const [label, form] of Object.entries(cases)) {
      const response = await interviewer.post(target, form);
      expect(response.status, label).toBe(400);
      expect(await feedbackCounts([spare.rejectedDraft]), label).toEqual({
        feedback: 0,
        scores: 0,
        drafts: 0,
      });
    }
    // The candidate's rating form refuses likewise, and the draft saved above is kept.
    const rating = `/sessions/${spare.ratingDraft}/feedback/1`;
    const ratingCases: Record<string, string>[] = [
      { intent: "draft", comment: oversized },
      { intent: "draft", strengths: "scorecard field on a rating" },
    ];
    for (const form of ratingCases) {
      const response = await candidate.post(rating, form);
      expect(response.status).toBe(400);
    }
    const [kept] = await getDb()
      .select({ values: feedbackDrafts.values })
      .from(feedbackDrafts)
      .where(
        and(eq(feedbackDrafts.sessionId, spare.ratingDraft), eq(feedbackDrafts.kind, "rating")),
      );
    expect(kept?.values).toEqual({
      preparation: "3",
      wouldPractiseAgain: "no",
      comment: "Rating draft comment",
    });
    const html = await (await candidate.get(rating)).text();
    expect(html).toContain("Rating draft comment");
  });
});

describe("submitting", () => {
  it("stores one row for two concurrent identical submits", async () => {
    const path = `/sessions/${spare.double}/feedback/1`;
    const form = scorecardForm(codingDims, { marker: "double" });
    const [a, b] = await Promise.all([interviewer.post(path, form), interviewer.post(path, form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.headers.get("location")).toBe(b.headers.get("location"));
    expect(await feedbackCounts([spare.double])).toEqual({
      feedback: 1,
      scores: codingDims.length,
      drafts: 0,
    });
    // And the rating, concurrently too.
    const rating = `/sessions/${spare.double}/feedback/1`;
    const [c, d] = await Promise.all([
      candidate.post(rating, ratingForm()),
      candidate.post(rating, ratingForm()),
    ]);
    expect([c.status, d.status]).toEqual([302, 302]);
    const rows = await getDb()
      .select({ kind: feedback.kind })
      .from(feedback)
      .where(eq(feedback.sessionId, spare.double));
    expect(rows.map((r) => r.kind).sort()).toEqual(["rating", "scorecard"]);
  });

  it("answers 409 with a clear message before the half is over, storing nothing", async () => {
    for (const [label, sessionId] of [
      ["one-way in progress", spare.liveOneWay],
      ["swap in half 1", spare.liveSwap],
    ] as const) {
      const path = `/sessions/${sessionId}/feedback/1`;
      const before = await feedbackCounts([sessionId]);
      const author = sessionId === spare.liveSwap ? swapInterviewer : interviewer;
      const response = await author.post(path, scorecardForm(codingDims));
      const html = await response.text();
      expect(response.status, label).toBe(409);
      expect(html, label).toContain(
        "This half is not over yet: write the feedback once it has ended.",
      );
      expect(await feedbackCounts([sessionId]), label).toEqual(before);
      expect(before.feedback).toBe(0);
    }
    // The swap's second half is not over either.
    const second = await swapInterviewer.post(
      `/sessions/${spare.liveSwap}/feedback/2`,
      ratingForm(),
    );
    expect(second.status).toBe(409);
    expect(await feedbackCounts([spare.liveSwap])).toEqual({ feedback: 0, scores: 0, drafts: 0 });
  });
});
