import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { PythonExercise } from "#db/catalog/question-types";
import type { RunRecord } from "~/modules/runs/run-records";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import { CodeRunner } from "./code-runner";
import { RunResult } from "./run-results";
import { newRunId, shareRun } from "./use-runs";

/**
 * In the interviewer's kit: runs the hidden tests on the pad's code where only the
 * interviewer sees the result, and shares it with the candidate on Reveal.
 */
export function KitTests({
  doc,
  me,
  exercise,
}: {
  doc: Y.Doc;
  me: { id: string; name: string };
  exercise: PythonExercise;
}) {
  const [result, setResult] = useState<RunRecord | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const runner = useRef<CodeRunner | null>(null);
  useEffect(() => () => runner.current?.dispose(), []);

  async function runHidden() {
    runner.current ??= new CodeRunner("python", setProgress);
    const code = doc.getText(DOC_ROOTS.code).toString();
    const id = newRunId();
    setBusy(true);
    try {
      const out = await runner.current.run({
        type: "run-python",
        id,
        code,
        input: "",
        tests: {
          entry: exercise.entry,
          cases: exercise.hidden,
          unordered: exercise.unordered === true,
          namePrefix: "Hidden",
        },
      });
      setRevealed(false);
      setResult({
        id,
        by: me.id,
        byName: me.name,
        kind: "hidden",
        language: "python",
        code,
        input: "",
        stdout: out.stdout,
        stderr: out.stderr,
        exit: out.exit,
        ms: out.ms,
        at: Date.now(),
        truncated: out.truncated,
        ...(out.tests ? { tests: out.tests } : {}),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="kit-tests stack" aria-labelledby="kit-tests-heading">
      <h3 id="kit-tests-heading">Hidden tests ({exercise.hidden.length})</h3>
      <p className="hint">Only you see these results until you reveal them.</p>
      <div className="row">
        <button
          type="button"
          className="button button--small"
          onClick={() => void runHidden()}
          disabled={busy}
        >
          {busy ? "Running…" : "Run hidden tests"}
        </button>
        {result && !revealed ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              shareRun(doc, result);
              setRevealed(true);
            }}
          >
            Reveal to the candidate
          </button>
        ) : null}
        {busy && progress ? <span className="hint">{progress}</span> : null}
      </div>
      {result ? <RunResult run={result} mine /> : null}
      {revealed ? <p className="hint">Revealed: the candidate sees this run.</p> : null}
    </section>
  );
}
