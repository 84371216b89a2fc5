import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from "#db/errors";
import {
  levels,
  loops,
  mockRequests,
  mockSessions,
  profiles,
  rounds,
  type SessionStatus,
  sessionParticipants,
  users,
} from "#db/schema";
import { getEnv, publicOrigin } from "~/env.server";
import { kickJob } from "~/jobs/kick.server";
import { allowedFormats, FORMAT_LABELS, sessionMinutes } from "~/modules/matching/formats";
import {
  buildMatchInputs,
  isValidSlot,
  loadRequest,
  type MatchBase,
  type ProposalView,
  type RequestContext,
  rankProposals,
  requestBase,
  selectPeers,
} from "~/modules/matching/matching.server";
import type { MockFormat } from "~/modules/matching/types";
import { buildInvite } from "~/modules/notify/ics";
import {
  bookedMessage,
  cancelledMessage,
  rescheduledMessage,
  type SessionMessageInput,
} from "~/modules/notify/messages";
import { enqueueEmails, type OutgoingEmail } from "~/modules/notify/outbox.server";
import { parseUuid } from "~/utils/ids";
import { BookingConflict, type BookingErrorCode } from "./booking-errors";
import { canTransition, isLateChange } from "./policy";

const DAY_MS = 24 * 60 * 60 * 1000;

type Result<T> = ({ ok: true } & T) | { ok: false; error: BookingErrorCode };

// ---------------------------------------------------------------------------
// Requests

export async function createRequest(
  userId: string,
  input: {
    loopSlug: string;
    roundSlug: string;
    levelCode: string;
    format: MockFormat;
    horizonDays: number;
  },
  now: Date = new Date(),
): Promise<Result<{ requestId: string }>> {
  const db = getDb();
  const [target] = await db
    .select({
      loopId: loops.id,
      roundId: rounds.id,
      allowsSwap: rounds.allowsSwap,
      oneWayFromRank: rounds.oneWayFromRank,
      levelId: levels.id,
      levelRank: levels.rank,
    })
    .from(loops)
    .innerJoin(rounds, eq(rounds.loopId, loops.id))
    .innerJoin(levels, eq(levels.loopId, loops.id))
    .where(
      and(
        eq(loops.slug, input.loopSlug),
        eq(rounds.slug, input.roundSlug),
        eq(levels.code, input.levelCode),
      ),
    );
  if (!target) return { ok: false, error: "not_found" };
  if (!allowedFormats(target, target.levelRank).includes(input.format)) {
    return { ok: false, error: "format_not_allowed" };
  }
  const [row] = await db
    .insert(mockRequests)
    .values({
      userId,
      loopId: target.loopId,
      roundId: target.roundId,
      targetLevelId: target.levelId,
      format: input.format,
      horizonDays: input.horizonDays,
      expiresAt: new Date(now.getTime() + input.horizonDays * DAY_MS),
    })
    .returning({ id: mockRequests.id });
  return { ok: true, requestId: row!.id };
}

export async function listOpenRequests(userId: string, now: Date = new Date()) {
  return getDb()
    .select({
      id: mockRequests.id,
      format: mockRequests.format,
      roundName: rounds.name,
      roundSlug: rounds.slug,
      levelCode: levels.code,
      horizonDays: mockRequests.horizonDays,
      createdAt: mockRequests.createdAt,
      expiresAt: mockRequests.expiresAt,
    })
    .from(mockRequests)
    .innerJoin(rounds, eq(rounds.id, mockRequests.roundId))
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(
      and(
        eq(mockRequests.userId, userId),
        eq(mockRequests.status, "open"),
        gt(mockRequests.expiresAt, now),
      ),
    )
    .orderBy(desc(mockRequests.createdAt));
}

/** Cancels one of the person's own open requests (compare-and-swap on "open"). */
export async function cancelRequest(userId: string, requestId: string): Promise<boolean> {
  const rows = await getDb()
    .update(mockRequests)
    .set({ status: "cancelled" })
    .where(
      and(
        eq(mockRequests.id, requestId),
        eq(mockRequests.userId, userId),
        eq(mockRequests.status, "open"),
      ),
    )
    .returning({ id: mockRequests.id });
  return rows.length === 1;
}

