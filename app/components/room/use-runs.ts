import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { fitRecord, RUN_LIMITS, type RunRecord } from "~/modules/runs/run-records";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";

/** The session's shared runs, newest last, kept in step with the document. */
export function useSharedRuns(doc: Y.Doc): RunRecord[] {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  useEffect(() => {
    const array = doc.getArray<RunRecord>(DOC_ROOTS.runs);
    const read = () => setRuns(array.toArray());
    read();
    array.observe(read);
    return () => array.unobserve(read);
  }, [doc]);
  return runs;
}

/** What the room says once a session holds as many runs as it keeps. */
export const RUNS_FULL_MESSAGE = `This session has kept ${RUN_LIMITS.perSession} runs, the most it holds: new runs are no longer shared.`;

/** Whether the session's document can take another run (the server refuses past it). */
export function canShareRun(doc: Y.Doc): boolean {
  return doc.getArray(DOC_ROOTS.runs).length < RUN_LIMITS.perSession;
}

/**
 * Appends a run to the shared document, trimmed to the limits the server enforces.
 * False, and nothing written, once the session holds as many runs as it keeps.
 */
export function shareRun(doc: Y.Doc, record: RunRecord): boolean {
  if (!canShareRun(doc)) return false;
  doc.getArray<RunRecord>(DOC_ROOTS.runs).push([fitRecord(record)]);
  return true;
}

export function newRunId(): string {
  return crypto.randomUUID();
}
