import type { RunRecord } from "~/modules/runs/run-records";

const EXIT_LABELS: Record<RunRecord["exit"], string> = {
  ok: "finished",
  error: "failed",
  timeout: "stopped at the time limit",
};

const KIND_LABELS: Record<RunRecord["kind"], string> = {
  code: "ran the pad",
  examples: "ran the examples",
  hidden: "revealed the hidden tests",
};

/** One run as both people see it: who, what, and what came out. */
export function RunResult({ run, mine }: { run: RunRecord; mine: boolean }) {
  const passed = run.tests?.filter((t) => t.pass).length ?? 0;
  return (
    <article className={`run run--${run.exit}`} data-testid="run-result" data-exit={run.exit}>
      <header className="run__head">
        <strong>{mine ? "You" : run.byName}</strong> {KIND_LABELS[run.kind]} (
        {run.language === "sql" ? "SQL" : "Python"}){" · "}
        <span className="run__exit">{EXIT_LABELS[run.exit]}</span>
        {" · "}
        {Math.round(run.ms)} ms{" · "}
        {new Date(run.at).toLocaleTimeString()}
      </header>
      <details className="run__code">
        <summary>Code{run.input ? " and input" : ""}</summary>
        <pre>{run.code}</pre>
        {run.input ? <pre title="Input">{run.input}</pre> : null}
      </details>
      {run.tests ? (
        <div>
          <p>
            {passed} of {run.tests.length} passed
          </p>
          <table className="run__tests">
            <thead>
              <tr>
                <th>Test</th>
                <th>Arguments</th>
                <th>Expected</th>
                <th>Got</th>
              </tr>
            </thead>
            <tbody>
              {run.tests.map((t) => (
                <tr key={t.name} className={t.pass ? "run__pass" : "run__fail"}>
                  <td>
                    {t.pass ? "✓" : "✗"} {t.name}
                  </td>
                  <td>
                    <code>{t.args}</code>
                  </td>
                  <td>
                    <code>{t.expected}</code>
                  </td>
                  <td>
                    <code>{t.got}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {run.table ? (
        <div className="run__table-wrap">
          <table className="run__table" data-testid="run-table">
            <thead>
              <tr>
                {run.table.columns.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns may share a name
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {run.table.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity
                    <td key={c}>{cell ?? <em>null</em>}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {run.table.rowCount > run.table.rows.length ? (
            <p className="hint">
              {run.table.rowCount} rows; the first {run.table.rows.length} are shown.
            </p>
          ) : null}
        </div>
      ) : null}
      {run.stdout ? (
        <pre className="run__stdout" data-testid="run-stdout">
          {run.stdout}
        </pre>
      ) : null}
      {run.stderr ? (
        <pre className="run__stderr" data-testid="run-stderr">
          {run.stderr}
        </pre>
      ) : null}
      {run.truncated ? <p className="hint">The output was cut at its limit.</p> : null}
    </article>
  );
}