/** Marks open requests whose horizon has passed as expired. */
export async function expireRequests(now: Date = new Date()): Promise<number> {
  const rows = await getDb()
    .update(mockRequests)
    .set({ status: "expired" })
    .where(and(eq(mockRequests.status, "open"), lte(mockRequests.expiresAt, now)))
    .returning({ id: mockRequests.id });
  return rows.length;
}

// ---------------------------------------------------------------------------
// Booking

async function lockPeople(tx: Database, userIds: string[]) {
  // Bookings that touch the same person run one after another, so the caps and
  // buffers read below cannot be overtaken; different people book in parallel. The
  // locks are taken in id order (one statement, left to right) so two bookings never
  // wait on each other crosswise.
  const ids = [...new Set(userIds)].sort();
  const locks = ids.map((id) => sql`pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
  await tx.execute(sql`select ${sql.join(locks, sql`, `)}`);
}

interface SessionPeople {
  sessionId: string;
  roundName: string;
  format: MockFormat;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  people: { id: string; name: string; email: string; timeZone: string }[];
}

async function loadSessionPeople(tx: Database, sessionId: string): Promise<SessionPeople> {
  const rows = await tx
    .select({
      roundName: rounds.name,
      format: mockSessions.format,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      sequence: mockSessions.icsSequence,
      userId: users.id,
      name: users.name,
      email: users.email,
      timeZone: profiles.timeZone,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(mockSessions.id, sessionId))
    .orderBy(asc(users.id));
  const first = rows[0]!;
  return {
    sessionId,
    roundName: first.roundName,
    format: first.format,
    startsAt: first.startsAt,
    endsAt: first.endsAt,
    sequence: first.sequence,
    people: rows.map((r) => ({ id: r.userId, name: r.name, email: r.email, timeZone: r.timeZone })),
  };
}

export type MessageBuilder = (
  input: SessionMessageInput,
  readerId: string,
) => { subject: string; text: string };

function sessionEmails(
  info: SessionPeople,
  kind: string,
  cancelled: boolean,
  build: MessageBuilder,
): OutgoingEmail[] {
  const sessionUrl = `${publicOrigin(getEnv())}/sessions/${info.sessionId}`;
  const ics = buildInvite({
    sessionId: info.sessionId,
    sequence: info.sequence,
    start: info.startsAt,
    end: info.endsAt,
    title: `Peerloop mock: ${info.roundName}`,
    description: `${FORMAT_LABELS[info.format]}. Join: ${sessionUrl}`,
    url: sessionUrl,
    cancelled,
    attendees: info.people.map((p) => ({ name: p.name, email: p.email })),
  });
  return info.people.map((reader) => {
    const peer = info.people.find((p) => p.id !== reader.id) ?? reader;
    const message = build(
      {
        roundName: info.roundName,
        formatLabel: info.format === "swap" ? "swap" : "one-way",
        start: info.startsAt,
        end: info.endsAt,
        sessionUrl,
        reader: { name: reader.name, timeZone: reader.timeZone },
        peer: { name: peer.name, timeZone: peer.timeZone },
      },
      reader.id,
    );
    return {
      userId: reader.id,
      toAddress: reader.email,
      subject: message.subject,
      textBody: message.text,
      ics,
      kind,
      sessionId: info.sessionId,
      dedupeKey: `${kind}:${info.sessionId}:${info.sequence}:${reader.id}`,
    };
  });
}

/** Writes one email per participant about a session (reminders and notices), once per key. */
export async function sendSessionEmails(
  sessionId: string,
  kind: string,
  build: MessageBuilder,
): Promise<number> {
  return getDb().transaction(async (tx) => {
    const info = await loadSessionPeople(tx, sessionId);
    return enqueueEmails(
      tx,
      sessionEmails(info, kind, false, build).map((email) => ({ ...email, ics: null })),
    );
  });
}

export type BookResult = Result<{ sessionId: string; replayed: boolean }>;

function range(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

/** postgres.js returns rows as the result; PGlite wraps them in `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? result) as T[];
}

