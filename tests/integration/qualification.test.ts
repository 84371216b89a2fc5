import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import {
  feedback,
  feedbackReveals,
  interviewerGrants,
  interviewerRounds,
  levels,
  loops,
  rounds,
  users,
} from "#db/schema";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { getRequest, proposeForRequest } from "~/modules/booking/requests.server";
import {
  grantByEmail,
  grantInterviewing,
  revokeGrant,
} from "~/modules/credits/interviewer-grants.server";
import { countQualifiedInterviewers, oneWayPrice } from "~/modules/credits/pricing.server";
import { loadOneWayInterviewers, loadRatingFloor } from "~/modules/credits/qualification.server";
import { PRICE_RANGE, priceForScarcity } from "~/modules/credits/rules";
import {
  createAvailableUser,
  LOOP,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";
import { insertSession } from "../support/feedback-fixtures";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

const HOUR = 60 * 60 * 1000;
/** Past sessions: a day apart, long before NOW. */
let clock = Date.parse("2027-01-01T09:00:00Z");
function nextSlot() {
  clock += 24 * HOUR;
  return { startsAt: new Date(clock), endsAt: new Date(clock + HOUR) };
}

async function catalog() {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP));
  const roundRows = await db.select().from(rounds).where(eq(rounds.loopId, loop!.id));
  const levelRows = await db.select().from(levels).where(eq(levels.loopId, loop!.id));
  return {
    loopId: loop!.id,
    round: (slug: string) => roundRows.find((r) => r.slug === slug)!,
    level: (code: string) => levelRows.find((l) => l.code === code)!,
  };
}

/** Offered on the profile, nothing more (the self-declaration of old). */
async function offerOnly(userId: string, roundSlug: string, upTo: string) {
  const c = await catalog();
  await getDb()
    .insert(interviewerRounds)
    .values({
      userId,
      loopId: c.loopId,
      roundId: c.round(roundSlug).id,
      maxLevelId: c.level(upTo).id,
    })
    .onConflictDoUpdate({
      target: [interviewerRounds.userId, interviewerRounds.roundId],
      set: { maxLevelId: c.level(upTo).id },
    });
}

/** A held one-way session in which `candidateId` received a scorecard with this call. */
async function assessed(options: {
  candidateId: string;
  round?: string;
  level: string;
  overall: "strong_no_hire" | "no_hire" | "hire" | "strong_hire";
  revealed?: boolean;
}) {
  const c = await catalog();
  const interviewer = await createUser({ name: "Assessor" });
  const round = options.round ?? "coding";
  const sessionId = await insertSession({
    candidateId: options.candidateId,
    interviewerId: interviewer.id,
    round,
    level: options.level,
    ...nextSlot(),
  });
  await getDb()
    .insert(feedback)
    .values({
      sessionId,
      half: 1,
      kind: "scorecard",
      authorId: interviewer.id,
      recipientId: options.candidateId,
      roundId: c.round(round).id,
      targetLevelId: c.level(options.level).id,
      overall: options.overall,
      strengths: "Strengths.",
      improvements: "Improvements.",
      practiseRoundId: c.round(round).id,
    });
  if (options.revealed ?? true) {
    await getDb().insert(feedbackReveals).values({ sessionId, half: 1, reason: "both_submitted" });
  }
  return sessionId;
}

/** A held one-way session `interviewerId` gave, rated by its candidate with three equal marks. */
async function ratedOneWay(interviewerId: string, mark: number, revealed = true) {
  const c = await catalog();
  const candidate = await createUser({ name: "Rater" });
  const sessionId = await insertSession({
    candidateId: candidate.id,
    interviewerId,
    ...nextSlot(),
  });
  await getDb()
    .insert(feedback)
    .values({
      sessionId,
      half: 1,
      kind: "rating",
      authorId: candidate.id,
      recipientId: interviewerId,
      roundId: c.round("coding").id,
      preparation: mark,
      helpfulness: mark,
      clarity: mark,
      wouldPractiseAgain: mark >= 3,
    });
  if (revealed) {
    await getDb().insert(feedbackReveals).values({ sessionId, half: 1, reason: "deadline" });
  }
}

