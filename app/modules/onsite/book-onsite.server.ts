import { eq } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { isUniqueViolation, pgErrorCode } from "#db/errors";
import { mockOnsiteSessions, mockOnsites } from "#db/schema";
import { kickJob } from "~/jobs/kick.server";
import { type PreparedBooking, prepareBooking } from "~/modules/booking/book-proposal.server";
import { BookingConflict, type BookingErrorCode } from "~/modules/booking/booking-errors";
import { lockPeople, refusalCode } from "~/modules/booking/booking-tx.server";
import { describeNewRequest } from "~/modules/booking/requests.server";
import { saveBooking } from "~/modules/booking/save-booking.server";
import { loadPeopleFacts } from "~/modules/booking/slot-facts.server";
import { getLoopCatalog } from "~/modules/catalog/catalog.server";
import { loopShapeAt, onsiteSittings } from "~/modules/catalog/loop-shape";
import { getAccount } from "~/modules/credits/ledger.server";
import { sessionMinutes } from "~/modules/matching/formats";
import {
  checkOnsiteDay,
  ONSITE_HORIZON_DAYS,
  orderSittings,
  sittingStepMinutes,
} from "./onsite-day";
import type { OnsiteDayErrorCode, OnsiteRefusal } from "./onsite-errors";

// Books a whole onsite day in ONE transaction (decision 0031). Each sitting is an
// ordinary one-way mock: its request is described and checked as a suggested mock's is
// (describeNewRequest), its slot goes through the single booking's checks
// (prepareBooking: qualification, the matcher's own rule for notice, availability,
// buffers and cap, the price shown) and is written by book_session (calendars re-checked
// under the locks, escrow hold, invites in the outbox). The day adds what one booking
// cannot see: the rounds of the shape, a different peer each, one local date, the
// balance for the whole day. Any refusal rolls the whole day back.

export interface OnsiteSittingChoice {
  roundSlug: string;
  peerId: string;
  start: Date;
  /** The price the page showed for this sitting: a changed one is refused, not charged. */
  expectedPrice?: number;
}

export interface OnsiteBookingInput {
  userId: string;
  loopSlug: string;
  trackSlug: string;
  levelCode: string;
  /** The day the page proposed, YYYY-MM-DD in the candidate's zone. */
  date: string;
  sittings: OnsiteSittingChoice[];
  idempotencyKey: string;
  now?: Date;
}

export type OnsiteBookResult =
  | { ok: true; onsiteId: string; sessionIds: string[]; replayed: boolean }
  | ({ ok: false } & OnsiteRefusal);

/** The key of one sitting's session: derived, so a retry of the day finds the same rows. */
export function sittingIdempotencyKey(onsiteKey: string, position: number): string {
  return `onsite:${onsiteKey}:${position}`;
}

class DayRefused extends Error {
  constructor(readonly refusal: OnsiteRefusal) {
    super(refusal.error);
  }
}

class Replayed extends Error {
  constructor(readonly onsite: { id: string; candidateId: string }) {
    super("replayed");
  }
}

// A deadlock or serialization failure is the database asking us to run again: with
// every lock taken up front in one order it should not happen, but a writer outside
// this module could still cross us, and a person must never see it as a 500.
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

async function findOnsite(db: Database, key: string) {
  const [row] = await db
    .select({ id: mockOnsites.id, candidateId: mockOnsites.candidateId })
    .from(mockOnsites)
    .where(eq(mockOnsites.idempotencyKey, key));
  return row;
}

async function replayOf(
  db: Database,
  onsite: { id: string; candidateId: string },
  userId: string,
): Promise<OnsiteBookResult> {
  if (onsite.candidateId !== userId) return { ok: false, error: "idempotency_conflict" };
  const links = await db
    .select({ sessionId: mockOnsiteSessions.sessionId })
    .from(mockOnsiteSessions)
    .where(eq(mockOnsiteSessions.onsiteId, onsite.id))
    .orderBy(mockOnsiteSessions.position);
  return {
    ok: true,
    onsiteId: onsite.id,
    sessionIds: links.map((l) => l.sessionId),
    replayed: true,
  };
}

