// Who owes which feedback after a session, and when it becomes readable: plain
// functions of a session's shape, status and clock, so the rules are unit-tested.

import type { FeedbackKind } from "#db/schema";
import { rolesForHalf, type SessionShape } from "~/modules/sessions/roles";

/** Recipients can read a session's feedback at the latest this long after it ends. */
export const REVEAL_AFTER_MS = 72 * 60 * 60 * 1000;
/** Feedback can be written until this long after the session ends. */
export const WRITE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export interface FeedbackDuty {
  half: 1 | 2;
  kind: FeedbackKind;
  authorId: string;
  recipientId: string;
}

export interface SessionProgress extends SessionShape {
  status: "scheduled" | "in_progress" | "completed" | "cancelled" | "no_show";
  currentHalf: number;
}

/**
 * Every piece of feedback a held session calls for: per half, the interviewer's
 * scorecard of the candidate and the candidate's rating of the interviewer. A swap
 * has two halves, a one-way one. Cancelled and no-show sessions call for none.
 */
export function feedbackDuties(session: SessionShape): FeedbackDuty[] {
  const halves: (1 | 2)[] = session.format === "swap" ? [1, 2] : [1];
  const duties: FeedbackDuty[] = [];
  for (const half of halves) {
    const roles = rolesForHalf(session, half);
    if (!roles) continue;
    duties.push(
      { half, kind: "scorecard", authorId: roles.interviewerId, recipientId: roles.candidateId },
      { half, kind: "rating", authorId: roles.candidateId, recipientId: roles.interviewerId },
    );
  }
  return duties;
}

/**
 * Whether a half is over, so its feedback can be written: the whole session has
 * ended, or (swap) the roles have switched past it.
 */
export function isHalfOver(session: SessionProgress, half: 1 | 2): boolean {
  if (session.status === "completed") return true;
  return session.status === "in_progress" && session.currentHalf > half;
}

export type WriteState = "open" | "not_yet" | "closed" | "not_held";

/** Whether the author of a duty can write it now. */
export function writeState(
  session: SessionProgress & { endsAt: Date },
  half: 1 | 2,
  now: Date,
): WriteState {
  if (session.status === "cancelled" || session.status === "no_show") return "not_held";
  if (!isHalfOver(session, half)) return "not_yet";
  if (now.getTime() > session.endsAt.getTime() + WRITE_WINDOW_MS) return "closed";
  return "open";
}

export type RevealReason = "both_submitted" | "deadline";

/**
 * Which halves of a session are due to be revealed, each on its own: a half once both
 * its pieces are in (the interviewer's scorecard and the candidate's rating), or once
 * the deadline after the session's end has passed and one of them is in. A one-way
 * session has one half, so this is the whole session. Halves with nothing to show stay
 * hidden. Revealed halves are listed again; the caller records each once.
 */
export function halvesToReveal(input: {
  duties: Pick<FeedbackDuty, "half" | "kind">[];
  submitted: Pick<FeedbackDuty, "half" | "kind">[];
  endsAt: Date;
  now: Date;
}): { half: 1 | 2; reason: RevealReason }[] {
  const done = new Set(input.submitted.map((s) => `${s.half}:${s.kind}`));
  const pastDeadline = input.now.getTime() >= input.endsAt.getTime() + REVEAL_AFTER_MS;
  const halves = [...new Set(input.duties.map((d) => d.half))].sort();
  const due: { half: 1 | 2; reason: RevealReason }[] = [];
  for (const half of halves) {
    const pieces = input.duties.filter((d) => d.half === half);
    const inCount = pieces.filter((d) => done.has(`${d.half}:${d.kind}`)).length;
    if (inCount === pieces.length) due.push({ half, reason: "both_submitted" });
    else if (inCount > 0 && pastDeadline) due.push({ half, reason: "deadline" });
  }
  return due;
}

/**
 * Who may read one piece of feedback (`revealed`: its half is). Everyone else gets a
 * 404, never a 403.
 */
export function canReadFeedback(
  item: { authorId: string; recipientId: string },
  viewerId: string,
  revealed: boolean,
): boolean {
  if (viewerId === item.authorId) return true;
  return viewerId === item.recipientId && revealed;
}

/**
 * In words for the author of a piece: the other piece of its half, which its reveal
 * also waits for (a half reveals when its scorecard and rating are both in).
 */
export function otherPieceOfHalf(
  kind: FeedbackKind,
  half: 1 | 2,
  swap: boolean,
  peerName: string,
): string {
  const ofHalf = swap ? ` in half ${half}` : "";
  return kind === "scorecard"
    ? `${peerName}'s rating of your interviewing${ofHalf}`
    : `${peerName}'s scorecard of you${ofHalf}`;
}

/**
 * In words for a participant: what each piece they will receive waits for. Per duty
 * of theirs (a half where they write), they receive the other kind of that half, shown
 * once their own piece and the peer's are in, or at the deadline.
 */
export function revealWaits(
  mine: { half: 1 | 2; kind: FeedbackKind; submitted: boolean }[],
  swap: boolean,
  peerName: string,
): string[] {
  return mine.map((m) => {
    const received = `${peerName}'s ${m.kind === "rating" ? "scorecard" : "rating"} of you${swap ? ` (half ${m.half})` : ""}`;
    return m.submitted
      ? `${received} shows here once ${peerName} submits it.`
      : `${received} shows here once it is submitted and your ${m.kind} of ${peerName}${swap ? " for that half" : ""} is in.`;
  });
}
