import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  feedback,
  mockSessions,
  outboxEmails,
  padDocuments,
  sessionParticipants,
} from "#db/schema";
import {
  revealedHalves,
  revealOverdueFeedback,
  submitFeedback,
} from "~/modules/feedback/feedback.server";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  feedbackCounts,
  HOUR,
  insertSession,
  MINUTE,
  RATING_PAYLOAD,
  ratingForm,
  scorecardForm,
  scorecardPayload,
  seedPadDocument,
  setTarget,
  signIn,
} from "../support/feedback-fixtures";
import type { HttpClient } from "../support/http";
import { setupTestServer } from "../support/http";

// Invariant under test: feedback is readable only by its recipient (after the reveal)
// and by its author; every other request for it answers 404 (never 403 or 500). It
// never reaches the pad document, the LiveKit token or another person's pages.

setupFreshDatabase();
const server = setupTestServer();

type Who = "author" | "recipient" | "stranger" | "other";

const marker = () => `SECRET${randomBytes(6).toString("hex")}`;

async function padBytes(sessionId: string): Promise<string> {
  const [row] = await getDb()
    .select({ state: padDocuments.state })
    .from(padDocuments)
    .where(eq(padDocuments.sessionId, sessionId));
  return Buffer.from(row!.state).toString("latin1");
}

/** The feedback id a successful submit redirects to. */
function submittedId(response: Response): string {
  expect(response.status).toBe(302);
  const location = response.headers.get("location") ?? "";
  const match = location.match(/^\/feedback\/([0-9a-f-]{36})\?submitted=1$/);
  expect(match, `redirect to the feedback, got ${location}`).not.toBeNull();
  return match![1]!;
}

/** Moves a session (and its participants' booked time) by `ms`. */
async function shiftSession(sessionId: string, ms: number) {
  const db = getDb();
  const [s] = await db.select().from(mockSessions).where(eq(mockSessions.id, sessionId));
  const startsAt = new Date(s!.startsAt.getTime() + ms);
  const endsAt = new Date(s!.endsAt.getTime() + ms);
  await db.update(mockSessions).set({ startsAt, endsAt }).where(eq(mockSessions.id, sessionId));
  await db
    .update(sessionParticipants)
    .set({ during: `[${startsAt.toISOString()},${endsAt.toISOString()})` })
    .where(eq(sessionParticipants.sessionId, sessionId));
}

async function statusAndText(client: HttpClient, path: string) {
  const response = await client.get(path);
  return { status: response.status, text: await response.text() };
}

