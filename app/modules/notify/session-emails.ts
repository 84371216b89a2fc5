import { FORMAT_LABELS } from "~/modules/matching/formats";
import type { MockFormat } from "~/modules/matching/types";
import { buildInvite } from "./ics";
import type { SessionMessageInput } from "./messages";
import type { OutgoingEmail } from "./outbox.server";

// The emails about one session (booked, moved, cancelled, reminders), built from plain
// data: one per participant, each with the invite when the calendar should change.

export interface SessionPeople {
  sessionId: string;
  roundName: string;
  format: MockFormat;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  people: { id: string; name: string; email: string; timeZone: string }[];
}

export type MessageBuilder = (
  input: SessionMessageInput,
  readerId: string,
) => { subject: string; text: string };

export function buildSessionEmails(
  info: SessionPeople,
  options: {
    kind: string;
    origin: string;
    /** "request" updates the reader's calendar, "cancel" removes the event, null: no invite. */
    invite: "request" | "cancel" | null;
    build: MessageBuilder;
  },
): OutgoingEmail[] {
  const sessionUrl = `${options.origin}/sessions/${info.sessionId}`;
  const ics =
    options.invite === null
      ? null
      : buildInvite({
          sessionId: info.sessionId,
          sequence: info.sequence,
          start: info.startsAt,
          end: info.endsAt,
          title: `Peerloop mock: ${info.roundName}`,
          description: `${FORMAT_LABELS[info.format]}. Join: ${sessionUrl}`,
          url: sessionUrl,
          cancelled: options.invite === "cancel",
          attendees: info.people.map((p) => ({ name: p.name, email: p.email })),
        });
  return info.people.map((reader) => {
    const peer = info.people.find((p) => p.id !== reader.id) ?? reader;
    const message = options.build(
      {
        roundName: info.roundName,
        formatLabel: info.format === "swap" ? "swap" : "one-way",
        start: info.startsAt,
        end: info.endsAt,
        sessionUrl,
        reader: { name: reader.name, timeZone: reader.timeZone },
        peer: { name: peer.name, timeZone: peer.timeZone },
      },
      reader.id,
    );
    return {
      userId: reader.id,
      toAddress: reader.email,
      subject: message.subject,
      textBody: message.text,
      ics,
      kind: options.kind,
      sessionId: info.sessionId,
      dedupeKey: `${options.kind}:${info.sessionId}:${info.sequence}:${reader.id}`,
    };
  });
}
