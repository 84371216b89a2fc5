import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { TokenVerifier, WebhookReceiver } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import { attendanceEvents, mockSessions, sessionParticipants, sessionQuestions } from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { opaqueIdentity, settleSessions, videoRoomName } from "~/modules/sessions/room.server";
import { createAvailableUser, offerToInterview, openRequest } from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();
const MINUTE = 60_000;

/** A booked session moved to start `startOffsetMin` minutes from now (negative: started). */
async function sessionAt(
  startOffsetMin: number,
  format: "one_way" | "swap" = "one_way",
  round = "coding",
) {
  const peer = await createAvailableUser("Room Peer");
  await offerToInterview(peer.id, round, "L7");
  const me = await createAvailableUser("Room Me");
  if (format === "swap")
    await openRequest(peer.id, { round, format: "swap", level: "L5" }, new Date());
  const requestId = await openRequest(me.id, { round, format, level: "L5" }, new Date());
  const now = Date.now();
  const slot = new Date(Math.ceil((now + 2 * 60 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE);
  const booked = await bookProposal({
    userId: me.id,
    requestId,
    peerId: peer.id,
    start: slot,
    idempotencyKey: randomUUID(),
  });
  if (!booked.ok) throw new Error(booked.error);
  const startsAt = new Date(now + startOffsetMin * MINUTE);
  const [session] = await getDb()
    .select()
    .from(mockSessions)
    .where(eq(mockSessions.id, booked.sessionId));
  const length = session!.endsAt.getTime() - session!.startsAt.getTime();
  const endsAt = new Date(startsAt.getTime() + length);
  await getDb()
    .update(mockSessions)
    .set({ startsAt, endsAt })
    .where(eq(mockSessions.id, booked.sessionId));
  await getDb()
    .update(sessionParticipants)
    .set({ during: `[${startsAt.toISOString()},${endsAt.toISOString()})` })
    .where(eq(sessionParticipants.sessionId, booked.sessionId));
  return { sessionId: booked.sessionId, me, peer };
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
    const interviewerPage = await (
      await (await signedIn(peer.email)).get(`/sessions/${sessionId}`)
    ).text();
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
    const { questions } = await import("#db/schema");
    const [question] = await getDb()
      .select()
      .from(questions)
      .where(eq(questions.id, assigned!.questionId));
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
    await interviewer.get(`/sessions/${sessionId}`);
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
    expect(await (await other.get(`/sessions/${sessionId}`)).text()).toContain("Interviewer kit");
    expect(await (await booker.get(`/sessions/${sessionId}`)).text()).not.toContain(
      "Interviewer kit",
    );
    const [first, second] = await Promise.all([
      booker.post(`/sessions/${sessionId}`, { intent: "switch-roles" }),
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
    await (await signedIn(peer.email)).get(`/sessions/${sessionId}`);
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

  it("answers 403 before the window and for a non-participant", async () => {
    const early = await sessionAt(120);
    expect(
      (await (await signedIn(early.me.email)).get(`/sessions/${early.sessionId}/video-token`))
        .status,
    ).toBe(403);
    const open = await sessionAt(-5);
    const stranger = await createAvailableUser("Video Stranger");
    expect(
      (await (await signedIn(stranger.email)).get(`/sessions/${open.sessionId}/video-token`))
        .status,
    ).toBe(403);
    expect((await server.client().get(`/sessions/${open.sessionId}/video-token`)).status).toBe(401);
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