export async function bookOnsite(input: OnsiteBookingInput): Promise<OnsiteBookResult> {
  const db = getDb();
  const now = input.now ?? new Date();
  const existing = await findOnsite(db, input.idempotencyKey);
  if (existing) return replayOf(db, existing, input.userId);

  const catalog = await getLoopCatalog(input.loopSlug);
  const track = catalog?.tracks.find((t) => t.slug === input.trackSlug);
  const level = catalog?.levels.find((l) => l.code === input.levelCode);
  if (!catalog || !track || !level) return { ok: false, error: "not_found" };
  const expected = onsiteSittings(loopShapeAt(catalog, track.slug, level.rank) ?? []);
  // Nothing is locked for a day that cannot be the person's onsite.
  if (input.sittings.length !== expected.length) return { ok: false, error: "wrong_sittings" };
  const sittings = orderSittings(input.sittings);
  const roundBySlug = new Map(catalog.rounds.map((r) => [r.slug, r]));

  for (let attempt = 1; ; attempt++) {
    // Which sitting was being written when the database refused (exclusion, balance).
    const progress = { position: 0 };
    const roundName = (position: number) =>
      roundBySlug.get(sittings[position - 1]?.roundSlug ?? "")?.name ?? "a round";
    try {
      const booked = await db.transaction(async (tx) => {
        const people = [input.userId, ...sittings.map((s) => s.peerId)];
        // Every lock the day needs, in one sorted statement, before anything is read:
        // two onsites sharing people queue instead of deadlocking, and book_session's
        // own per-pair locks below are already held (advisory locks are re-entrant).
        await lockPeople(tx, people);
        const twin = await findOnsite(tx, input.idempotencyKey);
        if (twin) throw new Replayed(twin);

        const facts = await loadPeopleFacts(tx, {
          userIds: [...new Set(people)],
          idempotencyKey: sittingIdempotencyKey(input.idempotencyKey, 1),
          requestId: null,
          now,
        });
        if (facts.existing) throw new DayRefused({ error: "idempotency_conflict" });
        const candidate = facts.people.get(input.userId);
        if (!candidate) throw new DayRefused({ error: "not_found" });
        const { timeZone } = candidate.availability;
        const dayProblem = checkOnsiteDay({
          candidateId: input.userId,
          date: input.date,
          timeZone,
          expectedRounds: expected.map((s) => s.round.slug),
          sittings: sittings.map((s) => ({
            ...s,
            minutes: sessionMinutes("one_way", roundBySlug.get(s.roundSlug)?.durationMinutes ?? 60),
          })),
        });
        if (dayProblem) throw new DayRefused({ error: dayProblem });

        // Each sitting judged as a single booking judges it, against the calendars as
        // they stand under our locks (before the day's own sessions: the candidate's
        // buffer and cap apply to the sessions they already have, as the matcher's do).
        const prepared: PreparedBooking[] = [];
        for (const [i, sitting] of sittings.entries()) {
          progress.position = i + 1;
          const { ctx, row } = await describeNewRequest(
            tx,
            input.userId,
            {
              loopSlug: input.loopSlug,
              roundSlug: sitting.roundSlug,
              levelCode: input.levelCode,
              format: "one_way",
              horizonDays: ONSITE_HORIZON_DAYS,
            },
            now,
          );
          // Each session's invites go to its two people only.
          const pair = new Set([input.userId, sitting.peerId]);
          prepared.push(
            await prepareBooking(
              tx,
              {
                userId: input.userId,
                peerId: sitting.peerId,
                start: sitting.start,
                idempotencyKey: sittingIdempotencyKey(input.idempotencyKey, i + 1),
                expectedPrice: sitting.expectedPrice,
                slotStepMinutes: sittingStepMinutes(sitting.start),
              },
              { ctx, newRequest: row },
              { ...facts, readers: facts.readers.filter((r) => pair.has(r.id)) },
              now,
            ),
          );
        }
        progress.position = 0;
        const total = prepared.reduce((sum, p) => sum + p.booking.priceCredits, 0);
        if ((await getAccount(tx, input.userId)).balance < total) {
          throw new DayRefused({ error: "day_insufficient_credits" });
        }

        const [onsite] = await tx
          .insert(mockOnsites)
          .values({
            candidateId: input.userId,
            loopId: catalog.id,
            trackId: track.id,
            targetLevelId: level.id,
            localDate: input.date,
            timeZone,
            idempotencyKey: input.idempotencyKey,
            createdAt: now,
          })
          .returning({ id: mockOnsites.id });
        const sessionIds: string[] = [];
        for (const [i, p] of prepared.entries()) {
          progress.position = i + 1;
          const saved = await saveBooking(tx, p.booking, {
            now,
            newRequest: p.newRequest,
            emails: p.emails,
            sameDaySessionIds: sessionIds,
          });
          // A replayed sitting key without its day is someone else's key.
          if (saved.kind === "replayed") throw new BookingConflict("idempotency_conflict");
          if (saved.kind === "refused") throw new BookingConflict(saved.error);
          sessionIds.push(saved.sessionId);
        }
        await tx.insert(mockOnsiteSessions).values(
          sessionIds.map((sessionId, i) => ({
            onsiteId: onsite!.id,
            candidateId: input.userId,
            position: i + 1,
            sittingKey: sittings[i]!.key,
            sessionId,
          })),
        );
        return { onsiteId: onsite!.id, sessionIds };
      });
      await kickJob("deliver-email");
      return { ok: true, ...booked, replayed: false };
    } catch (err) {
      if (err instanceof Replayed) return replayOf(db, err.onsite, input.userId);
      if (err instanceof DayRefused) return { ok: false, ...err.refusal };
      // A twin with the same key committed first (it held other people's locks).
      if (isUniqueViolation(err, "mock_onsites_idempotency_key")) {
        const twin = await findOnsite(db, input.idempotencyKey);
        if (twin) return replayOf(db, twin, input.userId);
      }
      const code = pgErrorCode(err);
      if (code && RETRYABLE.has(code)) {
        if (attempt < ATTEMPTS) continue;
        return { ok: false, error: "busy" satisfies OnsiteDayErrorCode };
      }
      const refused: BookingErrorCode | null = refusalCode(err);
      if (refused) {
        return progress.position > 0
          ? {
              ok: false,
              error: refused,
              sitting: { position: progress.position, roundName: roundName(progress.position) },
            }
          : { ok: false, error: refused };
      }
      throw err;
    }
  }
}