async function heldSwap(userId: string) {
  const partner = await createUser({ name: "Swap partner" });
  await insertSession({
    candidateId: userId,
    interviewerId: partner.id,
    format: "swap",
    ...nextSlot(),
  });
}

async function oneWayUpTo(userId: string, round: string, targetRank: number) {
  const c = await catalog();
  const rows = await loadOneWayInterviewers(getDb(), {
    roundId: c.round(round).id,
    targetLevelRank: targetRank,
    onlyUserId: userId,
  });
  return rows[0]?.upToRank ?? null;
}

describe("earned qualification", () => {
  it("a revealed hire call at a level qualifies for that round up to that level, no higher", async () => {
    const person = await createUser();
    await offerOnly(person.id, "coding", "L7");
    await offerOnly(person.id, "system-design", "L7");
    expect(await oneWayUpTo(person.id, "coding", 4)).toBeNull();

    await assessed({ candidateId: person.id, level: "L5", overall: "hire" });
    expect(await oneWayUpTo(person.id, "coding", 4)).toBe(5);
    expect(await oneWayUpTo(person.id, "coding", 5)).toBe(5);
    expect(await oneWayUpTo(person.id, "coding", 6)).toBeNull();
    // Only in the round it was earned in.
    expect(await oneWayUpTo(person.id, "system-design", 5)).toBeNull();

    await assessed({ candidateId: person.id, level: "L6", overall: "strong_hire" });
    expect(await oneWayUpTo(person.id, "coding", 6)).toBe(6);
  });

  it("an unrevealed hire call or a revealed no-hire qualifies no one", async () => {
    const hidden = await createUser();
    await offerOnly(hidden.id, "coding", "L7");
    await assessed({ candidateId: hidden.id, level: "L6", overall: "hire", revealed: false });
    expect(await oneWayUpTo(hidden.id, "coding", 3)).toBeNull();

    const turnedDown = await createUser();
    await offerOnly(turnedDown.id, "coding", "L7");
    await assessed({ candidateId: turnedDown.id, level: "L6", overall: "no_hire" });
    await assessed({ candidateId: turnedDown.id, level: "L6", overall: "strong_no_hire" });
    expect(await oneWayUpTo(turnedDown.id, "coding", 3)).toBeNull();
  });

  it("takes the lower of what is offered and what is qualified; nothing without an offer", async () => {
    const person = await createUser();
    await assessed({ candidateId: person.id, level: "L6", overall: "hire" });
    expect(await oneWayUpTo(person.id, "coding", 3)).toBeNull();
    await offerOnly(person.id, "coding", "L4");
    expect(await oneWayUpTo(person.id, "coding", 4)).toBe(4);
    expect(await oneWayUpTo(person.id, "coding", 5)).toBeNull();
  });
});

