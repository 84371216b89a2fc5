import type { SessionStatus } from "#db/schema";

// The rules of a booked session, as plain functions of time and status.

/**
 * How many open requests one person may have at once: enough for one in every round of
 * a loop (up to eight) and a few more, few enough that nobody floods the swap pool.
 * (5 was too few: a person looking for every round of a loop, the demo users included,
 * could then book nothing else.)
 */
export const MAX_OPEN_REQUESTS = 12;

/** Cancelling or rescheduling is free until this long before the start. */
export const FREE_CHANGE_MS = 24 * 60 * 60 * 1000;
/** The room opens this long before the start (ROOM_OPENS_MINUTES_BEFORE overrides it)… */
export const JOIN_OPENS_BEFORE_MS = 10 * 60 * 1000;
/** …and stays open this long after the end. */
export const JOIN_GRACE_AFTER_MS = 15 * 60 * 1000;

export function isLateChange(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < FREE_CHANGE_MS;
}

export function joinWindow(
  startsAt: Date,
  endsAt: Date,
  opensBeforeMs: number = JOIN_OPENS_BEFORE_MS,
): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(startsAt.getTime() - opensBeforeMs),
    closesAt: new Date(endsAt.getTime() + JOIN_GRACE_AFTER_MS),
  };
}

export function isJoinOpen(
  startsAt: Date,
  endsAt: Date,
  now: Date,
  opensBeforeMs: number = JOIN_OPENS_BEFORE_MS,
): boolean {
  const { opensAt, closesAt } = joinWindow(startsAt, endsAt, opensBeforeMs);
  return now >= opensAt && now < closesAt;
}

/** Which status may follow which: every change is a compare-and-swap from one of these. */
export const SESSION_TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  scheduled: ["in_progress", "cancelled", "no_show"],
  in_progress: ["completed", "no_show"],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return SESSION_TRANSITIONS[from].includes(to);
}

/** Words for the cancel policy, shown before anyone cancels. */
export function describeCancelPolicy(startsAt: Date, now: Date): string {
  return isLateChange(startsAt, now)
    ? "This session starts within 24 hours: cancelling now is recorded against your reliability."
    : "Cancelling is free until 24 hours before the start.";
}
