import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { TokenVerifier, WebhookReceiver } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import { attendanceEvents, mockSessions, questions, sessionQuestions } from "#db/schema";
import { SEAT_COLORS } from "~/modules/sessions/roles";
import { opaqueIdentity, settleSessions, videoRoomName } from "~/modules/sessions/room.server";
import { createAvailableUser } from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";
import { MINUTE, sessionAt } from "../support/room-fixtures";

setupFreshDatabase();
const server = setupTestServer();
/** Both turned up (as the pad or LiveKit would record), so no sync calls it a no-show. */
async function bothJoined(sessionId: string, ...userIds: string[]) {
  for (const userId of userIds) {
    await getDb()
      .insert(attendanceEvents)
      .values({ sessionId, userId, source: "realtime", kind: "joined" });
  }
}

async function signedIn(email: string) {
  const client = server.client();
  const response = await client.post("/login", { email, password: "correct horse battery staple" });
  expect(response.status).toBe(302);
  return client;
}

describe("the room page", () => {
  it("is a 404 for anyone but the two participants", async () => {
    const { sessionId, me } = await sessionAt(-5);
    const stranger = await createAvailableUser("Room Stranger");
    expect((await (await signedIn(me.email)).get(`/sessions/${sessionId}`)).status).toBe(200);
    expect((await (await signedIn(stranger.email)).get(`/sessions/${sessionId}`)).status).toBe(404);
  });

  it("gives the kit to the interviewer only, never to the candidate's page", async () => {
    const { sessionId, me, peer } = await sessionAt(-5);
    const interviewer = await signedIn(peer.email);
    expect((await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const interviewerPage = await (await interviewer.get(`/sessions/${sessionId}`)).text();
    const candidatePage = await (
      await (await signedIn(me.email)).get(`/sessions/${sessionId}`)
    ).text();
    expect(interviewerPage).toContain("Interviewer kit");
    expect(interviewerPage).toContain("Hints (give sparingly)");
    const [assigned] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    expect(assigned).toMatchObject({ half: 1, interviewerId: peer.id, candidateId: me.id });
    const [question] = await getDb()
      .select()
      .from(questions)
      .where(eq(questions.id, assigned!.questionId!));
    expect(candidatePage).not.toContain("Interviewer kit");
    for (const secret of [...question!.hints, question!.goodAnswerL4, question!.goodAnswerL6]) {
      expect(candidatePage).not.toContain(secret.slice(0, 40));
    }
    // The candidate's client-side data request does not carry it either.
    const data = await (await (await signedIn(me.email)).get(`/sessions/${sessionId}.data`)).text();
    expect(data).not.toContain(question!.hints[0]!.slice(0, 40));
  });

  it("saves the interviewer's notes and refuses the candidate's", async () => {
    const { sessionId, me, peer } = await sessionAt(-5);
    const interviewer = await signedIn(peer.email);
    await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" });
    expect(
      (await interviewer.post(`/sessions/${sessionId}`, { intent: "notes", body: "Strong start" }))
        .status,
    ).toBe(200);
    expect(await (await interviewer.get(`/sessions/${sessionId}`)).text()).toContain(
      "Strong start",
    );
    const candidate = await signedIn(me.email);
    expect(
      (await candidate.post(`/sessions/${sessionId}`, { intent: "notes", body: "peek" })).status,
    ).toBe(404);
    const tooLong = await interviewer.post(`/sessions/${sessionId}`, {
      intent: "notes",
      body: "x".repeat(20_001),
    });
    expect(tooLong.status).toBe(400);
  });

  it("switches roles in a swap once, handing the kit over with a new question", async () => {
    const { sessionId, me, peer } = await sessionAt(-5, "swap");
    const booker = await signedIn(me.email);
    const other = await signedIn(peer.email);
    await other.post(`/sessions/${sessionId}`, { intent: "sync" });
    expect(await (await other.get(`/sessions/${sessionId}`)).text()).toContain("Interviewer kit");
    expect(await (await booker.get(`/sessions/${sessionId}`)).text()).not.toContain(
      "Interviewer kit",
    );
    // Only the first half's interviewer (the peer) may switch; two clicks of theirs
    // racing switch once.
    const [first, second] = await Promise.all([
      other.post(`/sessions/${sessionId}`, { intent: "switch-roles" }),
      other.post(`/sessions/${sessionId}`, { intent: "switch-roles" }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await (await booker.get(`/sessions/${sessionId}`)).text()).toContain("Interviewer kit");
    expect(await (await other.get(`/sessions/${sessionId}`)).text()).not.toContain(
      "Interviewer kit",
    );
    const assigned = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    expect(assigned).toHaveLength(2);
    expect(assigned[0]!.questionId).not.toBe(assigned[1]!.questionId);
  });

  it("never gives a candidate a question twice (the database refuses it)", async () => {
    const { sessionId, me, peer } = await sessionAt(-5);
    await (await signedIn(peer.email)).post(`/sessions/${sessionId}`, { intent: "sync" });
    const [assigned] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    const other = await sessionAt(-5);
    const error = await getDb()
      .insert(sessionQuestions)
      .values({
        sessionId: other.sessionId,
        half: 1,
        questionId: assigned!.questionId,
        interviewerId: peer.id,
        candidateId: me.id,
      })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(error, "session_questions_candidate_question_key")).toBe(true);
  });
});

describe("video tokens", () => {
  it("grants this room only, to a participant, inside the window", async () => {
    const { sessionId, me } = await sessionAt(-5);
    const response = await (await signedIn(me.email)).get(`/sessions/${sessionId}/video-token`);
    expect(response.status).toBe(200);
    const { url, token } = (await response.json()) as { url: string; token: string };
    expect(url).toMatch(/^wss?:\/\//);
    const grants = await new TokenVerifier("devkey", "secret").verify(token);
    expect(grants.video?.room).toBe(videoRoomName(sessionId));
    expect(grants.video?.roomJoin).toBe(true);
    expect(grants.video?.roomAdmin).toBeFalsy();
    expect(grants.sub).toBe(opaqueIdentity(sessionId, me.id));
    expect(grants.sub).not.toContain(me.id);
    const lifetime =
      (grants as { exp?: number; nbf?: number }).exp! - Math.floor(Date.now() / 1000);
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(15 * 60);
  });

  it("answers 403 to a participant before the window", async () => {
    const early = await sessionAt(120);
    const response = await (await signedIn(early.me.email)).get(
      `/sessions/${early.sessionId}/video-token`,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "Video is open during the session's time only.",
    });
  });

  it("answers the same 404 as every other route to anyone who is not a participant", async () => {
    const open = await sessionAt(-5);
    const stranger = await signedIn((await createAvailableUser("Video Stranger")).email);
    const askers = [
      ["a stranger", stranger, `/sessions/${open.sessionId}`],
      ["a stranger, bad id", stranger, "/sessions/not-a-session"],
      ["a stranger, unknown id", stranger, `/sessions/${randomUUID()}`],
      ["signed out", server.client(), `/sessions/${open.sessionId}`],
      ["signed out, bad id", server.client(), "/sessions/not-a-session"],
    ] as const;
    for (const [who, client, base] of askers) {
      for (const tool of ["video-token", "pad-token"]) {
        const response = await client.get(`${base}/${tool}`);
        expect(response.status, `${who}: ${tool}`).toBe(404);
        expect(await response.json(), `${who}: ${tool}`).toEqual({ error: "Not found." });
      }
    }
    // The room page itself answers a stranger the same way.
    expect((await stranger.get(`/sessions/${open.sessionId}`)).status).toBe(404);
  });
});

describe("the LiveKit webhook", () => {
  async function signedEvent(body: object, secret = "secret") {
    const { AccessToken } = await import("livekit-server-sdk");
    const { createHash } = await import("node:crypto");
    const text = JSON.stringify(body);
    const token = new AccessToken("devkey", secret);
    token.sha256 = createHash("sha256").update(text).digest("base64");
    return { text, authorization: await token.toJwt() };
  }

  it("refuses a bad signature with 400 and writes nothing", async () => {
    const { sessionId, me } = await sessionAt(-5);
    const before = await getDb().$count(attendanceEvents);
    const { text, authorization } = await signedEvent(
      {
        id: "EV_bad",
        event: "participant_joined",
        room: { name: videoRoomName(sessionId) },
        participant: { identity: opaqueIdentity(sessionId, me.id) },
      },
      "not-the-secret",
    );
    const response = await server.client().request("/webhooks/livekit", {
      method: "POST",
      body: text,
      headers: { "content-type": "application/webhook+json", authorization },
    });
    expect(response.status).toBe(400);
    expect(await getDb().$count(attendanceEvents)).toBe(before);
  });

  it("records a join once, however often it is delivered", async () => {
    const { sessionId, me } = await sessionAt(-5);
    const event = await signedEvent({
      id: `EV_${randomUUID()}`,
      event: "participant_joined",
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: videoRoomName(sessionId) },
      participant: { identity: opaqueIdentity(sessionId, me.id) },
    });
    // The receiver we use in the app accepts it: the fixture signs like LiveKit does.
    await new WebhookReceiver("devkey", "secret").receive(event.text, event.authorization);
    const post = () =>
      server.client().request("/webhooks/livekit", {
        method: "POST",
        body: event.text,
        headers: { "content-type": "application/webhook+json", authorization: event.authorization },
      });
    const first = await post();
    const second = await post();
    expect(await first.json()).toEqual({ outcome: "recorded" });
    expect(await second.json()).toEqual({ outcome: "duplicate" });
    const rows = await getDb()
      .select()
      .from(attendanceEvents)
      .where(eq(attendanceEvents.sessionId, sessionId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: me.id, source: "livekit", kind: "joined" });
  });
});

describe("attendance and no-shows", () => {
  it("marks a session no-show when someone has not appeared 10 minutes after the start", async () => {
    const { sessionId, me, peer } = await sessionAt(-11);
    await getDb()
      .insert(attendanceEvents)
      .values({ sessionId, userId: me.id, source: "realtime", kind: "joined" });
    const result = await settleSessions(new Date());
    expect(result.noShows).toBeGreaterThanOrEqual(1);
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row).toMatchObject({ status: "no_show", noShowUserIds: [peer.id] });
    // A second sweep changes nothing.
    await settleSessions(new Date());
    const [again] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(again?.status).toBe("no_show");
    const page = await (await (await signedIn(me.email)).get(`/sessions/${sessionId}`)).text();
    expect(page).toContain("did not join");
  });

  it("leaves a session alone while both have appeared, and completes it after the end", async () => {
    const { sessionId, me, peer } = await sessionAt(-11);
    for (const userId of [me.id, peer.id]) {
      await getDb()
        .insert(attendanceEvents)
        .values({ sessionId, userId, source: "livekit", kind: "joined" });
    }
    await settleSessions(new Date());
    const [during] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    expect(during?.status).not.toBe("no_show");
    await settleSessions(new Date(Date.now() + 3 * 60 * MINUTE));
    const [after] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(after?.status).toBe("completed");
  });
});

describe("switching roles", () => {
  it("is for the first half's interviewer only; anyone else is told, not obeyed", async () => {
    const { sessionId, me, peer } = await sessionAt(-5, "swap");
    const candidate = await signedIn(me.email);
    const refused = await candidate.post(`/sessions/${sessionId}`, { intent: "switch-roles" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      "Only the interviewer of the first half can switch roles.",
    );
    const stranger = await signedIn((await createAvailableUser("Switch Stranger")).email);
    expect((await stranger.post(`/sessions/${sessionId}`, { intent: "switch-roles" })).status).toBe(
      404,
    );
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row).toMatchObject({ currentHalf: 1, halfTwoStartedAt: null });
    // The candidate's page offers no switch at all; the interviewer's asks first.
    expect(await (await candidate.get(`/sessions/${sessionId}`)).text()).not.toContain(
      "Switch roles…",
    );
    const interviewerPage = await (
      await (await signedIn(peer.email)).get(`/sessions/${sessionId}`)
    ).text();
    expect(interviewerPage).toContain("Switch roles…");
    expect(interviewerPage).toContain("Switch roles now?");

    const oneWay = await sessionAt(-5);
    const notSwap = await (await signedIn(oneWay.peer.email)).post(
      `/sessions/${oneWay.sessionId}`,
      {
        intent: "switch-roles",
      },
    );
    expect(notSwap.status).toBe(409);
    expect(await notSwap.text()).toContain("Only a swap session has two halves to switch between.");
  });

  it("starts the second half's clock at the switch and gives a fresh question at once", async () => {
    const { sessionId, me, peer } = await sessionAt(-20, "swap");
    await bothJoined(sessionId, me.id, peer.id);
    const interviewer = await signedIn(peer.email);
    await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" });
    const before = Date.now();
    expect(
      (await interviewer.post(`/sessions/${sessionId}`, { intent: "switch-roles" })).status,
    ).toBe(200);
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row!.currentHalf).toBe(2);
    expect(row!.status).toBe("in_progress");
    const switchedAt = row!.halfTwoStartedAt!;
    expect(switchedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(switchedAt.getTime()).toBeLessThanOrEqual(Date.now());
    // 20 minutes in, not at the 60-minute midpoint: the new interviewer's timer runs
    // from the switch, for a whole round.
    const data = await (await (await signedIn(me.email)).get(`/sessions/${sessionId}.data`)).text();
    expect(data).toContain(switchedAt.toISOString());
    expect(data).toContain(new Date(switchedAt.getTime() + 60 * MINUTE).toISOString());
    const assigned = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    expect(assigned.map((a) => [a.half, a.interviewerId, a.candidateId]).sort()).toEqual([
      [1, peer.id, me.id],
      [2, me.id, peer.id],
    ]);
  });
});

describe("questions in a swap", () => {
  /** A bare past session, so a question counts as had by `candidateId`. */
  async function history(questionId: number, candidateId: string, interviewerId: string) {
    const [session] = await getDb().select().from(mockSessions).limit(1);
    const [copy] = await getDb()
      .insert(mockSessions)
      .values({
        loopId: session!.loopId,
        roundId: session!.roundId,
        format: "one_way",
        startsAt: new Date(Date.now() - 30 * 24 * 60 * MINUTE),
        endsAt: new Date(Date.now() - 30 * 24 * 60 * MINUTE + 60 * MINUTE),
        status: "completed",
        bookedBy: candidateId,
        idempotencyKey: randomUUID(),
      })
      .returning({ id: mockSessions.id });
    await getDb()
      .insert(sessionQuestions)
      .values({ sessionId: copy!.id, half: 1, questionId, interviewerId, candidateId });
  }

  it("never gives the second candidate the question whose kit they held in the first half", async () => {
    const { sessionId, me, peer } = await sessionAt(-20, "swap");
    await bothJoined(sessionId, me.id, peer.id);
    const third = await createAvailableUser("Question History");
    const interviewer = await signedIn(peer.email);
    await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" });
    const [first] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    const [session] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    const bank = await getDb()
      .select()
      .from(questions)
      .where(eq(questions.roundId, session!.roundId));
    const held = bank.find((q) => q.id === first!.questionId)!;
    // The peer (second-half candidate) has had every question but two: the one they just
    // held, and one used more often (so "least used" alone would pick the held one).
    const other =
      bank.find(
        (q) =>
          q.id !== held.id &&
          q.minLevelRank === held.minLevelRank &&
          q.maxLevelRank === held.maxLevelRank,
      ) ?? bank.find((q) => q.id !== held.id)!;
    for (const q of bank) {
      if (q.id !== held.id && q.id !== other.id) await history(q.id, peer.id, third.id);
    }
    await history(other.id, third.id, me.id);
    await history(other.id, me.id, third.id);

    expect(
      (await interviewer.post(`/sessions/${sessionId}`, { intent: "switch-roles" })).status,
    ).toBe(200);
    const [second] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(and(eq(sessionQuestions.sessionId, sessionId), eq(sessionQuestions.half, 2)));
    expect(second).toMatchObject({ candidateId: peer.id, questionId: other.id });
  });

  it("is refused by the database too: one session never asks one question twice", async () => {
    const { sessionId, me, peer } = await sessionAt(-5, "swap");
    await (await signedIn(peer.email)).post(`/sessions/${sessionId}`, { intent: "sync" });
    const [first] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    const error = await getDb()
      .insert(sessionQuestions)
      .values({
        sessionId,
        half: 2,
        questionId: first!.questionId,
        interviewerId: me.id,
        candidateId: peer.id,
      })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(error, "session_questions_session_question_key")).toBe(true);
  });
});

