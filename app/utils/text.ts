// One-line text (names, titles, topics) is written into places where a line break has
// meaning: email subjects and headers, calendar properties, plain-text emails. A CR/LF
// there forges lines, so such text must not carry control characters at all.

// C0 controls (tab, CR, LF…), DEL, C1 controls (NEL…), and the Unicode line and
// paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export const ONE_LINE_MESSAGE = "Keep it to one line, without line breaks or control characters.";

/** True when the text holds no line break and no other control character. */
export function isOneLine(value: string): boolean {
  return !new RegExp(CONTROL_CHARACTERS.source).test(value);
}

/** The text with every control character and line break replaced by a space. */
export function toOneLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, " ");
}
