import { and, between, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { inIds } from "#db/in-ids";
import {
  levels,
  mockRequests,
  mockSessions,
  profiles,
  sessionParticipants,
  users,
} from "#db/schema";
import { loadAvailabilities } from "~/modules/availability/availability.server";
import type { Interval } from "~/modules/availability/types";
import { loadOneWayInterviewers } from "~/modules/credits/qualification.server";
import { EMPTY_RECORD, type PersonRecord, qualityScore } from "~/modules/feedback/record";
import { loadPersonRecords } from "~/modules/feedback/record.server";
import { findMatches, isValidStart } from "./find-matches";
import { sessionMinutes } from "./formats";
import type { MatchCandidate, MatchPerson, MatchRequest, MockFormat, Proposal } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Active sessions of these people that end after `since`, as intervals per person. */
async function loadBusy(
  userIds: string[],
  since: Date,
  excludeSessionId?: string,
  db: Database = getDb(),
): Promise<Map<string, Interval[]>> {
  const busy = new Map<string, Interval[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return busy;
  const rows = await db
    .select({
      userId: sessionParticipants.userId,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .where(
      and(
        inIds(sessionParticipants.userId, userIds),
        eq(sessionParticipants.active, true),
        gt(mockSessions.endsAt, since),
        excludeSessionId ? ne(mockSessions.id, excludeSessionId) : undefined,
      ),
    );
  for (const row of rows) {
    busy.get(row.userId)?.push({ start: row.startsAt.getTime(), end: row.endsAt.getTime() });
  }
  for (const list of busy.values()) list.sort((a, b) => a.start - b.start);
  return busy;
}

const NEUTRAL_STATS: PeerStats = {
  record: EMPTY_RECORD,
  reliability: null,
  quality: null,
  interviewsGiven: 0,
  interviewsReceived: 0,
  lastSessionWithRequesterAt: null,
};

export interface PeerStats {
  /** Held, no-shows, late cancels and revealed ratings (loadPersonRecords). */
  record: PersonRecord;
  reliability: number | null;
  quality: number | null;
  interviewsGiven: number;
  interviewsReceived: number;
  lastSessionWithRequesterAt: number | null;
}

/**
 * Reliability, quality and fairness figures for ranking. Reliability and quality come
 * from the person's record, so no-shows count and only revealed ratings do.
 */
export async function loadPeerStats(
  peerIds: string[],
  requesterId: string | null,
  db: Database = getDb(),
): Promise<Map<string, PeerStats>> {
  const stats = new Map<string, PeerStats>();
  if (peerIds.length === 0) return stats;
  const [records, roleRows] = await Promise.all([
    loadPersonRecords(peerIds, db),
    db
      .select({
        userId: sessionParticipants.userId,
        role: sessionParticipants.role,
        count: sql<number>`count(*)::int`,
      })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .where(and(inIds(sessionParticipants.userId, peerIds), eq(mockSessions.status, "completed")))
      .groupBy(sessionParticipants.userId, sessionParticipants.role),
  ]);
  for (const id of peerIds) {
    const record = records.get(id) ?? EMPTY_RECORD;
    stats.set(id, {
      record,
      reliability: record.reliability,
      quality: qualityScore(record),
      interviewsGiven: 0,
      interviewsReceived: 0,
      lastSessionWithRequesterAt: null,
    });
  }
  for (const row of roleRows) {
    const s = stats.get(row.userId)!;
    if (row.role !== "candidate") s.interviewsGiven += row.count;
    if (row.role !== "interviewer") s.interviewsReceived += row.count;
  }
  if (requesterId) {
    const mine = db
      .select({ sessionId: sessionParticipants.sessionId })
      .from(sessionParticipants)
      .where(eq(sessionParticipants.userId, requesterId));
    const shared = await db
      .select({
        userId: sessionParticipants.userId,
        last: sql<Date>`max(${mockSessions.startsAt})`,
      })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .where(
        and(
          inIds(sessionParticipants.userId, peerIds),
          inArray(sessionParticipants.sessionId, mine),
          ne(mockSessions.status, "cancelled"),
        ),
      )
      .groupBy(sessionParticipants.userId);
    for (const row of shared) {
      const s = stats.get(row.userId);
      if (s && row.last) s.lastSessionWithRequesterAt = new Date(row.last).getTime();
    }
  }
  return stats;
}

export interface ProposalView {
  peerId: string;
  peerName: string;
  peerLevel: string | null;
  peerTimeZone: string;
  start: string;
  end: string;
  reliability: number | null;
  /** The peer's record, for the line under their name; null when ranking was skipped. */
  record: PersonRecord | null;
  reasons: string[];
}

interface MatchInputs {
  request: MatchRequest;
  requester: MatchPerson;
  candidates: MatchCandidate[];
  names: Map<string, PersonCard>;
  /** Peers' records; empty when the inputs were built without ranking figures. */
  records: Map<string, PersonRecord>;
}

interface PersonCard {
  name: string;
  level: string | null;
  /** The zone of their availability (what the matcher used). */
  timeZone: string;
  /** The zone they read times in (their profile). */
  displayTimeZone: string;
}

interface PeerRow {
  userId: string;
  /** One-way: what the peer offers, what they are qualified for, and the rating floor. */
  upToRank: number | null;
  qualifiedRank: number | null;
  paused: boolean;
  swapRank: number | null;
}

const NOT_ONE_WAY = { upToRank: null, qualifiedRank: null, paused: false } as const;

/**
 * What a search for slots is about: who looks, for which round, format and level,
 * and how far ahead. Callers describe the search; the matcher reads everything else.
 */
export interface SlotSearch {
  userId: string;
  roundId: number;
  format: MockFormat;
  targetLevelRank: number;
  roundMinutes: number;
  horizonDays: number;
  /** The search never reaches past this instant (a request's expiry). */
  until?: Date;
  /**
   * A pair already matched (a reschedule): only this peer, no qualification check,
   * and the session being moved does not count as busy.
   */
  pair?: { peerId: string; sessionId: string };
}

/** The peers a search may be matched with: qualified interviewers, or open swap requests. */
async function selectPeers(
  search: SlotSearch,
  now: Date,
  onlyPeerId: string | undefined,
  db: Database,
): Promise<PeerRow[]> {
  if (search.pair) return [{ userId: search.pair.peerId, ...NOT_ONE_WAY, swapRank: null }];
  if (search.format === "one_way") {
    // One query for every peer: offered and qualified at the target level or above, with
    // the rating floor. Paused people are left out here (they could not be matched) and
    // the pure matcher checks all three again.
    const rows = await loadOneWayInterviewers(db, {
      roundId: search.roundId,
      targetLevelRank: search.targetLevelRank,
      excludeUserId: search.userId,
      onlyUserId: onlyPeerId,
    });
    return rows
      .filter((r) => !r.paused)
      .map((r) => ({
        userId: r.userId,
        upToRank: r.offeredRank,
        qualifiedRank: r.qualifiedRank,
        paused: r.paused,
        swapRank: null,
      }));
  }
  const open = await db
    .select({ userId: mockRequests.userId, swapRank: levels.rank })
    .from(mockRequests)
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(
      and(
        eq(mockRequests.roundId, search.roundId),
        eq(mockRequests.format, "swap"),
        eq(mockRequests.status, "open"),
        gt(mockRequests.expiresAt, now),
        // Only targets a swap can pair with (the matcher's rule): the rest of the
        // round's requests are never read.
        between(levels.rank, search.targetLevelRank - 1, search.targetLevelRank + 1),
        ne(mockRequests.userId, search.userId),
        onlyPeerId ? eq(mockRequests.userId, onlyPeerId) : undefined,
      ),
    );
  // One entry per person: the request closest to the target level speaks for them.
  const best = new Map<string, number>();
  for (const row of open) {
    const current = best.get(row.userId);
    if (
      current === undefined ||
      Math.abs(row.swapRank - search.targetLevelRank) < Math.abs(current - search.targetLevelRank)
    ) {
      best.set(row.userId, row.swapRank);
    }
  }
  return [...best].map(([userId, swapRank]) => ({ userId, ...NOT_ONE_WAY, swapRank }));
}

/** Everything the pure matcher needs, read in a handful of queries. */
async function buildMatchInputs(
  base: SlotSearch,
  peerRows: PeerRow[],
  now: Date,
  /** Validating one slot needs no ranking figures: skip their queries on the booking path. */
  ranking: boolean,
  db: Database,
): Promise<MatchInputs> {
  const peerIds = peerRows.map((p) => p.userId);
  const everyone = [base.userId, ...peerIds];
  const [availability, busy, stats, people] = await Promise.all([
    loadAvailabilities(everyone, undefined, db),
    loadBusy(everyone, new Date(now.getTime() - DAY_MS), base.pair?.sessionId, db),
    ranking ? loadPeerStats(peerIds, base.userId, db) : loadPeerStats([], null, db),
    db
      .select({
        id: users.id,
        name: users.name,
        timeZone: profiles.timeZone,
        levelRank: levels.rank,
        levelCode: levels.code,
      })
      .from(users)
      .innerJoin(profiles, eq(profiles.userId, users.id))
      .leftJoin(levels, eq(levels.id, profiles.currentLevelId))
      .where(inIds(users.id, everyone)),
  ]);

  const names = new Map(
    people.map((p) => [
      p.id,
      {
        name: p.name,
        level: p.levelCode,
        timeZone: availability.get(p.id)?.timeZone ?? p.timeZone,
        displayTimeZone: p.timeZone,
      },
    ]),
  );
  const horizonDays = base.until
    ? Math.min(base.horizonDays, Math.max(0, (base.until.getTime() - now.getTime()) / DAY_MS))
    : base.horizonDays;
  const request: MatchRequest = {
    requesterId: base.userId,
    format: base.format,
    targetLevelRank: base.targetLevelRank,
    sessionMinutes: sessionMinutes(base.format, base.roundMinutes),
    horizonDays,
    now: now.getTime(),
    alreadyPaired: base.pair !== undefined,
  };
  const requester: MatchPerson = {
    id: base.userId,
    availability: availability.get(base.userId)!,
    busy: busy.get(base.userId) ?? [],
  };
  // By id: a search over a large pool must not look each peer up in a list.
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const candidates: MatchCandidate[] = peerRows.map((peer) => {
    const s = stats.get(peer.userId) ?? NEUTRAL_STATS;
    const person = peopleById.get(peer.userId);
    return {
      id: peer.userId,
      name: person?.name ?? "A peer",
      levelRank: person?.levelRank ?? null,
      interviewsUpToRank: peer.upToRank,
      qualifiedUpToRank: peer.qualifiedRank,
      oneWayPaused: peer.paused,
      swapTargetRank: peer.swapRank,
      reliability: s.reliability,
      quality: s.quality,
      interviewsGiven: s.interviewsGiven,
      interviewsReceived: s.interviewsReceived,
      lastSessionWithRequesterAt: s.lastSessionWithRequesterAt,
      availability: availability.get(peer.userId)!,
      busy: busy.get(peer.userId) ?? [],
    };
  });
  const records = new Map([...stats].map(([id, s]) => [id, s.record]));
  return { request, requester, candidates, names, records };
}

function toView(proposal: Proposal, inputs: MatchInputs): ProposalView {
  const peer = inputs.names.get(proposal.peerId);
  return {
    peerId: proposal.peerId,
    peerName: peer?.name ?? "A peer",
    peerLevel: peer?.level ?? null,
    peerTimeZone: peer?.timeZone ?? "UTC",
    start: new Date(proposal.start).toISOString(),
    end: new Date(proposal.end).toISOString(),
    reliability: inputs.candidates.find((c) => c.id === proposal.peerId)?.reliability ?? null,
    record: inputs.records.get(proposal.peerId) ?? null,
    reasons: proposal.reasons,
  };
}

/**
 * Ranked proposals for a search. Each call reads what it needs (peers, calendars,
 * records), so callers pass only the search.
 */
export async function proposeSlots(
  search: SlotSearch,
  now: Date,
  options: { maxProposals?: number; maxPerPeer?: number } = {},
  db: Database = getDb(),
): Promise<ProposalView[]> {
  const peers = await selectPeers(search, now, undefined, db);
  if (peers.length === 0) return [];
  const inputs = await buildMatchInputs(search, peers, now, true, db);
  const proposals = findMatches(
    {
      ...inputs.request,
      maxProposals: options.maxProposals ?? inputs.request.maxProposals,
      maxPerPeer: options.maxPerPeer ?? inputs.request.maxPerPeer,
    },
    inputs.requester,
    inputs.candidates,
  );
  return proposals.map((p) => toView(p, inputs));
}

/**
 * Whether `start` with `peerId` is a slot the search could propose, by the same hard
 * constraints the proposals come from. Reads no ranking figures: this is the check a
 * booking repeats inside its transaction (pass the transaction as `db`).
 */
export async function validateSlot(
  search: SlotSearch,
  peerId: string,
  start: Date,
  now: Date,
  db: Database = getDb(),
): Promise<boolean> {
  if (search.pair && search.pair.peerId !== peerId) return false;
  const peers = await selectPeers(search, now, peerId, db);
  if (peers.length === 0) return false;
  const inputs = await buildMatchInputs(search, peers, now, false, db);
  const candidate = inputs.candidates.find((c) => c.id === peerId);
  return candidate
    ? isValidStart(inputs.request, inputs.requester, candidate, start.getTime())
    : false;
}
