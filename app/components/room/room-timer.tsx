import { useEffect, useState } from "react";
import type { RoundKind } from "~/modules/sessions/pad-setup";
import { currentPhase, phasesFor } from "~/modules/sessions/roles";
import { formatRelative } from "~/utils/datetime";

function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * Elapsed time of the current half with its phase and cue; a swap has two halves, the
 * second timed from the moment the roles were switched.
 */
export function RoomTimer({
  halfStartsAt,
  halfEndsAt,
  roundMinutes,
  kind,
  half,
  halves,
  serverNow,
}: {
  halfStartsAt: string;
  halfEndsAt: string;
  roundMinutes: number;
  kind: RoundKind;
  half: 1 | 2;
  halves: 1 | 2;
  /** The loader's clock: the first render must match the server's HTML. */
  serverNow: number;
}) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const halfStart = new Date(halfStartsAt).getTime();
  const elapsed = now - halfStart;
  const phases = phasesFor(roundMinutes, kind);
  const phase = currentPhase(phases, elapsed / 60_000);
  const remaining = new Date(halfEndsAt).getTime() - now;
  return (
    <section className="timer card" aria-label="Timer">
      <p className="eyebrow">
        {halves === 2 ? `Half ${half} of 2` : "Session"} · {roundMinutes} min
      </p>
      {elapsed < 0 ? (
        <p className="timer__big">
          Starts {-elapsed > 60 * 60_000 ? formatRelative(halfStart, now) : `in ${clock(-elapsed)}`}
        </p>
      ) : remaining <= 0 ? (
        <p className="timer__big">Time is up</p>
      ) : (
        <p className="timer__big">{clock(remaining)} left</p>
      )}
      {phase ? (
        <p role="status" aria-live="polite">
          <strong>{phase.name}</strong>: {phase.cue}
        </p>
      ) : null}
      <ol className="timer__phases">
        {phases.map((p) => (
          <li key={p.name} data-current={phase?.name === p.name}>
            {p.name}{" "}
            <span className="hint">
              {p.startMinute}–{p.endMinute} min
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
