import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import {
  interviewerGrants,
  interviewerRounds,
  levels,
  mockRequests,
  profiles,
  rounds,
} from "#db/schema";
import { cancelSession } from "~/modules/booking/cancel-session.server";
import { grantInterviewing } from "~/modules/credits/interviewer-grants.server";
import {
  proposeSlots,
  proposeSlotsFresh,
  type SlotSearch,
} from "~/modules/matching/matching.server";
import {
  at,
  bookOneWayAt,
  createAvailableUser,
  HOUR,
  NOW,
  offerToInterview,
  openRequest,
  setWeek,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";

setupFreshDatabase();

// Every proposal of the round, so a peer's presence does not depend on who else the
// file's earlier tests left in the shared pool.
const ALL = { maxProposals: 500, maxPerPeer: 500 };
const MORNINGS = [{ start: "09:00", end: "12:00" }];

async function searchFor(
  userId: string,
  format: "one_way" | "swap",
  level = "L5",
): Promise<SlotSearch> {
  const db = getDb();
  const [round] = await db.select().from(rounds).where(eq(rounds.slug, "coding"));
  const [target] = await db.select().from(levels).where(eq(levels.code, level));
  return {
    userId,
    roundId: round!.id,
    format,
    targetLevelRank: target!.rank,
    roundMinutes: round!.durationMinutes,
    horizonDays: 3,
  };
}

/** The cached answer, checked against a fresh, uncached computation of the same search. */
async function propose(search: SlotSearch, now: Date = NOW) {
  const cached = await proposeSlots(search, now, ALL);
  expect(cached).toEqual(await proposeSlotsFresh(search, now, ALL));
  return cached;
}

const peersOf = (proposals: { peerId: string }[]) => new Set(proposals.map((p) => p.peerId));

describe("the cached matching pool", () => {
  it("answers repeated searches as a fresh read does", async () => {
    const me = await createAvailableUser("Repeat Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Repeat Peer", { ranges: MORNINGS });
    await offerToInterview(peer.id, "coding", "L7");
    const search = await searchFor(me.id, "one_way");
    const first = await propose(search);
    expect(peersOf(first)).toContain(peer.id);
    expect(await propose(search)).toEqual(first);
  });

  it("sees an availability change on the next search", async () => {
    const me = await createAvailableUser("Avail Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Avail Peer", { ranges: MORNINGS });
    await offerToInterview(peer.id, "coding", "L7");
    const search = await searchFor(me.id, "one_way");
    expect(peersOf(await propose(search))).toContain(peer.id);
    await setWeek(peer.id, { ranges: [{ start: "18:00", end: "20:00" }] });
    expect(peersOf(await propose(search))).not.toContain(peer.id);
    await setWeek(peer.id, { ranges: MORNINGS });
    expect(peersOf(await propose(search))).toContain(peer.id);
  });

  it("sees a booking make a peer busy, and its cancellation free them", async () => {
    const me = await createAvailableUser("Busy Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Busy Peer", { ranges: MORNINGS });
    await offerToInterview(peer.id, "coding", "L7");
    const search = await searchFor(me.id, "one_way");
    const slot = (await propose(search)).find((p) => p.peerId === peer.id)!;
    expect(slot).toBeDefined();
    const other = await createAvailableUser("Busy Other", { ranges: MORNINGS });
    const sessionId = await bookOneWayAt(other.id, peer.id, new Date(slot.start));
    const after = await propose(search);
    expect(after.some((p) => p.peerId === peer.id && p.start === slot.start)).toBe(false);
    const cancelled = await cancelSession({ sessionId, userId: other.id, now: NOW });
    expect(cancelled.ok).toBe(true);
    expect(
      (await propose(search)).some((p) => p.peerId === peer.id && p.start === slot.start),
    ).toBe(true);
  });

  it("sees a swap request opened, then closed", async () => {
    const me = await createAvailableUser("Swap Me", { ranges: MORNINGS });
    await openRequest(me.id, { format: "swap" });
    const peer = await createAvailableUser("Swap Peer", { ranges: MORNINGS });
    const search = await searchFor(me.id, "swap");
    expect(peersOf(await propose(search))).not.toContain(peer.id);
    const requestId = await openRequest(peer.id, { format: "swap" });
    expect(peersOf(await propose(search))).toContain(peer.id);
    await getDb()
      .update(mockRequests)
      .set({ status: "cancelled" })
      .where(eq(mockRequests.id, requestId));
    expect(peersOf(await propose(search))).not.toContain(peer.id);
  });

  it("drops a swap request once it expires, without any write", async () => {
    const me = await createAvailableUser("Expiry Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Expiry Peer", { ranges: MORNINGS });
    await openRequest(peer.id, { format: "swap", horizonDays: 2 });
    const search = await searchFor(me.id, "swap");
    expect(peersOf(await propose(search))).toContain(peer.id);
    const later = new Date(NOW.getTime() + 3 * 24 * HOUR);
    expect(peersOf(await propose(search, later))).not.toContain(peer.id);
    // And back: an earlier instant sees it again (a request whose clock lags).
    expect(peersOf(await propose(search))).toContain(peer.id);
  });

  it("sees a grant qualify an offering peer, and its revocation", async () => {
    const me = await createAvailableUser("Grant Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Grant Peer", { ranges: MORNINGS });
    const search = await searchFor(me.id, "one_way");
    const db = getDb();
    const [round] = await db.select().from(rounds).where(eq(rounds.slug, "coding"));
    const [level] = await db.select().from(levels).where(eq(levels.code, "L7"));
    // Offering alone does not qualify.
    await db.insert(interviewerRounds).values({
      userId: peer.id,
      loopId: round!.loopId,
      roundId: round!.id,
      maxLevelId: level!.id,
    });
    expect(peersOf(await propose(search))).not.toContain(peer.id);
    const granted = await grantInterviewing({
      userId: peer.id,
      roundId: round!.id,
      maxLevelId: level!.id,
      grantedBy: null,
      note: "test",
    });
    expect(granted.ok).toBe(true);
    expect(peersOf(await propose(search))).toContain(peer.id);
    await db
      .update(interviewerGrants)
      .set({ revokedAt: new Date() })
      .where(eq(interviewerGrants.userId, peer.id));
    expect(peersOf(await propose(search))).not.toContain(peer.id);
  });

  it("sees a profile's level change", async () => {
    const me = await createAvailableUser("Level Me", { ranges: MORNINGS });
    const peer = await createAvailableUser("Level Peer", { ranges: MORNINGS });
    await offerToInterview(peer.id, "coding", "L7");
    const search = await searchFor(me.id, "one_way");
    const db = getDb();
    for (const code of ["L4", "L7"]) {
      const [level] = await db.select().from(levels).where(eq(levels.code, code));
      await db
        .update(profiles)
        .set({ targetLoopId: level!.loopId, currentLevelId: level!.id })
        .where(eq(profiles.userId, peer.id));
      const proposals = await propose(search);
      const mine = proposals.filter((p) => p.peerId === peer.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((p) => p.peerLevel === code)).toBe(true);
    }
  });

  it("ranks a past partner by this requester's own history only", async () => {
    const me = await createAvailableUser("History Me", { ranges: MORNINGS });
    const stranger = await createAvailableUser("History Stranger", { ranges: MORNINGS });
    const peer = await createAvailableUser("History Peer", { ranges: MORNINGS });
    await offerToInterview(peer.id, "coding", "L7");
    await bookOneWayAt(me.id, peer.id, at(9 + 24));
    const mine = await propose(await searchFor(me.id, "one_way"));
    const theirs = await propose(await searchFor(stranger.id, "one_way"));
    const reasonsOf = (list: typeof mine) =>
      list.filter((p) => p.peerId === peer.id).flatMap((p) => p.reasons);
    expect(reasonsOf(mine)).not.toEqual(reasonsOf(theirs));
  });
});
