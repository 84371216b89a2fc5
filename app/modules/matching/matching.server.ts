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
import { MatchPool } from "./match-pool";
import { readPoolVersion, type Versioned, VersionedCache } from "./pool-cache.server";
import type { MatchCandidate, MatchPerson, MatchRequest, MockFormat, Proposal } from "./types";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

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
    for (const [userId, at] of await loadLastSessionsWith(requesterId, db)) {
      const s = stats.get(userId);
      if (s) s.lastSessionWithRequesterAt = at;
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
  return (await selectPeersWithWindow(search, now, onlyPeerId, db)).peers;
}

/**
 * selectPeers, and the instants between which the same query would return the same
 * peers: open requests expire with time, without a write. `excludeRequester: false`
 * keeps the requester in (a pool shared by every requester; the matcher skips them).
 */
async function selectPeersWithWindow(
  search: SlotSearch,
  now: Date,
  onlyPeerId: string | undefined,
  db: Database,
  excludeRequester = true,
): Promise<{ peers: PeerRow[]; validFrom: number; validUntil: number }> {
  const always = { validFrom: Number.NEGATIVE_INFINITY, validUntil: Number.POSITIVE_INFINITY };
  if (search.pair) {
    return { peers: [{ userId: search.pair.peerId, ...NOT_ONE_WAY, swapRank: null }], ...always };
  }
  if (search.format === "one_way") {
    // One query for every peer: offered and qualified at the target level or above, with
    // the rating floor. Paused people are left out here (they could not be matched) and
    // the pure matcher checks all three again.
    const rows = await loadOneWayInterviewers(db, {
      roundId: search.roundId,
      targetLevelRank: search.targetLevelRank,
      excludeUserId: excludeRequester ? search.userId : undefined,
      onlyUserId: onlyPeerId,
    });
    const peers = rows
      .filter((r) => !r.paused)
      .map((r) => ({
        userId: r.userId,
        upToRank: r.offeredRank,
        qualifiedRank: r.qualifiedRank,
        paused: r.paused,
        swapRank: null,
      }));
    return { peers, ...always };
  }
  const rows = await db
    .select({
      userId: mockRequests.userId,
      swapRank: levels.rank,
      expiresAt: mockRequests.expiresAt,
    })
    .from(mockRequests)
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(
      and(
        eq(mockRequests.roundId, search.roundId),
        eq(mockRequests.format, "swap"),
        eq(mockRequests.status, "open"),
        // Expired ones are read too (filtered below): they bound when the answer changes.
        // Only targets a swap can pair with (the matcher's rule): the rest of the
        // round's requests are never read.
        between(levels.rank, search.targetLevelRank - 1, search.targetLevelRank + 1),
        excludeRequester ? ne(mockRequests.userId, search.userId) : undefined,
        onlyPeerId ? eq(mockRequests.userId, onlyPeerId) : undefined,
      ),
    );
  // Live while now < expiry: the answer holds from the latest expiry already passed
  // (inclusive) to the earliest one still ahead (exclusive).
  let validFrom = Number.NEGATIVE_INFINITY;
  let validUntil = Number.POSITIVE_INFINITY;
  const open: typeof rows = [];
  for (const row of rows) {
    const expiry = row.expiresAt.getTime();
    if (expiry > now.getTime()) {
      open.push(row);
      if (expiry < validUntil) validUntil = expiry;
    } else if (expiry > validFrom) {
      validFrom = expiry;
    }
  }
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
  const peers = [...best].map(([userId, swapRank]) => ({ userId, ...NOT_ONE_WAY, swapRank }));
  return { peers, validFrom, validUntil };
}