/** The peer's open swap request for this round that fits the level best. */
async function peerSwapRequest(tx: Database, peerId: string, ctx: RequestContext) {
  const [row] = await tx
    .select({ id: mockRequests.id, targetLevelId: mockRequests.targetLevelId })
    .from(mockRequests)
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(
      and(
        eq(mockRequests.userId, peerId),
        eq(mockRequests.roundId, ctx.roundId),
        eq(mockRequests.format, "swap"),
        eq(mockRequests.status, "open"),
      ),
    )
    .orderBy(sql`abs(${levels.rank} - ${ctx.targetLevelRank})`, asc(mockRequests.createdAt))
    .limit(1);
  return row ?? null;
}

async function findByIdempotencyKey(db: Database, key: string) {
  const [row] = await db
    .select({ id: mockSessions.id, bookedBy: mockSessions.bookedBy })
    .from(mockSessions)
    .where(eq(mockSessions.idempotencyKey, key));
  return row;
}

/**
 * Books one proposal of an open request, atomically: the session, one participant
 * row per person (the database refuses overlaps), the request(s) marked booked, and
 * the invites in the outbox. A repeated idempotency key returns the first booking.
 */
export async function bookProposal(input: {
  userId: string;
  requestId: string;
  peerId: string;
  start: Date;
  idempotencyKey: string;
  now?: Date;
}): Promise<BookResult> {
  const now = input.now ?? new Date();
  const db = getDb();
  const replay = async (): Promise<BookResult | null> => {
    const existing = await findByIdempotencyKey(db, input.idempotencyKey);
    if (!existing) return null;
    return existing.bookedBy === input.userId
      ? { ok: true, sessionId: existing.id, replayed: true }
      : { ok: false, error: "idempotency_conflict" };
  };
  try {
    const outcome = await db.transaction(async (tx) => {
      await lockPeople(tx, [input.userId, input.peerId]);
      // A double submit waits on the lock above; once it holds it, the first booking
      // has committed and is found here.
      const [existing, ctx] = await Promise.all([
        findByIdempotencyKey(tx, input.idempotencyKey),
        loadRequest(input.requestId, tx),
      ]);
      if (existing) return { replayOf: existing, sessionId: undefined };
      if (!ctx || ctx.userId !== input.userId) throw new BookingConflict("not_found");
      if (ctx.status !== "open" || ctx.expiresAt <= now)
        throw new BookingConflict("request_closed");

      // Independent reads go out together (postgres.js pipelines them on the connection).
      const [peers, peerRequest] = await Promise.all([
        selectPeers(ctx, now, input.peerId, tx),
        ctx.format === "swap" ? peerSwapRequest(tx, input.peerId, ctx) : Promise.resolve(null),
      ]);
      const inputs = await buildMatchInputs(requestBase(ctx), peers, now, { ranking: false }, tx);
      if (!isValidSlot(inputs, input.peerId, input.start.getTime())) {
        throw new BookingConflict("slot_taken");
      }
      const startsAt = input.start;
      const endsAt = new Date(
        startsAt.getTime() + sessionMinutes(ctx.format, ctx.roundMinutes) * 60_000,
      );
      const id = randomUUID();
      const during = range(startsAt, endsAt);
      const swap = ctx.format === "swap";
      const requestIds = peerRequest ? [ctx.id, peerRequest.id] : [ctx.id];
      // One statement writes the session, both participants and closes the request(s):
      // the exclusion constraint refuses it whole if either person is taken.
      const written = await tx.execute(sql`
        with new_session as (
          insert into mock_sessions
            (id, loop_id, round_id, format, starts_at, ends_at, booked_by, idempotency_key, request_id)
          values (${id}, ${ctx.loopId}, ${ctx.roundId}, ${ctx.format}, ${startsAt.toISOString()},
                  ${endsAt.toISOString()}, ${input.userId}, ${input.idempotencyKey}, ${ctx.id})
          returning id
        ), new_participants as (
          insert into session_participants (session_id, user_id, role, target_level_id, during)
          values
            (${id}, ${input.userId}, ${swap ? "swap" : "candidate"}, ${ctx.targetLevelId}, ${during}::tstzrange),
            (${id}, ${input.peerId}, ${swap ? "swap" : "interviewer"}, ${peerRequest?.targetLevelId ?? null}::int, ${during}::tstzrange)
          returning 1
        ), closed as (
          update mock_requests set status = 'booked', session_id = ${id}
          where id in (${sql.join(
            requestIds.map((r) => sql`${r}::uuid`),
            sql`, `,
          )}) and status = 'open'
          returning id
        )
        select (select count(*) from closed)::int as closed,
               (select count(*) from new_participants)::int as participants,
               (select count(*) from new_session)::int as sessions`);
      const counts = rowsOf<{ closed: number }>(written)[0];
      if (Number(counts?.closed) !== requestIds.length) throw new BookingConflict("slot_taken");

      // Everything the invites need was read for the validation above.
      const person = (userId: string) => {
        const card = inputs.names.get(userId)!;
        return { id: userId, name: card.name, email: card.email, timeZone: card.displayTimeZone };
      };
      const info: SessionPeople = {
        sessionId: id,
        roundName: ctx.roundName,
        format: ctx.format,
        startsAt,
        endsAt,
        sequence: 0,
        people: [person(input.userId), person(input.peerId)],
      };
      await enqueueEmails(
        tx,
        sessionEmails(info, "booked", false, (m) => bookedMessage(m)),
      );
      return { replayOf: undefined, sessionId: id };
    });
    if (outcome.replayOf) {
      return outcome.replayOf.bookedBy === input.userId
        ? { ok: true, sessionId: outcome.replayOf.id, replayed: true }
        : { ok: false, error: "idempotency_conflict" };
    }
    await kickJob("deliver-email");
    return { ok: true, sessionId: outcome.sessionId!, replayed: false };
  } catch (err) {
    if (err instanceof BookingConflict) return { ok: false, error: err.code };
    if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) return { ok: false, error: "slot_taken" };
    // The same key committed by a concurrent double submit: answer with that booking.
    const again = await replay();
    if (again) return again;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Status changes: every one is a compare-and-swap on the current status.

/** Moves a session from `from` to `to` if it is still in `from`; true if this call won. */
export async function transitionSession(
  sessionId: string,
  from: SessionStatus,
  to: SessionStatus,
  db: Database = getDb(),
): Promise<boolean> {
  if (!canTransition(from, to)) return false;
  const rows = await db
    .update(mockSessions)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(mockSessions.id, sessionId), eq(mockSessions.status, from)))
    .returning({ id: mockSessions.id });
  if (rows.length === 1 && (to === "completed" || to === "no_show")) {
    // Finished sessions keep their participant rows for history but stop blocking time
    // only when they never happened (no-show); completed ones still occupied it.
    if (to === "no_show") {
      await db
        .update(sessionParticipants)
        .set({ active: false })
        .where(eq(sessionParticipants.sessionId, sessionId));
    }
  }
  return rows.length === 1;
}

