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
 * Whether a session's feedback is due to be revealed: once every duty is submitted,
 * or once the deadline after the session's end has passed and there is something
 * to show. Returns null while it stays hidden.
 */
export function revealDue(input: {
  duties: Pick<FeedbackDuty, "half" | "kind">[];
  submitted: Pick<FeedbackDuty, "half" | "kind">[];
  endsAt: Date;
  now: Date;
}): RevealReason | null {
  const done = new Set(input.submitted.map((s) => `${s.half}:${s.kind}`));
  if (input.duties.length > 0 && input.duties.every((d) => done.has(`${d.half}:${d.kind}`))) {
    return "both_submitted";
  }
  if (done.size > 0 && input.now.getTime() >= input.endsAt.getTime() + REVEAL_AFTER_MS) {
    return "deadline";
  }
  return null;
}

/** Who may read one piece of feedback. Everyone else gets a 404, never a 403. */
export function canReadFeedback(
  item: { authorId: string; recipientId: string },
  viewerId: string,
  revealed: boolean,
): boolean {
  if (viewerId === item.authorId) return true;
  return viewerId === item.recipientId && revealed;
}
