import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import {
  MAX_STORIES_PER_HALF,
  OWN_QUESTION_PROMPT_MAX,
  OWN_QUESTION_TITLE_MAX,
  STORY_PART_LABELS,
  STORY_PART_MAX,
  STORY_PARTS,
  STORY_TITLE_MAX,
} from "~/modules/sessions/kit-limits";
import type { InterviewerKit } from "~/modules/sessions/room.server";

// The parts of the interviewer kit beyond the bank's question: bringing one's own
// question, the bank's offer once it has run out, the probe ladders of a values round,
// story notes (STAR) and the hiring-manager round's flagged areas.

const SAVE_DELAY_MS = 800;

type ActionReply = { error?: string; intent?: string };

function KitError({ reply }: { reply: ActionReply | undefined }) {
  return reply?.error ? (
    <p className="form-error" role="alert">
      {reply.error}
    </p>
  ) : null;
}

/** The bank has nothing this candidate has not met: said plainly, with an explicit choice. */
export function BankRunOut({ runOut }: { runOut: NonNullable<InterviewerKit["runOut"]> }) {
  const fetcher = useFetcher<ActionReply>();
  const offer = runOut.leastRecent;
  return (
    <section className="notice stack" aria-labelledby="run-out-heading" data-testid="bank-run-out">
      <h3 id="run-out-heading">The bank has run out for this candidate</h3>
      <p>
        They have already met every question of this round, as candidate or as interviewer. No
        question is repeated unless you choose it.
      </p>
      {offer ? (
        <fetcher.Form method="post" className="stack">
          <p>
            The one they met longest ago: <strong>{offer.title}</strong> (
            {offer.lastSeenAt.slice(0, 10)}).
          </p>
          <input type="hidden" name="intent" value="ask-again" />
          <input type="hidden" name="questionId" value={offer.id} />
          <div className="form-actions">
            <button
              type="submit"
              className="button button--secondary button--small"
              disabled={fetcher.state !== "idle"}
            >
              Ask it again, by choice
            </button>
          </div>
          <KitError reply={fetcher.data} />
        </fetcher.Form>
      ) : null}
      <p className="hint">Or bring a question of your own below.</p>
    </section>
  );
}

/** Pick one of your saved questions or write a new one: it becomes this half's question. */
export function BringYourOwn({
  saved,
  open,
}: {
  saved: InterviewerKit["ownQuestions"];
  open: boolean;
}) {
  const pick = useFetcher<ActionReply>();
  const write = useFetcher<ActionReply & { asked?: string }>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (write.state === "idle" && write.data?.asked) formRef.current?.reset();
  }, [write.state, write.data]);
  return (
    <details open={open} data-testid="own-question">
      <summary>Bring your own question</summary>
      <p className="hint">Your questions are yours alone: no one else ever sees your list.</p>
      {saved.length > 0 ? (
        <pick.Form method="post" className="stack">
          <input type="hidden" name="intent" value="own-question" />
          <div className="field">
            <label htmlFor="own-question-pick">From your list</label>
            <select id="own-question-pick" name="ownQuestionId">
              {saved.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.title}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="button button--secondary button--small"
              disabled={pick.state !== "idle"}
            >
              Ask this one
            </button>
          </div>
          <KitError reply={pick.data} />
        </pick.Form>
      ) : null}
      <write.Form method="post" className="stack" ref={formRef}>
        <input type="hidden" name="intent" value="own-question" />
        <div className="field">
          <label htmlFor="own-question-title">Title</label>
          <input
            id="own-question-title"
            name="title"
            type="text"
            required
            maxLength={OWN_QUESTION_TITLE_MAX}
          />
        </div>
        <div className="field">
          <label htmlFor="own-question-prompt">What you ask</label>
          <textarea
            id="own-question-prompt"
            name="prompt"
            rows={4}
            required
            maxLength={OWN_QUESTION_PROMPT_MAX}
          />
        </div>
        <div className="field">
          <label htmlFor="own-question-follow-ups">Follow-ups (one per line, optional)</label>
          <textarea id="own-question-follow-ups" name="followUps" rows={3} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--small" disabled={write.state !== "idle"}>
            Save to my list and ask it
          </button>
        </div>
        <KitError reply={write.data} />
      </write.Form>
    </details>
  );
}

/** Per value: the opening question, then the follow-ups that dig into the same story. */
export function ProbeLadders({ rubric }: { rubric: InterviewerKit["rubric"] }) {
  const ladders = rubric.filter((d) => d.probes.length > 0);
  if (ladders.length === 0) return null;
  return (
    <details open data-testid="probe-ladders">
      <summary>Probe ladder per value</summary>
      <p className="hint">
        Open with the first question; climb only as far as the story needs. Ask for what they did
        themselves, and for numbers.
      </p>
      {ladders.map((d) => (
        <details key={d.slug} className="kit__ladder">
          <summary>{d.name}</summary>
          <p>
            <strong>Open:</strong> {d.probes[0]}
          </p>
          <ol className="kit__rungs">
            {d.probes.slice(1).map((probe) => (
              <li key={probe}>{probe}</li>
            ))}
          </ol>
        </details>
      ))}
    </details>
  );
}

type Story = NonNullable<InterviewerKit["stories"]>[number];

