import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { ExcalidrawImperativeAPI, LibraryItems } from "@excalidraw/excalidraw/types";
import "@excalidraw/excalidraw/index.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { ARCHITECTURE_LIBRARY } from "~/modules/board/architecture-library";
import { BOARD_LIMITS } from "~/modules/board/board-elements";
import {
  BOARD_POINTER_FIELD,
  type BoardCollaborator,
  type BoardSummary,
  collaboratorsOf,
  summarizeBoard,
} from "~/modules/board/board-presence";
import { sceneFromBoard, writeLocalChanges } from "~/modules/board/board-sync";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import type { PadStatus } from "./code-pad";

// The whiteboard itself: Excalidraw bound to the shared document's `board` map
// (board-sync.ts) and to the pad's presence for pointers (board-presence.ts). This
// module and Excalidraw load only when the board is first shown (whiteboard.tsx), as two
// chunks: Excalidraw comes in as a prop so that the bundler keeps it a chunk of its own,
// which the page-weight test can tell apart.

/** Marks our own writes, so the board's observer does not feed them back to Excalidraw. */
const LOCAL_ORIGIN = Symbol("board-local");
/** Drawing a stroke changes the scene on every pointer move: share at most this often. */
const WRITE_INTERVAL_MS = 50;
/** Pointer moves are shared at most this often. */
const POINTER_INTERVAL_MS = 60;

type SceneElement = Readonly<Record<string, unknown>>;

export type ExcalidrawModule = typeof import("@excalidraw/excalidraw");

export interface BoardCanvasProps {
  doc: Y.Doc;
  awareness: Awareness;
  readOnly: boolean;
  /** The board's tab is showing: Excalidraw measures itself again when it comes back. */
  visible: boolean;
  /** The shared connection (the pad's): the board says when it is not live. */
  connection: PadStatus;
  excalidraw: ExcalidrawModule;
}

