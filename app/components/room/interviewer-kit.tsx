import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { InterviewerKit } from "~/modules/sessions/room.server";
import {
  BankRunOut,
  BringYourOwn,
  FlaggedAreas,
  ProbeLadders,
  SharedStories,
  StoryNotes,
} from "./kit-sections";

const SAVE_DELAY_MS = 800;

/** Said while no question is assigned and the bank has not run out (e.g. before the start). */
const NO_QUESTION_YET = {
  title: "No question yet",
  prompt: "The half's question is chosen once the room opens. You can bring your own below.",
  followUps: [],
  hints: [],
  goodAnswerL4: "",
  goodAnswerL6: "",
  source: "bank" as const,
  repeat: false,
};

/** The private kit of the current half's interviewer: never rendered for the candidate. */
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
  const question =
    kit.question ??
    (kit.runOut
      ? {
          ...NO_QUESTION_YET,
          prompt: "None yet: ask the offered question again, or bring your own below.",
        }
      : NO_QUESTION_YET);
  const values = kit.rubric.map((d) => ({ slug: d.slug, name: d.name }));
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
      {!kit.question && kit.runOut ? <BankRunOut runOut={kit.runOut} /> : null}
      <section>
        <h3>
          Question {kit.question?.source === "own" ? <span className="pill">your own</span> : null}
          {kit.question?.repeat ? <span className="pill">asked again, by your choice</span> : null}
        </h3>
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
            <strong>Mid-level:</strong> {question.goodAnswerL4}
          </p>
          <p>
            <strong>Staff level:</strong> {question.goodAnswerL6}
          </p>
        </details>
      ) : null}
      {kit.writable ? (
        <BringYourOwn saved={kit.ownQuestions} open={!kit.question && kit.runOut !== null} />
      ) : null}
      {kit.flagged ? <FlaggedAreas flagged={kit.flagged} /> : null}
      {kit.sharedStories ? <SharedStories shared={kit.sharedStories} /> : null}
      <ProbeLadders rubric={kit.rubric} />
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
      {kit.stories ? (
        <StoryNotes stories={kit.stories} values={values} readOnly={readOnly || !kit.writable} />
      ) : null}
      <section>
        <label htmlFor="kit-notes" className="label">
          {kit.stories ? "Other private notes" : "Private notes"}
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
