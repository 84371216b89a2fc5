import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  dimensions,
  feedback,
  feedbackScores,
  loops,
  mockSessions,
  rounds,
  sessionStoryShares,
} from "#db/schema";
import { toldScores } from "~/modules/stories/coverage.server";
import { SHARES_PER_SESSION_MAX } from "~/modules/stories/limits";
import { createStory, deleteStory } from "~/modules/stories/stories.server";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  insertLiveSession,
  LOOP_SLUG,
  ratingForm,
  scorecardForm,
  signIn,
} from "../support/feedback-fixtures";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

const MINUTE = 60_000;

async function valueIds() {
  const rows = await getDb()
    .select({ id: dimensions.id, slug: dimensions.slug })
    .from(dimensions)
    .innerJoin(rounds, eq(rounds.id, dimensions.roundId))
    .innerJoin(loops, eq(loops.id, rounds.loopId))
    .where(and(eq(loops.slug, LOOP_SLUG), eq(rounds.slug, "behavioral")));
  return Object.fromEntries(rows.map((r) => [r.slug, r.id])) as Record<string, number>;
}

/** Ends a session a few minutes ago, as the room's settlement would leave it. */
async function endSession(sessionId: string) {
  const now = Date.now();
  await getDb()
    .update(mockSessions)
    .set({
      startsAt: new Date(now - 50 * MINUTE),
      endsAt: new Date(now - 5 * MINUTE),
      status: "completed",
    })
    .where(eq(mockSessions.id, sessionId));
}

const SECRET = () => `secret-${randomUUID()}`;

async function storyOf(ownerId: string, title: string, values: number[]) {
  const secret = SECRET();
  const created = await createStory(ownerId, {
    title,
    situation: `Situation ${secret}`,
    task: `Task ${secret}`,
    action: `Action ${secret}`,
    result: `Result ${secret}`,
    values,
  });
  if (!created.ok) throw new Error(created.error);
  return { id: created.id, secret };
}

async function sharesOf(sessionId: string) {
  return getDb()
    .select()
    .from(sessionStoryShares)
    .where(eq(sessionStoryShares.sessionId, sessionId));
}

