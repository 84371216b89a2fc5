import type { RoundKind } from "~/modules/sessions/pad-setup";
import { halfClock, phasesFor } from "~/modules/sessions/roles";
import type { TimelineGap } from "./timeline";

// The markers of the replay's scrubber, as plain data: the room's recorded events, the
// phase cues (computed from the half's clock as the room's timer computes them, never
// stored) and the gaps, on one clock (epoch ms).

export type MarkerKind =
  | "pad_joined"
  | "pad_left"
  | "video_joined"
  | "video_left"
  | "roles_switched"
  | "started"
  | "ended"
  | "code_run"
  | "replay_deleted"
  | "replay_expired"
  | "phase"
  | "gap";

export interface ReplayMarker {
  at: number;
  kind: MarkerKind;
  userId: string | null;
  /** The phase's name and cue, a gap's end, a run's id… */
  detail: Record<string, string | number | boolean> | null;
}

/** The phase cues of every half that ran, at the moment each phase began. */
export function phaseMarkers(session: {
  format: "swap" | "one_way";
  startsAt: Date;
  endsAt: Date;
  halfTwoStartedAt: Date | null;
  roundMinutes: number;
  kind: RoundKind;
}): ReplayMarker[] {
  const halves: (1 | 2)[] = session.format === "swap" ? [1, 2] : [1];
  const markers: ReplayMarker[] = [];
  for (const half of halves) {
    const clock = halfClock(session, half, session.roundMinutes);
    for (const phase of phasesFor(session.roundMinutes, session.kind)) {
      const at = clock.startsAt.getTime() + phase.startMinute * 60_000;
      if (at >= clock.endsAt.getTime()) continue;
      markers.push({
        at,
        kind: "phase",
        userId: null,
        detail: { half, name: phase.name, cue: phase.cue },
      });
    }
  }
  return markers;
}

export function gapMarkers(gaps: readonly TimelineGap[]): ReplayMarker[] {
  return gaps.map((gap) => ({
    at: gap.from,
    kind: "gap" as const,
    userId: null,
    detail: { to: gap.to, afterSeq: gap.afterSeq, cause: gap.kind },
  }));
}

/** Every marker in order of time (ties keep their given order). */
export function mergeMarkers(...lists: ReplayMarker[][]): ReplayMarker[] {
  return lists.flat().sort((a, b) => a.at - b.at);
}