function matchRequestOf(base: SlotSearch, now: Date): MatchRequest {
  const horizonDays = base.until
    ? Math.min(base.horizonDays, Math.max(0, (base.until.getTime() - now.getTime()) / DAY_MS))
    : base.horizonDays;
  return {
    requesterId: base.userId,
    format: base.format,
    targetLevelRank: base.targetLevelRank,
    sessionMinutes: sessionMinutes(base.format, base.roundMinutes),
    horizonDays,
    now: now.getTime(),
    alreadyPaired: base.pair !== undefined,
  };
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
    loadPeople(everyone, db),
  ]);
  const request = matchRequestOf(base, now);
  const requester: MatchPerson = {
    id: base.userId,
    availability: availability.get(base.userId)!,
    busy: busy.get(base.userId) ?? [],
  };
  const candidates = candidatesOf(peerRows, people, availability, busy, stats);
  const records = new Map([...stats].map(([id, s]) => [id, s.record]));
  return { request, requester, candidates, names: cardsOf(people, availability), records };
}

interface PersonRow {
  id: string;
  name: string;
  timeZone: string;
  levelRank: number | null;
  levelCode: string | null;
}

/** Names, profile zones and current levels of these people. */
function loadPeople(ids: string[], db: Database): Promise<PersonRow[]> {
  return db
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
    .where(inIds(users.id, ids));
}

