import { useRef, useState } from "react";
import type { BoardPictureSize } from "~/modules/board/board-svg";

// The session's whiteboard on the feedback detail, read-only, with its downloads. The
// picture is the SVG the server draws (board-svg.ts), loaded from its own route as an
// image: its bytes travel once (not again in the page's data), and an SVG shown as an
// image can neither run nor load anything. The PNG is that same image drawn into a
// canvas here (no library).

/** A PNG never grows past this many pixels a side, nor this many in all (canvas limits). */
const PNG_MAX_SIDE = 8192;
const PNG_MAX_PIXELS = 16_000_000;
/** Sharper than the board's own units on high-density screens. */
const PNG_SCALE = 2;

export function BoardSnapshot({
  picture,
  svgHref,
  title,
}: {
  picture: BoardPictureSize;
  /** The route serving the picture as an SVG file. */
  svgHref: string;
  title: string;
}) {
  const image = useRef<HTMLImageElement>(null);
  const [pngProblem, setPngProblem] = useState<string | null>(null);
  const [makingPng, setMakingPng] = useState(false);
  return (
    <section className="card board-snapshot" aria-labelledby="board-heading">
      <h2 id="board-heading">{title}</h2>
      {picture.empty ? (
        <p className="hint" data-testid="board-empty">
          Nothing was drawn on the whiteboard in this session.
        </p>
      ) : (
        <>
          <div className="board-snapshot__picture">
            <img
              ref={image}
              src={svgHref}
              width={Math.round(picture.width)}
              height={Math.round(picture.height)}
              alt={`${title}: a drawing of ${picture.drawn} ${picture.drawn === 1 ? "shape" : "shapes"}.`}
              decoding="async"
              data-testid="board-snapshot"
            />
          </div>
          <div className="form-actions">
            <a className="button button--secondary" href={svgHref} download="peerloop-board.svg">
              Download SVG
            </a>
            <button
              type="button"
              className="button button--secondary"
              disabled={makingPng}
              onClick={async () => {
                if (!image.current) return;
                setMakingPng(true);
                setPngProblem(null);
                try {
                  await downloadPng(image.current, picture.width, picture.height);
                } catch {
                  setPngProblem(
                    "The PNG could not be made in this browser. Download the SVG instead.",
                  );
                } finally {
                  setMakingPng(false);
                }
              }}
            >
              {makingPng ? "Making the PNG…" : "Download PNG"}
            </button>
            {pngProblem ? (
              <p className="error-text" role="alert">
                {pngProblem}
              </p>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Draws the picture into a canvas at up to twice its size and saves it as a PNG file. An
 * SVG drawn at a size is drawn sharp at that size; one from our own origin leaves the
 * canvas readable.
 */
async function downloadPng(image: HTMLImageElement, width: number, height: number) {
  await image.decode();
  const scale = Math.min(
    PNG_SCALE,
    PNG_MAX_SIDE / width,
    PNG_MAX_SIDE / height,
    Math.sqrt(PNG_MAX_PIXELS / (width * height)),
  );
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no canvas");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!png) throw new Error("no png");
  const url = URL.createObjectURL(png);
  const link = document.createElement("a");
  link.href = url;
  link.download = "peerloop-board.png";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; let it finish before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
