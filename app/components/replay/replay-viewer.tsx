import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { RunResult } from "~/components/room/run-results";
import { formatMoment } from "~/modules/feedback/moments";
import type { MarkerGroup } from "~/modules/replay/marker-labels";
import { type ReplayCursor, type ReplayFrame, ReplayPlayer } from "~/modules/replay/player";
import { decodeReplayLog } from "~/modules/replay/replay-log";
import type { ReplayPage } from "~/modules/replay/replay-page.server";
import type { RunRecord } from "~/modules/runs/run-records";

// The replay's player: a scrubber over the whole session with its markers, play and
// pause at 1×, 4×, 16×, and the session at the chosen moment (pad, board, cursors,
// runs). The first paint is the server's drawing of the opening moment; the log then
// comes once, in binary, and every seek is computed here (app/modules/replay/player.ts).

type Ready = Extract<ReplayPage, { state: "ready" }>;

const SPEEDS = [1, 4, 16] as const;
const GROUP_NAMES: Record<MarkerGroup, string> = {
  phase: "Phase",
  roles: "Roles",
  run: "Run",
  presence: "Presence",
  gap: "Gap",
  bounds: "Schedule",
};
/** The two people's colours, viewer first (the pad's cursors and their legend). */
const CURSOR_COLOURS = ["#3b4cca", "#c2410c"];

interface Shown {
  code: string;
  language: string | null;
  boardSvg: string | null;
  runs: RunRecord[];
  cursors: ReplayCursor[];
  incomplete: boolean;
}

function fromFrame(frame: ReplayFrame): Shown {
  return {
    code: frame.code,
    language: frame.language,
    boardSvg: frame.board.empty ? null : frame.board.svg,
    runs: frame.runs,
    cursors: frame.cursors,
    incomplete: frame.incomplete,
  };
}

/** The seek timings the page keeps for its benchmark (tests/bench/replay-seek.bench.ts). */
declare global {
  interface Window {
    __replay?: { seeks: { t: number; ms: number }[]; ready: boolean; indexed: boolean };
  }
}

