import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { interviewerRounds, levels, loops, rounds } from "#db/schema";
import { saveWeeklyAvailability } from "~/modules/availability/availability.server";
import { bookProposal } from "~/modules/booking/book-proposal.server";
import { createRequest } from "~/modules/booking/requests.server";
import { grantInterviewing } from "~/modules/credits/interviewer-grants.server";
import { postEntry } from "~/modules/credits/ledger.server";
import type { MockFormat } from "~/modules/matching/types";
import { createUser } from "./factories";

/** A Monday, far enough ahead that real time never interferes. */
export const NOW = new Date("2027-03-01T00:00:00Z");
export const LOOP = "databricks-ic";

export interface WeekOptions {
  timeZone?: string;
  ranges?: { start: string; end: string }[];
  minNoticeHours?: number;
  maxSessionsPerDay?: number;
  bufferMinutes?: number;
  autoBook?: boolean;
}

/** The same hours every day of the week. */
export async function setWeek(userId: string, options: WeekOptions = {}) {
  await saveWeeklyAvailability(userId, {
    timeZone: options.timeZone ?? "UTC",
    minNoticeHours: options.minNoticeHours ?? 0,
    maxSessionsPerDay: options.maxSessionsPerDay ?? 12,
    bufferMinutes: options.bufferMinutes ?? 0,
    autoBook: options.autoBook ?? false,
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      ranges: options.ranges ?? [{ start: "00:00", end: "00:00" }],
    })),
  });
}

/**
 * Makes `userId` a one-way interviewer of the round up to `upTo`: offered on their profile
 * and qualified by an admin grant (offering alone no longer qualifies anyone).
 */
export async function offerToInterview(
  userId: string,
  roundSlug: string,
  upTo: string,
  loopSlug: string = LOOP,
) {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, loopSlug));
  // Another loop may name its rounds and levels the same way: look them up in this one.
  const [round] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.loopId, loop!.id), eq(rounds.slug, roundSlug)));
  const [level] = await db
    .select()
    .from(levels)
    .where(and(eq(levels.loopId, loop!.id), eq(levels.code, upTo)));
  await db
    .insert(interviewerRounds)
    .values({ userId, loopId: loop!.id, roundId: round!.id, maxLevelId: level!.id })
    .onConflictDoUpdate({
      target: [interviewerRounds.userId, interviewerRounds.roundId],
      set: { maxLevelId: level!.id },
    });
  const granted = await grantInterviewing({
    userId,
    roundId: round!.id,
    maxLevelId: level!.id,
    grantedBy: null,
    note: "Test fixture",
  });
  if (!granted.ok) throw new Error(`grant failed: ${granted.error}`);
}

/** A person with a full week of availability (UTC unless told otherwise). */
export async function createAvailableUser(label: string, week: WeekOptions = {}) {
  const user = await createUser({ name: label, timeZone: week.timeZone ?? "UTC" });
  await setWeek(user.id, week);
  return user;
}

export async function openRequest(
  userId: string,
  options: { round?: string; level?: string; format?: MockFormat; horizonDays?: number } = {},
  now: Date = NOW,
) {
  const result = await createRequest(
    userId,
    {
      loopSlug: LOOP,
      roundSlug: options.round ?? "coding",
      levelCode: options.level ?? "L5",
      format: options.format ?? "one_way",
      horizonDays: options.horizonDays ?? 14,
    },
    now,
  );
  if (!result.ok) throw new Error(`request failed: ${result.error}`);
  return result.requestId;
}

export const HOUR = 60 * 60 * 1000;
export const at = (hoursAfterNow: number) => new Date(NOW.getTime() + hoursAfterNow * HOUR);

/** Books `start` with `peerId` on a fresh one-way request of `userId`; the session id. */
export async function bookOneWayAt(userId: string, peerId: string, start: Date) {
  const result = await bookProposal({
    userId,
    requestId: await openRequest(userId),
    peerId,
    start,
    idempotencyKey: randomUUID(),
    now: NOW,
  });
  if (!result.ok) throw new Error(`booking failed: ${result.error}`);
  return result.sessionId;
}

/** Credits granted by an admin (one-way bookings hold their price in escrow). */
export async function grantCredits(userId: string, amount: number) {
  await getDb().transaction((tx) =>
    postEntry(tx, {
      userId,
      amount,
      reason: "admin_grant",
      reference: `test-grant:${randomUUID()}`,
    }),
  );
}
