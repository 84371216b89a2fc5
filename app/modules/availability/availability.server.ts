import { and, asc, eq, gte } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { inIds } from "#db/in-ids";
import {
  availabilityOverrides,
  availabilityRules,
  availabilitySettings,
  profiles,
} from "#db/schema";
import { clockToMinutes, endClockToMinutes } from "~/utils/datetime";
import {
  type OverrideError,
  type OverrideInput,
  overrideDateProblem,
  type WeeklyAvailabilityInput,
} from "./availability-form";
import {
  type AvailabilityLimits,
  type DateOverride,
  DEFAULT_LIMITS,
  type PersonAvailability,
  type Weekday,
  type WeeklyRule,
} from "./types";
import { localDateOf } from "./zoned-time";

export interface AvailabilityView extends PersonAvailability {
  autoBook: boolean;
  /** False until the person saved the editor once. */
  saved: boolean;
  overridesWithIds: (DateOverride & { id: number })[];
}

function toOverride(row: typeof availabilityOverrides.$inferSelect): DateOverride & { id: number } {
  return row.kind === "off"
    ? { id: row.id, date: row.date, kind: "off" }
    : {
        id: row.id,
        date: row.date,
        kind: "extra",
        startMinute: row.startMinute!,
        endMinute: row.endMinute!,
      };
}

/** Availability of many people at once, keyed by user id (people without settings get defaults in their profile zone). */
export async function loadAvailabilities(
  userIds: string[],
  fromDate?: string,
  db: Database = getDb(),
): Promise<Map<string, AvailabilityView>> {
  const result = new Map<string, AvailabilityView>();
  if (userIds.length === 0) return result;
  const [settings, zones, rules, overrides] = await Promise.all([
    db.select().from(availabilitySettings).where(inIds(availabilitySettings.userId, userIds)),
    db
      .select({ userId: profiles.userId, timeZone: profiles.timeZone })
      .from(profiles)
      .where(inIds(profiles.userId, userIds)),
    db
      .select()
      .from(availabilityRules)
      .where(inIds(availabilityRules.userId, userIds))
      .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute)),
    db
      .select()
      .from(availabilityOverrides)
      .where(
        fromDate
          ? and(
              inIds(availabilityOverrides.userId, userIds),
              gte(availabilityOverrides.date, fromDate),
            )
          : inIds(availabilityOverrides.userId, userIds),
      )
      .orderBy(asc(availabilityOverrides.date), asc(availabilityOverrides.startMinute)),
  ]);
  // Grouped by person once: a pool of many thousands must not be filtered per person.
  const settingsOf = new Map(settings.map((row) => [row.userId, row]));
  const zoneOf = new Map(zones.map((row) => [row.userId, row.timeZone]));
  const rulesOf = groupBy(rules, (row) => row.userId);
  const overridesOf = groupBy(overrides, (row) => row.userId);
  for (const userId of userIds) {
    const own = settingsOf.get(userId);
    const zone = own?.timeZone ?? zoneOf.get(userId) ?? "UTC";
    const limits: AvailabilityLimits = own
      ? {
          minNoticeMinutes: own.minNoticeMinutes,
          maxSessionsPerDay: own.maxSessionsPerDay,
          bufferMinutes: own.bufferMinutes,
        }
      : DEFAULT_LIMITS;
    const ownOverrides = (overridesOf.get(userId) ?? []).map(toOverride);
    result.set(userId, {
      timeZone: zone,
      limits,
      autoBook: own?.autoBook ?? false,
      saved: Boolean(own),
      rules: (rulesOf.get(userId) ?? []).map((r) => ({
        weekday: r.weekday as Weekday,
        startMinute: r.startMinute,
        endMinute: r.endMinute,
      })),
      overrides: ownOverrides.map(({ id: _id, ...rest }) => rest as DateOverride),
      overridesWithIds: ownOverrides,
    });
  }
  return result;
}

/** Rows by key, in their order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export async function getAvailability(userId: string): Promise<AvailabilityView> {
  return (await loadAvailabilities([userId])).get(userId)!;
}

/** Replaces the weekly rules and limits in one transaction. */
export async function saveWeeklyAvailability(userId: string, input: WeeklyAvailabilityInput) {
  const rules: WeeklyRule[] = input.days.flatMap((day) =>
    day.ranges.map((range) => ({
      weekday: day.weekday as Weekday,
      startMinute: clockToMinutes(range.start)!,
      endMinute: endClockToMinutes(range.end)!,
    })),
  );
  const settings = {
    timeZone: input.timeZone,
    minNoticeMinutes: input.minNoticeHours * 60,
    maxSessionsPerDay: input.maxSessionsPerDay,
    bufferMinutes: input.bufferMinutes,
    autoBook: input.autoBook,
    updatedAt: new Date(),
  };
  await getDb().transaction(async (tx) => {
    await tx
      .insert(availabilitySettings)
      .values({ userId, ...settings })
      .onConflictDoUpdate({ target: availabilitySettings.userId, set: settings });
    await tx.delete(availabilityRules).where(eq(availabilityRules.userId, userId));
    if (rules.length > 0) {
      await tx.insert(availabilityRules).values(rules.map((rule) => ({ userId, ...rule })));
    }
  });
}

/**
 * Adds a date override from today on (in the person's zone), within the cap. The cap is
 * the database's (a trigger counting under a per-person lock); its refusal is mapped here.
 */
export async function addOverride(
  userId: string,
  input: OverrideInput,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; error: OverrideError }> {
  const { timeZone } = await getAvailability(userId);
  const problem = overrideDateProblem(input.date, localDateOf(timeZone, now.getTime()));
  if (problem) return { ok: false, error: problem };
  try {
    await getDb()
      .insert(availabilityOverrides)
      .values(
        input.kind === "off"
          ? { userId, date: input.date, kind: "off" }
          : {
              userId,
              date: input.date,
              kind: "extra",
              startMinute: clockToMinutes(input.start ?? "")!,
              endMinute: endClockToMinutes(input.end ?? "")!,
            },
      );
  } catch (err) {
    if (pgConstraint(err) === "availability_overrides_cap") return { ok: false, error: "too_many" };
    throw err;
  }
  return { ok: true };
}

/** Deletes one of the person's own overrides; another person's id deletes nothing. */
export async function removeOverride(userId: string, overrideId: number): Promise<boolean> {
  const deleted = await getDb()
    .delete(availabilityOverrides)
    .where(and(eq(availabilityOverrides.id, overrideId), eq(availabilityOverrides.userId, userId)))
    .returning({ id: availabilityOverrides.id });
  return deleted.length > 0;
}