export type CancelResult = Result<{ late: boolean }>;

export async function cancelSession(input: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const db = getDb();
  return db.transaction(async (tx) => {
    const mine = await tx
      .select({ startsAt: mockSessions.startsAt })
      .from(mockSessions)
      .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
      .where(
        and(eq(mockSessions.id, input.sessionId), eq(sessionParticipants.userId, input.userId)),
      );
    if (mine.length === 0) return { ok: false, error: "not_found" } as const;
    const late = isLateChange(mine[0]!.startsAt, now);
    const won = await tx
      .update(mockSessions)
      .set({
        status: "cancelled",
        cancelledAt: now,
        cancelledBy: input.userId,
        lateCancel: late,
        icsSequence: sql`${mockSessions.icsSequence} + 1`,
        updatedAt: now,
      })
      .where(and(eq(mockSessions.id, input.sessionId), eq(mockSessions.status, "scheduled")))
      .returning({ id: mockSessions.id });
    if (won.length !== 1) return { ok: false, error: "not_cancellable" } as const;

    await tx
      .update(sessionParticipants)
      .set({ active: false })
      .where(eq(sessionParticipants.sessionId, input.sessionId));
    // The canceller's request closes; the other person's reopens while its horizon lasts.
    const linked = await tx
      .select({
        id: mockRequests.id,
        userId: mockRequests.userId,
        expiresAt: mockRequests.expiresAt,
      })
      .from(mockRequests)
      .where(eq(mockRequests.sessionId, input.sessionId));
    for (const request of linked) {
      const reopen = request.userId !== input.userId && request.expiresAt > now;
      await tx
        .update(mockRequests)
        .set({
          status: reopen ? "open" : request.userId === input.userId ? "cancelled" : "expired",
          sessionId: null,
        })
        .where(eq(mockRequests.id, request.id));
    }
    const info = await loadSessionPeople(tx, input.sessionId);
    await enqueueEmails(
      tx,
      sessionEmails(info, "cancelled", true, (m, readerId) =>
        cancelledMessage({ ...m, cancelledByReader: readerId === input.userId }),
      ),
    );
    return { ok: true, late } as const;
  });
}

