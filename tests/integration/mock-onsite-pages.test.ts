import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  dimensions,
  feedback,
  feedbackReveals,
  feedbackScores,
  levels,
  mockOnsites,
  mockSessions,
  sessionParticipants,
} from "#db/schema";
import { bookOnsite } from "~/modules/onsite/book-onsite.server";
import { createAvailableUser, grantCredits, LOOP, NOW } from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { type HttpClient, setupTestServer } from "../support/http";
import {
  ONSITE_LEVEL,
  ONSITE_TRACK,
  onsitePeers,
  onsiteRounds,
  planDay,
} from "../support/onsite-fixtures";

// The mock onsite pages over HTTP: hostile input gets a 4xx with a clear message and
// writes nothing, a day is its candidate's alone (404 for anyone else), and the debrief
// shows only the scorecards revealed to the candidate.

setupFreshDatabase();
const server = setupTestServer();

async function signedIn(userId: string, email: string): Promise<HttpClient & { userId: string }> {
  const client = server.client();
  const response = await client.post("/login", { email, password: "correct horse battery staple" });
  expect(response.status).toBe(302);
  return Object.assign(client, { userId });
}

async function person(label: string) {
  const user = await createAvailableUser(label, { maxSessionsPerDay: 12 });
  await grantCredits(user.id, 30);
  return signedIn(user.id, user.email);
}

/** A day booked for `userId` (fixed clock, far ahead): its id and sessions in order. */
async function bookedDay(userId: string, label: string) {
  const rounds = await onsiteRounds();
  const peers = await onsitePeers(
    label,
    rounds.map((r) => r.slug),
  );
  const result = await bookOnsite({
    userId,
    loopSlug: LOOP,
    trackSlug: ONSITE_TRACK,
    levelCode: ONSITE_LEVEL,
    date: "2027-03-03",
    sittings: planDay(rounds, peers, new Date("2027-03-03T09:00:00Z")),
    idempotencyKey: randomUUID(),
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error);
  return result;
}

function validForm(overrides: Record<string, string> = {}) {
  return {
    loop: LOOP,
    track: ONSITE_TRACK,
    level: ONSITE_LEVEL,
    date: "2027-03-03",
    idempotencyKey: randomUUID(),
    "sittings[0].round": "coding",
    "sittings[0].peerId": randomUUID(),
    "sittings[0].start": "2027-03-03T09:00:00.000Z",
    "sittings[0].price": "2",
    ...overrides,
  };
}

/** The page's HTML without the markers React puts between adjacent pieces of text. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

/** Nine sittings: one more than any day may hold. */
function tooManySittings(): Record<string, string> {
  const fields: Record<string, string> = validForm();
  for (let i = 0; i < 9; i++) {
    fields[`sittings[${i}].round`] = "coding";
    fields[`sittings[${i}].peerId`] = randomUUID();
    fields[`sittings[${i}].start`] = "2027-03-03T09:00:00.000Z";
    fields[`sittings[${i}].price`] = "1";
  }
  return fields;
}

describe("the mock onsite page", () => {
  let me: HttpClient & { userId: string };
  beforeAll(async () => {
    me = await person("Pages candidate");
  }, 60_000);

  it("lists nothing yet, and searches with the target from the query", async () => {
    const empty = await me.get("/onsite");
    expect(empty.status).toBe(200);
    const html = await pageText(empty);
    expect(html).toContain("None yet. Find a day above");
    expect(html).not.toContain("Proposed days");

    const searched = await me.get(`/onsite?loop=${LOOP}&track=research&level=L5`);
    expect(searched.status).toBe(200);
    const text = await pageText(searched);
    // The research track at L5 sits two ML design rounds; the page says what it searched.
    expect(text).toContain("At L5, the Research engineer onsite sits");
    // Nobody qualified is free for every round: an empty state, not an error.
    expect(text).toContain("No day fits yet");
  });

  it("answers a bad query with 400 and a message on its field", async () => {
    for (const [query, message] of [
      ["level=L99", "That level is not part of this loop."],
      ["loop=no-such-loop", "That loop does not exist."],
      ["track=../../etc", "That track does not exist."],
      ["before=2027-02-30", "Give the date as YYYY-MM-DD."],
      ["before=yesterday", "Give the date as YYYY-MM-DD."],
      ["horizonDays=500", "At most 21 days."],
      [`loop=${"a".repeat(5000)}`, "That loop does not exist."],
    ] as const) {
      const label = query.slice(0, 40);
      const response = await me.get(`/onsite?${query}`);
      expect(response.status, label).toBe(400);
      expect(await pageText(response), label).toContain(message);
    }
  });

  it("finds no day before a date that leaves none", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await me.get(`/onsite?level=L4&before=${today}`);
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain("There is no day left before the date you gave.");
  });

  it("refuses hostile bookings with a 4xx and writes nothing", async () => {
    const before = await getDb().$count(mockOnsites, eq(mockOnsites.candidateId, me.userId));
    const cases: [string, Record<string, string>, number][] = [
      ["nothing", {}, 400],
      ["a bad peer id", validForm({ "sittings[0].peerId": "'; drop table users; --" }), 400],
      ["an impossible date", validForm({ date: "2027-02-30" }), 400],
      ["a start that is no time", validForm({ "sittings[0].start": "tomorrow" }), 400],
      ["an oversized key", validForm({ idempotencyKey: "k".repeat(5000) }), 400],
      ["a negative price", validForm({ "sittings[0].price": "-3" }), 400],
      ["too many sittings", tooManySittings(), 400],
      // Well formed, but not the rounds of this onsite: a refusal of the day.
      ["one round instead of five", validForm(), 409],
      ["a track that does not exist", validForm({ track: "no-such-track" }), 404],
    ];
    for (const [label, fields, status] of cases) {
      const response = await me.post("/onsite?index", fields);
      expect(response.status, label).toBe(status);
      const html = await pageText(response);
      expect(html, label).toMatch(
        status === 400
          ? /That day is not valid any more/
          : status === 404
            ? /That loop, track or level does not exist/
            : /does not hold the rounds of your onsite/,
      );
    }
    expect(await getDb().$count(mockOnsites, eq(mockOnsites.candidateId, me.userId))).toBe(before);
  });
});

