import type { BoardPicture } from "~/modules/board/board-svg";
import { escapeXml } from "~/modules/board/board-svg";
import type { RunRecord } from "~/modules/runs/run-records";

// The session as one self-contained HTML file a participant keeps: the pad's final
// text, the board as inline SVG (board-svg.ts draws it; its text is escaped there), and
// the run results. No script, no stylesheet link, no image URL: nothing it shows needs
// the network or Peerloop, and nothing in it can run. Pure.

export interface SessionDownload {
  title: string;
  /** "Coding · 1 March 2027, 10:00 (Europe/Paris)" */
  subtitle: string;
  code: string;
  language: string | null;
  board: BoardPicture;
  runs: readonly RunRecord[];
  /** Set when retention removed the log: the file still holds the final state. */
  note: string | null;
}

const esc = escapeXml;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin-top:2rem}
pre{background:#f5f5f7;border:1px solid #ddd;border-radius:6px;padding:.75rem;overflow:auto;white-space:pre}
.hint{color:#555}.board svg{max-width:100%;height:auto;border:1px solid #ddd;border-radius:6px}
.run{border:1px solid #ddd;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
.run--error,.run--timeout{border-color:#c33}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left}
`;

const EXIT_WORDS: Record<RunRecord["exit"], string> = {
  ok: "finished",
  error: "failed",
  timeout: "stopped at the time limit",
};

function runHtml(run: RunRecord): string {
  const tests = run.tests
    ? `<p>${run.tests.filter((t) => t.pass).length} of ${run.tests.length} tests passed</p><table><tr><th>Test</th><th>Arguments</th><th>Expected</th><th>Got</th></tr>${run.tests
        .map(
          (t) =>
            `<tr><td>${t.pass ? "✓" : "✗"} ${esc(t.name)}</td><td>${esc(t.args)}</td><td>${esc(t.expected)}</td><td>${esc(t.got)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const out = [
    `<pre title="Code">${esc(run.code)}</pre>`,
    run.stdout ? `<p>Output</p><pre>${esc(run.stdout)}</pre>` : "",
    run.stderr ? `<p>Errors</p><pre>${esc(run.stderr)}</pre>` : "",
  ].join("");
  return `<section class="run run--${esc(run.exit)}"><p><strong>${esc(run.byName)}</strong> · ${esc(run.language)} · ${EXIT_WORDS[run.exit] ?? esc(String(run.exit))} · ${Math.round(Number(run.ms) || 0)} ms</p>${out}${tests}</section>`;
}

export function renderSessionDownload(input: SessionDownload): string {
  const board = input.board.empty
    ? `<p class="hint">Nothing was drawn on the whiteboard.</p>`
    : `<div class="board">${input.board.svg}</div>`;
  const runs =
    input.runs.length === 0
      ? `<p class="hint">No code was run.</p>`
      : input.runs.map(runHtml).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(input.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(input.title)}</h1><p class="hint">${esc(input.subtitle)}</p>
${input.note ? `<p class="hint">${esc(input.note)}</p>` : ""}
<h2>The pad at the end${input.language ? ` (${esc(input.language)})` : ""}</h2>
${input.code.trim() ? `<pre>${esc(input.code)}</pre>` : `<p class="hint">Nothing was written in the pad.</p>`}
<h2>The whiteboard at the end</h2>
${board}
<h2>Code runs</h2>
${runs}
</body></html>
`;
}
