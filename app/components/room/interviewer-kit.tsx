import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { InterviewerKit } from "~/modules/sessions/room.server";

const SAVE_DELAY_MS = 800;

/** The private kit of the current half's interviewer: never rendered for the candidate. */
export function InterviewerKitPanel({
  kit,
  onPastePrompt,
  readOnly,
}: {
  kit: InterviewerKit;
  onPastePrompt?: (prompt: string) => void;
  readOnly: boolean;
}) {
  const fetcher = useFetcher<{ saved?: boolean; error?: string }>();
  const [notes, setNotes] = useState(kit.notes);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!dirty) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.submit({ intent: "notes", body: notes }, { method: "post" });
      setDirty(false);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [notes, dirty, fetcher]);

  const saving = fetcher.state !== "idle" || dirty;
  return (
    <aside className="kit card stack" aria-labelledby="kit-heading">
      <div>
        <p className="eyebrow">Only you can see this</p>
        <h2 id="kit-heading">Interviewer kit · {kit.question.title}</h2>
        {kit.targetLevel ? (
          <p className="hint">
            Grade against {kit.targetLevel}
            {kit.levelBar ? `: ${kit.levelBar}` : ""}
          </p>
        ) : null}
      </div>
      <section>
        <h3>Question</h3>
        <p className="kit__prompt">{kit.question.prompt}</p>
        {onPastePrompt && !readOnly ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onPastePrompt(kit.question.prompt)}
          >
            Paste the question into the pad
          </button>
        ) : null}
      </section>
      {kit.question.followUps.length > 0 ? (
        <details open>
          <summary>Follow-ups</summary>
          <ul>
            {kit.question.followUps.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {kit.question.hints.length > 0 ? (
        <details>
          <summary>Hints (give sparingly)</summary>
          <ul>
            {kit.question.hints.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {kit.question.goodAnswerL4 ? (
        <details>
          <summary>What good looks like</summary>
          <p>
            <strong>At L4:</strong> {kit.question.goodAnswerL4}
          </p>
          <p>
            <strong>At L6:</strong> {kit.question.goodAnswerL6}
          </p>
        </details>
      ) : null}
      <details>
        <summary>Rubric</summary>
        <dl className="kit__rubric">
          {kit.rubric.map((d) => (
            <div key={d.name}>
              <dt>{d.name}</dt>
              <dd>
                {d.description}
                <ol>
                  {d.anchors.map((a, i) => (
                    <li key={a} value={i + 1}>
                      {a}
                    </li>
                  ))}
                </ol>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <section>
        <label htmlFor="kit-notes" className="label">
          Private notes
        </label>
        <textarea
          id="kit-notes"
          rows={8}
          value={notes}
          readOnly={readOnly}
          maxLength={20000}
          onChange={(e) => {
            setNotes(e.target.value);
            setDirty(true);
          }}
        />
        <p className="hint" role="status" aria-live="polite">
          {fetcher.data?.error ?? (saving ? "Saving…" : "Saved")}
        </p>
      </section>
    </aside>
  );
}
