import { randomUUID } from "node:crypto";
import { and, count, desc, eq, gt, lte } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { levels, loops, mockRequests, rounds } from "#db/schema";
import { allowedFormats } from "~/modules/matching/formats";
import {
  type ProposalView,
  proposeSlots,
  type SlotSearch,
} from "~/modules/matching/matching.server";
import type { MockFormat } from "~/modules/matching/types";
import { BookingConflict } from "./booking-errors";
import { lockPeople, type Result } from "./booking-tx.server";
import { MAX_OPEN_REQUESTS } from "./policy";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RequestContext {
  id: string;
  userId: string;
  loopId: number;
  roundId: number;
  roundSlug: string;
  roundName: string;
  roundMinutes: number;
  targetLevelId: number;
  targetLevelCode: string;
  targetLevelRank: number;
  format: MockFormat;
  horizonDays: number;
  status: (typeof mockRequests.$inferSelect)["status"];
  sessionId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function getRequest(
  requestId: string,
  db: Database = getDb(),
): Promise<RequestContext | null> {
  const [row] = await db
    .select({
      request: mockRequests,
      roundSlug: rounds.slug,
      roundName: rounds.name,
      roundMinutes: rounds.durationMinutes,
      levelCode: levels.code,
      levelRank: levels.rank,
    })
    .from(mockRequests)
    .innerJoin(rounds, eq(rounds.id, mockRequests.roundId))
    .innerJoin(levels, eq(levels.id, mockRequests.targetLevelId))
    .where(eq(mockRequests.id, requestId));
  if (!row) return null;
  const r = row.request;
  return {
    id: r.id,
    userId: r.userId,
    loopId: r.loopId,
    roundId: r.roundId,
    roundSlug: row.roundSlug,
    roundName: row.roundName,
    roundMinutes: row.roundMinutes,
    targetLevelId: r.targetLevelId,
    targetLevelCode: row.levelCode,
    targetLevelRank: row.levelRank,
    format: r.format,
    horizonDays: r.horizonDays,
    status: r.status,
    sessionId: r.sessionId,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  };
}

/** The matcher's view of a request: what it looks for, and until when. */
export function requestSearch(ctx: RequestContext): SlotSearch {
  return {
    userId: ctx.userId,
    roundId: ctx.roundId,
    format: ctx.format,
    targetLevelRank: ctx.targetLevelRank,
    roundMinutes: ctx.roundMinutes,
    horizonDays: ctx.horizonDays,
    until: ctx.expiresAt,
  };
}

/** Ranked proposals for an open request (none once it is closed). */
export async function proposeForRequest(
  ctx: RequestContext,
  now: Date,
  options: { maxProposals?: number } = {},
): Promise<ProposalView[]> {
  if (ctx.status !== "open") return [];
  return proposeSlots(requestSearch(ctx), now, options);
}

export interface RequestInput {
  loopSlug: string;
  roundSlug: string;
  levelCode: string;
  format: MockFormat;
  horizonDays: number;
}

/** A request not written yet: what the booking function inserts (book_session). */
export interface NewRequestRow {
  loop_id: number;
  round_id: number;
  target_level_id: number;
  format: MockFormat;
  horizon_days: number;
  expires_at: string;
}

/**
 * Checks a request's round, level and format and describes it before it is written:
 * the context a booking validates against, and the row to insert. Throws a
 * BookingConflict (not_found, format_not_allowed).
 */
export async function describeNewRequest(
  db: Database,
  userId: string,
  input: RequestInput,
  now: Date,
  id: string = randomUUID(),
): Promise<{ ctx: RequestContext; row: NewRequestRow }> {
  const [target] = await db
    .select({
      loopId: loops.id,
      roundId: rounds.id,
      roundSlug: rounds.slug,
      roundName: rounds.name,
      roundMinutes: rounds.durationMinutes,
      allowsSwap: rounds.allowsSwap,
      oneWayFromRank: rounds.oneWayFromRank,
      levelId: levels.id,
      levelCode: levels.code,
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
  if (!target) throw new BookingConflict("not_found");
  if (!allowedFormats(target, target.levelRank).includes(input.format)) {
    throw new BookingConflict("format_not_allowed");
  }
  const expiresAt = new Date(now.getTime() + input.horizonDays * DAY_MS);
  return {
    ctx: {
      id,
      userId,
      loopId: target.loopId,
      roundId: target.roundId,
      roundSlug: target.roundSlug,
      roundName: target.roundName,
      roundMinutes: target.roundMinutes,
      targetLevelId: target.levelId,
      targetLevelCode: target.levelCode,
      targetLevelRank: target.levelRank,
      format: input.format,
      horizonDays: input.horizonDays,
      status: "open",
      sessionId: null,
      createdAt: now,
      expiresAt,
    },
    row: {
      loop_id: target.loopId,
      round_id: target.roundId,
      target_level_id: target.levelId,
      format: input.format,
      horizon_days: input.horizonDays,
      expires_at: expiresAt.toISOString(),
    },
  };
}

/**
 * Writes an open request in `tx` after checking its round, level and format. Returns
 * its id, or throws a BookingConflict. The caller holds the person's lock.
 */
export async function insertRequest(
  tx: Database,
  userId: string,
  input: RequestInput,
  now: Date,
): Promise<string> {
  const { ctx } = await describeNewRequest(tx, userId, input, now);
  const [row] = await tx
    .insert(mockRequests)
    .values({
      id: ctx.id,
      userId,
      loopId: ctx.loopId,
      roundId: ctx.roundId,
      targetLevelId: ctx.targetLevelId,
      format: ctx.format,
      horizonDays: ctx.horizonDays,
      expiresAt: ctx.expiresAt,
    })
    .returning({ id: mockRequests.id });
  return row!.id;
}

function openOf(userId: string, now: Date) {
  return and(
    eq(mockRequests.userId, userId),
    eq(mockRequests.status, "open"),
    gt(mockRequests.expiresAt, now),
  );
}

/**
 * Opens a request, at most MAX_OPEN_REQUESTS per person. The count and the insert run
 * under the person's lock, so parallel submits cannot all slip under the cap.
 */
export async function createRequest(
  userId: string,
  input: RequestInput,
  now: Date = new Date(),
): Promise<Result<{ requestId: string }>> {
  try {
    const requestId = await getDb().transaction(async (tx) => {
      await lockPeople(tx, [userId]);
      const [open] = await tx.select({ n: count() }).from(mockRequests).where(openOf(userId, now));
      if ((open?.n ?? 0) >= MAX_OPEN_REQUESTS) throw new BookingConflict("too_many_requests");
      return insertRequest(tx, userId, input, now);
    });
    return { ok: true, requestId };
  } catch (err) {
    if (err instanceof BookingConflict) return { ok: false, error: err.code };
    throw err;
  }
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
    .where(openOf(userId, now))
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