// ---------------------------------------------------------------------------
// Reschedule: new times with the same peer.

async function rescheduleBase(sessionId: string, userId: string, db: Database) {
  const rows = await db
    .select({
      status: mockSessions.status,
      format: mockSessions.format,
      startsAt: mockSessions.startsAt,
      sequence: mockSessions.icsSequence,
      roundMinutes: rounds.durationMinutes,
      userId: sessionParticipants.userId,
      levelRank: levels.rank,
    })
    .from(mockSessions)
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, mockSessions.id))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(eq(mockSessions.id, sessionId));
  const me = rows.find((r) => r.userId === userId);
  const peer = rows.find((r) => r.userId !== userId);
  if (!me || !peer) return null;
  const targetRank = me.levelRank ?? peer.levelRank ?? 5;
  const base: MatchBase = {
    userId,
    format: me.format,
    targetLevelRank: targetRank,
    roundMinutes: me.roundMinutes,
    horizonDays: 14,
  };
  // The pair is already matched: only their calendars decide, not qualifications.
  const peerRow = { userId: peer.userId, upToRank: 99, swapRank: targetRank };
  return { session: me, peerId: peer.userId, base, peerRow };
}

export async function proposeReschedule(
  sessionId: string,
  userId: string,
  now: Date = new Date(),
): Promise<Result<{ proposals: ProposalView[]; startsAt: Date }>> {
  const found = await rescheduleBase(sessionId, userId, getDb());
  if (!found) return { ok: false, error: "not_found" };
  if (found.session.status !== "scheduled") return { ok: false, error: "not_cancellable" };
  if (isLateChange(found.session.startsAt, now))
    return { ok: false, error: "too_late_to_reschedule" };
  const inputs = await buildMatchInputs(found.base, [found.peerRow], now, {
    excludeSessionId: sessionId,
  });
  return {
    ok: true,
    startsAt: found.session.startsAt,
    // One peer only: show a dozen of their times, spread over the days.
    proposals: rankProposals(inputs, 12, 12),
  };
}

