import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { PublicExercise } from "~/modules/runs/exercise-views";
import { RUN_LIMITS, type RunRecord } from "~/modules/runs/run-records";
import { DOC_ROOTS, META_KEYS } from "~/modules/sessions/shared-doc";
import { CodeRunner, type RunResult as WorkerResult } from "./code-runner";
import { isPadLanguage, PAD_LANGUAGES, type PadLanguage } from "./pad-languages";
import { RunResult } from "./run-results";
import { newRunId, RUNS_FULL_MESSAGE, shareRun, useSharedRuns } from "./use-runs";

const RUNNABLE = new Set<PadLanguage>(["python", "sql"]);

/**
 * Under the pad: runs the pad's Python or SQL in a worker and shares every run through the
 * session's document, so both people see who ran what and what came out.
 */
export function RunPanel({
  doc,
  me,
  exercise,
  defaultLanguage,
  readOnly,
}: {
  doc: Y.Doc;
  me: { id: string; name: string };
  exercise: PublicExercise | null;
  defaultLanguage: PadLanguage;
  readOnly: boolean;
}) {
  const runs = useSharedRuns(doc);
  const full = runs.length >= RUN_LIMITS.perSession;
  const [language, setLanguage] = useState<PadLanguage>(defaultLanguage);
  const [input, setInput] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [onlyMine, setOnlyMine] = useState(false);
  const runners = useRef<Partial<Record<"python" | "sql", CodeRunner>>>({});

  useEffect(() => {
    const meta = doc.getMap(DOC_ROOTS.meta);
    const read = () => {
      const chosen = meta.get(META_KEYS.language);
      setLanguage(isPadLanguage(chosen) ? chosen : defaultLanguage);
    };
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [doc, defaultLanguage]);

  useEffect(() => {
    const current = runners.current;
    return () => {
      current.python?.dispose();
      current.sql?.dispose();
    };
  }, []);

  const run = useCallback(
    async (kind: "code" | "examples") => {
      if (busy || readOnly || !RUNNABLE.has(language)) return;
      const lang = language as "python" | "sql";
      const code = doc.getText(DOC_ROOTS.code).toString();
      const id = newRunId();
      const runnerFor = (which: "python" | "sql") => {
        runners.current[which] ??= new CodeRunner(which, setProgress);
        return runners.current[which];
      };
      setBusy(true);
      let result: WorkerResult;
      try {
        if (lang === "sql") {
          result = await runnerFor("sql").run({
            type: "run-sql",
            id,
            setup: exercise?.language === "sql" ? exercise.setup : "",
            query: code,
          });
        } else {
          const tests =
            kind === "examples" && exercise?.language === "python"
              ? {
                  entry: exercise.entry,
                  cases: exercise.examples,
                  unordered: exercise.unordered,
                  namePrefix: "Example",
                }
              : undefined;
          result = await runnerFor("python").run({ type: "run-python", id, code, input, tests });
        }
      } finally {
        setBusy(false);
      }
      const record: RunRecord = {
        id,
        by: me.id,
        byName: me.name,
        kind,
        language: lang,
        code,
        input: lang === "python" && kind === "code" ? input : "",
        stdout: result.stdout,
        stderr: result.stderr,
        exit: result.exit,
        ms: result.ms,
        at: Date.now(),
        truncated: result.truncated,
        ...(result.tests ? { tests: result.tests } : {}),
        ...(result.table ? { table: result.table } : {}),
      };
      shareRun(doc, record);
    },
    [busy, readOnly, language, doc, exercise, input, me.id, me.name],
  );

  // Ctrl+Enter (Cmd+Enter on a Mac) runs from the pad or the panel.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      const target = event.target as HTMLElement | null;
      if (!target?.closest(".pad, .run-panel")) return;
      event.preventDefault();
      void run("code");
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [run]);

  const label = PAD_LANGUAGES.find((l) => l.id === language)?.label ?? language;
  const shown = (onlyMine ? runs.filter((r) => r.by === me.id) : runs).slice().reverse();

  return (
    <section className="card run-panel stack" aria-labelledby="run-heading">
      <header className="run-panel__bar">
        <h2 id="run-heading">Run</h2>
        {RUNNABLE.has(language) ? (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => void run("code")}
              disabled={busy || readOnly || full}
            >
              {busy ? "Running…" : `Run ${label}`}
            </button>
            {language === "python" && exercise?.language === "python" ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => void run("examples")}
                disabled={busy || readOnly || full}
              >
                Run examples
              </button>
            ) : null}
            <span className="hint">Ctrl/Cmd + Enter</span>
          </>
        ) : (
          <p className="hint" data-testid="cannot-run">
            {language === "text"
              ? "Plain text does not run."
              : `${label} cannot run in the browser: only Python and SQL do. Keep writing; talk it through.`}
          </p>
        )}
        {full && !readOnly ? (
          <p className="hint" role="status" data-testid="runs-full">
            {RUNS_FULL_MESSAGE}
          </p>
        ) : null}
        {progress && busy ? (
          <span role="status" className="hint" data-testid="run-progress">
            {progress}
          </span>
        ) : null}
      </header>
      {language === "python" ? (
        <label className="run-panel__input">
          Input (stdin)
          <textarea
            rows={2}
            value={input}
            maxLength={2000}
            onChange={(e) => setInput(e.target.value)}
          />
        </label>
      ) : null}
      {language === "sql" && exercise?.language === "sql" ? (
        <details>
          <summary>The question's tables</summary>
          <pre>{exercise.setup}</pre>
        </details>
      ) : null}
      {runs.length > 0 ? (
        <div className="run-panel__history">
          <fieldset className="run-panel__filter">
            <legend className="visually-hidden">Show</legend>
            <label>
              <input type="radio" checked={!onlyMine} onChange={() => setOnlyMine(false)} /> All
              runs
            </label>
            <label>
              <input type="radio" checked={onlyMine} onChange={() => setOnlyMine(true)} /> Mine
            </label>
          </fieldset>
          <div className="stack" aria-live="polite">
            {shown.map((r) => (
              <RunResult key={r.id} run={r} mine={r.by === me.id} />
            ))}
          </div>
        </div>
      ) : (
        <p className="hint">Runs appear here for both of you.</p>
      )}
    </section>
  );
}