describe("sharing story titles into a behavioral mock", () => {
  it("shows the interviewer the titles and values, never the text, and the values left to probe", async () => {
    const v = await valueIds();
    const candidate = await createUser({ name: "Sharing Candidate" });
    const interviewer = await createUser({ name: "Kit Reader" });
    const truth = await storyOf(candidate.id, "Rolled back my own launch", [v["truth-seeking"]!]);
    const action = await storyOf(candidate.id, "Shipped before the data was in", [
      v["bias-for-action"]!,
      v["company-first"]!,
    ]);
    const unshared = await storyOf(candidate.id, "A story kept back", [v["raising-the-bar"]!]);
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const c = await signIn(server.client(), candidate.email);
    const i = await signIn(server.client(), interviewer.email);

    // The room chooses the half's question first; the kit shows once it has one.
    expect((await i.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const mine = await (await c.get(`/sessions/${sessionId}`)).text();
    expect(mine).toContain("Your stories for this mock");
    expect(mine).toContain("A story kept back");

    const shared = await c.post(`/sessions/${sessionId}`, {
      intent: "share-stories",
      stories: [truth.id, action.id],
    });
    expect(shared.status).toBe(200);
    expect((await sharesOf(sessionId)).map((s) => s.storyId).sort()).toEqual(
      [truth.id, action.id].sort(),
    );

    for (const path of [`/sessions/${sessionId}`, `/sessions/${sessionId}.data`]) {
      const page = (await (await i.get(path)).text()).replaceAll("<!-- -->", "");
      expect(page).toContain("Rolled back my own launch");
      expect(page).toContain("Shipped before the data was in");
      expect(page).toContain("Bias for action");
      expect(page).not.toContain("A story kept back");
      for (const secret of [truth.secret, action.secret, unshared.secret]) {
        expect(page).not.toContain(secret);
      }
      // The interviewer gets no share panel of their own.
      expect(page).not.toContain("Your stories for this mock");
    }
    const kit = (await (await i.get(`/sessions/${sessionId}`)).text()).replaceAll("<!-- -->", "");
    const uncovered = kit.match(/data-testid="uncovered-values">(.*?)<\/p>/)?.[1] ?? "";
    expect(uncovered).toContain("Customer obsession");
    expect(uncovered).toContain("Raising the bar");
    expect(uncovered).toContain("First-principles thinking");
    expect(uncovered).not.toContain("Truth-seeking");
    expect(uncovered).not.toContain("Company first");
    // The candidate's own page never holds the kit.
    expect(await (await c.get(`/sessions/${sessionId}.data`)).text()).not.toContain("uncovered");

    // Unsharing is sharing the new set.
    expect(
      (await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: [action.id] }))
        .status,
    ).toBe(200);
    expect((await sharesOf(sessionId)).map((s) => s.storyId)).toEqual([action.id]);
  });

  it("takes shares only from the session's candidate, only of their own stories", async () => {
    const v = await valueIds();
    const candidate = await createUser();
    const interviewer = await createUser();
    const stranger = await createUser();
    const own = await storyOf(candidate.id, "Mine", [v["truth-seeking"]!]);
    const interviewersStory = await storyOf(interviewer.id, "The interviewer's", [
      v["truth-seeking"]!,
    ]);
    const strangersStory = await storyOf(stranger.id, "A stranger's", [v["truth-seeking"]!]);
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const c = await signIn(server.client(), candidate.email);
    const i = await signIn(server.client(), interviewer.email);
    const s = await signIn(server.client(), stranger.email);
    await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: [own.id] });

    // Someone else's story, alone or beside one's own: 404, and nothing changes.
    for (const stories of [[strangersStory.id], [own.id, interviewersStory.id]]) {
      const response = await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories });
      expect(response.status).toBe(404);
    }
    // The one-way interviewer is not a candidate here; a stranger is not in the session.
    expect(
      (
        await i.post(`/sessions/${sessionId}`, {
          intent: "share-stories",
          stories: [interviewersStory.id],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await s.post(`/sessions/${sessionId}`, {
          intent: "share-stories",
          stories: [strangersStory.id],
        })
      ).status,
    ).toBe(404);
    expect(
      (await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: ["nope"] }))
        .status,
    ).toBe(400);
    expect((await sharesOf(sessionId)).map((r) => r.storyId)).toEqual([own.id]);

    // The database refuses what the app would: someone else's story, or a non-participant.
    await expect(
      getDb()
        .insert(sessionStoryShares)
        .values({ sessionId, storyId: strangersStory.id, candidateId: candidate.id }),
    ).rejects.toThrow();
    await expect(
      getDb()
        .insert(sessionStoryShares)
        .values({ sessionId, storyId: strangersStory.id, candidateId: stranger.id }),
    ).rejects.toThrow();
  });

  it(`caps a mock at ${SHARES_PER_SESSION_MAX} titles, is closed once the session is over, and is for story rounds only`, async () => {
    const v = await valueIds();
    const candidate = await createUser();
    const interviewer = await createUser();
    const many = [];
    for (let n = 0; n <= SHARES_PER_SESSION_MAX; n++) {
      many.push((await storyOf(candidate.id, `Story ${n}`, [v["truth-seeking"]!])).id);
    }
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const c = await signIn(server.client(), candidate.email);
    const tooMany = await c.post(`/sessions/${sessionId}`, {
      intent: "share-stories",
      stories: many,
    });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain(`at most ${SHARES_PER_SESSION_MAX} titles`);
    expect(await sharesOf(sessionId)).toHaveLength(0);

    await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: many.slice(0, 2) });
    await endSession(sessionId);
    const late = await c.post(`/sessions/${sessionId}`, {
      intent: "share-stories",
      stories: many.slice(0, 3),
    });
    expect(late.status).toBe(409);
    expect(await sharesOf(sessionId)).toHaveLength(2);

    const coding = await insertLiveSession(candidate.id, interviewer.id, { round: "coding" });
    expect(
      (await c.post(`/sessions/${coding}`, { intent: "share-stories", stories: [many[0]!] }))
        .status,
    ).toBe(404);
    expect(await (await c.get(`/sessions/${coding}`)).text()).not.toContain(
      "Your stories for this mock",
    );
  });

  it("in a swap, each half's candidate shares their own, and each kit shows its candidate's", async () => {
    const v = await valueIds();
    const booker = await createUser({ name: "Swap Booker" });
    const peer = await createUser({ name: "Swap Peer" });
    const bookers = await storyOf(booker.id, "Booker's story", [v["truth-seeking"]!]);
    const peers = await storyOf(peer.id, "Peer's story", [v["customer-obsession"]!]);
    const sessionId = await insertLiveSession(booker.id, peer.id, { format: "swap" });
    const b = await signIn(server.client(), booker.email);
    const p = await signIn(server.client(), peer.email);
    expect((await p.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    expect(
      (await b.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: [bookers.id] }))
        .status,
    ).toBe(200);
    expect(
      (await p.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: [peers.id] }))
        .status,
    ).toBe(200);
    // Half 1: the peer interviews the booker, and sees the booker's title only.
    const page = await (await p.get(`/sessions/${sessionId}`)).text();
    const kit = page.match(/data-testid="shared-stories"[\s\S]*?<\/details>/)?.[0] ?? "";
    expect(kit).toContain("Booker&#x27;s story");
    expect(kit).not.toContain("Peer&#x27;s story");
    expect(page).not.toContain(bookers.secret);
    // The peer's own panel (they are half 2's candidate) lists their story to share.
    expect(page).toContain("Your stories for this mock");
  });
});

