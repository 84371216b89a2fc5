import { Link } from "@remix-run/react";
import { formatDateTime, formatRelative } from "~/utils/datetime";

export interface FeedbackToWriteItem {
  sessionId: string;
  half: 1 | 2;
  kind: "scorecard" | "rating";
  roundName: string;
  peerName: string;
  startsAt: string | Date;
  revealBy: string | Date;
  hasDraft: boolean;
  peerSubmitted: boolean;
}

/** The feedback a person still owes, with the deadline and whether the peer is waiting. */
export function FeedbackToWrite({
  items,
  timeZone,
  now,
}: {
  items: FeedbackToWriteItem[];
  timeZone: string;
  now: number;
}) {
  return (
    <section className="card" aria-labelledby="to-write-heading">
      <h2 id="to-write-heading">Feedback to write</h2>
      {items.length === 0 ? (
        <p className="hint">
          Nothing waiting. After each mock, your part of the feedback appears here.
        </p>
      ) : (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={`${item.sessionId}-${item.half}-${item.kind}`} className="todo-item">
              <Link to={`/sessions/${item.sessionId}/feedback/${item.half}`}>
                {item.kind === "scorecard"
                  ? `Scorecard for ${item.peerName}`
                  : `Rate ${item.peerName} as your interviewer`}
              </Link>
              {item.peerSubmitted ? (
                <span className="pill">{item.peerName} is waiting for you</span>
              ) : null}
              <p className="hint">
                {item.roundName} · {formatDateTime(new Date(item.startsAt), timeZone)}
                {item.hasDraft ? " · draft saved" : ""} · revealed{" "}
                {formatRelative(new Date(item.revealBy), now)} at the latest
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
