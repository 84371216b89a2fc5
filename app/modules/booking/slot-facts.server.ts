import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { rowsOf } from "#db/rows";
import {
  type DateOverride,
  DEFAULT_LIMITS,
  type Interval,
  type PersonAvailability,
  type Weekday,
} from "~/modules/availability/types";
import { loadOneWayInterviewers } from "~/modules/credits/qualification.server";
import { priceForScarcity } from "~/modules/credits/rules";
import { isValidStart } from "~/modules/matching/find-matches";
import { sessionMinutes } from "~/modules/matching/formats";
import type { MatchCandidate, MatchPerson, MatchRequest } from "~/modules/matching/types";
import type { RequestContext } from "./requests.server";

// A booking's snapshot of one slot, in as few statements as the matcher's rules allow:
// both people's availability, calendars and invite details in ONE statement, and the
// peer's standing for the request (qualified interviewer, or open swap request) with
// the price in one more. The verdict is the matcher's own pure rule (isValidStart), given the same inputs
// validateSlot would build for this one peer, so a booking accepts exactly the slots
// the matcher proposes (tests/integration/booking-function.test.ts compares the two).

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Reader {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

interface PersonFacts {
  id: string;
  name: string;
  email: string;
  profile_time_zone: string | null;
  settings: {
    time_zone: string;
    min_notice_minutes: number;
    max_sessions_per_day: number;
    buffer_minutes: number;
  } | null;
  rules: { weekday: number; start_minute: number; end_minute: number }[] | null;
  overrides:
    | {
        date: string;
        kind: "off" | "extra";
        start_minute: number | null;
        end_minute: number | null;
      }[]
    | null;
  busy: [number, number][] | null;
}

export interface PeopleFacts {
  /** The request asked for (with its round and level), if it exists. */
  request: RequestContext | null;
  /** The session already booked with this idempotency key, if any. */
  existing: { id: string; bookedBy: string } | null;
  /** The invitees, ordered by id (as loadSessionPeople orders them). */
  readers: Reader[];
  people: Map<string, MatchPerson>;
}

/**
 * One statement: the request (as getRequest reads it), the idempotency key's session,
 * and for both people their name, email
 * and zone (the invites), their availability (loadAvailabilities' defaults) and their
 * active sessions ending after a day before `now` (loadBusy's window).
 */
export async function loadPeopleFacts(
  db: Database,
  input: { userIds: string[]; idempotencyKey: string; requestId: string | null; now: Date },
): Promise<PeopleFacts> {
  const since = new Date(input.now.getTime() - DAY_MS).toISOString();
  const ids = sql.join(
    input.userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select
      (select json_build_object('id', r.id, 'userId', r.user_id, 'loopId', r.loop_id,
          'roundId', r.round_id, 'roundSlug', ro.slug, 'roundName', ro.name,
          'roundMinutes', ro.duration_minutes, 'targetLevelId', r.target_level_id,
          'targetLevelCode', l.code, 'targetLevelRank', l.rank, 'format', r.format,
          'horizonDays', r.horizon_days, 'status', r.status, 'sessionId', r.session_id,
          'createdAt', r.created_at, 'expiresAt', r.expires_at)
        from mock_requests r
        join rounds ro on ro.id = r.round_id
        join levels l on l.id = r.target_level_id
        where r.id = ${input.requestId}::uuid) as request,
      (select json_build_object('id', s.id, 'bookedBy', s.booked_by) from mock_sessions s
        where s.idempotency_key = ${input.idempotencyKey}) as existing,
      (select coalesce(json_agg(json_build_object(
          'id', u.id, 'name', u.name, 'email', u.email, 'profile_time_zone', pr.time_zone,
          'settings', (select json_build_object('time_zone', a.time_zone,
                         'min_notice_minutes', a.min_notice_minutes,
                         'max_sessions_per_day', a.max_sessions_per_day,
                         'buffer_minutes', a.buffer_minutes)
                       from availability_settings a where a.user_id = u.id),
          'rules', (select json_agg(json_build_object('weekday', r.weekday,
                      'start_minute', r.start_minute, 'end_minute', r.end_minute)
                      order by r.weekday, r.start_minute)
                    from availability_rules r where r.user_id = u.id),
          'overrides', (select json_agg(json_build_object('date', o.date, 'kind', o.kind,
                          'start_minute', o.start_minute, 'end_minute', o.end_minute)
                          order by o.date, o.start_minute)
                        from availability_overrides o where o.user_id = u.id),
          'busy', (select json_agg(json_build_array(
                     (extract(epoch from s.starts_at) * 1000)::bigint,
                     (extract(epoch from s.ends_at) * 1000)::bigint) order by s.starts_at)
                   from session_participants p join mock_sessions s on s.id = p.session_id
                   where p.user_id = u.id and p.active and s.ends_at > ${since}::timestamptz)
        ) order by u.id), '[]'::json)
       from users u left join profiles pr on pr.user_id = u.id
       where u.id in (${ids})) as people`);
  const row = rowsOf<{ request: unknown; existing: unknown; people: unknown }>(result)[0];
  const parse = <T>(value: unknown): T =>
    (typeof value === "string" ? JSON.parse(value) : value) as T;
  const existing = parse<{ id: string; bookedBy: string } | null>(row?.existing ?? null);
  const facts = parse<PersonFacts[]>(row?.people ?? []);
  const people = new Map<string, MatchPerson>();
  const readers: Reader[] = [];
  for (const f of facts) {
    if (f.profile_time_zone !== null) {
      readers.push({ id: f.id, name: f.name, email: f.email, timeZone: f.profile_time_zone });
    }
    people.set(f.id, { id: f.id, availability: availabilityOf(f), busy: busyOf(f) });
  }
  const request = parse<
    | (Omit<RequestContext, "createdAt" | "expiresAt"> & {
        createdAt: string;
        expiresAt: string;
      })
    | null
  >(row?.request ?? null);
  return {
    request: request
      ? {
          ...request,
          createdAt: new Date(request.createdAt),
          expiresAt: new Date(request.expiresAt),
        }
      : null,
    existing,
    readers,
    people,
  };
}

function availabilityOf(f: PersonFacts): PersonAvailability {
  const s = f.settings;
  return {
    timeZone: s?.time_zone ?? f.profile_time_zone ?? "UTC",
    limits: s
      ? {
          minNoticeMinutes: s.min_notice_minutes,
          maxSessionsPerDay: s.max_sessions_per_day,
          bufferMinutes: s.buffer_minutes,
        }
      : DEFAULT_LIMITS,
    rules: (f.rules ?? []).map((r) => ({
      weekday: r.weekday as Weekday,
      startMinute: r.start_minute,
      endMinute: r.end_minute,
    })),
    overrides: (f.overrides ?? []).map(
      (o): DateOverride =>
        o.kind === "off"
          ? { date: o.date, kind: "off" }
          : { date: o.date, kind: "extra", startMinute: o.start_minute!, endMinute: o.end_minute! },
    ),
  };
}

function busyOf(f: PersonFacts): Interval[] {
  return (f.busy ?? []).map(([start, end]) => ({ start: Number(start), end: Number(end) }));
}

/** What the peer is for this request: null when they could not be matched at all. */
type PeerStanding = Pick<
  MatchCandidate,
  "interviewsUpToRank" | "qualifiedUpToRank" | "oneWayPaused" | "swapTargetRank"
>;

/**
 * The peer's standing for the request and the price, in one statement. One-way: every
 * interviewer offered and qualified for the round at the level, with their rating
 * floor (loadOneWayInterviewers, as the matcher and the price read it); the peer must be
 * among them and not paused, and the price is the scarcity price of their number
 * (oneWayPrice's count, from the same rows). Swap: the peer's open request whose target
 * is closest to the level; free.
 */
export async function loadPeerStanding(
  db: Database,
  ctx: RequestContext,
  peerId: string,
  now: Date,
): Promise<{ standing: PeerStanding | null; price: number }> {
  if (ctx.format === "one_way") {
    const everyone = await loadOneWayInterviewers(db, {
      roundId: ctx.roundId,
      targetLevelRank: ctx.targetLevelRank,
    });
    const price = priceForScarcity(
      everyone.filter((p) => p.upToRank !== null && p.upToRank >= ctx.targetLevelRank).length,
    );
    const row = peerId === ctx.userId ? undefined : everyone.find((p) => p.userId === peerId);
    if (!row || row.paused) return { standing: null, price };
    return {
      standing: {
        interviewsUpToRank: row.offeredRank,
        qualifiedUpToRank: row.qualifiedRank,
        oneWayPaused: false,
        swapTargetRank: null,
      },
      price,
    };
  }
  if (peerId === ctx.userId) return { standing: null, price: 0 };
  const result = await db.execute(sql`
    select l.rank from mock_requests r join levels l on l.id = r.target_level_id
    where r.user_id = ${peerId} and r.round_id = ${ctx.roundId} and r.format = 'swap'
      and r.status = 'open' and r.expires_at > ${now.toISOString()}::timestamptz
    order by abs(l.rank - ${ctx.targetLevelRank}), l.rank
    limit 1`);
  const row = rowsOf<{ rank: number }>(result)[0];
  if (!row) return { standing: null, price: 0 };
  return {
    standing: {
      interviewsUpToRank: null,
      qualifiedUpToRank: null,
      oneWayPaused: false,
      swapTargetRank: Number(row.rank),
    },
    price: 0,
  };
}

/**
 * Whether `start` with the peer is a slot the matcher could propose for the request:
 * the inputs validateSlot builds (no ranking figures), judged by isValidStart.
 */
export function isBookableSlot(
  ctx: RequestContext,
  requester: MatchPerson | undefined,
  peer: MatchPerson | undefined,
  standing: PeerStanding | null,
  start: Date,
  now: Date,
  /**
   * The grid the start must be on (the matcher's, 30 minutes, unless told). A mock
   * onsite's later rounds follow the first by round lengths and breaks, off that grid.
   */
  slotStepMinutes?: number,
): boolean {
  if (!requester || !peer || !standing) return false;
  const request: MatchRequest = {
    requesterId: ctx.userId,
    format: ctx.format,
    targetLevelRank: ctx.targetLevelRank,
    sessionMinutes: sessionMinutes(ctx.format, ctx.roundMinutes),
    horizonDays: Math.min(
      ctx.horizonDays,
      Math.max(0, (ctx.expiresAt.getTime() - now.getTime()) / DAY_MS),
    ),
    now: now.getTime(),
    alreadyPaired: false,
    slotStepMinutes,
  };
  const candidate: MatchCandidate = {
    ...peer,
    ...standing,
    name: "",
    levelRank: null,
    reliability: null,
    quality: null,
    interviewsGiven: 0,
    interviewsReceived: 0,
    lastSessionWithRequesterAt: null,
  };
  return isValidStart(request, requester, candidate, start.getTime());
}