/** One story in STAR form, tagged with the value it evidences; saved as it is typed. */
function StoryCard({
  story,
  index,
  values,
  readOnly,
}: {
  story: Story;
  index: number;
  values: { slug: string; name: string }[];
  readOnly: boolean;
}) {
  const save = useFetcher<ActionReply & { saved?: boolean }>();
  const remove = useFetcher();
  const [draft, setDraft] = useState(story);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!dirty) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      save.submit({ intent: "story-save", storyId: story.id, ...draft }, { method: "post" });
      setDirty(false);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [draft, dirty, save, story.id]);
  const set = (name: keyof Story, value: string) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setDirty(true);
  };
  const prefix = `story-${index}`;
  const status = save.data?.error ?? (dirty || save.state !== "idle" ? "Saving…" : "Saved");
  return (
    <fieldset className="kit__story" data-testid="story-note">
      <legend className="kit__story-legend">Story {index + 1}</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${prefix}-title`}>Title</label>
          <input
            id={`${prefix}-title`}
            type="text"
            value={draft.title}
            readOnly={readOnly}
            maxLength={STORY_TITLE_MAX}
            onChange={(e) => set("title", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-value`}>Value it evidences</label>
          <select
            id={`${prefix}-value`}
            value={draft.value}
            disabled={readOnly}
            onChange={(e) => set("value", e.target.value)}
          >
            <option value="">Not tagged yet</option>
            {values.map((v) => (
              <option key={v.slug} value={v.slug}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {STORY_PARTS.map((part) => (
        <div className="field" key={part}>
          <label htmlFor={`${prefix}-${part}`}>{STORY_PART_LABELS[part]}</label>
          <textarea
            id={`${prefix}-${part}`}
            rows={2}
            value={draft[part]}
            readOnly={readOnly}
            maxLength={STORY_PART_MAX}
            onChange={(e) => set(part, e.target.value)}
          />
        </div>
      ))}
      <div className="form-actions">
        <p className="hint" role="status" aria-live="polite">
          {status}
        </p>
        {readOnly ? null : (
          <button
            type="button"
            className="button button--link button--small"
            onClick={() =>
              remove.submit({ intent: "story-delete", storyId: story.id }, { method: "post" })
            }
          >
            Remove this story
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The notes of a round told in stories: STAR per story, each tagged with its value. */
export function StoryNotes({
  stories,
  values,
  readOnly,
}: {
  stories: Story[];
  values: { slug: string; name: string }[];
  readOnly: boolean;
}) {
  const add = useFetcher<ActionReply>();
  return (
    <section className="stack" aria-labelledby="stories-heading">
      <h3 id="stories-heading">Story notes</h3>
      <p className="hint">
        One card per story: situation, task, action, result, and the value it shows. Your scorecard
        can cite a story as the evidence of a score; the candidate then reads it with the scorecard.
      </p>
      {stories.map((story, index) => (
        <StoryCard key={story.id} story={story} index={index} values={values} readOnly={readOnly} />
      ))}
      {readOnly ? null : (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={add.state !== "idle" || stories.length >= MAX_STORIES_PER_HALF}
            onClick={() => add.submit({ intent: "story-add" }, { method: "post" })}
          >
            Add a story
          </button>
          <KitError reply={add.data} />
        </div>
      )}
    </section>
  );
}

/** Hiring manager: areas the candidate's earlier scorecards flagged, when they share them. */
export function FlaggedAreas({ flagged }: { flagged: NonNullable<InterviewerKit["flagged"]> }) {
  return (
    <details open data-testid="flagged-areas">
      <summary>Revisit flagged areas</summary>
      {!flagged.shared ? (
        <p className="hint">
          This candidate has not shared what earlier scorecards flagged. Ask them which area they
          most want to test.
        </p>
      ) : flagged.areas.length === 0 ? (
        <p className="hint">No earlier scorecard of theirs scored an area 2 or below.</p>
      ) : (
        <ul>
          {flagged.areas.map((area) => (
            <li key={area.dimension}>
              <strong>{area.dimension}</strong>: {area.score}/4 in {area.roundName} on{" "}
              {area.scoredAt.slice(0, 10)}. {area.followUp}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** The titles the candidate shared from their story bank, and the values none of them shows. */
export function SharedStories({
  shared,
}: {
  shared: NonNullable<InterviewerKit["sharedStories"]>;
}) {
  return (
    <details open data-testid="shared-stories">
      <summary>Stories the candidate brought</summary>
      {shared.shared.length === 0 ? (
        <p className="hint">
          The candidate shared no story titles. Ask for a story per value as usual.
        </p>
      ) : (
        <ul>
          {shared.shared.map((story) => (
            <li key={story.id}>
              <strong>{story.title}</strong>
              {story.values.length > 0 ? ` · ${story.values.join(", ")}` : null}
            </li>
          ))}
        </ul>
      )}
      {shared.uncovered.length > 0 ? (
        <p data-testid="uncovered-values">
          <strong>No shared story for:</strong> {shared.uncovered.join(", ")}. Probe these with the
          ladders below.
        </p>
      ) : (
        <p className="hint">Every value has a shared story; probe the weakest told ones.</p>
      )}
    </details>
  );
}
