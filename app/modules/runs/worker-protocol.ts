// Messages between the room and its code-running workers (python.worker.ts, sql.worker.ts).

import type { CodeTestCase } from "#db/catalog/question-types";
import type { RunExit, RunTable, RunTestResult } from "./run-records";

/** The most output a run collects per stream; past it the run is stopped (Python) or cut. */
export const OUTPUT_CAP = 10_000;

/** A run is stopped after this long, and its worker replaced. */
export const RUN_TIME_LIMIT_MS = 10_000;

export interface TestSuite {
  entry: string;
  cases: CodeTestCase[];
  unordered: boolean;
  /** "Example" or "Hidden": how each case is named. */
  namePrefix: string;
}

export type WorkerRequest =
  | { type: "run-python"; id: string; code: string; input: string; tests?: TestSuite }
  | { type: "run-sql"; id: string; setup: string; query: string };

export type WorkerReply =
  | { type: "progress"; message: string }
  | {
      type: "result";
      id: string;
      stdout: string;
      stderr: string;
      exit: RunExit;
      ms: number;
      truncated: boolean;
      tests?: RunTestResult[];
      table?: RunTable;
    };

/**
 * Takes the network away from a worker before any user code runs: fetch and its kin are
 * deleted from the global scope and every prototype that carries them.
 */
export function removeNetwork(scope: object): void {
  const names = [
    "fetch",
    "XMLHttpRequest",
    "WebSocket",
    "WebSocketStream",
    "WebTransport",
    "EventSource",
    "importScripts",
    "Worker",
    "SharedWorker",
    "Request",
  ];
  for (let target: object | null = scope; target; target = Object.getPrototypeOf(target)) {
    for (const name of names) {
      if (Object.getOwnPropertyDescriptor(target, name)) {
        try {
          delete (target as Record<string, unknown>)[name];
        } catch {
          Object.defineProperty(target, name, { value: undefined, writable: false });
        }
      }
    }
  }
}

/**
 * Drops the interpreter's own frames from a Python traceback (Pyodide's runner in the
 * standard library zip), keeping the header, the frames of the person's code and the error.
 */
export function tracebackOfUserCode(message: string): string {
  const lines = message.split("\n");
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^ {2}File "/.test(line)) skipping = !/^ {2}File "<(exec|pad)>"/.test(line);
    else if (!/^ {2,}/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return kept.join("\n");
}
