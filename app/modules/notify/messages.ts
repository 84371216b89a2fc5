import { formatDateTime, formatRange } from "~/utils/datetime";

// Email texts, built from plain data. Every message shows the time in the reader's
// zone first and the other person's zone second, so nobody converts in their head.

export interface SessionMessageInput {
  roundName: string;
  formatLabel: string;
  start: Date;
  end: Date;
  sessionUrl: string;
  reader: { name: string; timeZone: string };
  peer: { name: string; timeZone: string };
}

function whenLines(input: SessionMessageInput): string {
  const mine = formatRange(input.start, input.end, input.reader.timeZone);
  const theirs = formatRange(input.start, input.end, input.peer.timeZone);
  return [
    `When: ${mine} (${input.reader.timeZone}, your time)`,
    `      ${theirs} (${input.peer.timeZone}, ${input.peer.name}'s time)`,
  ].join("\n");
}

function body(greeting: string, lines: string[], input: SessionMessageInput): string {
  return [
    `Hi ${input.reader.name.split(" ")[0]},`,
    "",
    greeting,
    "",
    `Round: ${input.roundName} (${input.formatLabel})`,
    `With: ${input.peer.name}`,
    whenLines(input),
    "",
    ...lines,
    "",
    "— Peerloop",
  ].join("\n");
}

/** `policy`: the cancel policy as it applies to this start (inside 24 h it is not free). */
export function bookedMessage(input: SessionMessageInput & { policy: string }) {
  return {
    subject: `Booked: ${input.roundName} mock with ${input.peer.name}`,
    text: body(
      "Your mock interview is booked. The invite is attached.",
      [`The room opens shortly before the start: ${input.sessionUrl}`, input.policy],
      input,
    ),
  };
}

export function rescheduledMessage(input: SessionMessageInput & { policy: string }) {
  return {
    subject: `Moved: ${input.roundName} mock with ${input.peer.name}`,
    text: body(
      "Your mock interview has a new time. The updated invite is attached.",
      [`Details: ${input.sessionUrl}`, input.policy],
      input,
    ),
  };
}

export function cancelledMessage(input: SessionMessageInput & { cancelledByReader: boolean }) {
  return {
    subject: `Cancelled: ${input.roundName} mock with ${input.peer.name}`,
    text: body(
      input.cancelledByReader
        ? "You cancelled this mock interview."
        : `${input.peer.name} cancelled this mock interview. Sorry about that: book another time whenever you like.`,
      ["The attached update removes it from your calendar."],
      input,
    ),
  };
}

export function reminderMessage(input: SessionMessageInput & { lead: "24h" | "1h" }) {
  const lead = input.lead === "24h" ? "tomorrow" : "in one hour";
  return {
    subject: `Reminder: ${input.roundName} mock ${lead}`,
    text: body(
      `Your mock interview with ${input.peer.name} starts ${lead}.`,
      [`Join here (the room opens shortly before): ${input.sessionUrl}`],
      input,
    ),
  };
}

export type FeedbackReminderStage = "1h" | "final";

export interface FeedbackDueInput {
  stage: FeedbackReminderStage;
  roundName: string;
  /** The session's start, to name it. */
  start: Date;
  /** When the session's feedback is shown at the latest, whether or not all is in. */
  revealBy: Date;
  reader: { name: string; timeZone: string };
  peerName: string;
  owed: { kind: "scorecard" | "rating"; half: 1 | 2; swap: boolean; url: string }[];
}

function owedLabel(item: FeedbackDueInput["owed"][number], peerName: string): string {
  return item.kind === "scorecard"
    ? `Scorecard for ${peerName}${item.swap ? ` (half ${item.half})` : ""}`
    : `Rating of ${peerName}`;
}

export function feedbackDueMessage(input: FeedbackDueInput) {
  const zone = input.reader.timeZone;
  const revealBy = `${formatDateTime(input.revealBy, zone)} (${zone}, your time)`;
  return {
    subject:
      input.stage === "1h"
        ? `Feedback for ${input.peerName}: ${input.roundName} mock`
        : `One day left for your feedback to ${input.peerName}`,
    text: [
      `Hi ${input.reader.name.split(" ")[0]},`,
      "",
      input.stage === "1h"
        ? `Thanks for practising with ${input.peerName}. Write your feedback while it is fresh:`
        : `${input.peerName} is still waiting for your feedback:`,
      "",
      ...input.owed.map((item) => `- ${owedLabel(item, input.peerName)}: ${item.url}`),
      "",
      `Round: ${input.roundName}, ${formatDateTime(input.start, zone)}`,
      input.owed.some((item) => item.swap)
        ? `Each half's feedback is shown to both of you as soon as its scorecard and rating are in, and at the latest on ${revealBy}.`
        : `Feedback is shown to both of you as soon as the scorecard and the rating are in, and at the latest on ${revealBy}.`,
      "",
      "— Peerloop",
    ].join("\n"),
  };
}

export interface FeedbackReadyInput {
  roundName: string;
  start: Date;
  reader: { name: string; timeZone: string };
  items: { kind: "scorecard" | "rating"; authorName: string; url: string }[];
}

export function feedbackReadyMessage(input: FeedbackReadyInput) {
  const zone = input.reader.timeZone;
  return {
    subject: `Your feedback from ${input.roundName} is ready`,
    text: [
      `Hi ${input.reader.name.split(" ")[0]},`,
      "",
      `Feedback from your ${input.roundName} mock on ${formatDateTime(input.start, zone)} is ready to read:`,
      "",
      ...input.items.map(
        (item) =>
          `- ${item.kind === "scorecard" ? "Scorecard" : "Rating"} from ${item.authorName}: ${item.url}`,
      ),
      "",
      "— Peerloop",
    ].join("\n"),
  };
}