function cardsOf(
  people: PersonRow[],
  availability: Map<string, { timeZone: string }>,
): Map<string, PersonCard> {
  return new Map(
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
}

function candidatesOf(
  peerRows: PeerRow[],
  people: PersonRow[],
  availability: Map<string, MatchCandidate["availability"]>,
  busy: Map<string, Interval[]>,
  stats: Map<string, PeerStats>,
): MatchCandidate[] {
  // By id: a search over a large pool must not look each peer up in a list.
  const peopleById = new Map(people.map((p) => [p.id, p]));
  return peerRows.map((peer) => {
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
}

function toView(
  proposal: Proposal,
  names: Map<string, PersonCard>,
  records: Map<string, PersonRecord>,
  reliability: number | null | undefined,
): ProposalView {
  const peer = names.get(proposal.peerId);
  return {
    peerId: proposal.peerId,
    peerName: peer?.name ?? "A peer",
    peerLevel: peer?.level ?? null,
    peerTimeZone: peer?.timeZone ?? "UTC",
    start: new Date(proposal.start).toISOString(),
    end: new Date(proposal.end).toISOString(),
    reliability: reliability ?? null,
    record: records.get(proposal.peerId) ?? null,
    reasons: proposal.reasons,
  };
}

/**
 * Ranked proposals for a search, read afresh: every candidate's calendar, busy times and
 * record. proposeSlots answers the same from a cached pool; this is its reference (and
 * the path for moving a booked session, which concerns one peer).
 */
export async function proposeSlotsFresh(
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
  const reliability = new Map(inputs.candidates.map((c) => [c.id, c.reliability]));
  return proposals.map((p) => toView(p, inputs.names, inputs.records, reliability.get(p.peerId)));
}

/**
 * One round's pool for one format and target level, as every requester sees it (the
 * requester is in it when they have a request of their own; the matcher skips them),
 * with what the proposals' views show. Built at a pool version; see VersionedCache.
 */
interface CachedPool extends Versioned {
  pool: MatchPool;
  indexOf: Map<string, number>;
  names: Map<string, PersonCard>;
  records: Map<string, PersonRecord>;
  /**
   * The busy intervals held are those ending after this instant, as a fresh read at
   * `busyAfter + 1 day` would hold (trimBusy moves it forward).
   */
  busyAfter: number;
  /** The earliest end among the busy intervals held. */
  earliestBusyEnd: number;
}

const pools = new VersionedCache<CachedPool>();
/** How far ahead of its build a pool's index answers (beyond: findMatches over the pool). */
const POOL_SPAN_MS = 400 * DAY_MS;

/** Forgets the cached pools of this database: the next search builds afresh (benchmarks). */
export function forgetMatchPools(db: Database = getDb()): void {
  pools.clear(db);
}

function earliestEnd(candidates: MatchCandidate[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    for (const interval of candidate.busy) if (interval.end < earliest) earliest = interval.end;
  }
  return earliest;
}

async function buildPool(
  search: SlotSearch,
  now: Date,
  version: string,
  db: Database,
): Promise<CachedPool> {
  const { peers, validFrom, validUntil } = await selectPeersWithWindow(
    search,
    now,
    undefined,
    db,
    false,
  );
  const peerIds = peers.map((p) => p.userId);
  const busyAfter = now.getTime() - DAY_MS;
  const [availability, busy, stats, people] = await Promise.all([
    loadAvailabilities(peerIds, undefined, db),
    loadBusy(peerIds, new Date(busyAfter), undefined, db),
    // Without a requester: the last session with them is read per request.
    loadPeerStats(peerIds, null, db),
    loadPeople(peerIds, db),
  ]);
  const names = cardsOf(people, availability);
  const candidates = candidatesOf(peers, people, availability, busy, stats);
  const records = new Map([...stats].map(([id, s]) => [id, s.record]));
  const entry: CachedPool = {
    version,
    pool: new MatchPool(candidates, {
      from: now.getTime() - HOUR_MS,
      to: now.getTime() + POOL_SPAN_MS,
    }),
    indexOf: new Map(candidates.map((c, index) => [c.id, index])),
    names,
    records,
    busyAfter,
    earliestBusyEnd: earliestEnd(candidates),
    fits(at: number) {
      // A fresh read at `at` would see the same open requests, and no busy interval
      // that was trimmed away already.
      return at >= validFrom && at < validUntil && at - DAY_MS >= entry.busyAfter;
    },
  };
  return entry;
}

/**
 * Drops busy intervals that ended a day before `now` or earlier, as a fresh read at
 * `now` would not see them (they can still count toward a day's session limit).
 * Only when one exists: usually a comparison.
 */
function trimBusy(entry: CachedPool, now: number): void {
  const cutoff = now - DAY_MS;
  // Any cutoff below the earliest end held reads the same set: `busyAfter` moves only
  // when something is dropped, so a request whose clock lags a little still fits.
  if (cutoff <= entry.busyAfter || entry.earliestBusyEnd > cutoff) return;
  for (const candidate of entry.pool.candidates) {
    if (candidate.busy.some((interval) => interval.end <= cutoff)) {
      candidate.busy = candidate.busy.filter((interval) => interval.end > cutoff);
    }
  }
  entry.earliestBusyEnd = earliestEnd(entry.pool.candidates);
  entry.busyAfter = cutoff;
}

/** When the requester last had a session with each person (cancelled ones aside). */
async function loadLastSessionsWith(
  requesterId: string,
  db: Database,
): Promise<Map<string, number>> {
  const mine = db
    .select({ sessionId: sessionParticipants.sessionId })
    .from(sessionParticipants)
    .where(eq(sessionParticipants.userId, requesterId));
  const rows = await db
    .select({
      userId: sessionParticipants.userId,
      last: sql<Date>`max(${mockSessions.startsAt})`,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .where(
      and(
        inArray(sessionParticipants.sessionId, mine),
        ne(sessionParticipants.userId, requesterId),
        ne(mockSessions.status, "cancelled"),
      ),
    )
    .groupBy(sessionParticipants.userId);
  const last = new Map<string, number>();
  for (const row of rows) if (row.last) last.set(row.userId, new Date(row.last).getTime());
  return last;
}

/**
 * Ranked proposals for a search. The round's pool (candidates, calendars, busy times,
 * records, and its index) is kept in the process per round, format and target level,
 * and rebuilt when the database's pool version moves (any write to what it holds) or
 * time changes what it holds; a request reads the version and its requester's own
 * calendar, busy times and past partners (one round trip each, together), then
 * searches. Results equal proposeSlotsFresh's (integration-tested).
 */
export async function proposeSlots(
  search: SlotSearch,
  now: Date,
  options: { maxProposals?: number; maxPerPeer?: number } = {},
  db: Database = getDb(),
): Promise<ProposalView[]> {
  if (search.pair) return proposeSlotsFresh(search, now, options, db);
  const [version, requester, lastWith] = await Promise.all([
    readPoolVersion(db),
    loadRequester(search.userId, now, db),
    loadLastSessionsWith(search.userId, db),
  ]);
  const entry = await cachedRoundPool(search, now, version, db);
  // From here on nothing awaits, so no other request sees the pool half-prepared.
  if (!entry.fits(now.getTime())) {
    // Another request moved the pool past this one's instant (clocks a hair apart).
    return proposeSlotsFresh(search, now, options, db);
  }
  trimBusy(entry, now.getTime());
  const request = matchRequestOf(search, now);
  const { candidates } = entry.pool;
  const proposals = withPastPartners([entry], lastWith, () =>
    entry.pool.findMatches(
      {
        ...request,
        maxProposals: options.maxProposals ?? request.maxProposals,
        maxPerPeer: options.maxPerPeer ?? request.maxPerPeer,
      },
      requester,
    ),
  );
  return proposals.map((p) =>
    toView(p, entry.names, entry.records, candidates[entry.indexOf.get(p.peerId)!]?.reliability),
  );
}

/** A person as the matcher sees a requester: their availability and active sessions. */
export async function loadRequester(
  userId: string,
  now: Date,
  db: Database = getDb(),
): Promise<MatchPerson> {
  const [availability, busy] = await Promise.all([
    loadAvailabilities([userId], undefined, db),
    loadBusy([userId], new Date(now.getTime() - DAY_MS), undefined, db),
  ]);
  return { id: userId, availability: availability.get(userId)!, busy: busy.get(userId) ?? [] };
}

/** The round's pool as cached for this search's round, format and level (built if stale). */
async function cachedRoundPool(
  search: SlotSearch,
  now: Date,
  version: string,
  db: Database,
): Promise<CachedPool> {
  const key = `${search.roundId}|${search.format}|${search.targetLevelRank}`;
  const { value } = await pools.get(db, key, version, now.getTime(), () =>
    buildPool(search, now, version, db),
  );
  return value;
}

/** One round's pool, ready to search at `now`, with what its proposals' views show. */
export interface RoundPool {
  pool: MatchPool;
  indexOf: Map<string, number>;
  names: Map<string, { name: string; level: string | null; timeZone: string }>;
  records: Map<string, PersonRecord>;
}

/**
 * The pools of several rounds for one requester at `now` (a mock onsite), from the same
 * cache proposeSlots uses; a pool the cache has moved past is read afresh. `search`
 * receives each pool while the requester's past partners are marked on it: the pools
 * are shared, so the mark lasts only as long as the (synchronous) search.
 */
export async function searchRoundPools<T>(
  searches: SlotSearch[],
  now: Date,
  search: (pools: RoundPool[], requester: MatchPerson) => T,
  db: Database = getDb(),
): Promise<T> {
  const userId = searches[0]?.userId;
  if (userId === undefined) throw new RangeError("searchRoundPools needs a search");
  const [version, requester, lastWith] = await Promise.all([
    readPoolVersion(db),
    loadRequester(userId, now, db),
    loadLastSessionsWith(userId, db),
  ]);
  const entries = await Promise.all(
    searches.map(async (one) => {
      const entry = await cachedRoundPool(one, now, version, db);
      return entry.fits(now.getTime()) ? entry : buildPool(one, now, version, db);
    }),
  );
  // Nothing awaits from here on (see proposeSlots).
  for (const entry of entries) trimBusy(entry, now.getTime());
  return withPastPartners([...new Set(entries)], lastWith, () => search(entries, requester));
}

/**
 * Runs `search` with the requester's last sessions with each peer marked on the pools'
 * candidates (freshPartner), and clears the marks afterwards whatever happens.
 */
function withPastPartners<T>(
  entries: CachedPool[],
  lastWith: Map<string, number>,
  search: () => T,
): T {
  const marked: MatchCandidate[] = [];
  try {
    for (const entry of entries) {
      const { candidates } = entry.pool;
      for (const [peerId, at] of lastWith) {
        const index = entry.indexOf.get(peerId);
        if (index === undefined) continue;
        candidates[index]!.lastSessionWithRequesterAt = at;
        marked.push(candidates[index]!);
      }
    }
    return search();
  } finally {
    // The pool is shared by every requester: the mark is this request's alone.
    for (const candidate of marked) candidate.lastSessionWithRequesterAt = null;
  }
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
