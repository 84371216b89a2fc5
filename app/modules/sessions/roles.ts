import type { RoundKind } from "./pad-setup";

// Who interviews whom, half by half, and the timer's phases: plain functions of a
// session's shape.

export interface SessionShape {
  format: "swap" | "one_way";
  bookedBy: string;
  participants: { userId: string; role: "candidate" | "interviewer" | "swap" }[];
}

/**
 * The interviewer and candidate of a half. One-way: always the same. Swap: in the first
 * half the person who booked is interviewed; after "switch roles" they interview.
 */
export function rolesForHalf(
  session: SessionShape,
  half: 1 | 2,
): { interviewerId: string; candidateId: string } | null {
  if (session.format === "one_way") {
    const interviewer = session.participants.find((p) => p.role === "interviewer");
    const candidate = session.participants.find((p) => p.role === "candidate");
    if (!interviewer || !candidate || half !== 1) return null;
    return { interviewerId: interviewer.userId, candidateId: candidate.userId };
  }
  const booker = session.participants.find((p) => p.userId === session.bookedBy);
  const peer = session.participants.find((p) => p.userId !== session.bookedBy);
  if (!booker || !peer) return null;
  return half === 1
    ? { interviewerId: peer.userId, candidateId: booker.userId }
    : { interviewerId: booker.userId, candidateId: peer.userId };
}

export interface Phase {
  name: string;
  /** Minutes from the start of the half. */
  startMinute: number;
  endMinute: number;
  cue: string;
}

/** What the main part of a round asks for, by the kind of round. */
const MAIN_CUES: Record<RoundKind, { name: string; cue: string }> = {
  coding: { name: "The question", cue: "Work the problem out loud: clarify, plan, build, test." },
  behavioral: {
    name: "The stories",
    cue: "One story per question: situation, task, your actions, the result.",
  },
  hiring_manager: {
    name: "The conversation",
    cue: "Career arc, scope held, why this team; revisit anything flagged.",
  },
  screen: { name: "The conversation", cue: "Background, level, hands-on experience, why now." },
  design: {
    name: "The design",
    cue: "Requirements first, then the big picture, then go deep where it matters.",
  },
  deep_dive: {
    name: "The deep dive",
    cue: "Reason from how the system works: hypotheses, evidence, fix, trade-offs.",
  },
};

/**
 * The timer's phases for one half of a round: introductions, the main work (named for
 * the kind of round), the candidate's questions and a wrap-up, sized from its length.
 */
export function phasesFor(roundMinutes: number, kind: RoundKind = "coding"): Phase[] {
  const intro = Math.max(2, Math.round(roundMinutes * 0.08));
  const questions = Math.max(3, Math.round(roundMinutes * 0.12));
  const wrap = Math.max(2, Math.round(roundMinutes * 0.05));
  const main = roundMinutes - intro - questions - wrap;
  const phases: Omit<Phase, "startMinute" | "endMinute">[] = [
    { name: "Introductions", cue: "Say hello, set the scene, agree on the format." },
    MAIN_CUES[kind],
    {
      name: "Candidate's questions",
      cue: "Time for the candidate to ask about the role and team.",
    },
    { name: "Wrap-up", cue: "Stop here. Interviewer: note your evidence while it is fresh." },
  ];
  const lengths = [intro, main, questions, wrap];
  let at = 0;
  return phases.map((phase, i) => {
    const start = at;
    at += lengths[i]!;
    return { ...phase, startMinute: start, endMinute: at };
  });
}

/** The phase running `elapsedMinutes` into a half, or null before/after it. */
export function currentPhase(phases: Phase[], elapsedMinutes: number): Phase | null {
  return (
    phases.find((p) => elapsedMinutes >= p.startMinute && elapsedMinutes < p.endMinute) ?? null
  );
}

/** Picks the question for a candidate: in level range, never seen, least used first. */
export function pickQuestion<T extends { id: number; minLevelRank: number; maxLevelRank: number }>(
  bank: T[],
  levelRank: number,
  seenIds: ReadonlySet<number>,
  usage: ReadonlyMap<number, number>,
  seed: number,
): T | null {
  const eligible = bank.filter(
    (q) => !seenIds.has(q.id) && q.minLevelRank <= levelRank && levelRank <= q.maxLevelRank,
  );
  const pool = eligible.length > 0 ? eligible : bank.filter((q) => !seenIds.has(q.id));
  if (pool.length === 0) return null;
  const leastUsed = Math.min(...pool.map((q) => usage.get(q.id) ?? 0));
  const fresh = pool.filter((q) => (usage.get(q.id) ?? 0) === leastUsed);
  return fresh[Math.abs(seed) % fresh.length]!;
}

