import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  interviewerRounds,
  loops,
  mockRequests,
  mockSessions,
  outboxEmails,
  rounds,
} from "#db/schema";
import { pairOpenRequests } from "~/modules/booking/auto-pair.server";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { bookSuggestedMock, proposeSuggestedMock } from "~/modules/booking/book-suggestion.server";
import { getFeedToken, rotateFeedToken } from "~/modules/booking/calendar-feed.server";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { MAX_OPEN_REQUESTS } from "~/modules/booking/policy";
import { createRequest, getRequest, proposeForRequest } from "~/modules/booking/requests.server";
import { proposeReschedule, rescheduleSession } from "~/modules/booking/reschedule-session.server";
import { sendDueReminders } from "~/modules/notify/reminders.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  HOUR,
  LOOP,
  NOW,
  offerToInterview,
  openRequest,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

async function bookOneWay(label: string, hoursAhead: number, options: { peerZone?: string } = {}) {
  const peer = await createAvailableUser(`${label} Peer`, { timeZone: options.peerZone ?? "UTC" });
  await offerToInterview(peer.id, "coding", "L7");
  const me = await createAvailableUser(`${label} Me`, { timeZone: "Asia/Kolkata" });
  const requestId = await openRequest(me.id);
  const result = await bookProposal({
    userId: me.id,
    requestId,
    peerId: peer.id,
    start: at(hoursAhead),
    idempotencyKey: randomUUID(),
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error);
  return { sessionId: result.sessionId, me, peer, requestId };
}

function emailsOf(sessionId: string, kind: string) {
  return getDb()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.sessionId, sessionId), eq(outboxEmails.kind, kind)));
}

describe("proposals", () => {
  it("proposes only qualified, free peers, in both people's windows", async () => {
    const me = await createAvailableUser("Seeker", {
      ranges: [{ start: "09:00", end: "12:00" }],
    });
    const qualified = await createAvailableUser("Qualified", {
      ranges: [{ start: "10:00", end: "18:00" }],
    });
    await offerToInterview(qualified.id, "coding", "L5");
    const underqualified = await createAvailableUser("Junior");
    await offerToInterview(underqualified.id, "coding", "L4");
    const requestId = await openRequest(me.id, { level: "L5" });
    const ctx = (await getRequest(requestId))!;
    const proposals = await proposeForRequest(ctx, NOW, { maxProposals: 50 });
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p.peerId).toBe(qualified.id);
      const start = new Date(p.start);
      const end = new Date(p.end);
      expect(end.getTime() - start.getTime()).toBe(60 * 60 * 1000);
      expect(start.getUTCHours()).toBeGreaterThanOrEqual(10);
      expect(end.getUTCHours() === 12 ? end.getUTCMinutes() : -1).toBeLessThanOrEqual(0);
      expect(p.reasons.length).toBeGreaterThan(0);
    }
  });

  it("refuses a swap where the round is one-way only", async () => {
    const me = await createAvailableUser("Design Seeker");
    const denied = await createRequest(
      me.id,
      {
        loopSlug: LOOP,
        roundSlug: "hiring-manager",
        levelCode: "L5",
        format: "swap",
        horizonDays: 14,
      },
      NOW,
    );
    expect(denied).toEqual({ ok: false, error: "format_not_allowed" });
    const staffDesign = await createRequest(
      me.id,
      {
        loopSlug: LOOP,
        roundSlug: "system-design",
        levelCode: "L6",
        format: "swap",
        horizonDays: 14,
      },
      NOW,
    );
    expect(staffDesign).toEqual({ ok: false, error: "format_not_allowed" });
    const seniorDesign = await createRequest(
      me.id,
      {
        loopSlug: LOOP,
        roundSlug: "system-design",
        levelCode: "L5",
        format: "swap",
        horizonDays: 14,
      },
      NOW,
    );
    expect(seniorDesign.ok).toBe(true);
  });
});