describe("a booked day's page", () => {
  it("is its candidate's only, and shows only revealed scorecards in the debrief", async () => {
    const me = await person("Debrief candidate");
    const stranger = await person("Stranger");
    const day = await bookedDay(me.userId, "Debrief");

    expect((await stranger.get(`/onsite/${day.onsiteId}`)).status).toBe(404);
    expect((await me.get("/onsite/not-a-uuid")).status).toBe(404);
    expect((await me.get(`/onsite/${randomUUID()}`)).status).toBe(404);

    const pending = await me.get(`/onsite/${day.onsiteId}`);
    expect(pending.status).toBe(200);
    const pendingHtml = await pageText(pending);
    for (const id of day.sessionIds) expect(pendingHtml).toContain(`/sessions/${id}`);
    expect(pendingHtml).toContain("Too early to say whether this loop passes at L4");

    // Round 1: a strong hire, revealed. Round 2: a strong no hire, submitted but not
    // revealed yet, which the candidate must not see in any form.
    const db = getDb();
    const [level] = await db.select().from(levels).where(eq(levels.code, ONSITE_LEVEL));
    for (const [i, overall, revealed] of [
      [0, "strong_hire", true],
      [1, "strong_no_hire", false],
    ] as const) {
      const [session] = await db
        .select()
        .from(mockSessions)
        .where(eq(mockSessions.id, day.sessionIds[i]!));
      const [dimension] = await db
        .select()
        .from(dimensions)
        .where(eq(dimensions.roundId, session!.roundId))
        .limit(1);
      const [peer] = await db
        .select({ userId: sessionParticipants.userId })
        .from(sessionParticipants)
        .where(
          and(
            eq(sessionParticipants.sessionId, session!.id),
            eq(sessionParticipants.role, "interviewer"),
          ),
        );
      const peerId = peer!.userId;
      const [card] = await db
        .insert(feedback)
        .values({
          sessionId: session!.id,
          half: 1,
          kind: "scorecard",
          authorId: peerId,
          recipientId: me.userId,
          roundId: session!.roundId,
          targetLevelId: level!.id,
          overall,
          strengths: "Clear",
          improvements: "Faster",
          practiseRoundId: session!.roundId,
        })
        .returning({ id: feedback.id });
      await db.insert(feedbackScores).values({
        feedbackId: card!.id,
        dimensionId: dimension!.id,
        score: overall === "strong_hire" ? 4 : 1,
        evidence: "Seen in the session",
      });
      if (revealed) {
        await db
          .insert(feedbackReveals)
          .values({ sessionId: session!.id, half: 1, reason: "both_submitted" });
      }
    }
    const scored = await pageText(await me.get(`/onsite/${day.onsiteId}`));
    expect(scored).toContain("pill--call-strong_hire");
    expect(scored).not.toContain("pill--call-strong_no_hire");
    expect(scored).toContain("(provisional)");
    expect(scored).toContain("Strongest across the day");
    expect(scored).toMatch(/4 \/ 4/);
    expect(scored).not.toMatch(/1 \/ 4/);
    // The stranger still gets nothing, the debrief included.
    expect((await stranger.get(`/onsite/${day.onsiteId}`)).status).toBe(404);
  });
});