export async function rescheduleSession(input: {
  userId: string;
  sessionId: string;
  start: Date;
  now?: Date;
}): Promise<Result<{ sessionId: string }>> {
  const now = input.now ?? new Date();
  try {
    return await getDb().transaction(async (tx) => {
      const found = await rescheduleBase(input.sessionId, input.userId, tx);
      if (!found) throw new BookingConflict("not_found");
      await lockPeople(tx, [input.userId, found.peerId]);
      const { session } = found;
      if (session.status !== "scheduled") throw new BookingConflict("not_cancellable");
      if (isLateChange(session.startsAt, now)) throw new BookingConflict("too_late_to_reschedule");
      const inputs = await buildMatchInputs(
        found.base,
        [found.peerRow],
        now,
        { excludeSessionId: input.sessionId },
        tx,
      );
      if (!isValidSlot(inputs, found.peerId, input.start.getTime())) {
        throw new BookingConflict("slot_taken");
      }
      const endsAt = new Date(input.start.getTime() + inputs.request.sessionMinutes * 60_000);
      const moved = await tx
        .update(mockSessions)
        .set({
          startsAt: input.start,
          endsAt,
          icsSequence: sql`${mockSessions.icsSequence} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(mockSessions.id, input.sessionId),
            eq(mockSessions.status, "scheduled"),
            eq(mockSessions.icsSequence, session.sequence),
          ),
        )
        .returning({ id: mockSessions.id });
      if (moved.length !== 1) throw new BookingConflict("slot_taken");
      await tx
        .update(sessionParticipants)
        .set({ during: range(input.start, endsAt) })
        .where(eq(sessionParticipants.sessionId, input.sessionId));
      const info = await loadSessionPeople(tx, input.sessionId);
      await enqueueEmails(
        tx,
        sessionEmails(info, "rescheduled", false, (m) => rescheduledMessage(m)),
      );
      return { ok: true, sessionId: input.sessionId } as const;
    });
  } catch (err) {
    if (err instanceof BookingConflict) return { ok: false, error: err.code };
    if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) return { ok: false, error: "slot_taken" };
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Reading sessions

export interface SessionView {
  id: string;
  roundId: number;
  bookedBy: string;
  currentHalf: number;
  noShowUserIds: string[];
  status: SessionStatus;
  format: MockFormat;
  roundName: string;
  roundSlug: string;
  startsAt: Date;
  endsAt: Date;
  lateCancel: boolean;
  myRole: (typeof sessionParticipants.$inferSelect)["role"];
  myTargetLevel: string | null;
  peer: { id: string; name: string; timeZone: string; role: string; targetLevel: string | null };
}

/** Sessions the person takes part in, soonest first (or latest first for the past). */
export async function listSessionsForUser(
  userId: string,
  options: { sessionId?: string } = {},
): Promise<SessionView[]> {
  const db = getDb();
  const mine = await db
    .select({
      id: mockSessions.id,
      roundId: mockSessions.roundId,
      bookedBy: mockSessions.bookedBy,
      currentHalf: mockSessions.currentHalf,
      noShowUserIds: mockSessions.noShowUserIds,
      status: mockSessions.status,
      format: mockSessions.format,
      roundName: rounds.name,
      roundSlug: rounds.slug,
      startsAt: mockSessions.startsAt,
      endsAt: mockSessions.endsAt,
      lateCancel: mockSessions.lateCancel,
      role: sessionParticipants.role,
      levelCode: levels.code,
    })
    .from(sessionParticipants)
    .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
    .innerJoin(rounds, eq(rounds.id, mockSessions.roundId))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(
      and(
        eq(sessionParticipants.userId, userId),
        options.sessionId ? eq(mockSessions.id, options.sessionId) : undefined,
      ),
    )
    .orderBy(asc(mockSessions.startsAt));
  if (mine.length === 0) return [];
  const others = await db
    .select({
      sessionId: sessionParticipants.sessionId,
      id: users.id,
      name: users.name,
      timeZone: profiles.timeZone,
      role: sessionParticipants.role,
      levelCode: levels.code,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(levels, eq(levels.id, sessionParticipants.targetLevelId))
    .where(
      and(
        inArray(
          sessionParticipants.sessionId,
          mine.map((m) => m.id),
        ),
        ne(sessionParticipants.userId, userId),
      ),
    );
  return mine.map((m) => {
    const peer = others.find((o) => o.sessionId === m.id);
    return {
      id: m.id,
      roundId: m.roundId,
      bookedBy: m.bookedBy,
      currentHalf: m.currentHalf,
      noShowUserIds: m.noShowUserIds ?? [],
      status: m.status,
      format: m.format,
      roundName: m.roundName,
      roundSlug: m.roundSlug,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      lateCancel: m.lateCancel,
      myRole: m.role,
      myTargetLevel: m.levelCode,
      peer: {
        id: peer?.id ?? "",
        name: peer?.name ?? "Your peer",
        timeZone: peer?.timeZone ?? "UTC",
        role: peer?.role ?? "",
        targetLevel: peer?.levelCode ?? null,
      },
    };
  });
}

/** One session, only for its participants: anyone else gets null (and a 404). */
export async function getSessionForUser(sessionId: string, userId: string) {
  const id = parseUuid(sessionId);
  if (!id) return null;
  const [session] = await listSessionsForUser(userId, { sessionId: id });
  return session ?? null;
}
