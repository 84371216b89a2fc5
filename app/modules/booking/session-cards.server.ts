import type { SessionCardData } from "~/components/session-card";
import { roomOpensBeforeMs } from "~/env.server";
import { isJoinOpen } from "./policy";
import { listSessionsForUser, type SessionView } from "./session-view.server";

export function toSessionCard(session: SessionView, now: Date): SessionCardData {
  return {
    id: session.id,
    status: session.status,
    format: session.format,
    roundName: session.roundName,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    joinOpen: isJoinOpen(session.startsAt, session.endsAt, now, roomOpensBeforeMs()),
    lateCancel: session.lateCancel,
    myRole: session.myRole,
    peer: { name: session.peer.name, timeZone: session.peer.timeZone },
  };
}

/** The person's sessions split into upcoming (soonest first) and past (latest first). */
export async function sessionCardsFor(userId: string, now: Date) {
  const all = await listSessionsForUser(userId);
  const upcoming = all.filter(
    (s) => (s.status === "scheduled" || s.status === "in_progress") && s.endsAt > now,
  );
  const past = all.filter((s) => !upcoming.includes(s)).reverse();
  return {
    upcoming: upcoming.map((s) => toSessionCard(s, now)),
    past: past.map((s) => toSessionCard(s, now)),
  };
}

/** Only the upcoming cards (soonest first): what the dashboard shows, read alone. */
export async function upcomingCardsFor(userId: string, now: Date): Promise<SessionCardData[]> {
  const upcoming = await listSessionsForUser(userId, { upcomingAt: now });
  return upcoming.map((s) => toSessionCard(s, now));
}
