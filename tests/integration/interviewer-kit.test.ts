import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { isUniqueViolation, pgConstraint } from "#db/errors";
import {
  feedbackScores,
  loops,
  mockSessions,
  ownQuestions,
  questions,
  rounds,
  sessionParticipants,
  sessionQuestions,
  storyNotes,
} from "#db/schema";
import { submitFeedback } from "~/modules/feedback/feedback.server";
import { MAX_OWN_QUESTIONS, MAX_STORIES_PER_HALF } from "~/modules/sessions/kit";
import { getRoomAccess, syncRoom } from "~/modules/sessions/room.server";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  insertLiveSession,
  insertSession,
  LOOP_SLUG,
  RATING_PAYLOAD,
  ratingForm,
  scorecardForm,
  scorecardPayload,
  signIn,
} from "../support/feedback-fixtures";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function bankOf(roundSlug: string) {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP_SLUG));
  const [round] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.loopId, loop!.id), eq(rounds.slug, roundSlug)));
  return db
    .select({ id: questions.id, title: questions.title })
    .from(questions)
    .where(eq(questions.roundId, round!.id))
    .orderBy(asc(questions.id));
}

/** The candidate met these questions in past sessions, the first longest ago. */
async function history(candidateId: string, interviewerId: string, questionIds: number[]) {
  for (const [i, questionId] of questionIds.entries()) {
    const startsAt = new Date(Date.now() - (400 - i) * DAY);
    const sessionId = await insertSession({
      candidateId,
      interviewerId,
      round: "behavioral",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * MINUTE),
    });
    await getDb()
      .insert(sessionQuestions)
      .values({ sessionId, half: 1, questionId, interviewerId, candidateId, assignedAt: startsAt });
  }
}

async function people() {
  const candidate = await createUser({ name: "Kit Candidate" });
  const interviewer = await createUser({ name: "Kit Interviewer" });
  return { candidate, interviewer };
}

async function assigned(sessionId: string) {
  return getDb().select().from(sessionQuestions).where(eq(sessionQuestions.sessionId, sessionId));
}