export default function BoardCanvas({
  doc,
  awareness,
  readOnly,
  visible,
  connection,
  excalidraw,
}: BoardCanvasProps) {
  const { CaptureUpdateAction, Excalidraw, MainMenu, restoreElements, WelcomeScreen } = excalidraw;
  const board = useMemo(() => doc.getMap<unknown>(DOC_ROOTS.board), [doc]);
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [count, setCount] = useState(board.size);
  const [summary, setSummary] = useState<BoardSummary>(() =>
    summarizeBoard(board.values() as Iterable<SceneElement>, new Map()),
  );
  const collaborators = useRef<ReadonlyMap<string, BoardCollaborator>>(new Map());
  const summarize = useCallback(
    () =>
      setSummary(summarizeBoard(board.values() as Iterable<SceneElement>, collaborators.current)),
    [board],
  );
  /** The version of each element as last shared or received: what onChange compares. */
  const seenVersions = useRef(new Map<string, number>());
  /** Local changes waiting for the next write, by element id. */
  const pending = useRef(new Map<string, SceneElement>());
  const writeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const initialData = useMemo(() => {
    const elements = sceneFromBoard(board, []);
    for (const element of elements) {
      seenVersions.current.set(element.id as string, element.version as number);
    }
    return {
      elements: restoreElements(elements as unknown as ExcalidrawElement[], null),
      appState: { viewBackgroundColor: "#ffffff" },
      // Architecture shapes (services, queues, storage…), shipped with the app: offline.
      libraryItems: ARCHITECTURE_LIBRARY as unknown as LibraryItems,
      scrollToContent: true,
    };
  }, [board, restoreElements]);

  /** Brings the scene in line with the board (a remote change, or a refused local one). */
  const showBoard = useCallback(() => {
    if (!api) return;
    const local = api.getSceneElementsIncludingDeleted() as unknown as SceneElement[];
    const scene = sceneFromBoard(board, local, new Set(pending.current.keys()));
    for (const element of scene) {
      seenVersions.current.set(element.id as string, element.version as number);
    }
    api.updateScene({
      elements: restoreElements(scene as unknown as ExcalidrawElement[], null),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    setCount(board.size);
    summarize();
  }, [api, board, summarize, restoreElements, CaptureUpdateAction.NEVER]);

  const flush = useCallback(() => {
    writeTimer.current = null;
    const changed = [...pending.current.values()];
    pending.current.clear();
    if (changed.length === 0) return;
    const outcome = writeLocalChanges(board, changed, LOCAL_ORIGIN);
    setProblem(outcome.problem);
    setCount(board.size);
    summarize();
    // What the board did not take leaves the scene, so nobody draws on alone.
    if (outcome.problem) showBoard();
  }, [board, showBoard, summarize]);

  const onChange = useCallback(
    (elements: readonly ExcalidrawElement[]) => {
      if (readOnly) return;
      for (const element of elements) {
        if (seenVersions.current.get(element.id) === element.version) continue;
        seenVersions.current.set(element.id, element.version);
        pending.current.set(element.id, element as unknown as SceneElement);
      }
      if (pending.current.size > 0 && !writeTimer.current) {
        writeTimer.current = setTimeout(flush, WRITE_INTERVAL_MS);
      }
    },
    [flush, readOnly],
  );

  // The peer's changes, as they arrive.
  useEffect(() => {
    if (!api) return;
    const observe = (_events: unknown, transaction: Y.Transaction) => {
      if (transaction.origin !== LOCAL_ORIGIN) showBoard();
    };
    board.observeDeep(observe);
    // Changes that arrived while Excalidraw was loading.
    showBoard();
    return () => board.unobserveDeep(observe);
  }, [api, board, showBoard]);

  // Leaving the page shares what was drawn in the last moments.
  useEffect(
    () => () => {
      if (writeTimer.current) clearTimeout(writeTimer.current);
      flush();
    },
    [flush],
  );

  // Everyone else's pointer, and nobody's pointer left behind when this board closes.
  useEffect(() => {
    if (!api) return;
    const show = () => {
      collaborators.current = collaboratorsOf(
        awareness.getStates() as Map<number, Record<string, unknown>>,
        awareness.clientID,
      );
      api.updateScene({ collaborators: collaborators.current as never });
      summarize();
    };
    awareness.on("change", show);
    show();
    return () => {
      awareness.off("change", show);
      awareness.setLocalStateField(BOARD_POINTER_FIELD, null);
    };
  }, [api, awareness, summarize]);

  // Excalidraw's menu button is an icon with no accessible name (axe: button-name,
  // critical), and its MainMenu passes no title through to it: name it whenever
  // Excalidraw renders it (it is rendered again when the layout switches to mobile).
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = canvasRef.current;
    if (!container) return;
    const nameMenuButton = () => {
      for (const button of container.querySelectorAll<HTMLElement>(
        ".main-menu-trigger:not([aria-label])",
      )) {
        button.setAttribute("aria-label", "Board menu");
      }
    };
    nameMenuButton();
    const observer = new MutationObserver(nameMenuButton);
    observer.observe(container, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  const lastPointerAt = useRef(0);
  const onPointerUpdate = useCallback(
    ({
      pointer,
      button,
    }: {
      pointer: { x: number; y: number; tool: "pointer" | "laser" };
      button: "up" | "down";
    }) => {
      if (readOnly) return;
      const at = performance.now();
      if (at - lastPointerAt.current < POINTER_INTERVAL_MS) return;
      lastPointerAt.current = at;
      awareness.setLocalStateField(BOARD_POINTER_FIELD, {
        x: Math.round(pointer.x),
        y: Math.round(pointer.y),
        tool: pointer.tool,
        button,
      });
    },
    [awareness, readOnly],
  );

  // Excalidraw learns where its canvas is on the page 100 ms after the page scrolls; a
  // stroke begun sooner lands off by the distance scrolled. Tell it at the next frame.
  useEffect(() => {
    if (!api) return;
    let frame = 0;
    const scrolled = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        api.refresh();
      });
    };
    window.addEventListener("scroll", scrolled, { passive: true, capture: true });
    return () => {
      window.removeEventListener("scroll", scrolled, { capture: true });
      cancelAnimationFrame(frame);
    };
  }, [api]);

  // A board that was hidden measured nothing: measure again when it shows.
  useEffect(() => {
    if (visible) api?.refresh();
  }, [api, visible]);

  const nearlyFull = count >= BOARD_LIMITS.elementsPerBoard * 0.8;
  return (
    <div className="board">
      {problem ? (
        <p className="form-error board__message" role="alert">
          {problem}
        </p>
      ) : null}
      {nearlyFull && !problem ? (
        <p className="hint board__message" role="status">
          {count} of {BOARD_LIMITS.elementsPerBoard} shapes used.
        </p>
      ) : null}
      <div
        ref={canvasRef}
        className="board__canvas"
        data-testid="board-canvas"
        // Excalidraw focuses its container on every pointer down, and a plain focus()
        // scrolls a partly hidden board into view mid-stroke: the shape then stretches
        // by the distance scrolled. Focused first without scrolling, that focus is a no-op.
        onPointerDownCapture={(event) =>
          event.currentTarget
            .querySelector<HTMLElement>(".excalidraw")
            ?.focus({ preventScroll: true })
        }
      >
        <Excalidraw
          excalidrawAPI={setApi}
          initialData={initialData}
          onChange={onChange}
          onPointerUpdate={onPointerUpdate}
          isCollaborating
          viewModeEnabled={readOnly}
          // The pad and the page keep their keys: shortcuts only while the board has focus.
          handleKeyboardGlobally={false}
          autoFocus={false}
          aiEnabled={false}
          UIOptions={{
            tools: { image: false },
            canvasActions: {
              loadScene: false,
              saveToActiveFile: false,
              export: false,
              toggleTheme: false,
              clearCanvas: !readOnly,
              saveAsImage: true,
              changeViewBackgroundColor: !readOnly,
            },
          }}
        >
          <MainMenu>
            <MainMenu.DefaultItems.SaveAsImage />
            {readOnly ? null : <MainMenu.DefaultItems.ClearCanvas />}
            <MainMenu.DefaultItems.Help />
            {readOnly ? null : <MainMenu.DefaultItems.ChangeCanvasBackground />}
          </MainMenu>
          <WelcomeScreen>
            <WelcomeScreen.Hints.ToolbarHint />
            <WelcomeScreen.Hints.HelpHint />
            <WelcomeScreen.Center>
              <WelcomeScreen.Center.Heading>
                {readOnly
                  ? "Nothing was drawn on this board."
                  : "Draw the design together: both of you see every shape and pointer."}
              </WelcomeScreen.Center.Heading>
              {readOnly ? null : (
                <WelcomeScreen.Center.Heading>
                  Boxes for services, queues and storage are in the library (the book icon).
                </WelcomeScreen.Center.Heading>
              )}
            </WelcomeScreen.Center>
          </WelcomeScreen>
        </Excalidraw>
      </div>
      <BoardFooter summary={summary} readOnly={readOnly} connection={connection} />
    </div>
  );
}

