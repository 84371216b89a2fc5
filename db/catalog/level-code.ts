// What a level code looks like, shared by the loop data check (schema-parts.ts) and the
// forms that take a level (booking, progress). Pure, with no imports, so that a page's
// bundle can use it.

/**
 * A level code: a capital letter, then up to five capitals or digits ("L5", "E4", "IC3",
 * "SWE2"). Each loop names its own ladder; no code may assume a particular scheme.
 */
export const LEVEL_CODE = /^[A-Z][A-Z0-9]{0,5}$/;
