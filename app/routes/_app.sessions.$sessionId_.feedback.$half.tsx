import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { FormError, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import {
  type FeedbackForm,
  getFeedbackForm,
  parseHalf,
  saveFeedbackDraft,
  submitFeedback,
} from "~/modules/feedback/feedback.server";
import {
  draftFieldNames,
  OVERALL_CALL_LABELS,
  parseDraft,
  RATING_ASPECTS,
  type RatingInput,
  ratingSchema,
  type ScorecardInput,
  scorecardSchema,
} from "~/modules/feedback/forms";
import { notifyRevealed } from "~/modules/feedback/notifications.server";
import { requireUser } from "~/modules/identity/auth.server";
import { formatDateTime, formatTime } from "~/utils/datetime";
import { parseUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Write feedback · Peerloop" }];

const NOT_FOUND = () => new Response("Not found", { status: 404 });

async function requireForm(params: LoaderFunctionArgs["params"], userId: string) {
  const half = parseHalf(params.half);
  const sessionId = parseUuid(params.sessionId);
  const form = half && sessionId ? await getFeedbackForm(sessionId, half, userId) : null;
  if (!form) throw NOT_FOUND();
  return form;
}

function schemaFor(form: Pick<FeedbackForm, "kind" | "round" | "practiseRounds">) {
  return form.kind === "scorecard"
    ? scorecardSchema(
        form.round,
        form.practiseRounds.map((r) => r.slug),
      )
    : ratingSchema;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await requireForm(params, user.id);
  return { form, timeZone: user.timeZone };
}

const STATE_MESSAGES = {
  not_yet: "This half is not over yet: write the feedback once it has ended.",
  closed: "The time to write this feedback has passed.",
  not_held: "This session did not take place, so there is no feedback to write.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await requireForm(params, user.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "draft") {
    const draft = parseDraft(formData.entries(), draftFieldNames(form.kind, form.round));
    if (!draft.ok) {
      return data({ draft: "invalid" as const, savedAt: null }, { status: 400 });
    }
    const saved = await saveFeedbackDraft(form.session.id, form.half, user.id, draft.values);
    if (saved === "not_found") throw NOT_FOUND();
    if (saved !== "saved") return data({ draft: saved, savedAt: null }, { status: 409 });
    return { draft: saved, savedAt: new Date().toISOString() };
  }

  const submission = parseForm(formData, schemaFor(form));
  if (submission.status !== "success") {
    return data({ result: submission.reply(), error: null }, { status: 400 });
  }
  const result = await submitFeedback(
    form.session.id,
    form.half,
    user.id,
    form.kind === "scorecard"
      ? {
          kind: "scorecard",
          value: submission.value as ScorecardInput,
        }
      : { kind: "rating", value: submission.value as RatingInput },
  );
  if (!result.ok) {
    if (result.error === "not_found") throw NOT_FOUND();
    return data(
      { result: submission.reply(), error: STATE_MESSAGES[result.error] },
      { status: 409 },
    );
  }
  // Also after a late submit into an already revealed session: that piece is readable now.
  // notifyRevealed skips unrevealed sessions and writes each email once.
  await notifyRevealed([form.session.id]);
  throw redirect(`/feedback/${result.feedbackId}?submitted=1`);
}

/** Saves the form as a draft a moment after the last keystroke. */
function useAutosave(formRef: React.RefObject<HTMLFormElement>, enabled: boolean) {
  const fetcher = useFetcher<typeof action>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const save = useCallback(() => {
    const element = formRef.current;
    if (!element || !enabled) return;
    const body = new FormData(element);
    body.set("intent", "draft");
    fetcher.submit(body, { method: "post" });
  }, [fetcher, formRef, enabled]);
  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(save, 800);
  }, [save]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const result = fetcher.data && "draft" in fetcher.data ? fetcher.data : null;
  return { schedule, state: fetcher.state, result };
}