export function ReplayViewer({
  page,
  timeZone,
  viewerId,
}: {
  page: Ready;
  timeZone: string;
  viewerId: string;
}) {
  const { session, from, to, markers } = page;
  const [t, setT] = useState(page.openAt);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const [indexed, setIndexed] = useState(false);
  const tRef = useRef(t);
  tRef.current = t;
  const player = useRef<ReplayPlayer | null>(null);
  const seekStarted = useRef<number | null>(null);

  // A new ?t= (a pinned moment's link) moves the page there.
  useEffect(() => {
    setT(page.openAt);
  }, [page.openAt]);

  useEffect(() => {
    let cancelled = false;
    window.__replay = { seeks: [], ready: false, indexed: false };
    fetch(`/sessions/${session.id}/replay.bin`, { credentials: "same-origin" })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const log = decodeReplayLog(new Uint8Array(await response.arrayBuffer()));
        if (cancelled) return;
        player.current = new ReplayPlayer(log);
        setStatus("ready");
        if (window.__replay) window.__replay.ready = true;
        // Indexing (cursors, the player's own checkpoints) once the page has painted.
        setTimeout(() => {
          if (cancelled || !player.current) return;
          player.current.index();
          if (window.__replay) window.__replay.indexed = true;
          setIndexed(true);
        }, 50);
      })
      .catch(() => {
        if (!cancelled) setStatus("failed");
      });
    return () => {
      cancelled = true;
    };
  }, [session.id]);

  // Every change of t (a seek, or a step of playback) shows the session there, computed
  // in the render itself (no second render). Until the log is here: the server's frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once indexed, the same moment gains its cursors.
  const shown: Shown = useMemo(() => {
    const current = player.current;
    if (!current || status !== "ready") {
      return { ...page.initial, cursors: [], incomplete: false };
    }
    return fromFrame(current.frameAt(t));
  }, [t, status, indexed, page.initial]);

  // The time from a seek to the painted frame, for the benchmark.
  useEffect(() => {
    if (seekStarted.current === null) return;
    const started = seekStarted.current;
    seekStarted.current = null;
    requestAnimationFrame(() => {
      window.__replay?.seeks.push({ t, ms: performance.now() - started });
    });
  });

  const seekTo = useCallback(
    (at: number) => {
      seekStarted.current = performance.now();
      setT(Math.min(to, Math.max(from, at)));
    },
    [from, to],
  );

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const next = Math.min(to, tRef.current + (now - last) * speed);
      last = now;
      tRef.current = next;
      setT(next);
      if (next >= to) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, to]);

  const togglePlay = () => {
    if (!playing && t >= to) setT(from);
    setPlaying(!playing);
  };

  const nameOf = (id: string) =>
    id === viewerId ? "You" : (session.people.find((p) => p.id === id)?.name ?? "Someone");
  const colourOf = (id: string) => CURSOR_COLOURS[id === viewerId ? 0 : 1]!;
  const elapsed = (at: number) => {
    const ms = at - session.startsAt;
    return ms < 0 ? `−${formatMoment(-ms)}` : formatMoment(ms);
  };
  const clock = useMemo(
    () =>
      new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
        timeZone,
      }),
    [timeZone],
  );
  const momentLabel = `${elapsed(t)} from the start · ${clock.format(t)}`;
  const span = Math.max(1, to - from);
  const runsSoFar = shown.runs;

  return (
    <div
      className="replay-viewer"
      data-testid="replay-viewer"
      data-status={status}
      data-t={Math.round(t)}
    >
      <section className="card replay-controls" aria-label="Playback">
        <div className="replay-controls__row">
          <button
            type="button"
            className="button replay-play"
            onClick={togglePlay}
            disabled={status !== "ready"}
            aria-pressed={playing}
            data-testid="replay-play"
          >
            {playing ? "Pause" : "Play"}
          </button>
          <fieldset className="replay-speed">
            <legend className="visually-hidden">Speed</legend>
            {SPEEDS.map((s) => (
              <button
                key={s}
                type="button"
                className="replay-speed__option"
                aria-pressed={speed === s}
                onClick={() => setSpeed(s)}
              >
                {s}×
              </button>
            ))}
          </fieldset>
          <p className="replay-time" aria-live="off" data-testid="replay-time">
            <strong>{elapsed(t)}</strong> / {elapsed(to)}{" "}
            <span className="hint">
              · {clock.format(t)} ({timeZone})
            </span>
          </p>
        </div>
        <div className="replay-scrubber">
          <label htmlFor="replay-scrubber" className="visually-hidden">
            Moment of the session
          </label>
          <input
            id="replay-scrubber"
            type="range"
            min={from}
            max={to}
            step={1000}
            value={Math.round(t)}
            aria-valuetext={momentLabel}
            onChange={(event) => seekTo(Number(event.currentTarget.value))}
            data-testid="replay-scrubber"
          />
          <div className="replay-scrubber__ticks" aria-hidden="true">
            {markers.map((m, i) => (
              <button
                // biome-ignore lint/suspicious/noArrayIndexKey: markers never reorder.
                key={i}
                type="button"
                tabIndex={-1}
                className={`replay-tick replay-tick--${m.group}`}
                style={{ left: `${((m.at - from) / span) * 100}%` }}
                title={`${elapsed(m.at)} ${m.label}`}
                onClick={() => seekTo(m.at)}
              />
            ))}
          </div>
          <div className="replay-scrubber__ends hint">
            <span>{clock.format(from)}</span>
            <span>{clock.format(to)}</span>
          </div>
        </div>
        {t >= session.startsAt ? (
          <p className="hint replay-pin">
            This moment is{" "}
            <strong data-testid="replay-moment">{formatMoment(t - session.startsAt)}</strong> from
            the start:{" "}
            {session.scorecardHalf !== null ? (
              <>
                <a
                  href={`/sessions/${session.id}/feedback/${session.scorecardHalf}?pin=${Math.floor((t - session.startsAt) / 1000)}`}
                  data-testid="replay-pin-link"
                >
                  pin it in your scorecard
                </a>
                , or{" "}
              </>
            ) : (
              "type it in a scorecard's “Pin a moment”, or "
            )}
            <a href={`?t=${Math.floor((t - session.startsAt) / 1000)}`}>link to it</a>.
          </p>
        ) : null}
        {status === "loading" ? (
          <p className="hint" role="status">
            Loading the recording…
          </p>
        ) : status === "failed" ? (
          <p className="error-text" role="alert">
            The recording could not be loaded. Reload the page to try again.
          </p>
        ) : null}
        {shown.incomplete ? (
          <p className="notice notice--info" role="status">
            Part of the recording is missing around this moment: what is shown leaves out the edits
            that were lost.
          </p>
        ) : null}
      </section>

      <div className="replay-panes">
        <section className="card replay-pad" aria-labelledby="replay-pad-heading">
          <h2 id="replay-pad-heading">The pad{shown.language ? ` (${shown.language})` : ""}</h2>
          {shown.cursors.length > 0 ? (
            <ul className="replay-cursors" aria-label="Where each person last edited">
              {shown.cursors.map((c) => (
                <li key={c.userId} data-testid="replay-cursor">
                  <span
                    className="replay-caret-swatch"
                    style={{ background: colourOf(c.userId) }}
                  />
                  {nameOf(c.userId)}: line {c.line}, column {c.column}
                </li>
              ))}
            </ul>
          ) : null}
          <PadText code={shown.code} cursors={shown.cursors} colourOf={colourOf} nameOf={nameOf} />
        </section>
        <section className="card replay-board" aria-labelledby="replay-board-heading">
          <h2 id="replay-board-heading">The whiteboard</h2>
          {shown.boardSvg ? (
            <img
              className="replay-board__picture"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.boardSvg)}`}
              alt="The whiteboard at this moment"
              data-testid="replay-board"
            />
          ) : (
            <p className="hint" data-testid="replay-board-empty">
              Nothing on the whiteboard yet.
            </p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="replay-runs-heading">
        <h2 id="replay-runs-heading">Runs so far ({runsSoFar.length})</h2>
        {runsSoFar.length === 0 ? (
          <p className="hint">No code has been run yet.</p>
        ) : (
          <div className="replay-runs" data-testid="replay-runs">
            {runsSoFar.map((run) => (
              <RunResult key={run.id} run={run} mine={run.by === viewerId} />
            ))}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="replay-markers-heading">
        <h2 id="replay-markers-heading">Moments</h2>
        {markers.length === 0 ? (
          <p className="hint">Nothing was marked in this session.</p>
        ) : (
          <ol className="replay-markers" data-testid="replay-markers">
            {markers.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: markers never reorder.
              <li key={i}>
                <button
                  type="button"
                  className={`replay-marker replay-marker--${m.group}`}
                  onClick={() => seekTo(m.at)}
                  aria-current={Math.abs(m.at - t) < 1000 ? "true" : undefined}
                >
                  <span className="replay-marker__time">{elapsed(m.at)}</span>{" "}
                  <span className="replay-marker__group">{GROUP_NAMES[m.group]}</span> {m.label}
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** The pad's text with line numbers and each person's cursor, read-only. */
function PadText({
  code,
  cursors,
  colourOf,
  nameOf,
}: {
  code: string;
  cursors: ReplayCursor[];
  colourOf: (id: string) => string;
  nameOf: (id: string) => string;
}) {
  const pre = useRef<HTMLPreElement>(null);
  // Follow the typing: the latest edit's caret stays in view (the pad scrolls, the page not).
  useEffect(() => {
    const box = pre.current;
    const latest = [...cursors].sort((a, b) => b.at - a.at)[0];
    if (!box || !latest) return;
    const caret = box.querySelector<HTMLElement>(`[data-cursor="${latest.userId}"]`);
    if (!caret) return;
    const top = caret.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 24) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    }
  }, [cursors]);
  if (!code) return <p className="hint">The pad is empty at this moment.</p>;
  const lines = code.split("\n");
  const byLine = new Map<number, ReplayCursor[]>();
  for (const c of cursors) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
  return (
    <pre className="replay-code" data-testid="replay-pad" ref={pre}>
      {lines.map((line, i) => {
        const here = (byLine.get(i + 1) ?? []).sort((a, b) => a.column - b.column);
        const parts: React.ReactNode[] = [];
        let col = 0;
        for (const c of here) {
          parts.push(line.slice(col, c.column - 1));
          parts.push(
            <span
              key={c.userId}
              data-cursor={c.userId}
              className="replay-caret"
              style={{ borderColor: colourOf(c.userId) }}
              title={`${nameOf(c.userId)} last edited here`}
            />,
          );
          col = c.column - 1;
        }
        parts.push(line.slice(col));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a line is its number.
          <span key={i} className="replay-code__line">
            {parts}
            {"\n"}
          </span>
        );
      })}
    </pre>
  );
}