describe("the room's status", () => {
  it("is read, never written, by a page load; the room's sync moves it", async () => {
    const { sessionId, me, peer } = await sessionAt(-5);
    for (const person of [me, peer]) {
      const client = await signedIn(person.email);
      expect((await client.get(`/sessions/${sessionId}`)).status).toBe(200);
      expect((await client.get(`/sessions/${sessionId}.data`)).status).toBe(200);
    }
    const [untouched] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    expect(untouched!.status).toBe("scheduled");
    expect(await getDb().$count(sessionQuestions, eq(sessionQuestions.sessionId, sessionId))).toBe(
      0,
    );
    // The page says it is live; the browser posts the sync as soon as it is up.
    const client = await signedIn(me.email);
    const page = await (await client.get(`/sessions/${sessionId}`)).text();
    expect(page).toMatch(/Live · 5[45] min left/);
    expect((await client.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const [moved] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(moved!.status).toBe("in_progress");
    expect(await getDb().$count(sessionQuestions, eq(sessionQuestions.sessionId, sessionId))).toBe(
      1,
    );
  });

  it("says Ended when the time is up, and the feedback form agrees once the room syncs", async () => {
    const { sessionId, me, peer } = await sessionAt(-70);
    await bothJoined(sessionId, me.id, peer.id);
    await getDb()
      .update(mockSessions)
      .set({ status: "in_progress" })
      .where(eq(mockSessions.id, sessionId));
    const interviewer = await signedIn(peer.email);
    // No sweep has run: the stored status still says in progress.
    const page = await (await interviewer.get(`/sessions/${sessionId}`)).text();
    expect(page).toContain("Ended");
    expect(page).not.toContain("Live ·");
    expect(page).toContain("The time is up.");
    expect((await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row!.status).toBe("completed");
    const form = await (await interviewer.get(`/sessions/${sessionId}/feedback/1`)).text();
    expect(form).not.toContain("This half is not over yet");
    const after = await (await interviewer.get(`/sessions/${sessionId}`)).text();
    expect(after).toContain("Write the scorecard for Room Me");
    expect(after).toContain("Ended");
  });

  it("opens the feedback form of an unsettled ended session without the room: the page asks for the sync", async () => {
    const { sessionId, me, peer } = await sessionAt(-70);
    await bothJoined(sessionId, me.id, peer.id);
    await getDb()
      .update(mockSessions)
      .set({ status: "in_progress" })
      .where(eq(mockSessions.id, sessionId));
    const interviewer = await signedIn(peer.email);
    // Straight to the form by URL: its loader reads only, and tells the page to settle.
    const before = await (await interviewer.get(`/sessions/${sessionId}/feedback/1`)).text();
    expect(before).toContain("The session has just ended: opening the form");
    expect(before).not.toContain("This half is not over yet");
    const [unchanged] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, sessionId));
    expect(unchanged!.status).toBe("in_progress");
    // What the page's fetcher posts; afterwards the form is open.
    expect((await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const after = await (await interviewer.get(`/sessions/${sessionId}/feedback/1`)).text();
    expect(after).not.toContain("opening the form");
    expect(after).not.toContain("This half is not over yet");
  });

  it("settles a no-show on the room's sync the way the sweep would", async () => {
    const { sessionId, me, peer } = await sessionAt(-70);
    await getDb()
      .insert(attendanceEvents)
      .values({ sessionId, userId: me.id, source: "realtime", kind: "joined" });
    const client = await signedIn(me.email);
    expect((await client.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row).toMatchObject({ status: "no_show", noShowUserIds: [peer.id] });
  });
});

describe("presence colours", () => {
  it("differ for the two people of a room, whoever they are", async () => {
    for (let i = 0; i < 3; i++) {
      const { sessionId, me, peer } = await sessionAt(-5, i % 2 === 0 ? "one_way" : "swap");
      const colours = [];
      for (const person of [me, peer]) {
        const response = await (await signedIn(person.email)).get(
          `/sessions/${sessionId}/pad-token`,
        );
        const { token } = (await response.json()) as { token: string };
        const claims = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8"));
        colours.push(claims.color);
      }
      expect(colours).toEqual([...SEAT_COLORS]);
    }
  });
});