export default function WriteFeedback() {
  const { form: page, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(() => schemaFor(page), [page]);
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form] = useForm({
    id: `feedback-${page.session.id}-${page.half}`,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const open = page.state === "open" && !page.submitted;
  const autosave = useAutosave(formRef, open);
  const draft = (page.draft?.values ?? {}) as Record<string, string>;
  const errorsOf = (name: string) => form.allErrors[name];
  const structureErrors = [...(errorsOf("score") ?? []), ...(errorsOf("evidence") ?? [])];
  const isScorecard = page.kind === "scorecard";
  const heading = isScorecard
    ? `Scorecard for ${page.peerName}`
    : `Rate ${page.peerName} as your interviewer`;

  return (
    <div className="stack">
      <div className="page-header">
        <p className="eyebrow">
          <Link to={`/sessions/${page.session.id}`}>
            {page.round.name} · {formatDateTime(new Date(page.session.startsAt), timeZone)}
            {page.session.format === "swap" ? ` · half ${page.half}` : ""}
          </Link>
        </p>
        <h1>{heading}</h1>
        <p className="hint">
          {page.peerName} sees this once you have both submitted, or at the latest on{" "}
          {formatDateTime(new Date(page.revealBy), timeZone)}. Until then neither of you can read
          the other's.
        </p>
      </div>

      {page.submitted ? (
        <div className="notice" role="status">
          You submitted this on {formatDateTime(new Date(page.submitted.submittedAt), timeZone)}.{" "}
          <Link to={`/feedback/${page.submitted.id}`}>Read what you wrote</Link>
        </div>
      ) : page.state !== "open" ? (
        <div className="notice" role="status">
          {STATE_MESSAGES[page.state]}
        </div>
      ) : (
        <Form
          method="post"
          className="form feedback-form"
          ref={formRef}
          {...getFormProps(form)}
          onChange={autosave.schedule}
        >
          <FormError
            errors={[
              ...(actionData && "error" in actionData && actionData.error
                ? [actionData.error]
                : []),
              ...(form.errors ?? []),
              ...structureErrors,
            ]}
          />
          {page.question ? (
            <section className="card">
              <h2>Question</h2>
              <p>
                <strong>{page.question.title}</strong>
              </p>
            </section>
          ) : null}
          {isScorecard ? (
            <ScorecardFields page={page} draft={draft} errorsOf={errorsOf} />
          ) : (
            <RatingFields draft={draft} errorsOf={errorsOf} />
          )}
          <div className="form-actions">
            <SubmitButton name="intent" value="submit" pendingLabel="Submitting…">
              Submit feedback
            </SubmitButton>
            <DraftStatus
              state={autosave.state}
              result={autosave.result}
              lastSaved={page.draft?.updatedAt ?? null}
              timeZone={timeZone}
            />
          </div>
        </Form>
      )}
    </div>
  );
}

function DraftStatus({
  state,
  result,
  lastSaved,
  timeZone,
}: {
  state: "idle" | "submitting" | "loading";
  result: { draft: string; savedAt: string | null } | null;
  lastSaved: string | Date | null;
  timeZone: string;
}) {
  let text: string;
  if (state !== "idle") text = "Saving draft…";
  else if (result?.draft === "saved" && result.savedAt)
    text = `Draft saved at ${formatTime(new Date(result.savedAt), timeZone)}`;
  else if (result && result.draft !== "saved")
    text = "The draft could not be saved. Your text is still here: submit or try again.";
  else if (lastSaved) text = `Draft restored from ${formatDateTime(new Date(lastSaved), timeZone)}`;
  else text = "Drafts save automatically as you type.";
  return (
    <p className="hint" aria-live="polite" data-testid="draft-status">
      {text}
    </p>
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((e) => (
        <p key={e} className="error-text">
          {e}
        </p>
      ))}
    </div>
  );
}

type ErrorsOf = (name: string) => string[] | undefined;

function ScorecardFields({
  page,
  draft,
  errorsOf,
}: {
  page: FeedbackForm;
  draft: Record<string, string>;
  errorsOf: ErrorsOf;
}) {
  return (
    <>
      {page.targetLevel ? (
        <section className="card">
          <h2>The bar at {page.targetLevel.code}</h2>
          <p>{page.targetLevel.bar ?? "Grade against the candidate's target level."}</p>
        </section>
      ) : null}
      {page.round.dimensions.map((d) => {
        const scoreName = `score.${d.slug}`;
        const evidenceName = `evidence.${d.slug}`;
        const scoreErrors = errorsOf(scoreName);
        const evidenceErrors = errorsOf(evidenceName);
        return (
          <fieldset
            key={d.slug}
            className="dimension"
            aria-invalid={scoreErrors ? true : undefined}
            aria-describedby={scoreErrors ? `${scoreName}-error` : undefined}
          >
            <legend>{d.name}</legend>
            <p className="hint">{d.description}</p>
            <div className="score-scale">
              {d.anchors.map((anchor, i) => (
                <label key={anchor} className="score-option">
                  <input
                    type="radio"
                    name={scoreName}
                    value={String(i + 1)}
                    defaultChecked={draft[scoreName] === String(i + 1)}
                  />
                  <span className="score-number">{i + 1}</span>
                  <span className="score-anchor">{anchor}</span>
                </label>
              ))}
            </div>
            <FieldErrors id={`${scoreName}-error`} errors={scoreErrors} />
            <label htmlFor={`f-${evidenceName}`}>Evidence</label>
            <textarea
              id={`f-${evidenceName}`}
              name={evidenceName}
              rows={3}
              maxLength={4000}
              defaultValue={draft[evidenceName] ?? ""}
              placeholder="What did they say or do that earns this score?"
              aria-invalid={evidenceErrors ? true : undefined}
              aria-describedby={evidenceErrors ? `${evidenceName}-error` : undefined}
            />
            <FieldErrors id={`${evidenceName}-error`} errors={evidenceErrors} />
          </fieldset>
        );
      })}
      <fieldset className="dimension" aria-invalid={errorsOf("overall") ? true : undefined}>
        <legend>Overall call at {page.targetLevel?.code ?? "the target level"}</legend>
        <div className="score-scale score-scale--calls">
          {Object.entries(OVERALL_CALL_LABELS).map(([value, label]) => (
            <label key={value} className="score-option">
              <input
                type="radio"
                name="overall"
                value={value}
                defaultChecked={draft.overall === value}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="overall-error" errors={errorsOf("overall")} />
      </fieldset>
      <TextArea
        name="strengths"
        label="Strengths"
        hint="What to keep doing."
        draft={draft}
        errors={errorsOf("strengths")}
      />
      <TextArea
        name="improvements"
        label="What to improve"
        hint="The one or two changes that would move the call up."
        draft={draft}
        errors={errorsOf("improvements")}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor="f-practiseRound">Practise next</label>
          <select
            id="f-practiseRound"
            name="practiseRound"
            defaultValue={draft.practiseRound ?? page.round.slug}
            aria-invalid={errorsOf("practiseRound") ? true : undefined}
          >
            {page.practiseRounds.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
          </select>
          <FieldErrors id="practiseRound-error" errors={errorsOf("practiseRound")} />
        </div>
        <div className="field">
          <label htmlFor="f-practiseTopic">Topic (optional)</label>
          <input
            id="f-practiseTopic"
            name="practiseTopic"
            maxLength={120}
            defaultValue={draft.practiseTopic ?? ""}
            placeholder="e.g. skew handling, STAR structure"
            aria-invalid={errorsOf("practiseTopic") ? true : undefined}
          />
          <FieldErrors id="practiseTopic-error" errors={errorsOf("practiseTopic")} />
        </div>
      </div>
    </>
  );
}

function TextArea({
  name,
  label,
  hint,
  draft,
  errors,
}: {
  name: string;
  label: string;
  hint: string;
  draft: Record<string, string>;
  errors?: string[];
}) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <p className="hint">{hint}</p>
      <textarea
        id={`f-${name}`}
        name={name}
        rows={4}
        maxLength={4000}
        defaultValue={draft[name] ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${name}-error` : undefined}
      />
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  );
}

function RatingFields({ draft, errorsOf }: { draft: Record<string, string>; errorsOf: ErrorsOf }) {
  return (
    <>
      {RATING_ASPECTS.map((aspect) => (
        <fieldset
          key={aspect.name}
          className="dimension"
          aria-invalid={errorsOf(aspect.name) ? true : undefined}
        >
          <legend>{aspect.label}</legend>
          <p className="hint">{aspect.hint}</p>
          <div className="score-scale score-scale--five">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="score-option">
                <input
                  type="radio"
                  name={aspect.name}
                  value={String(n)}
                  defaultChecked={draft[aspect.name] === String(n)}
                />
                <span className="score-number">{n}</span>
              </label>
            ))}
          </div>
          <FieldErrors id={`${aspect.name}-error`} errors={errorsOf(aspect.name)} />
        </fieldset>
      ))}
      <fieldset
        className="dimension"
        aria-invalid={errorsOf("wouldPractiseAgain") ? true : undefined}
      >
        <legend>Would you practise with them again?</legend>
        <div className="score-scale">
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="score-option">
              <input
                type="radio"
                name="wouldPractiseAgain"
                value={v}
                defaultChecked={draft.wouldPractiseAgain === v}
              />
              <span>{v === "yes" ? "Yes" : "No"}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="wouldPractiseAgain-error" errors={errorsOf("wouldPractiseAgain")} />
      </fieldset>
      <TextArea
        name="comment"
        label="Anything else (optional)"
        hint="What made the session useful, or what would have."
        draft={draft}
        errors={errorsOf("comment")}
      />
    </>
  );
}