describe("booking, invites and changes", () => {
  it("writes one invite per person with a stable UID, both local times, and books the request", async () => {
    const { sessionId, me, requestId } = await bookOneWay("Invite", 30, {
      peerZone: "America/New_York",
    });
    const invites = await emailsOf(sessionId, "booked");
    expect(invites).toHaveLength(2);
    for (const email of invites) {
      expect(email.ics).toContain(`UID:session-${sessionId}@peerloop.dev`);
      expect(email.ics).toContain("METHOD:REQUEST");
      expect(email.ics).toContain("SEQUENCE:0");
      expect(email.textBody).toContain("Asia/Kolkata");
      expect(email.textBody).toContain("America/New_York");
    }
    const mine = invites.find((e) => e.userId === me.id)!;
    // 2027-03-02 06:00 UTC is 11:30 in Kolkata and 01:00 in New York.
    expect(mine.textBody).toMatch(/11:30–12:30 \(Asia\/Kolkata, your time\)/);
    expect(mine.textBody).toMatch(/01:00–02:00 \(America\/New_York/);
    expect(mine.textBody).toContain("Cancelling is free until 24 hours before the start.");
    const [request] = await getDb()
      .select()
      .from(mockRequests)
      .where(eq(mockRequests.id, requestId));
    expect(request).toMatchObject({ status: "booked", sessionId });
  });

  it("does not promise a free cancel for a session that starts within 24 hours", async () => {
    const { sessionId } = await bookOneWay("Soon", 10);
    const invites = await emailsOf(sessionId, "booked");
    expect(invites).toHaveLength(2);
    for (const email of invites) {
      expect(email.textBody).not.toContain("free");
      expect(email.textBody).toContain("starts within 24 hours");
    }
  });

  it("refuses a time the matcher would not propose", async () => {
    const peer = await createAvailableUser("Picky Peer", {
      ranges: [{ start: "09:00", end: "10:00" }],
    });
    await offerToInterview(peer.id, "coding", "L7");
    const me = await createAvailableUser("Forger");
    const requestId = await openRequest(me.id);
    const book = (start: Date) =>
      bookProposal({
        userId: me.id,
        requestId,
        peerId: peer.id,
        start,
        idempotencyKey: randomUUID(),
        now: NOW,
      });
    expect(await book(at(24 + 14))).toEqual({ ok: false, error: "slot_taken" }); // 14:00: outside hours
    expect(await book(at(24 + 9.25))).toEqual({ ok: false, error: "slot_taken" }); // off the grid
    expect(await book(at(-24 + 9))).toEqual({ ok: false, error: "slot_taken" }); // in the past
    expect((await book(at(24 + 9))).ok).toBe(true);
  });

  it("will not book another person's request", async () => {
    const peer = await createAvailableUser("Any Peer");
    await offerToInterview(peer.id, "coding", "L7");
    const owner = await createAvailableUser("Owner");
    const thief = await createAvailableUser("Thief");
    const requestId = await openRequest(owner.id);
    const result = await bookProposal({
      userId: thief.id,
      requestId,
      peerId: peer.id,
      start: at(40),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    expect(result).toEqual({ ok: false, error: "not_found" });
  });

  it("reschedules with the same peer, bumping the invite's SEQUENCE", async () => {
    const { sessionId, me } = await bookOneWay("Move", 60);
    const proposals = await proposeReschedule(sessionId, me.id, NOW);
    expect(proposals.ok).toBe(true);
    if (!proposals.ok) return;
    const target = proposals.proposals.find(
      (p) => new Date(p.start).getTime() >= at(80).getTime(),
    )!;
    const moved = await rescheduleSession({
      userId: me.id,
      sessionId,
      start: new Date(target.start),
      now: NOW,
    });
    expect(moved.ok).toBe(true);
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row?.startsAt.toISOString()).toBe(target.start);
    expect(row?.icsSequence).toBe(1);
    const updates = await emailsOf(sessionId, "rescheduled");
    expect(updates).toHaveLength(2);
    expect(updates[0]!.ics).toContain(`UID:session-${sessionId}@peerloop.dev`);
    expect(updates[0]!.ics).toContain("SEQUENCE:1");
  });

  it("never offers the current time as a new one, and refuses a move onto it", async () => {
    // The peer is free one hour a day: the session's own hour would otherwise be the
    // first time offered on its day (the session being moved does not count as busy).
    const peer = await createAvailableUser("Stay Peer", {
      ranges: [{ start: "12:00", end: "13:00" }],
    });
    await offerToInterview(peer.id, "coding", "L7");
    const me = await createAvailableUser("Stay Me");
    const sessionId = await bookOneWayAt(me.id, peer.id, at(60));
    const proposals = await proposeReschedule(sessionId, me.id, NOW);
    if (!proposals.ok) throw new Error(proposals.error);
    const starts = proposals.proposals.map((p) => p.start);
    expect(starts).toContain(at(36).toISOString());
    expect(starts).toContain(at(84).toISOString());
    expect(starts).not.toContain(at(60).toISOString());
    expect(await rescheduleSession({ userId: me.id, sessionId, start: at(60), now: NOW })).toEqual({
      ok: false,
      error: "same_time",
    });
  });

  it("moves a booked pair by their calendars alone, even once the peer stopped interviewing", async () => {
    const { sessionId, me, peer } = await bookOneWay("Retired", 60);
    await getDb().delete(interviewerRounds).where(eq(interviewerRounds.userId, peer.id));
    const proposals = await proposeReschedule(sessionId, me.id, NOW);
    expect(proposals.ok && proposals.proposals.length).toBeGreaterThan(0);
    const moved = await rescheduleSession({ userId: me.id, sessionId, start: at(90), now: NOW });
    expect(moved).toEqual({ ok: true, sessionId });
    const [update] = await emailsOf(sessionId, "rescheduled");
    expect(update?.textBody).toContain("Cancelling is free until 24 hours before the start.");
  });

  it("does not move a session within 24 hours of its start", async () => {
    const { sessionId, me } = await bookOneWay("Late move", 20);
    expect(await proposeReschedule(sessionId, me.id, NOW)).toEqual({
      ok: false,
      error: "too_late_to_reschedule",
    });
    expect(await rescheduleSession({ userId: me.id, sessionId, start: at(90), now: NOW })).toEqual({
      ok: false,
      error: "too_late_to_reschedule",
    });
  });

  it("cancels for free before 24 hours and sends CANCEL invites", async () => {
    const { sessionId, me, requestId } = await bookOneWay("Early cancel", 48);
    expect(await cancelSession({ userId: me.id, sessionId, now: NOW })).toEqual({
      ok: true,
      late: false,
    });
    const notices = await emailsOf(sessionId, "cancelled");
    expect(notices).toHaveLength(2);
    expect(notices[0]!.ics).toContain("METHOD:CANCEL");
    expect(notices[0]!.ics).toContain("SEQUENCE:1");
    const [request] = await getDb()
      .select()
      .from(mockRequests)
      .where(eq(mockRequests.id, requestId));
    expect(request).toMatchObject({ status: "cancelled", sessionId: null });
    // The time is free again for both people.
    const again = await bookProposal({
      userId: me.id,
      requestId: await openRequest(me.id),
      peerId: (await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId)))[0]!
        .bookedBy,
      start: at(48),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    // Booking oneself is refused: bookedBy is `me`, not a peer.
    expect(again.ok).toBe(false);
  });

  it("records a late cancellation within 24 hours", async () => {
    const { sessionId, peer } = await bookOneWay("Late cancel", 10);
    expect(await cancelSession({ userId: peer.id, sessionId, now: NOW })).toEqual({
      ok: true,
      late: true,
    });
    const [row] = await getDb().select().from(mockSessions).where(eq(mockSessions.id, sessionId));
    expect(row).toMatchObject({ status: "cancelled", lateCancel: true, cancelledBy: peer.id });
  });

  it("reopens the other person's swap request when one cancels", async () => {
    const a = await createAvailableUser("Swap A");
    const b = await createAvailableUser("Swap B");
    const aRequest = await openRequest(a.id, { format: "swap", level: "L5" });
    const bRequest = await openRequest(b.id, { format: "swap", level: "L4" });
    const booked = await bookProposal({
      userId: a.id,
      requestId: aRequest,
      peerId: b.id,
      start: at(72),
      idempotencyKey: randomUUID(),
      now: NOW,
    });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    const [session] = await getDb()
      .select()
      .from(mockSessions)
      .where(eq(mockSessions.id, booked.sessionId));
    expect(session!.endsAt.getTime() - session!.startsAt.getTime()).toBe(2 * HOUR);
    const [bBooked] = await getDb()
      .select()
      .from(mockRequests)
      .where(eq(mockRequests.id, bRequest));
    expect(bBooked).toMatchObject({ status: "booked", sessionId: booked.sessionId });
    await cancelSession({ userId: a.id, sessionId: booked.sessionId, now: NOW });
    const [bAfter] = await getDb().select().from(mockRequests).where(eq(mockRequests.id, bRequest));
    expect(bAfter).toMatchObject({ status: "open", sessionId: null });
  });
});

describe("the suggested next mock", () => {
  const suggestion = (peerId: string, start: Date, idempotencyKey = randomUUID()) => ({
    loopSlug: LOOP,
    roundSlug: "coding",
    levelCode: "L5",
    format: "one_way" as const,
    peerId,
    start,
    idempotencyKey,
  });

  it("offers one time per peer in date order", async () => {
    const me = await createAvailableUser("Suggested Me");
    // The better-ranked peer (calibrated at the target, not two levels above) is free
    // later in the day: ranked order and date order differ.
    const late = await createAvailableUser("Late Peer", {
      ranges: [{ start: "20:00", end: "23:00" }],
    });
    await offerToInterview(late.id, "hiring-manager", "L5");
    const early = await createAvailableUser("Early Peer", {
      ranges: [{ start: "01:00", end: "04:00" }],
    });
    await offerToInterview(early.id, "hiring-manager", "L7");
    const [round] = await getDb().select().from(rounds).where(eq(rounds.slug, "hiring-manager"));
    const offer = await proposeSuggestedMock(me.id, round!, { rank: 5 }, NOW);
    expect(offer.format).toBe("one_way");
    expect(offer.proposals.map((p) => p.peerId)).toEqual([early.id, late.id]);
    const starts = offer.proposals.map((p) => Date.parse(p.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("books in one transaction: a session with its request, nothing left when refused", async () => {
    const me = await createAvailableUser("One Step Me");
    const peer = await createAvailableUser("One Step Peer", {
      ranges: [{ start: "09:00", end: "10:00" }],
    });
    await offerToInterview(peer.id, "coding", "L7");
    const requestsOf = () => getDb().$count(mockRequests, eq(mockRequests.userId, me.id));

    // Outside the peer's hours: refused, and no request is left behind.
    expect(await bookSuggestedMock(me.id, suggestion(peer.id, at(24 + 14)), NOW)).toEqual({
      ok: false,
      error: "slot_taken",
    });
    expect(await requestsOf()).toBe(0);

    // A double click: one session, one request (booked), the second call a replay.
    const key = randomUUID();
    const [a, b] = await Promise.all([
      bookSuggestedMock(me.id, suggestion(peer.id, at(24 + 9), key), NOW),
      bookSuggestedMock(me.id, suggestion(peer.id, at(24 + 9), key), NOW),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.sessionId).toBe(b.sessionId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const mine = await getDb().select().from(mockRequests).where(eq(mockRequests.userId, me.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "booked", sessionId: a.sessionId });
    expect(await emailsOf(a.sessionId, "booked")).toHaveLength(2);
  });
});

describe("reminders", () => {
  it("writes the 24-hour and 1-hour reminders once each", async () => {
    const { sessionId } = await bookOneWay("Remind", 100);
    const start = at(100).getTime();
    // Other tests' sessions may be due too: count this session's emails only.
    const count = async () => ({
      day: (await emailsOf(sessionId, "reminder-24h")).length,
      hour: (await emailsOf(sessionId, "reminder-1h")).length,
    });
    await sendDueReminders(new Date(start - 25 * HOUR));
    expect(await count()).toEqual({ day: 0, hour: 0 });
    expect(await sendDueReminders(new Date(start - 23.9 * HOUR))).toBeGreaterThanOrEqual(2);
    expect(await count()).toEqual({ day: 2, hour: 0 });
    await sendDueReminders(new Date(start - 23 * HOUR));
    expect(await count()).toEqual({ day: 2, hour: 0 });
    await sendDueReminders(new Date(start - 0.9 * HOUR));
    expect(await count()).toEqual({ day: 2, hour: 2 });
    await sendDueReminders(new Date(start - 0.5 * HOUR));
    expect(await count()).toEqual({ day: 2, hour: 2 });
    const [reminder] = await emailsOf(sessionId, "reminder-1h");
    expect(reminder?.subject).toMatch(/Reminder: Coding mock in one hour/);
  });
});

describe("background pairing", () => {
  it("books open swap requests of people who both allowed it, once", async () => {
    const a = await createAvailableUser("Auto A", {
      autoBook: true,
      ranges: [{ start: "06:00", end: "09:00" }],
    });
    const b = await createAvailableUser("Auto B", {
      autoBook: true,
      ranges: [{ start: "06:00", end: "09:00" }],
    });
    const shy = await createAvailableUser("Shy C", {
      autoBook: false,
      ranges: [{ start: "06:00", end: "09:00" }],
    });
    const round = "behavioral";
    const aReq = await openRequest(a.id, { round, format: "swap", level: "L4" });
    const bReq = await openRequest(b.id, { round, format: "swap", level: "L4" });
    const cReq = await openRequest(shy.id, { round, format: "swap", level: "L4" });
    const booked = await pairOpenRequests(NOW);
    expect(booked).toBe(1);
    expect(await pairOpenRequests(NOW)).toBe(0);
    const statuses = await getDb().select().from(mockRequests);
    const status = (id: string) => statuses.find((r) => r.id === id)?.status;
    expect(status(aReq)).toBe("booked");
    expect(status(bReq)).toBe("booked");
    expect(status(cReq)).toBe("open");
  });
});

describe("pages and resource routes", () => {
  async function signedInClient(email: string) {
    const client = server.client();
    const response = await client.post("/login", {
      email,
      password: "correct horse battery staple",
    });
    expect(response.status).toBe(302);
    return client;
  }

  it("shows a session only to its two participants", async () => {
    const { sessionId, me } = await bookOneWay("Private", 150);
    const stranger = await createAvailableUser("Stranger");
    expect((await (await signedInClient(me.email)).get(`/sessions/${sessionId}`)).status).toBe(200);
    expect(
      (await (await signedInClient(stranger.email)).get(`/sessions/${sessionId}`)).status,
    ).toBe(404);
    expect((await (await signedInClient(stranger.email)).get("/sessions/not-a-uuid")).status).toBe(
      404,
    );
  });

  it("labels both people's times with their zones on the reschedule page", async () => {
    const { sessionId, me } = await bookOneWay("Zones", 150, {
      peerZone: "America/New_York",
    });
    const page = await (await signedInClient(me.email)).get(`/sessions/${sessionId}/reschedule`);
    expect(page.status).toBe(200);
    // React separates text parts with comments in server HTML.
    const html = (await page.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
    expect(html).toContain("(Asia/Kolkata, your time)");
    expect(html).toContain("(America/New_York, Zones Peer's time)");
  });

  it("answers 404 for another person's request and 400/409 for bad bookings", async () => {
    const owner = await createAvailableUser("Req Owner");
    const other = await createAvailableUser("Req Other");
    const requestId = await openRequest(owner.id, {}, new Date());
    expect((await (await signedInClient(other.email)).get(`/book/${requestId}`)).status).toBe(404);
    const client = await signedInClient(owner.email);
    expect((await client.get(`/book/${requestId}`)).status).toBe(200);
    const garbage = await client.post(`/book/${requestId}`, {
      peerId: "nope",
      start: "soon",
      idempotencyKey: "x",
    });
    expect(garbage.status).toBe(400);
    const forged = await client.post(`/book/${requestId}`, {
      peerId: other.id,
      start: new Date(Date.now() + 3 * HOUR).toISOString(),
      idempotencyKey: randomUUID(),
    });
    expect(forged.status).toBe(409);
    expect(await forged.text()).toContain("That time was just taken");
    expect(await getDb().$count(mockSessions, eq(mockSessions.bookedBy, owner.id))).toBe(0);
  });

  it("rejects bad requests with field errors and stores nothing", async () => {
    const user = await createAvailableUser("Bad Requester");
    const client = await signedInClient(user.email);
    const before = await getDb().$count(mockRequests, eq(mockRequests.userId, user.id));
    const response = await client.post("/book", {
      round: "hiring-manager",
      level: "L5",
      format: "swap",
      horizonDays: "14",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("not offered in that format");
    const badLevel = await client.post("/book", {
      round: "coding",
      level: "L99",
      format: "swap",
      horizonDays: "500",
    });
    expect(badLevel.status).toBe(400);
    expect(await getDb().$count(mockRequests, eq(mockRequests.userId, user.id))).toBe(before);
    const ok = await client.post("/book", {
      round: "coding",
      level: "L5",
      format: "swap",
      horizonDays: "14",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toMatch(/^\/book\/[0-9a-f-]{36}$/);
  });

  it("books in the loop a plan asks for (?loop=), not only the profile's, and refuses an unknown loop", async () => {
    const user = await createAvailableUser("Two Loops");
    const client = await signedInClient(user.email);
    // The profile targets the Databricks loop; a plan for the second loop links with ?loop=.
    const page = await client.get("/book?loop=bigtech-swe&round=onsite-coding&level=E5");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="loop" value="bigtech-swe"');
    expect(html).toContain("(your profile targets another loop)");
    expect(html).toContain('<option value="onsite-coding" selected');
    expect(html).toContain('<option value="E5" selected');
    const posted = await client.post("/book", {
      loop: "bigtech-swe",
      round: "onsite-coding",
      level: "E5",
      format: "swap",
      horizonDays: "14",
    });
    expect(posted.status).toBe(302);
    const requestId = posted.headers.get("location")!.split("/")[2]!;
    const [request] = await getDb()
      .select({ loopSlug: loops.slug })
      .from(mockRequests)
      .innerJoin(loops, eq(loops.id, mockRequests.loopId))
      .where(eq(mockRequests.id, requestId));
    expect(request?.loopSlug).toBe("bigtech-swe");
    // A made-up loop is refused whole; the default page stays the profile's loop.
    const before = await getDb().$count(mockRequests, eq(mockRequests.userId, user.id));
    const unknown = await client.post("/book", {
      loop: "no-such-loop",
      round: "coding",
      level: "L5",
      format: "swap",
      horizonDays: "14",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("That interview loop does not exist.");
    expect(await getDb().$count(mockRequests, eq(mockRequests.userId, user.id))).toBe(before);
    expect(await (await client.get("/book")).text()).not.toContain(
      "your profile targets another loop",
    );
  });

  it("says plainly when the person already has the most open requests", async () => {
    const user = await createAvailableUser("Busy Requester");
    const client = await signedInClient(user.email);
    const form = { round: "coding", level: "L5", format: "swap", horizonDays: "14" };
    for (let i = 0; i < MAX_OPEN_REQUESTS; i++) {
      expect((await client.post("/book", form)).status).toBe(302);
    }
    const refused = await client.post("/book", form);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`You already have ${MAX_OPEN_REQUESTS} open requests`);
    expect(await getDb().$count(mockRequests, eq(mockRequests.userId, user.id))).toBe(
      MAX_OPEN_REQUESTS,
    );
  });

  it("serves the private calendar feed, and stops when the link is rotated", async () => {
    const { sessionId, me } = await bookOneWay("Feed", 170);
    const token = await getFeedToken(me.id);
    const feed = await server.client().get(`/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const body = await feed.text();
    expect(body).toContain(`UID:session-${sessionId}@peerloop.dev`);
    expect(body).not.toContain("METHOD:");
    await rotateFeedToken(me.id);
    expect((await server.client().get(`/calendar/${token}.ics`)).status).toBe(404);
    expect((await server.client().get("/calendar/short.ics")).status).toBe(404);
  });

  it("saves availability and rejects overlapping or reversed ranges", async () => {
    const user = await createAvailableUser("Editor");
    const client = await signedInClient(user.email);
    const base = {
      intent: "weekly",
      timeZone: "Europe/London",
      minNoticeHours: "12",
      maxSessionsPerDay: "2",
      bufferMinutes: "15",
      "days[0].weekday": "1",
    };
    const reversed = await client.post("/availability", {
      ...base,
      "days[0].ranges[0].start": "17:00",
      "days[0].ranges[0].end": "09:00",
    });
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("End after the start");
    const overlapping = await client.post("/availability", {
      ...base,
      "days[0].ranges[0].start": "09:00",
      "days[0].ranges[0].end": "12:00",
      "days[0].ranges[1].start": "11:00",
      "days[0].ranges[1].end": "13:00",
    });
    expect(overlapping.status).toBe(400);
    expect(await overlapping.text()).toContain("overlaps another one");
    const ok = await client.post("/availability", {
      ...base,
      "days[0].ranges[0].start": "09:00",
      "days[0].ranges[0].end": "00:00",
    });
    expect(ok.status).toBe(200);
    const { getAvailability } = await import("~/modules/availability/availability.server");
    const saved = await getAvailability(user.id);
    expect(saved.timeZone).toBe("Europe/London");
    expect(saved.rules).toEqual([{ weekday: 1, startMinute: 540, endMinute: 1440 }]);
  });
});