describe("feedback access matrix (one-way session, reveal on both submitted)", () => {
  const clients = {} as Record<Who, HttpClient>;
  const ids = {} as Record<Who, string>;
  let sessionId: string;
  let otherSessionId: string;
  let dims: { slug: string; name: string }[];
  const secret = marker();
  const topic = marker();
  const ratingSecret = marker();
  let scorecardId: string;
  let ratingId: string;

  beforeAll(async () => {
    const author = await createUser({ name: "Ivo Interviewer" });
    const recipient = await createUser({ name: "Cara Candidate" });
    const stranger = await createUser({ name: "Sam Stranger" });
    // A participant of ANOTHER session, with the same interviewer: close, but not in it.
    const other = await createUser({ name: "Otto Other" });
    await setTarget(recipient.id);
    await setTarget(other.id);
    const now = Date.now();
    sessionId = await insertSession({
      candidateId: recipient.id,
      interviewerId: author.id,
      startsAt: new Date(now - 3 * HOUR),
      endsAt: new Date(now - 2 * HOUR),
    });
    otherSessionId = await insertSession({
      candidateId: other.id,
      interviewerId: author.id,
      startsAt: new Date(now - 6 * HOUR),
      endsAt: new Date(now - 5 * HOUR),
    });
    await seedPadDocument(sessionId, { code: "def solve(nums):\n    return sorted(nums)\n" });
    dims = await dimensionsOf("coding");
    for (const [who, user] of Object.entries({ author, recipient, stranger, other })) {
      ids[who as Who] = user.id;
      clients[who as Who] = await signIn(server.client(), user.email);
    }
  });

  it("serves the write form to the session's participants only", async () => {
    const form = `/sessions/${sessionId}/feedback/1`;
    const author = await statusAndText(clients.author, form);
    expect(author.status).toBe(200);
    expect(author.text).toContain("Scorecard for Cara Candidate");
    // The recipient of the scorecard owes the rating of the same half: their own form.
    const recipient = await statusAndText(clients.recipient, form);
    expect(recipient.status).toBe(200);
    expect(recipient.text).toContain("Rate Ivo Interviewer as your interviewer");
    expect(recipient.text).not.toContain("Scorecard for");
    expect((await clients.stranger.get(form)).status).toBe(404);
    expect((await clients.other.get(form)).status).toBe(404);
    // A one-way session has no second half, for anyone.
    for (const who of ["author", "recipient", "stranger", "other"] as const) {
      expect((await clients[who].get(`/sessions/${sessionId}/feedback/2`)).status).toBe(404);
    }
  });

  it("answers 404 for bad ids and halves", async () => {
    const paths = [
      `/sessions/${sessionId}/feedback/3`,
      `/sessions/${sessionId}/feedback/0`,
      `/sessions/${sessionId}/feedback/one`,
      `/sessions/${sessionId}/feedback/1.5`,
      `/sessions/not-a-uuid/feedback/1`,
      `/sessions/${sessionId}x/feedback/1`,
      `/sessions/${randomUUID()}/feedback/1`,
      "/feedback/not-a-uuid",
      `/feedback/${randomUUID()}`,
      `/feedback/${sessionId}`,
    ];
    for (const path of paths) {
      expect((await clients.author.get(path)).status, path).toBe(404);
    }
    for (const half of ["3", "0"]) {
      const response = await clients.author.post(
        `/sessions/${sessionId}/feedback/${half}`,
        scorecardForm(dims),
      );
      expect(response.status, `POST half ${half}`).toBe(404);
    }
    expect(
      (await clients.author.post("/sessions/not-a-uuid/feedback/1", scorecardForm(dims))).status,
    ).toBe(404);
    expect(await feedbackCounts([sessionId])).toEqual({ feedback: 0, scores: 0, drafts: 0 });
  });

  it("refuses a stranger's and another session's participant's drafts and submits with 404", async () => {
    const form = `/sessions/${sessionId}/feedback/1`;
    for (const who of ["stranger", "other"] as const) {
      const submit = await clients[who].post(form, scorecardForm(dims, { marker: "intruder" }));
      expect(submit.status, `${who} submit scorecard`).toBe(404);
      const rating = await clients[who].post(form, ratingForm("intruder"));
      expect(rating.status, `${who} submit rating`).toBe(404);
      const draft = await clients[who].post(form, {
        intent: "draft",
        strengths: "intruder draft",
      });
      expect(draft.status, `${who} draft`).toBe(404);
      const rateDraft = await clients[who].post(form, { intent: "draft", comment: "intruder" });
      expect(rateDraft.status, `${who} rating draft`).toBe(404);
      // An empty, invalid body: still 404, never a 400 that would confirm the form exists.
      expect((await clients[who].post(form, { intent: "submit" })).status).toBe(404);
    }
    expect(await feedbackCounts([sessionId])).toEqual({ feedback: 0, scores: 0, drafts: 0 });
  });

  it("lets the author submit, and read what they wrote", async () => {
    const response = await clients.author.post(
      `/sessions/${sessionId}/feedback/1`,
      scorecardForm(dims, { marker: secret, practiseRound: "coding", practiseTopic: topic }),
    );
    scorecardId = submittedId(response);
    const [row] = await getDb().select().from(feedback).where(eq(feedback.id, scorecardId));
    expect(row).toMatchObject({
      authorId: ids.author,
      recipientId: ids.recipient,
      kind: "scorecard",
      half: 1,
      practiseTopic: topic,
    });
    expect(await feedbackCounts([sessionId])).toMatchObject({ feedback: 1, scores: dims.length });
    const page = await statusAndText(clients.author, `/feedback/${scorecardId}?submitted=1`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Strengths ${secret}`);
    expect(page.text).toContain("cannot read this yet");
  });

  it("hides the scorecard from everyone but its author before the reveal", async () => {
    for (const who of ["recipient", "stranger", "other"] as const) {
      for (const path of [`/feedback/${scorecardId}`, `/feedback/${scorecardId}.data`]) {
        const { status, text } = await statusAndText(clients[who], path);
        expect(status, `${who} ${path}`).toBe(404);
        expect(text).not.toContain(secret);
      }
    }
    // The author's own .data request is fine.
    expect((await clients.author.get(`/feedback/${scorecardId}.data`)).status).toBe(200);

    // Nowhere on the recipient's pages: list, progress, session page, own rating form.
    for (const path of [
      "/feedback",
      "/progress",
      `/sessions/${sessionId}`,
      `/sessions/${sessionId}/feedback/1`,
      "/dashboard",
      `/sessions/${sessionId}.data`,
      "/feedback.data",
      "/progress.data",
    ]) {
      const { status, text } = await statusAndText(clients.recipient, path);
      expect(status, path).toBe(200);
      expect(text, path).not.toContain(secret);
      expect(text, path).not.toContain(topic);
      expect(text, path).not.toContain(scorecardId);
    }
    for (const who of ["stranger", "other"] as const) {
      for (const path of ["/feedback", "/progress", "/dashboard"]) {
        const { status, text } = await statusAndText(clients[who], path);
        expect(status).toBe(200);
        expect(text, `${who} ${path}`).not.toContain(secret);
        expect(text, `${who} ${path}`).not.toContain(scorecardId);
      }
      expect((await clients[who].get(`/sessions/${sessionId}`)).status).toBe(404);
    }
    // Never in the pad document, nor in any email.
    expect(await padBytes(sessionId)).not.toContain(secret);
    const emails = await getDb()
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(sql`${outboxEmails.textBody} like ${`%${secret}%`}`);
    expect(emails).toEqual([]);
  });

  it("keeps the author's own answers to repeats: idempotent submit, no more drafts", async () => {
    const again = await clients.author.post(
      `/sessions/${sessionId}/feedback/1`,
      scorecardForm(dims, { marker: "second attempt" }),
    );
    expect(submittedId(again)).toBe(scorecardId);
    const draft = await clients.author.post(`/sessions/${sessionId}/feedback/1`, {
      intent: "draft",
      strengths: "late draft",
    });
    expect(draft.status).toBe(409);
    expect(await feedbackCounts([sessionId])).toEqual({
      feedback: 1,
      scores: dims.length,
      drafts: 0,
    });
    const form = await statusAndText(clients.author, `/sessions/${sessionId}/feedback/1`);
    expect(form.text).toContain("You submitted this");
  });

  it("reveals both pieces once the recipient submits theirs", async () => {
    ratingId = submittedId(
      await clients.recipient.post(`/sessions/${sessionId}/feedback/1`, ratingForm(ratingSecret)),
    );
    // The scorecard is now the recipient's to read, and the rating the author's.
    const card = await statusAndText(clients.recipient, `/feedback/${scorecardId}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain(`Strengths ${secret}`);
    expect(card.text).toContain("Scorecard from Ivo Interviewer");
    const rating = await statusAndText(clients.author, `/feedback/${ratingId}`);
    expect(rating.status).toBe(200);
    expect(rating.text).toContain(ratingSecret);
    // Both remain readable by their own authors.
    expect((await clients.author.get(`/feedback/${scorecardId}`)).status).toBe(200);
    expect((await clients.recipient.get(`/feedback/${ratingId}`)).status).toBe(200);

    // Everyone else: 404, whatever the reveal.
    for (const who of ["stranger", "other"] as const) {
      for (const id of [scorecardId, ratingId]) {
        for (const path of [`/feedback/${id}`, `/feedback/${id}.data`]) {
          const { status, text } = await statusAndText(clients[who], path);
          expect(status, `${who} ${path}`).toBe(404);
          expect(text).not.toContain(secret);
          expect(text).not.toContain(ratingSecret);
        }
      }
      for (const path of ["/feedback", "/progress"]) {
        const { text } = await statusAndText(clients[who], path);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(scorecardId);
        expect(text).not.toContain(ratingId);
      }
    }

    // The recipient's list, progress and session page now link it.
    const list = await statusAndText(clients.recipient, "/feedback");
    expect(list.text).toContain(`/feedback/${scorecardId}`);
    const progress = await statusAndText(clients.recipient, "/progress");
    expect(progress.text).toContain(`/feedback/${scorecardId}`);
    expect(progress.text).toContain(topic);
    const session = await statusAndText(clients.recipient, `/sessions/${sessionId}`);
    expect(session.text).toContain(`/feedback/${scorecardId}`);
    // The author's list shows the rating they received, not the scorecard they wrote.
    const authorList = await statusAndText(clients.author, "/feedback");
    expect(authorList.text).toContain(`/feedback/${ratingId}`);
    expect(authorList.text).not.toContain(`/feedback/${scorecardId}"`);
    const authorProgress = await statusAndText(clients.author, "/progress");
    expect(authorProgress.text).not.toContain(scorecardId);
    expect(authorProgress.text).not.toContain(topic);

    // Still never in the pad.
    expect(await padBytes(sessionId)).not.toContain(secret);
    expect(await padBytes(sessionId)).not.toContain(ratingSecret);
  });

  it("does not let the other session's participant reach it through their own session", async () => {
    // They owe a rating in their own session with the same interviewer: that form
    // must show their own duty only.
    const own = await statusAndText(clients.other, `/sessions/${otherSessionId}/feedback/1`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain(secret);
    expect(own.text).not.toContain(scorecardId);
    expect((await clients.other.get(`/sessions/${otherSessionId}/feedback/2`)).status).toBe(404);
  });
});

describe("the timed reveal (72 hours after the end, by the job)", () => {
  it("keeps a lone scorecard hidden until the job reveals it", async () => {
    const author = await createUser({ name: "Jo Interviewer" });
    const recipient = await createUser({ name: "Kim Candidate" });
    const stranger = await createUser({ name: "Lee Stranger" });
    await setTarget(recipient.id);
    const now = Date.now();
    const sessionId = await insertSession({
      candidateId: recipient.id,
      interviewerId: author.id,
      startsAt: new Date(now - 2 * HOUR),
      endsAt: new Date(now - HOUR),
    });
    const dims = await dimensionsOf("coding");
    const secret = marker();
    const a = await signIn(server.client(), author.email);
    const r = await signIn(server.client(), recipient.email);
    const s = await signIn(server.client(), stranger.email);
    const id = submittedId(
      await a.post(`/sessions/${sessionId}/feedback/1`, scorecardForm(dims, { marker: secret })),
    );
    expect((await r.get(`/feedback/${id}`)).status).toBe(404);
    expect(await (await r.get("/feedback")).text()).not.toContain(secret);

    // 73 hours later (moved in the database), the job runs.
    await shiftSession(sessionId, -72 * HOUR);
    expect(await revealOverdueFeedback(new Date())).toContain(sessionId);

    const page = await statusAndText(r, `/feedback/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Strengths ${secret}`);
    expect(await (await r.get("/feedback")).text()).toContain(`/feedback/${id}`);
    expect(await (await r.get("/progress")).text()).toContain(`/feedback/${id}`);
    expect((await s.get(`/feedback/${id}`)).status).toBe(404);
    expect((await a.get(`/feedback/${id}`)).status).toBe(200);
    // The recipient's own (unsubmitted) rating form is still theirs, and never shows it.
    const form = await statusAndText(r, `/sessions/${sessionId}/feedback/1`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain(secret);
  });
});

describe("feedback written during a live swap", () => {
  it("stays out of the candidate's room page, pad and video token", async () => {
    const booker = await createUser({ name: "Bea Booker" });
    const peer = await createUser({ name: "Per Peer" });
    await setTarget(booker.id);
    const now = Date.now();
    // A swap in its second half: half 1 (peer interviewed the booker) is over.
    const sessionId = await insertSession({
      candidateId: booker.id,
      interviewerId: peer.id,
      format: "swap",
      status: "in_progress",
      currentHalf: 2,
      startsAt: new Date(now - 65 * MINUTE),
      endsAt: new Date(now + 55 * MINUTE),
    });
    await seedPadDocument(sessionId, { code: "SELECT 1;\n" });
    const dims = await dimensionsOf("coding");
    const secret = marker();
    const p = await signIn(server.client(), peer.email);
    const b = await signIn(server.client(), booker.email);
    const id = submittedId(
      await p.post(`/sessions/${sessionId}/feedback/1`, scorecardForm(dims, { marker: secret })),
    );

    for (const path of [`/sessions/${sessionId}`, `/sessions/${sessionId}.data`]) {
      const { status, text } = await statusAndText(b, path);
      expect(status, path).toBe(200);
      expect(text, path).not.toContain(secret);
      expect(text, path).not.toContain(id);
    }
    expect((await b.get(`/feedback/${id}`)).status).toBe(404);

    for (const client of [b, p]) {
      const video = await client.get(`/sessions/${sessionId}/video-token`);
      expect(video.status).toBe(200);
      const { token } = (await video.json()) as { token: string };
      const claims = Buffer.from(token.split(".")[1]!, "base64url").toString("utf8");
      expect(claims).not.toContain(secret);
      expect(claims).not.toContain(id);
      const pad = await client.get(`/sessions/${sessionId}/pad-token`);
      expect(pad.status).toBe(200);
      expect(await pad.text()).not.toContain(secret);
    }
    expect(await padBytes(sessionId)).not.toContain(secret);

    // The booker's half-2 scorecard is not writable yet (their half is running), and
    // the half-1 rating they owe is theirs alone: their form never shows the peer's.
    const form = await statusAndText(b, `/sessions/${sessionId}/feedback/1`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain(secret);
    const halfTwo = await statusAndText(b, `/sessions/${sessionId}/feedback/2`);
    expect(halfTwo.status).toBe(200);
    expect(halfTwo.text).toContain("This half is not over yet");
  });
});

describe("the reveal when both sides submit at the same moment", () => {
  // Each submit inserts its row and then, in the same transaction, counts the rows to
  // decide the reveal. Under READ COMMITTED two overlapping transactions each see only
  // their own row, so neither reveals: the session stays hidden until the 72-hour job.
  it("reveals every session whose last two pieces arrive concurrently", async () => {
    const author = await createUser({ name: "Cy Concurrent" });
    const recipient = await createUser({ name: "Di Concurrent" });
    await setTarget(recipient.id);
    const a = await signIn(server.client(), author.email);
    const r = await signIn(server.client(), recipient.email);
    const dims = await dimensionsOf("coding");
    const now = Date.now();
    const sessions: string[] = [];
    for (let i = 0; i < 12; i++) {
      const startsAt = new Date(now - (2 * i + 3) * HOUR);
      sessions.push(
        await insertSession({
          candidateId: recipient.id,
          interviewerId: author.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
        }),
      );
    }
    // Every session's scorecard and rating, all at once.
    const responses = await Promise.all(
      sessions.flatMap((sessionId, i) => [
        a.post(
          `/sessions/${sessionId}/feedback/1`,
          scorecardForm(dims, { marker: `concurrent ${i}` }),
        ),
        r.post(`/sessions/${sessionId}/feedback/1`, ratingForm()),
      ]),
    );
    const scorecardIds = responses.filter((_, i) => i % 2 === 0).map(submittedId);
    responses.filter((_, i) => i % 2 === 1).forEach(submittedId);
    const readable = await Promise.all(
      scorecardIds.map(async (id) => (await r.get(`/feedback/${id}`)).status),
    );
    const revealed = await Promise.all(sessions.map((id) => revealedHalves(id)));
    expect(revealed).toEqual(sessions.map(() => [1]));
    expect(readable).toEqual(sessions.map(() => 200));
  });

  // The same race without HTTP in between, so the two transactions overlap reliably
  // (on PostgreSQL; PGlite has a single connection and serialises them).
  it("reveals when submitFeedback runs for both sides at once (module level)", async () => {
    const author = await createUser({ name: "Ed Concurrent" });
    const recipient = await createUser({ name: "Flo Concurrent" });
    const dims = await dimensionsOf("coding");
    const now = Date.now();
    const sessions: string[] = [];
    // Sessions an hour apart, all ended less than 72 hours ago (no deadline reveal).
    for (let i = 0; i < 40; i++) {
      const startsAt = new Date(now - 3 * HOUR - i * 65 * MINUTE);
      sessions.push(
        await insertSession({
          candidateId: recipient.id,
          interviewerId: author.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
        }),
      );
    }
    // One session at a time, its two pieces together: the tightest overlap.
    const results = [];
    for (const sessionId of sessions) {
      results.push(
        ...(await Promise.all([
          submitFeedback(sessionId, 1, author.id, scorecardPayload(dims)),
          submitFeedback(sessionId, 1, recipient.id, RATING_PAYLOAD),
        ])),
      );
    }
    expect(results.every((r) => r.ok)).toBe(true);
    const revealed = await Promise.all(sessions.map((id) => revealedHalves(id)));
    expect(revealed.filter((r) => r.length === 0).length, "sessions left hidden").toBe(0);
    // Each reveal wrote its two "ready" emails with it, once.
    const ready = await getDb()
      .select({ sessionId: outboxEmails.sessionId })
      .from(outboxEmails)
      .where(
        and(eq(outboxEmails.kind, "feedback-ready"), inArray(outboxEmails.sessionId, sessions)),
      );
    expect(ready).toHaveLength(2 * sessions.length);
  });
});
