// The room's side of the code-running workers: one worker per language, made on the first
// run (so Pyodide downloads only when someone presses Run), stopped at the time limit and
// replaced by a fresh one, so a runaway loop costs one run and never the page.

import {
  RUN_TIME_LIMIT_MS,
  type WorkerReply,
  type WorkerRequest,
} from "~/modules/runs/worker-protocol";

export type RunResult = Extract<WorkerReply, { type: "result" }>;

type Language = "python" | "sql";

function makeWorker(language: Language): Worker {
  return language === "python"
    ? new Worker(new URL("../../workers/python.worker.ts", import.meta.url), { type: "module" })
    : new Worker(new URL("../../workers/sql.worker.ts", import.meta.url), { type: "module" });
}

export class CodeRunner {
  private worker: Worker | null = null;
  private warm = false;

  constructor(
    private readonly language: Language,
    private readonly onProgress: (message: string) => void,
    private readonly timeLimitMs = RUN_TIME_LIMIT_MS,
  ) {}

  /** Runs one request; the time limit counts from when the runtime is loaded. */
  run(request: WorkerRequest): Promise<RunResult> {
    this.worker ??= makeWorker(this.language);
    const worker = this.worker;
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let started = performance.now();
      const arm = () => {
        started = performance.now();
        timer = setTimeout(() => {
          worker.terminate();
          if (this.worker === worker) {
            // A fresh worker right away: the next run does not wait for a reload.
            this.worker = makeWorker(this.language);
            this.warm = false;
          }
          resolve({
            type: "result",
            id: request.id,
            stdout: "",
            stderr: `Stopped after ${Math.round(this.timeLimitMs / 1000)} s: the time limit of a run.`,
            exit: "timeout",
            ms: performance.now() - started,
            truncated: false,
          });
        }, this.timeLimitMs);
      };
      if (this.warm) arm();
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === "progress") {
          this.onProgress(reply.message);
          if (/ready/.test(reply.message) && !timer) {
            this.warm = true;
            arm();
          }
          return;
        }
        if (reply.id !== request.id) return;
        if (timer) clearTimeout(timer);
        resolve(reply);
      };
      worker.onerror = (event) => {
        if (timer) clearTimeout(timer);
        resolve({
          type: "result",
          id: request.id,
          stdout: "",
          stderr: `The runner failed: ${event.message || "could not start"}`,
          exit: "error",
          ms: performance.now() - started,
          truncated: false,
        });
      };
      worker.postMessage(request);
    });
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
  }
}
