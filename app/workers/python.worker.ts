/// <reference lib="webworker" />
// Runs Python (Pyodide, served from our own origin) off the page's thread. Loaded on the
// first Run; the room terminates this worker at the time limit and starts a fresh one.

import { buildPythonHarness, readHarnessReport } from "~/modules/runs/python-harness";
import { PYODIDE_BASE } from "~/modules/runs/runtime-assets";
import {
  OUTPUT_CAP,
  removeNetwork,
  tracebackOfUserCode,
  type WorkerReply,
  type WorkerRequest,
} from "~/modules/runs/worker-protocol";

interface Pyodide {
  runPython(code: string, options?: { globals?: unknown }): unknown;
  globals: { get(name: string): () => { destroy(): void } };
  setStdout(options: { write: (buffer: Uint8Array) => number }): void;
  setStderr(options: { write: (buffer: Uint8Array) => number }): void;
  setStdin(options: { stdin: () => string | null }): void;
}

const post = (reply: WorkerReply) => postMessage(reply);

class OutputLimit extends Error {}

let ready: Promise<Pyodide> | null = null;

async function load(): Promise<Pyodide> {
  post({ type: "progress", message: "Downloading Python…" });
  const module = (await import(/* @vite-ignore */ `${PYODIDE_BASE}pyodide.mjs`)) as {
    loadPyodide: (options: { indexURL: string }) => Promise<Pyodide>;
  };
  post({ type: "progress", message: "Starting Python…" });
  const pyodide = await module.loadPyodide({ indexURL: PYODIDE_BASE });
  pyodide.runPython("import json");
  // Everything Python needs is loaded: from here on, no code in this worker reaches the network.
  removeNetwork(self);
  post({ type: "progress", message: "Python is ready" });
  return pyodide;
}

function collector() {
  const decoder = new TextDecoder();
  const state = { text: "", truncated: false };
  return {
    state,
    write: (buffer: Uint8Array) => {
      if (state.truncated) throw new OutputLimit();
      state.text += decoder.decode(buffer, { stream: true });
      if (state.text.length > OUTPUT_CAP) {
        state.text = state.text.slice(0, OUTPUT_CAP);
        state.truncated = true;
        // Raising into Python stops a run that prints without end.
        throw new OutputLimit();
      }
      return buffer.length;
    },
  };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type !== "run-python") return;
  ready ??= load();
  const pyodide = await ready;
  const out = collector();
  const err = collector();
  pyodide.setStdout({ write: out.write });
  pyodide.setStderr({ write: err.write });
  const lines = request.input.split("\n");
  pyodide.setStdin({ stdin: () => (lines.length > 0 ? (lines.shift() ?? null) : null) });
  const globals = pyodide.globals.get("dict")();
  const started = performance.now();
  let exit: "ok" | "error" = "ok";
  let report: string | null = null;
  try {
    const source = request.tests
      ? buildPythonHarness({
          code: request.code,
          entry: request.tests.entry,
          cases: request.tests.cases,
          unordered: request.tests.unordered,
        })
      : request.code;
    const value = pyodide.runPython(source, { globals });
    if (request.tests) report = typeof value === "string" ? value : null;
  } catch (error) {
    exit = "error";
    const message = tracebackOfUserCode(error instanceof Error ? error.message : String(error));
    err.state.text = `${err.state.text}${message}`.slice(0, OUTPUT_CAP);
  } finally {
    globals.destroy();
  }
  const ms = performance.now() - started;
  const truncated = out.state.truncated || err.state.truncated;
  if (truncated) err.state.text += `\n[output stopped at ${OUTPUT_CAP} characters]`;
  post({
    type: "result",
    id: request.id,
    stdout: out.state.text,
    stderr: err.state.text,
    exit,
    ms,
    truncated,
    tests: request.tests
      ? readHarnessReport(report, request.tests.cases, request.tests.namePrefix, "the run failed")
      : undefined,
  });
};
