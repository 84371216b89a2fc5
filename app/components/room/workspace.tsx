import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { preloadBoard } from "./whiteboard";

// The room's two surfaces, the code pad and the whiteboard, as tabs, or side by side on
// a wide screen. The pad stays mounted when hidden: it holds the realtime connection
// every tool of the room shares. The board mounts the first time it is shown and then
// stays, so coming back to it is instant and nothing drawn is lost.

export type WorkspaceView = "pad" | "board" | "both";

/** Wide enough for a pad and a board of useful size next to each other. */
const WIDE_QUERY = "(min-width: 1500px)";

const LABELS: Record<WorkspaceView, string> = {
  pad: "Pad",
  board: "Board",
  both: "Side by side",
};

function useWideScreen(): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(WIDE_QUERY);
    setWide(query.matches);
    const changed = () => setWide(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return wide;
}

/** The view a person last chose in this session's room, kept across reloads. */
function useStoredView(key: string, fallback: (wide: boolean) => WorkspaceView, wide: boolean) {
  const [chosen, setChosen] = useState<WorkspaceView | null>(null);
  useEffect(() => {
    const stored = window.localStorage.getItem(key);
    if (stored === "pad" || stored === "board" || stored === "both") setChosen(stored);
  }, [key]);
  const choose = (view: WorkspaceView) => {
    setChosen(view);
    try {
      window.localStorage.setItem(key, view);
    } catch {
      // Private windows may refuse storage; the choice then lasts until the next load.
    }
  };
  const view = chosen ?? fallback(wide);
  // "Side by side" on a screen that has become narrow shows the board as a tab.
  return [view === "both" && !wide ? "board" : view, choose] as const;
}

export function Workspace({
  sessionId,
  boardFirst,
  pad,
  board,
}: {
  sessionId: string;
  /** Design and deep-dive rounds open on the board. */
  boardFirst: boolean;
  pad: ReactNode;
  /** The board, given whether it is showing; null until the shared document is ready. */
  board: ((visible: boolean) => ReactNode) | null;
}) {
  const id = useId();
  const wide = useWideScreen();
  const [view, choose] = useStoredView(
    `peerloop:workspace:${sessionId}`,
    (isWide) => (boardFirst ? (isWide ? "both" : "board") : "pad"),
    wide,
  );
  const [boardOpened, setBoardOpened] = useState(view !== "pad");
  const boardShown = view !== "pad";
  useEffect(() => {
    if (boardShown) setBoardOpened(true);
  }, [boardShown]);
  // The board's code is fetched as soon as the board is to be shown, not once the shared
  // document is ready: it is by far the room's heaviest part.
  useEffect(() => {
    if (boardOpened) void preloadBoard();
  }, [boardOpened]);

  const views: WorkspaceView[] = wide ? ["pad", "board", "both"] : ["pad", "board"];
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = views.indexOf(view);
    const next =
      event.key === "ArrowRight"
        ? (at + 1) % views.length
        : event.key === "ArrowLeft"
          ? (at - 1 + views.length) % views.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? views.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    choose(views[next]!);
    tabs.current[next]?.focus();
  };
  const controls = (tab: WorkspaceView) =>
    tab === "pad" ? `${id}-pad` : tab === "board" ? `${id}-board` : `${id}-pad ${id}-board`;

  return (
    <div className={`workspace workspace--${view}`}>
      <div
        className="workspace__tabs"
        role="tablist"
        aria-label="Pad and whiteboard"
        onKeyDown={onKeyDown}
      >
        {views.map((tab, index) => (
          <button
            key={tab}
            ref={(node) => {
              tabs.current[index] = node;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={view === tab}
            aria-controls={controls(tab)}
            tabIndex={view === tab ? 0 : -1}
            className="workspace__tab"
            onClick={() => choose(tab)}
          >
            {LABELS[tab]}
          </button>
        ))}
      </div>
      <div className="workspace__panels">
        <div
          id={`${id}-pad`}
          role="tabpanel"
          aria-label="Code pad"
          className="workspace__panel"
          hidden={view === "board"}
        >
          {pad}
        </div>
        <div
          id={`${id}-board`}
          role="tabpanel"
          aria-label="Whiteboard"
          className="workspace__panel workspace__panel--board"
          hidden={!boardShown}
        >
          {boardOpened ? (
            board ? (
              board(boardShown)
            ) : (
              <p className="hint" role="status">
                Loading the board…
              </p>
            )
          ) : null}
        </div>
      </div>
    </div>
  );
}
