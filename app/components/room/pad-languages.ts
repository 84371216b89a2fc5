// The code pad's languages. The choice lives in the shared document, so both people
// always see the same highlighting.

export const PAD_LANGUAGES = [
  { id: "python", label: "Python" },
  { id: "scala", label: "Scala" },
  { id: "java", label: "Java" },
  { id: "cpp", label: "C++" },
  { id: "sql", label: "SQL" },
  { id: "text", label: "Plain text" },
] as const;

export type PadLanguage = (typeof PAD_LANGUAGES)[number]["id"];

export function isPadLanguage(value: unknown): value is PadLanguage {
  return PAD_LANGUAGES.some((l) => l.id === value);
}

/** Loaded on demand in the browser: the grammars are only needed inside a room. */
export async function languageExtension(language: PadLanguage) {
  switch (language) {
    case "python":
      return (await import("@codemirror/lang-python")).python();
    case "java":
      return (await import("@codemirror/lang-java")).java();
    case "cpp":
      return (await import("@codemirror/lang-cpp")).cpp();
    case "sql":
      return (await import("@codemirror/lang-sql")).sql();
    case "scala": {
      const [{ StreamLanguage }, { scala }] = await Promise.all([
        import("@codemirror/language"),
        import("@codemirror/legacy-modes/mode/clike"),
      ]);
      return StreamLanguage.define(scala);
    }
    default:
      return [];
  }
}