describe("admin grants", () => {
  it("a grant qualifies, granting again replaces it, and a revoke ends it", async () => {
    const admin = await createUser({ name: "Admin" });
    const person = await createUser();
    const c = await catalog();
    await offerOnly(person.id, "coding", "L7");
    const first = await grantByEmail({
      adminId: admin.id,
      email: person.email.toUpperCase(),
      roundId: c.round("coding").id,
      levelCode: "L5",
      note: "Known interviewer",
    });
    expect(first.ok).toBe(true);
    expect(await oneWayUpTo(person.id, "coding", 5)).toBe(5);
    expect(await oneWayUpTo(person.id, "coding", 6)).toBeNull();

    const second = await grantByEmail({
      adminId: admin.id,
      email: person.email,
      roundId: c.round("coding").id,
      levelCode: "L6",
      note: "",
    });
    expect(second.ok).toBe(true);
    expect(await oneWayUpTo(person.id, "coding", 6)).toBe(6);
    const live = await getDb()
      .select()
      .from(interviewerGrants)
      .where(and(eq(interviewerGrants.userId, person.id), isNull(interviewerGrants.revokedAt)));
    expect(live).toHaveLength(1);

    if (!second.ok) throw new Error("unreachable");
    expect(await revokeGrant({ adminId: admin.id, grantId: second.grantId })).toEqual({ ok: true });
    expect(await oneWayUpTo(person.id, "coding", 3)).toBeNull();
    expect(await revokeGrant({ adminId: admin.id, grantId: second.grantId })).toEqual({
      ok: false,
      error: "grant_not_found",
    });
    // Revoked rows stay, stamped, as the history.
    const all = await getDb()
      .select()
      .from(interviewerGrants)
      .where(eq(interviewerGrants.userId, person.id));
    expect(all.map((g) => g.revokedBy)).toEqual([admin.id, admin.id]);
  });

  it("names what is wrong: unknown person, round or level", async () => {
    const admin = await createUser();
    const c = await catalog();
    const base = { adminId: admin.id, roundId: c.round("coding").id, levelCode: "L5", note: "" };
    expect(await grantByEmail({ ...base, email: "nobody@example.test" })).toEqual({
      ok: false,
      error: "unknown_person",
    });
    expect(await grantByEmail({ ...base, email: admin.email, levelCode: "L99" })).toEqual({
      ok: false,
      error: "unknown_level",
    });
    expect(await grantByEmail({ ...base, email: admin.email, roundId: 999_999 })).toEqual({
      ok: false,
      error: "unknown_round",
    });
  });

  it("the database keeps one live grant per person and round", async () => {
    const person = await createUser();
    const c = await catalog();
    const row = {
      userId: person.id,
      loopId: c.loopId,
      roundId: c.round("behavioral").id,
      maxLevelId: c.level("L5").id,
    };
    await getDb().insert(interviewerGrants).values(row);
    const err = await getDb()
      .insert(interviewerGrants)
      .values(row)
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err, "interviewer_grants_one_live")).toBe(true);

    // Racing grants for the same person and round: each ends granted or in a clear
    // conflict, and exactly one grant is live. PGlite has one connection: a short form.
    const racers = usingPostgres ? 12 : 3;
    const results = await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        grantInterviewing({
          userId: person.id,
          roundId: c.round("behavioral").id,
          maxLevelId: c.level(i % 2 ? "L6" : "L4").id,
          grantedBy: null,
        }),
      ),
    );
    for (const result of results) {
      expect(result.ok || result.error === "grant_conflict").toBe(true);
    }
    expect(results.some((r) => r.ok)).toBe(true);
    const live = await getDb()
      .select()
      .from(interviewerGrants)
      .where(and(eq(interviewerGrants.userId, person.id), isNull(interviewerGrants.revokedAt)));
    expect(live).toHaveLength(1);
  });
});

describe("the rating floor", () => {
  it("pauses one-way interviewing after poor ratings, and swaps held since restore it", async () => {
    const person = await createUser();
    await offerToInterview(person.id, "coding", "L7");
    expect(await oneWayUpTo(person.id, "coding", 5)).toBe(7);

    // Two poor ratings are not yet a pattern; a swap held before them does not count later.
    await heldSwap(person.id);
    await ratedOneWay(person.id, 2);
    await ratedOneWay(person.id, 2);
    expect(await oneWayUpTo(person.id, "coding", 5)).toBe(7);
    // A poor rating not yet revealed does not count either.
    await ratedOneWay(person.id, 1, false);
    expect((await loadRatingFloor(person.id)).paused).toBe(false);

    await ratedOneWay(person.id, 2);
    expect(await loadRatingFloor(person.id)).toEqual({
      paused: true,
      average: 2,
      rated: 3,
      swapsStillNeeded: 2,
    });
    expect(await oneWayUpTo(person.id, "coding", 5)).toBeNull();
    const c = await catalog();
    const roundId = c.round("coding").id;
    const rows = await loadOneWayInterviewers(getDb(), { roundId, targetLevelRank: 5 });
    expect(rows.find((r) => r.userId === person.id)?.paused).toBe(true);

    await heldSwap(person.id);
    expect(await loadRatingFloor(person.id)).toMatchObject({ paused: true, swapsStillNeeded: 1 });
    await heldSwap(person.id);
    expect((await loadRatingFloor(person.id)).paused).toBe(false);
    expect(await oneWayUpTo(person.id, "coding", 5)).toBe(7);

    // Another poor one-way session starts the count again.
    await ratedOneWay(person.id, 1);
    expect(await loadRatingFloor(person.id)).toMatchObject({ paused: true, swapsStillNeeded: 2 });
  });

  it("good ratings never pause", async () => {
    const person = await createUser();
    for (const mark of [5, 4, 3, 2, 4]) await ratedOneWay(person.id, mark);
    expect(await loadRatingFloor(person.id)).toEqual({ paused: false, average: 3.6, rated: 5 });
  });
});