describe(`tagging a score with a shared story, and the map (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("stores the link, moves the map only once revealed, and keeps the score when the story goes", async () => {
    const v = await valueIds();
    const dims = await dimensionsOf("behavioral");
    const candidate = await createUser({ name: "Told Candidate" });
    const interviewer = await createUser();
    const truth = await storyOf(candidate.id, "Rolled back my own launch", [v["truth-seeking"]!]);
    const other = await storyOf(candidate.id, "Never shared", [v["truth-seeking"]!]);
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const c = await signIn(server.client(), candidate.email);
    const i = await signIn(server.client(), interviewer.email);
    await c.post(`/sessions/${sessionId}`, { intent: "share-stories", stories: [truth.id] });
    await endSession(sessionId);

    const formPage = await (await i.get(`/sessions/${sessionId}/feedback/1`)).text();
    expect(formPage).toContain("Which shared story was this?");
    expect(formPage).toContain("Rolled back my own launch");
    expect(formPage).not.toContain("Never shared");
    expect(formPage).not.toContain(truth.secret);

    const base = scorecardForm(dims, { practiseRound: "behavioral" });
    // Refused: an unshared story, and a story on a dimension that is not a value.
    const refusals: Record<string, string>[] = [
      { "bankStory.truth-seeking": other.id },
      { "bankStory.answer-structure": truth.id },
    ];
    for (const extra of refusals) {
      const refused = await i.post(`/sessions/${sessionId}/feedback/1`, { ...base, ...extra });
      expect(refused.status).toBe(400);
    }
    const submitted = await i.post(`/sessions/${sessionId}/feedback/1`, {
      ...base,
      "score.truth-seeking": "4",
      "bankStory.truth-seeking": truth.id,
    });
    expect(submitted.status).toBe(302);
    const [card] = await getDb()
      .select({ id: feedback.id })
      .from(feedback)
      .where(and(eq(feedback.sessionId, sessionId), eq(feedback.kind, "scorecard")));
    const linked = await getDb()
      .select()
      .from(feedbackScores)
      .where(eq(feedbackScores.feedbackId, card!.id));
    expect(linked.find((s) => s.dimensionId === v["truth-seeking"])!.bankStoryId).toBe(truth.id);
    expect(linked.filter((s) => s.bankStoryId !== null)).toHaveLength(1);

    // Not revealed yet (the candidate's rating is missing): the map shows nothing of it.
    expect(await toldScores(candidate.id)).toEqual([]);
    const before = (await (await c.get("/stories")).text()).replaceAll("<!-- -->", "");
    expect(before).toContain("Your Truth-seeking stories have not been told in a mock yet");
    expect(before).not.toContain("4/4");
    expect(await (await c.get("/stories.data")).text()).not.toMatch(/"scores",\[\d/);

    // The candidate's rating completes the half: revealed, and the map moves.
    expect((await c.post(`/sessions/${sessionId}/feedback/1`, ratingForm())).status).toBe(302);
    expect(await toldScores(candidate.id)).toMatchObject([
      { storyId: truth.id, dimensionId: v["truth-seeking"], score: 4 },
    ]);
    const after = (await (await c.get("/stories")).text()).replaceAll("<!-- -->", "");
    expect(after).toContain("4/4");
    expect(after).not.toContain("Your Truth-seeking stories have not been told");
    expect(after).toMatch(/data-state="strong"[^>]*>\s*<h3>Truth-seeking/);

    // Someone else's map never shows it.
    expect(await toldScores(interviewer.id)).toEqual([]);

    // Deleting the story keeps the score and drops the link.
    expect(await deleteStory(truth.id, candidate.id)).toBe(true);
    const kept = await getDb()
      .select()
      .from(feedbackScores)
      .where(
        and(
          eq(feedbackScores.feedbackId, card!.id),
          eq(feedbackScores.dimensionId, v["truth-seeking"]!),
        ),
      );
    expect(kept).toMatchObject([{ score: 4, bankStoryId: null }]);
    expect(await sharesOf(sessionId)).toEqual([]);
  });
});
