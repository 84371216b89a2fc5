import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { fitRecord, type RunRecord } from "~/modules/runs/run-records";
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

/** Appends a run to the shared document, trimmed to the limits the server enforces. */
export function shareRun(doc: Y.Doc, record: RunRecord): void {
  doc.getArray<RunRecord>(DOC_ROOTS.runs).push([fitRecord(record)]);
}

export function newRunId(): string {
  return crypto.randomUUID();
}
