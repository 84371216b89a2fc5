import { useState } from "react";
import type { BoardPicture } from "~/modules/board/board-svg";

// The session's whiteboard on the feedback detail: the picture the server drew
// (board-svg.ts), read-only, with its downloads. The SVG comes from the resource route;
// the PNG is drawn here, from the same picture, into a canvas (no library).

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
  picture: BoardPicture;
  /** The resource route serving the same picture as a file. */
  svgHref: string;
  title: string;
}) {
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
          <div
            className="board-snapshot__picture"
            data-testid="board-snapshot"
            // The picture is built by renderBoardSvg from checked elements, with every text
            // escaped and nothing that loads or runs (tests/unit/board-svg.test.ts). It is
            // an image named by its own <title>.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markup we wrote, text escaped
            dangerouslySetInnerHTML={{ __html: picture.svg }}
          />
          <div className="form-actions">
            <a className="button button--secondary" href={svgHref} download="peerloop-board.svg">
              Download SVG
            </a>
            <button
              type="button"
              className="button button--secondary"
              disabled={makingPng}
              onClick={async () => {
                setMakingPng(true);
                setPngProblem(null);
                try {
                  await downloadPng(picture.svg, picture.width, picture.height);
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

/** Draws the SVG into a canvas and saves the canvas as a PNG file. */
async function downloadPng(svg: string, width: number, height: number): Promise<void> {
  const scale = Math.min(
    PNG_SCALE,
    PNG_MAX_SIDE / width,
    PNG_MAX_SIDE / height,
    Math.sqrt(PNG_MAX_PIXELS / (width * height)),
  );
  const svgUrl = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = svgUrl;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!png) throw new Error("no png");
    const pngUrl = URL.createObjectURL(png);
    const link = document.createElement("a");
    link.href = pngUrl;
    link.download = "peerloop-board.png";
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the URL; let it finish before letting it go.
    setTimeout(() => URL.revokeObjectURL(pngUrl), 10_000);
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
}