/** The board in words: for screen readers (the canvas says nothing) and as a status line. */
/** What the board says about the connection when it is not simply live. */
const CONNECTION_NOTES: Partial<Record<PadStatus, string>> = {
  connecting: "Connecting…",
  reconnecting: "Reconnecting… your drawing is kept and shared when the connection is back.",
  offline: "Offline: your drawing is kept and shared when the connection is back.",
  denied: "The board refused this connection. Reload the page.",
};

function BoardFooter({
  summary,
  readOnly,
  connection,
}: {
  summary: BoardSummary;
  readOnly: boolean;
  connection: PadStatus;
}) {
  const note = readOnly ? undefined : CONNECTION_NOTES[connection];
  const shapes =
    summary.shapes === 0
      ? "The board is empty."
      : `${summary.shapes} ${summary.shapes === 1 ? "shape" : "shapes"} on the board.`;
  return (
    <div className="board__footer">
      <p data-testid="board-summary" aria-live="polite">
        {shapes}
        {summary.drawing.length > 0 ? ` ${summary.drawing.join(" and ")} on the board now.` : ""}
        {readOnly ? " Read-only: the session has ended." : ""}
      </p>
      {note ? (
        <p
          className={connection === "denied" || connection === "offline" ? "form-error" : "hint"}
          role="status"
          data-testid="board-connection"
        >
          {note}
        </p>
      ) : null}
      {summary.labels.length > 0 ? (
        <ul className="visually-hidden" aria-label="Words on the board">
          {summary.labels.map((label, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same word may appear twice
            <li key={index}>{label}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
