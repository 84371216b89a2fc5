// A code run as the room shares it: one JSON value appended to the shared document's
// `runs` array (shared-doc.ts), so both people see who ran what and what came out.
// Checked by the realtime server before it applies an update (realtime/doc-guard.ts).

/** One run as stored in the shared document. */
export interface RunRecord {
  /** Unique within the session (the browser makes it). */
  id: string;
  /** The user who ran it: the server refuses a record whose `by` is not the sender. */
  by: string;
}

/**
 * Null when `value` is a run record that `senderId` may append, else the reason.
 * Pure; called by the realtime server for every value added to `runs`.
 */
export function runRecordProblem(value: unknown, senderId: string): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "a run record is an object";
  }
  const record = value as Partial<RunRecord>;
  if (typeof record.id !== "string" || record.id.length === 0 || record.id.length > 64) {
    return "a run record needs an id";
  }
  if (record.by !== senderId) return "a run record must be the sender's own";
  return null;
}
