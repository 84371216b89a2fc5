// The layout of a session's one shared Yjs document (the realtime server keeps it in
// pad_documents). Everything the room shares lives here, under these root names, and
// nowhere else: the realtime server refuses updates that touch any other root or put the
// wrong kind of value under one of these (realtime/doc-guard.ts).

export const DOC_ROOTS = {
  /** Y.Text: the code pad. */
  code: "code",
  /** Y.Map<string, string | number | boolean>: shared settings (the pad's language…). */
  meta: "meta",
  /** Y.Map<elementId, element JSON>: the whiteboard (app/modules/board). */
  board: "board",
  /** Y.Array<run record JSON>: every code run, in order (app/modules/runs). */
  runs: "runs",
} as const;

export type DocRoot = (typeof DOC_ROOTS)[keyof typeof DOC_ROOTS];

/** Keys the meta map may hold, and what each one means. */
export const META_KEYS = {
  /** The pad's language (pad-languages.ts). */
  language: "language",
} as const;

/** Meta keys are short words; values are short scalars. */
export const META_LIMITS = { keyLength: 40, stringLength: 200, keys: 32 } as const;