describe("bring your own question", () => {
  it("becomes this half's question and stays private to its author", async () => {
    const { candidate, interviewer } = await people();
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const asker = await signIn(server.client(), interviewer.email);
    expect((await asker.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const title = `Own question ${randomUUID().slice(0, 8)}`;
    const prompt = `A private prompt ${randomUUID()}`;
    const written = await asker.post(`/sessions/${sessionId}`, {
      intent: "own-question",
      title,
      prompt,
      followUps: "First follow-up\n\nSecond follow-up",
    });
    expect(written.status).toBe(200);
    const [row] = await assigned(sessionId);
    expect(row).toMatchObject({ questionId: null, repeat: false });
    const [own] = await getDb()
      .select()
      .from(ownQuestions)
      .where(eq(ownQuestions.id, row!.ownQuestionId!));
    expect(own).toMatchObject({ ownerId: interviewer.id, title, prompt });
    expect(own!.followUps).toEqual(["First follow-up", "Second follow-up"]);
    const page = await (await asker.get(`/sessions/${sessionId}`)).text();
    expect(page).toContain(prompt);
    expect(page).toContain("your own");

    // The candidate's page and data request carry neither the question nor the list.
    const candidateClient = await signIn(server.client(), candidate.email);
    for (const path of [`/sessions/${sessionId}`, `/sessions/${sessionId}.data`]) {
      const body = await (await candidateClient.get(path)).text();
      expect(body).not.toContain(prompt);
      expect(body).not.toContain(title);
    }
    // Another interviewer's kit never lists it, and cannot ask it (404, like a missing id).
    const other = await createUser({ name: "Other Interviewer" });
    const otherSession = await insertLiveSession(candidate.id, other.id);
    const otherClient = await signIn(server.client(), other.email);
    await otherClient.post(`/sessions/${otherSession}`, { intent: "sync" });
    for (const path of [`/sessions/${otherSession}`, `/sessions/${otherSession}.data`]) {
      const body = await (await otherClient.get(path)).text();
      expect(body).toContain(path.endsWith(".data") ? "ownQuestions" : "Bring your own question");
      expect(body).not.toContain(title);
    }
    const borrowed = await otherClient.post(`/sessions/${otherSession}`, {
      intent: "own-question",
      ownQuestionId: own!.id,
    });
    expect(borrowed.status).toBe(404);
    // The candidate of the half cannot choose its question either.
    const peek = await candidateClient.post(`/sessions/${sessionId}`, {
      intent: "own-question",
      ownQuestionId: own!.id,
    });
    expect(peek.status).toBe(404);
    // A malformed id is the same 404, never a 500.
    expect(
      (
        await asker.post(`/sessions/${sessionId}`, {
          intent: "own-question",
          ownQuestionId: "not-a-uuid",
        })
      ).status,
    ).toBe(404);
    // Picked again from the saved list: still the same question, no copy.
    expect(
      (
        await asker.post(`/sessions/${sessionId}`, {
          intent: "own-question",
          ownQuestionId: own!.id,
        })
      ).status,
    ).toBe(200);
    expect(await getDb().$count(ownQuestions, eq(ownQuestions.ownerId, interviewer.id))).toBe(1);
  });

  it("refuses bad input with a message and writes nothing", async () => {
    const { candidate, interviewer } = await people();
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const asker = await signIn(server.client(), interviewer.email);
    const cases = [
      { title: "", prompt: "p" },
      { title: "t", prompt: "" },
      { title: "x".repeat(121), prompt: "p" },
      { title: "line\nbreak", prompt: "p" },
      { title: "t", prompt: "p".repeat(4001) },
      { title: "t", prompt: "p", followUps: Array(11).fill("f").join("\n") },
    ];
    for (const form of cases as Record<string, string>[]) {
      const response = await asker.post(`/sessions/${sessionId}`, {
        intent: "own-question",
        ...form,
      });
      expect(response.status, JSON.stringify(form).slice(0, 60)).toBe(400);
    }
    expect(await getDb().$count(ownQuestions, eq(ownQuestions.ownerId, interviewer.id))).toBe(0);
  });

  it("keeps a list to its cap", async () => {
    const { candidate, interviewer } = await people();
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    await getDb()
      .insert(ownQuestions)
      .values(
        Array.from({ length: MAX_OWN_QUESTIONS }, (_, i) => ({
          ownerId: interviewer.id,
          title: `Saved ${i}`,
          prompt: "Prompt",
        })),
      );
    const asker = await signIn(server.client(), interviewer.email);
    const full = await asker.post(`/sessions/${sessionId}`, {
      intent: "own-question",
      title: "One more",
      prompt: "Prompt",
    });
    expect(full.status).toBe(409);
    expect(await getDb().$count(ownQuestions, eq(ownQuestions.ownerId, interviewer.id))).toBe(
      MAX_OWN_QUESTIONS,
    );
  });

  it("is the interviewer's own by a database fact, and exactly one source is set", async () => {
    const { candidate, interviewer } = await people();
    const stranger = await createUser({ name: "Question Owner" });
    const [theirs] = await getDb()
      .insert(ownQuestions)
      .values({ ownerId: stranger.id, title: "Theirs", prompt: "Prompt" })
      .returning();
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const base = { sessionId, half: 1, interviewerId: interviewer.id, candidateId: candidate.id };
    const foreign = await getDb()
      .insert(sessionQuestions)
      .values({ ...base, ownQuestionId: theirs!.id })
      .catch((err: unknown) => err);
    expect(pgConstraint(foreign)).toBe("session_questions_own_question_fk");
    const neither = await getDb()
      .insert(sessionQuestions)
      .values(base)
      .catch((err: unknown) => err);
    expect(pgConstraint(neither)).toBe("session_questions_one_source");
    const [bank] = await bankOf("behavioral");
    const [mine] = await getDb()
      .insert(ownQuestions)
      .values({ ownerId: interviewer.id, title: "Mine", prompt: "Prompt" })
      .returning();
    const both = await getDb()
      .insert(sessionQuestions)
      .values({ ...base, questionId: bank!.id, ownQuestionId: mine!.id })
      .catch((err: unknown) => err);
    expect(pgConstraint(both)).toBe("session_questions_one_source");
  });
});

describe("when the bank runs out", () => {
  it("says so, offers the question met longest ago, and repeats it only when chosen", async () => {
    const { candidate, interviewer } = await people();
    const bank = await bankOf("behavioral");
    // Met in order: the first longest ago.
    await history(candidate.id, interviewer.id, bank.map((q) => q.id).reverse());
    const leastRecent = bank[bank.length - 1]!;
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const asker = await signIn(server.client(), interviewer.email);
    await asker.post(`/sessions/${sessionId}`, { intent: "sync" });
    // Never a silent repeat: no question was assigned.
    expect(await assigned(sessionId)).toEqual([]);
    // The kit carries the offer (the page shows it once its own sync has answered).
    const kitData = await (await asker.get(`/sessions/${sessionId}.data`)).text();
    expect(kitData).toContain("leastRecent");
    expect(kitData).toContain(leastRecent.title);

    // Only the offered question, only by the interviewer.
    const other = bank[0]!;
    expect(
      (
        await asker.post(`/sessions/${sessionId}`, {
          intent: "ask-again",
          questionId: String(other.id),
        })
      ).status,
    ).toBe(409);
    const candidateClient = await signIn(server.client(), candidate.email);
    expect(
      (
        await candidateClient.post(`/sessions/${sessionId}`, {
          intent: "ask-again",
          questionId: String(leastRecent.id),
        })
      ).status,
    ).toBe(404);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { intent: "ask-again", questionId: "1e9x" }))
        .status,
    ).toBe(404);
    expect(await assigned(sessionId)).toEqual([]);

    const chosen = await asker.post(`/sessions/${sessionId}`, {
      intent: "ask-again",
      questionId: String(leastRecent.id),
    });
    expect(chosen.status).toBe(200);
    const [row] = await assigned(sessionId);
    expect(row).toMatchObject({ questionId: leastRecent.id, repeat: true });
    expect(await (await asker.get(`/sessions/${sessionId}`)).text()).toContain(
      "asked again, by your choice",
    );
    // Twice: the half has its question already.
    expect(
      (
        await asker.post(`/sessions/${sessionId}`, {
          intent: "ask-again",
          questionId: String(leastRecent.id),
        })
      ).status,
    ).toBe(409);
  });

  it("refuses a second unchosen use of a question in the database", async () => {
    const { candidate, interviewer } = await people();
    const [question] = await bankOf("behavioral");
    const first = await insertLiveSession(candidate.id, interviewer.id);
    const second = await insertLiveSession(candidate.id, interviewer.id);
    const row = { half: 1, questionId: question!.id, interviewerId: interviewer.id };
    await getDb()
      .insert(sessionQuestions)
      .values({ ...row, sessionId: first, candidateId: candidate.id });
    const silent = await getDb()
      .insert(sessionQuestions)
      .values({ ...row, sessionId: second, candidateId: candidate.id })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(silent, "session_questions_candidate_question_key")).toBe(true);
    await getDb()
      .insert(sessionQuestions)
      .values({ ...row, sessionId: second, candidateId: candidate.id, repeat: true });
    expect(await assigned(second)).toHaveLength(1);
  });
});

