import { feedbackReadyMessage } from "~/modules/notify/messages";
import type { OutgoingEmail } from "~/modules/notify/outbox.server";

// "Your feedback is ready" emails, built from plain data: one per piece that became
// readable, keyed by the piece, so however often a reveal is retried each goes once.

export interface ReadySession {
  id: string;
  roundName: string;
  startsAt: Date;
  participants: { userId: string; name: string; email: string; timeZone: string }[];
}

export interface ReadyPiece {
  id: string;
  kind: "scorecard" | "rating";
  half: number;
  authorId: string;
  recipientId: string;
}

export function buildReadyEmails(
  session: ReadySession,
  pieces: ReadyPiece[],
  origin: string,
): OutgoingEmail[] {
  const person = (id: string) => session.participants.find((p) => p.userId === id);
  return pieces.flatMap((piece) => {
    const reader = person(piece.recipientId);
    if (!reader) return [];
    const message = feedbackReadyMessage({
      roundName: session.roundName,
      start: session.startsAt,
      reader: { name: reader.name, timeZone: reader.timeZone },
      items: [
        {
          kind: piece.kind,
          authorName: person(piece.authorId)?.name ?? "your peer",
          url: `${origin}/feedback/${piece.id}`,
        },
      ],
    });
    return [
      {
        userId: reader.userId,
        toAddress: reader.email,
        subject: message.subject,
        textBody: message.text,
        kind: "feedback-ready",
        sessionId: session.id,
        dedupeKey: `feedback-ready:${piece.id}`,
      },
    ];
  });
}
