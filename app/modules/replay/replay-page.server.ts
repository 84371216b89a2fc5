import { SESSION_BOARD_TITLE } from "~/modules/board/board-svg";
import type { SessionView } from "~/modules/booking/session-view.server";
import { rolesForHalf } from "~/modules/sessions/roles";
import { formatDateTime } from "~/utils/datetime";
import { renderSessionDownload } from "./download";
import { labelMarkers, type MarkerView } from "./marker-labels";
import { ReplayPlayer } from "./player";
import { getReplay, type ReplayView } from "./replay.server";
import { encodeReplayLog } from "./replay-log";

// What the replay page and its two resource routes (the log, the download) need, for a
// session's participants only: every function returns null for anyone else, which the
// routes answer with 404. Built on getReplay (replay.server.ts), which decides access.

export const BOARD_AT_MOMENT_TITLE = "The whiteboard at this moment";

interface SessionSummary {
  id: string;
  roundName: string;
  format: SessionView["format"];
  startsAt: number;
  endsAt: number;
  people: { id: string; name: string }[];
  /** The half the viewer interviewed (and writes the scorecard of), if any. */
  scorecardHalf: 1 | 2 | null;
}

/** The half `viewerId` interviewed in, from the session's shape (roles.ts). */
function interviewedHalf(session: SessionView, viewerId: string): 1 | 2 | null {
  const shape = {
    format: session.format,
    bookedBy: session.bookedBy,
    participants: [
      { userId: viewerId, role: session.myRole },
      { userId: session.peer.id, role: session.peer.role as typeof session.myRole },
    ],
  };
  for (const half of [1, 2] as const) {
    if (rolesForHalf(shape, half)?.interviewerId === viewerId) return half;
  }
  return null;
}

export type ReplayPage =
  | { state: "not_ended"; session: SessionSummary }
  | {
      state: "deleted";
      session: SessionSummary;
      removal: { byName: string; at: number };
    }
  | {
      state: "ready";
      session: SessionSummary;
      /** When retention removed the log: only the final state is left. */
      expiredAt: number | null;
      /** The scrubber's range (epoch ms): the room opens before the start. */
      from: number;
      to: number;
      /** Where the page opens: the moment asked for, else the end. */
      openAt: number;
      markers: MarkerView[];
      /** The session at openAt, drawn by the server for the first paint. */
      initial: {
        code: string;
        language: string | null;
        boardSvg: string | null;
        runs: ReturnType<ReplayPlayer["frameAt"]>["runs"];
      };
      updateCount: number;
    };

function summary(session: SessionView, viewer: { id: string; name: string }): SessionSummary {
  return {
    id: session.id,
    roundName: session.roundName,
    format: session.format,
    startsAt: session.startsAt.getTime(),
    endsAt: session.endsAt.getTime(),
    people: [
      { id: viewer.id, name: viewer.name },
      { id: session.peer.id, name: session.peer.name },
    ],
    scorecardHalf: interviewedHalf(session, viewer.id),
  };
}

const nameIn = (people: SessionSummary["people"], viewerId: string) => (id: string | null) =>
  id === viewerId ? "You" : (people.find((p) => p.id === id)?.name ?? "Someone");

function logOf(view: Extract<ReplayView, { state: "ready" }>) {
  return {
    origin: view.session.startsAt.getTime(),
    snapshots: view.snapshots,
    updates: view.updates,
  };
}

/** The page's data; `moment` (ms from the start, from ?t=) picks where it opens. */
export async function loadReplayPage(
  sessionId: string,
  viewer: { id: string; name: string },
  moment: number | null,
  now: Date = new Date(),
): Promise<ReplayPage | null> {
  const view = await getReplay(sessionId, viewer.id, now);
  if (!view) return null;
  const session = summary(view.session, viewer);
  if (view.state === "not_ended") return { state: "not_ended", session };
  if (view.state === "deleted") {
    return {
      state: "deleted",
      session,
      removal: {
        byName: nameIn(session.people, viewer.id)(view.removal.removedBy),
        at: view.removal.at.getTime(),
      },
    };
  }
  let from = session.startsAt;
  let to = session.endsAt;
  for (const { at } of [...view.updates, ...view.snapshots]) {
    if (at < from) from = at;
    if (at > to) to = at;
  }
  const openAt = moment === null ? to : Math.min(to, session.startsAt + moment);
  const frame = new ReplayPlayer(logOf(view), BOARD_AT_MOMENT_TITLE).frameAt(openAt);
  return {
    state: "ready",
    session,
    expiredAt: view.expired ? view.expired.at.getTime() : null,
    from,
    to,
    openAt,
    markers: labelMarkers(view.markers, nameIn(session.people, viewer.id)),
    initial: {
      code: frame.code,
      language: frame.language,
      boardSvg: frame.board.empty ? null : frame.board.svg,
      runs: frame.runs,
    },
    updateCount: view.updates.length,
  };
}

/** The log in its binary form (replay-log.ts), fetched once by the page; null: 404. */
export async function loadReplayLog(sessionId: string, userId: string): Promise<Uint8Array | null> {
  const view = await getReplay(sessionId, userId);
  if (view?.state !== "ready") return null;
  return encodeReplayLog(logOf(view));
}

/** The session as one self-contained HTML file (download.ts); null: 404. */
export async function loadSessionDownload(
  sessionId: string,
  viewer: { id: string; timeZone: string },
): Promise<{ filename: string; html: string } | null> {
  const view = await getReplay(sessionId, viewer.id);
  if (view?.state !== "ready") return null;
  const frame = new ReplayPlayer(logOf(view), SESSION_BOARD_TITLE).frameAt(
    Number.POSITIVE_INFINITY,
  );
  const day = view.session.startsAt.toISOString().slice(0, 10);
  return {
    filename: `peerloop-${view.session.roundSlug}-${day}.html`,
    html: renderSessionDownload({
      title: `${view.session.roundName} with ${view.session.peer.name}`,
      subtitle: formatDateTime(view.session.startsAt, viewer.timeZone),
      code: frame.code,
      language: frame.language,
      board: frame.board,
      runs: frame.runs,
      note: view.expired
        ? "The step-by-step replay of this session has expired; this is how it ended."
        : null,
    }),
  };
}
