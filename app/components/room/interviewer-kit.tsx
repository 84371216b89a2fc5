import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { InterviewerKit } from "~/modules/sessions/room.server";

const SAVE_DELAY_MS = 800;

/** The private kit of the current half's interviewer: never rendered for the candidate. */
/** Said while no question is assigned: being chosen, or the bank has none left. */
const OWN_QUESTION = {
  title: "Your own question",
  prompt: "The bank has no unseen question for this candidate: bring one of your own.",
  followUps: [],
  hints: [],
  goodAnswerL4: "",
  goodAnswerL6: "",
};

export function InterviewerKitPanel({
  kit,
  onPastePrompt,
  readOnly,
  choosing,
}: {
  kit: InterviewerKit;
  onPastePrompt?: (prompt: string) => void;
  readOnly: boolean;
  /** The room is asking the server for this half's question. */
  choosing: boolean;
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
  if (!kit.question && choosing) {
    return (
      <aside className="kit card stack" aria-labelledby="kit-heading" aria-busy="true">
        <p className="eyebrow">Only you can see this</p>
        <h2 id="kit-heading">Interviewer kit</h2>
        <p className="hint" role="status">
          Choosing a question for this half…
        </p>
      </aside>
    );
  }
  const question = kit.question ?? OWN_QUESTION;
  return (
    <aside className="kit card stack" aria-labelledby="kit-heading">
      <div>
        <p className="eyebrow">Only you can see this</p>
        <h2 id="kit-heading">Interviewer kit · {question.title}</h2>
        {kit.targetLevel ? (
          <p className="hint">
            Grade against {kit.targetLevel}
            {kit.levelBar ? `: ${kit.levelBar}` : ""}
          </p>
        ) : null}
      </div>
      <section>
        <h3>Question</h3>
        <p className="kit__prompt">{question.prompt}</p>
        {onPastePrompt && !readOnly && kit.question ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onPastePrompt(question.prompt)}
          >
            Paste the question into the pad
          </button>
        ) : null}
      </section>
      {question.followUps.length > 0 ? (
        <details open>
          <summary>Follow-ups</summary>
          <ul>
            {question.followUps.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {question.hints.length > 0 ? (
        <details>
          <summary>Hints (give sparingly)</summary>
          <ul>
            {question.hints.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {question.goodAnswerL4 ? (
        <details>
          <summary>What good looks like</summary>
          <p>
            <strong>At L4:</strong> {question.goodAnswerL4}
          </p>
          <p>
            <strong>At L6:</strong> {question.goodAnswerL6}
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
