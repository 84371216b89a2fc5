import { Component, lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { EXCALIDRAW_BASE, ownOriginFontSources } from "~/modules/board/board-assets";
import type { BoardCanvasProps, ExcalidrawModule } from "./board-canvas";
import type { PadStatus } from "./code-pad";

// The room's whiteboard, loaded when it is first shown: Excalidraw is several times the
// weight of the rest of the room (the page-weight test keeps it out of the first load).

declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

let boardCode: Promise<[ExcalidrawModule, typeof import("./board-canvas")]> | undefined;

/**
 * Starts fetching the board's code (Excalidraw and our binding) once; later calls share
 * the same fetch. A room that opens on the board calls it when it mounts, beside the
 * pad's own code, so the board is not left to start loading after the editor (it made
 * the board the last thing ready on join: `npm run bench:join-time`, designBoardAskedP50Ms).
 */
export function preloadBoard() {
  if (!boardCode) {
    // Excalidraw loads its fonts from here (our own server) instead of a CDN.
    window.EXCALIDRAW_ASSET_PATH = EXCALIDRAW_BASE;
    keepFontFacesOnOurOrigin();
    boardCode = Promise.all([import("@excalidraw/excalidraw"), import("./board-canvas")]);
    // A failed fetch (offline a moment) is tried again by the next caller.
    boardCode.catch(() => {
      boardCode = undefined;
    });
  }
  return boardCode;
}

const BoardCanvas = lazy(async () => {
  const [excalidraw, canvas] = await preloadBoard();
  const Canvas = canvas.default;
  return {
    default: (props: Omit<BoardCanvasProps, "excalidraw">) => (
      <Canvas {...props} excalidraw={excalidraw} />
    ),
  };
});

/** Font faces made on this page list only our own origin's files (board-assets.ts says why). */
function keepFontFacesOnOurOrigin() {
  const Native = window.FontFace;
  if ((Native as { ownOrigin?: boolean }).ownOrigin) return;
  class OwnOriginFontFace extends Native {
    static ownOrigin = true;
    constructor(family: string, source: string | BufferSource, descriptors?: FontFaceDescriptors) {
      super(
        family,
        typeof source === "string" ? ownOriginFontSources(source, window.location.origin) : source,
        descriptors,
      );
    }
  }
  window.FontFace = OwnOriginFontFace;
}

export function Whiteboard(props: {
  doc: Y.Doc;
  awareness: Awareness;
  readOnly: boolean;
  visible: boolean;
  connection: PadStatus;
}) {
  return (
    <section className="whiteboard" aria-label="Whiteboard">
      <LoadErrorBoundary>
        <Suspense fallback={<BoardLoading />}>
          <BoardCanvas {...props} />
        </Suspense>
      </LoadErrorBoundary>
    </section>
  );
}

function BoardLoading() {
  // Announced after a moment only, so a cached load does not flash a message.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 300);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="board board--loading" role="status" aria-live="polite">
      {slow ? (
        <>
          <span className="spinner" aria-hidden="true" /> Loading the whiteboard…
        </>
      ) : null}
    </div>
  );
}

/** A board whose code failed to load (offline, a new deploy) says so and offers a retry. */
class LoadErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="board board--loading" role="alert">
        <p>The whiteboard could not load. Check your connection, then reload the page.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
