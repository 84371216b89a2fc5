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

/**
 * The timer's phases for one half of a round: introductions, the main work, the
 * candidate's questions and a wrap-up, sized from the round's length.
 */
export function phasesFor(roundMinutes: number): Phase[] {
  const intro = Math.max(2, Math.round(roundMinutes * 0.08));
  const questions = Math.max(3, Math.round(roundMinutes * 0.12));
  const wrap = Math.max(2, Math.round(roundMinutes * 0.05));
  const main = roundMinutes - intro - questions - wrap;
  const phases: Omit<Phase, "startMinute" | "endMinute">[] = [
    { name: "Introductions", cue: "Say hello, set the scene, agree on the format." },
    { name: "The question", cue: "Work the problem out loud: clarify, plan, build, test." },
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