describe("matching and booking", () => {
  it("one-way requests meet only qualified interviewers; swaps are open to all", async () => {
    const me = await createAvailableUser("Seeker");
    const qualified = await createAvailableUser("Qualified");
    await offerToInterview(qualified.id, "phone-screen", "L6");
    const selfDeclared = await createAvailableUser("Self-declared");
    await offerOnly(selfDeclared.id, "phone-screen", "L7");

    const oneWay = (await getRequest(
      await openRequest(me.id, { round: "phone-screen", level: "L5" }),
    ))!;
    const proposals = await proposeForRequest(oneWay, NOW, { maxProposals: 50 });
    expect(new Set(proposals.map((p) => p.peerId))).toEqual(new Set([qualified.id]));

    await openRequest(selfDeclared.id, { round: "phone-screen", level: "L5", format: "swap" });
    const swap = (await getRequest(
      await openRequest(me.id, { round: "phone-screen", level: "L5", format: "swap" }),
    ))!;
    const swaps = await proposeForRequest(swap, NOW, { maxProposals: 50 });
    expect(swaps.map((p) => p.peerId)).toContain(selfDeclared.id);
  });

  it("a booking refuses an interviewer no longer qualified when it is made", async () => {
    const me = await createAvailableUser("Booker");
    const peer = await createAvailableUser("Losing grant");
    await offerToInterview(peer.id, "spark-deep-dive", "L5");
    const ctx = (await getRequest(
      await openRequest(me.id, { round: "spark-deep-dive", level: "L5" }),
    ))!;
    const [proposal] = await proposeForRequest(ctx, NOW);
    expect(proposal?.peerId).toBe(peer.id);

    const [grant] = await getDb()
      .select()
      .from(interviewerGrants)
      .where(and(eq(interviewerGrants.userId, peer.id), isNull(interviewerGrants.revokedAt)));
    await revokeGrant({ adminId: me.id, grantId: grant!.id });
    const booked = await bookProposal({
      userId: me.id,
      requestId: ctx.id,
      peerId: peer.id,
      start: new Date(proposal!.start),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    expect(booked).toEqual({ ok: false, error: "slot_taken" });
    expect(await proposeForRequest(ctx, NOW)).toEqual([]);
  });
});

describe("scarcity pricing", () => {
  it("counts people offered, qualified and unpaused at the level or above", async () => {
    const c = await catalog();
    const input = { roundId: c.round("hiring-manager").id, targetLevelRank: 6 };
    expect(await countQualifiedInterviewers(getDb(), input)).toBe(0);
    expect(await oneWayPrice(getDb(), input)).toBe(PRICE_RANGE.max);

    const people = await Promise.all([1, 2, 3, 4].map(() => createUser()));
    for (const person of people) await offerToInterview(person.id, "hiring-manager", "L7");
    // Not counted: below the level, offered only, or qualified below the offer.
    const below = await createUser();
    await offerToInterview(below.id, "hiring-manager", "L5");
    const selfDeclared = await createUser();
    await offerOnly(selfDeclared.id, "hiring-manager", "L7");
    const narrow = await createUser();
    await offerOnly(narrow.id, "hiring-manager", "L7");
    await grantInterviewing({
      userId: narrow.id,
      roundId: input.roundId,
      maxLevelId: c.level("L5").id,
      grantedBy: null,
    });
    expect(await countQualifiedInterviewers(getDb(), input)).toBe(4);
    expect(await oneWayPrice(getDb(), input)).toBe(priceForScarcity(4));

    // A paused interviewer is not counted.
    for (let i = 0; i < 3; i++) await ratedOneWay(people[0]!.id, 1);
    expect(await countQualifiedInterviewers(getDb(), input)).toBe(3);
  });
});

async function signIn(email: string, password: string): Promise<HttpClient> {
  const client = server.client();
  const response = await client.post("/login", { email, password });
  expect(response.status).toBe(302);
  return client;
}

describe("/profile", () => {
  it("shows what the person may interview one-way and why", async () => {
    const user = await createUser({ timeZone: "UTC" });
    const client = await signIn(user.email, user.password);
    await client.post("/profile", {
      name: "Qualified Person",
      timeZone: "UTC",
      targetLoop: LOOP,
      targetTrack: "platform-ml",
      targetLevel: "L5",
      currentLevel: "L5",
      languages: ["python"],
      "interviewRounds[0].round": "coding",
      "interviewRounds[0].maxLevel": "L6",
    });
    await assessed({ candidateId: user.id, level: "L5", overall: "hire" });
    const c = await catalog();
    await grantInterviewing({
      userId: user.id,
      roundId: c.round("behavioral").id,
      maxLevelId: c.level("L6").id,
      grantedBy: null,
    });
    const html = await (await client.get("/profile")).text();
    expect(html).toContain("Qualified up to L5: hire call at L5 in Coding on");
    expect(html).toContain("not the L6 you offer");
    expect(html).toContain("Granted by an admin up to L6.");
    expect(html).toContain("Not yet qualified for one-way: swaps are open to you");
    expect(html).toContain("only takes effect where you are qualified");
  });
});

describe("/admin/grants", () => {
  it("answers 404 to people who are not admins, and writes nothing", async () => {
    const user = await createUser();
    const client = await signIn(user.email, user.password);
    expect((await client.get("/admin/grants")).status).toBe(404);
    const c = await catalog();
    const before = await getDb().$count(interviewerGrants);
    const response = await client.post("/admin/grants", {
      intent: "grant",
      email: user.email,
      round: String(c.round("coding").id),
      level: "L7",
    });
    expect(response.status).toBe(404);
    expect((await client.post("/admin/grants", { intent: "revoke", grant: "1" })).status).toBe(404);
    expect(await getDb().$count(interviewerGrants)).toBe(before);
  });

  it("lets an admin grant and revoke, with field errors for bad input", async () => {
    const admin = await createUser({ name: "Ada Admin" });
    await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
    const person = await createUser({ name: "Granted Person" });
    const client = await signIn(admin.email, admin.password);
    const c = await catalog();
    const page = await client.get("/admin/grants");
    expect(page.status).toBe(200);

    const bad = await client.post("/admin/grants", {
      intent: "grant",
      email: "not an email",
      round: "abc",
      level: "",
    });
    expect(bad.status).toBe(400);
    expect(errorTexts(await bad.text())).toEqual([
      "Enter a valid email address.",
      "Choose a round.",
      "Choose a level.",
    ]);
    const unknown = await client.post("/admin/grants", {
      intent: "grant",
      email: "nobody-here@example.test",
      round: String(c.round("coding").id),
      level: "L5",
    });
    expect(unknown.status).toBe(400);
    expect(errorTexts(await unknown.text())).toEqual([
      "No one has an account with that email address.",
    ]);

    const granted = await client.post("/admin/grants", {
      intent: "grant",
      email: person.email,
      round: String(c.round("ml-system-design").id),
      level: "L6",
      note: "Ran ML design loops for years",
    });
    expect(granted.status).toBe(200);
    const listing = await (await client.get("/admin/grants")).text();
    expect(listing).toContain("Granted Person");
    expect(listing).toContain("Ran ML design loops for years");
    const [grant] = await getDb()
      .select()
      .from(interviewerGrants)
      .where(eq(interviewerGrants.userId, person.id));
    expect(grant).toMatchObject({ grantedBy: admin.id, revokedAt: null });

    expect((await client.post("/admin/grants", { intent: "revoke", grant: "x1" })).status).toBe(
      404,
    );
    const revoked = await client.post("/admin/grants", {
      intent: "revoke",
      grant: String(grant!.id),
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("Grant revoked.");
    const again = await client.post("/admin/grants", {
      intent: "revoke",
      grant: String(grant!.id),
    });
    expect(again.status).toBe(409);
  });
});