/** The clock of one half: from its start to its end, never past the session's end. */
export function halfClock(
  session: {
    format: "swap" | "one_way";
    startsAt: Date;
    endsAt: Date;
    halfTwoStartedAt: Date | null;
  },
  half: 1 | 2,
  roundMinutes: number,
): { startsAt: Date; endsAt: Date } {
  const round = roundMinutes * 60_000;
  const end = session.endsAt.getTime();
  if (half === 1) {
    const halfEnd = session.format === "swap" ? session.startsAt.getTime() + round : end;
    return { startsAt: session.startsAt, endsAt: new Date(Math.min(halfEnd, end)) };
  }
  // The second half runs from the switch, however early or late it came; rows switched
  // before the time was kept start at the midpoint.
  const start = session.halfTwoStartedAt?.getTime() ?? session.startsAt.getTime() + round;
  return { startsAt: new Date(start), endsAt: new Date(Math.min(start + round, end)) };
}

export type SwitchRefusal = "not_swap" | "not_live" | "already_switched" | "not_interviewer";

/**
 * Whether `userId` may switch roles now: a swap, during its time, still in the first
 * half, and only the interviewer of that half (the one who decides the half is done).
 */
export function switchRefusal(
  session: SessionShape & { startsAt: Date; endsAt: Date; currentHalf: number; status: string },
  userId: string,
  now: Date,
): SwitchRefusal | null {
  if (session.format !== "swap") return "not_swap";
  if (session.currentHalf !== 1) return "already_switched";
  if (rolesForHalf(session, 1)?.interviewerId !== userId) return "not_interviewer";
  const live = session.status === "scheduled" || session.status === "in_progress";
  if (!live || now < session.startsAt || now >= session.endsAt) return "not_live";
  return null;
}

export const SWITCH_REFUSAL_MESSAGES: Record<SwitchRefusal, string> = {
  not_swap: "Only a swap session has two halves to switch between.",
  not_live: "Roles can be switched only while the session is running.",
  already_switched: "The roles have already been switched.",
  not_interviewer: "Only the interviewer of the first half can switch roles.",
};

// ---------------------------------------------------------------------------
// Live status: what the room says about the session right now, from the stored status
// and the clock, so that it never waits for the settle job to say "Ended".

export type LiveStatus =
  | { kind: "upcoming"; minutesToStart: number }
  | { kind: "live"; minutesLeft: number }
  | { kind: "ended" }
  | { kind: "cancelled" }
  | { kind: "no_show" };

export function liveStatus(
  session: { status: string; startsAt: Date; endsAt: Date },
  now: Date,
): LiveStatus {
  if (session.status === "cancelled") return { kind: "cancelled" };
  if (session.status === "no_show") return { kind: "no_show" };
  if (session.status === "completed" || now >= session.endsAt) return { kind: "ended" };
  if (now < session.startsAt) {
    return {
      kind: "upcoming",
      minutesToStart: Math.ceil((session.startsAt.getTime() - now.getTime()) / 60_000),
    };
  }
  return {
    kind: "live",
    minutesLeft: Math.ceil((session.endsAt.getTime() - now.getTime()) / 60_000),
  };
}

export function describeLiveStatus(status: LiveStatus): string {
  switch (status.kind) {
    case "upcoming":
      if (status.minutesToStart > 60) return "Scheduled";
      return status.minutesToStart <= 1
        ? "Starts in a minute"
        : `Starts in ${status.minutesToStart} min`;
    case "live":
      return `Live · ${status.minutesLeft} min left`;
    case "ended":
      return "Ended";
    case "cancelled":
      return "Cancelled";
    case "no_show":
      return "No-show";
  }
}

/** One word for the status line, in step with the badge: "scheduled", "in progress", "ended". */
export function statusWord(status: LiveStatus): string {
  const words: Record<LiveStatus["kind"], string> = {
    upcoming: "scheduled",
    live: "in progress",
    ended: "ended",
    cancelled: "cancelled",
    no_show: "no show",
  };
  return words[status.kind];
}

/**
 * True when the stored status lags the clock: a session that has started but is still
 * "scheduled", or one whose time is over but is not settled. The room then asks the
 * server to settle it (a POST), rather than waiting for the minute's sweep.
 */
export function statusLagsClock(
  session: { status: string; startsAt: Date; endsAt: Date },
  now: Date,
): boolean {
  if (session.status === "scheduled") return now >= session.startsAt;
  if (session.status === "in_progress") return now >= session.endsAt;
  return false;
}

// ---------------------------------------------------------------------------
// Presence colours: by seat, not by a hash of the id, so the two people in a room never
// share one. The booker sits in seat 0, the peer in seat 1.

export const SEAT_COLORS = ["#3b4cca", "#c2410c"] as const;

export function seatColor(session: Pick<SessionShape, "bookedBy">, userId: string): string {
  return session.bookedBy === userId ? SEAT_COLORS[0] : SEAT_COLORS[1];
}