describe("assignment under concurrency", () => {
  it("gives the last unseen question to one of many parallel sessions, and repeats none", async () => {
    const { candidate } = await people();
    const bank = await bankOf("behavioral");
    const historyInterviewer = await createUser({ name: "Past Interviewer" });
    await history(
      candidate.id,
      historyInterviewer.id,
      bank.slice(1).map((q) => q.id),
    );
    const lastUnseen = bank[0]!;
    const parallel = 6;
    const sessions: { sessionId: string; interviewerId: string }[] = [];
    for (let i = 0; i < parallel; i++) {
      const interviewer = await createUser({ name: `Parallel ${i}` });
      sessions.push({
        sessionId: await insertLiveSession(candidate.id, interviewer.id),
        interviewerId: interviewer.id,
      });
    }
    const now = new Date();
    const accesses = await Promise.all(
      sessions.map((s) => getRoomAccess(s.sessionId, s.interviewerId, now)),
    );
    // Every session's room asks twice at once, as two open pages would.
    await Promise.all(
      accesses.flatMap((access) => [syncRoom(access!, now), syncRoom(access!, now)]),
    );
    const rows = (await Promise.all(sessions.map((s) => assigned(s.sessionId)))).flat();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ questionId: lastUnseen.id, repeat: false });
    const unchosen = await getDb()
      .select({ questionId: sessionQuestions.questionId })
      .from(sessionQuestions)
      .where(
        and(eq(sessionQuestions.candidateId, candidate.id), eq(sessionQuestions.repeat, false)),
      );
    const ids = unchosen.map((r) => r.questionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(bank.length);
  });

  it("lets exactly one of many parallel unchosen inserts of a question through", async () => {
    const { candidate } = await people();
    const [question] = await bankOf("behavioral");
    const racers: { sessionId: string; interviewerId: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const interviewer = await createUser({ name: `Racer ${i}` });
      racers.push({
        sessionId: await insertLiveSession(candidate.id, interviewer.id),
        interviewerId: interviewer.id,
      });
    }
    const attempts = racers.map((r) =>
      getDb()
        .insert(sessionQuestions)
        .values({
          sessionId: r.sessionId,
          half: 1,
          questionId: question!.id,
          interviewerId: r.interviewerId,
          candidateId: candidate.id,
        })
        .then(() => "ok"),
    );
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter(
      (r) =>
        r.status === "rejected" &&
        isUniqueViolation(r.reason, "session_questions_candidate_question_key"),
    );
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(7);
    // The participants' rows still say who sat where (nothing else was written).
    expect(
      await getDb().$count(sessionParticipants, eq(sessionParticipants.userId, candidate.id)),
    ).toBe(8);
  });
});

async function moveToPast(sessionId: string) {
  const now = Date.now();
  await getDb()
    .update(mockSessions)
    .set({
      startsAt: new Date(now - 60 * MINUTE),
      endsAt: new Date(now - 15 * MINUTE),
      status: "completed",
    })
    .where(eq(mockSessions.id, sessionId));
}

describe("story notes (STAR) and the scorecard that cites one", () => {
  it("are written by the interviewer only, validated, capped, and cited to the candidate after the reveal", async () => {
    const { candidate, interviewer } = await people();
    const sessionId = await insertLiveSession(candidate.id, interviewer.id);
    const asker = await signIn(server.client(), interviewer.email);
    const candidateClient = await signIn(server.client(), candidate.email);
    expect(
      (await candidateClient.post(`/sessions/${sessionId}`, { intent: "story-add" })).status,
    ).toBe(404);
    const added = await asker.post(`/sessions/${sessionId}`, { intent: "story-add" });
    expect(added.status).toBe(200);
    const [story] = await getDb()
      .select()
      .from(storyNotes)
      .where(eq(storyNotes.sessionId, sessionId));
    const situation = `Situation ${randomUUID()}`;
    const star = {
      intent: "story-save",
      storyId: story!.id,
      title: "The migration that disproved my plan",
      value: "truth-seeking",
      situation,
      task: "Own the rollout",
      action: "Stopped it and read the numbers",
      result: "Error rate back under 0.1%",
    };
    expect((await asker.post(`/sessions/${sessionId}`, star)).status).toBe(200);
    // Hostile or wrong input: a message (400) or the missing-page answer (404), nothing saved.
    expect(
      (
        await asker.post(`/sessions/${sessionId}`, {
          ...star,
          value: "no-such-value",
          situation: "x",
        })
      ).status,
    ).toBe(400);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { ...star, action: "a".repeat(2001) })).status,
    ).toBe(400);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { ...star, title: "two\nlines" })).status,
    ).toBe(400);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { ...star, storyId: randomUUID() })).status,
    ).toBe(404);
    expect((await asker.post(`/sessions/${sessionId}`, { ...star, storyId: "nope" })).status).toBe(
      404,
    );
    expect(
      (await candidateClient.post(`/sessions/${sessionId}`, { ...star, situation: "peek" })).status,
    ).toBe(404);
    const [saved] = await getDb().select().from(storyNotes).where(eq(storyNotes.id, story!.id));
    expect(saved).toMatchObject({ situation, title: star.title, action: star.action });
    // The candidate's page never carries the note.
    expect(await (await candidateClient.get(`/sessions/${sessionId}.data`)).text()).not.toContain(
      situation,
    );
    expect(await (await asker.get(`/sessions/${sessionId}.data`)).text()).toContain(situation);

    // The cap.
    for (let i = 1; i < MAX_STORIES_PER_HALF; i++) {
      expect((await asker.post(`/sessions/${sessionId}`, { intent: "story-add" })).status).toBe(
        200,
      );
    }
    expect((await asker.post(`/sessions/${sessionId}`, { intent: "story-add" })).status).toBe(409);
    const extra = (
      await getDb().select().from(storyNotes).where(eq(storyNotes.sessionId, sessionId))
    ).find((row) => row.id !== story!.id)!;
    expect(
      (
        await candidateClient.post(`/sessions/${sessionId}`, {
          intent: "story-delete",
          storyId: extra.id,
        })
      ).status,
    ).toBe(404);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { intent: "story-delete", storyId: extra.id }))
        .status,
    ).toBe(200);
    expect(await getDb().$count(storyNotes, eq(storyNotes.sessionId, sessionId))).toBe(
      MAX_STORIES_PER_HALF - 1,
    );

    // After the half: the scorecard cites the story for one dimension.
    await moveToPast(sessionId);
    expect(
      (await asker.post(`/sessions/${sessionId}`, { ...star, situation: "late edit" })).status,
    ).toBe(404);
    const dims = await dimensionsOf("behavioral");
    const other = await insertLiveSession(candidate.id, (await createUser({ name: "Another" })).id);
    const [foreign] = await getDb()
      .insert(storyNotes)
      .values({ sessionId: other, half: 1, authorId: interviewer.id, title: "Elsewhere" })
      .returning();
    const form = scorecardForm(dims, { practiseRound: "behavioral" });
    const refused = await asker.post(`/sessions/${sessionId}/feedback/1`, {
      ...form,
      "story.truth-seeking": foreign!.id,
    });
    expect(refused.status).toBe(400);
    const submitted = await asker.post(`/sessions/${sessionId}/feedback/1`, {
      ...form,
      "story.truth-seeking": story!.id,
    });
    expect(submitted.status).toBe(302);
    const feedbackId = submitted.headers.get("location")!.split("/feedback/")[1]!.split("?")[0]!;
    const cited = await getDb()
      .select({ storyId: feedbackScores.storyId })
      .from(feedbackScores)
      .where(eq(feedbackScores.feedbackId, feedbackId));
    expect(cited.filter((c) => c.storyId === story!.id)).toHaveLength(1);
    // Not before the reveal…
    expect((await candidateClient.get(`/feedback/${feedbackId}`)).status).toBe(404);
    // …and with the story once both pieces are in.
    expect(
      (await candidateClient.post(`/sessions/${sessionId}/feedback/1`, ratingForm())).status,
    ).toBe(302);
    const detail = await (await candidateClient.get(`/feedback/${feedbackId}`)).text();
    expect(detail).toContain(situation);
    expect(detail).toContain(star.title);
  });
});

describe("the hiring-manager kit", () => {
  it("revisits earlier flagged areas only when the candidate allows it", async () => {
    const { candidate, interviewer } = await people();
    const past = new Date(Date.now() - 20 * DAY);
    const earlier = await insertSession({
      candidateId: candidate.id,
      interviewerId: interviewer.id,
      round: "coding",
      startsAt: past,
      endsAt: new Date(past.getTime() + 45 * MINUTE),
    });
    const dims = await dimensionsOf("coding");
    const payload = scorecardPayload(dims);
    const weakest = dims[dims.length - 1]!;
    payload.value.score[weakest.slug] = 1;
    const submitAt = new Date(past.getTime() + 60 * MINUTE);
    expect((await submitFeedback(earlier, 1, interviewer.id, payload, submitAt)).ok).toBe(true);
    expect((await submitFeedback(earlier, 1, candidate.id, RATING_PAYLOAD, submitAt)).ok).toBe(
      true,
    );

    const manager = await createUser({ name: "Hiring Manager Mock" });
    const sessionId = await insertLiveSession(candidate.id, manager.id, {
      round: "hiring-manager",
    });
    const managerClient = await signIn(server.client(), manager.email);
    const before = await (await managerClient.get(`/sessions/${sessionId}.data`)).text();
    expect(before).toContain("flagged");
    expect(before).not.toContain(weakest.name);

    const candidateClient = await signIn(server.client(), candidate.email);
    const profilePage = await (await candidateClient.get("/profile")).text();
    expect(profilePage).toContain("Off: nothing is shared (the default).");
    expect(
      (await candidateClient.post("/profile", { intent: "share-flagged-areas", share: "maybe" }))
        .status,
    ).toBe(400);
    expect(
      (await candidateClient.post("/profile", { intent: "share-flagged-areas", share: "on" }))
        .status,
    ).toBe(200);
    const after = await (await managerClient.get(`/sessions/${sessionId}.data`)).text();
    expect(after).toContain(weakest.name);
    expect(after).toContain("Coding");
    // Never the earlier interviewer's words.
    expect(after).not.toContain("Evidence.");
    // The candidate's own page never shows the kit.
    expect(await (await candidateClient.get(`/sessions/${sessionId}.data`)).text()).not.toContain(
      weakest.name,
    );
  });
});
