import { type FieldMetadata, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { NotFoundBoundary } from "~/components/error-boundary";
import { Field, type FieldMeta, FormError, RadioGroup, SubmitButton } from "~/components/forms";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import { otherPieceOfHalf } from "~/modules/feedback/duties";
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
import { formatMoment, momentFromQuery } from "~/modules/feedback/moments";
import { requireUser } from "~/modules/identity/auth.server";
import { statusLagsClock } from "~/modules/sessions/roles";
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

function schemaFor(
  form: Pick<
    FeedbackForm,
    "kind" | "round" | "practiseRounds" | "stories" | "session" | "bankStories"
  >,
) {
  return form.kind === "scorecard"
    ? scorecardSchema(
        form.round,
        form.practiseRounds.map((r) => r.slug),
        form.stories.map((s) => s.id),
        new Date(form.session.endsAt).getTime() - new Date(form.session.startsAt).getTime(),
        {
          ids: form.bankStories.shared.map((s) => s.id),
          valueSlugs: form.bankStories.valueSlugs,
        },
      )
    : ratingSchema;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await requireForm(params, user.id);
  const now = new Date();
  // The session's time is up but nothing has settled it yet (no room page open, the job
  // not yet run): the page asks the room to settle it, and the form then opens at once.
  const settleDue =
    form.state === "not_yet" && now >= form.session.endsAt && statusLagsClock(form.session, now);
  // ?pin= comes from the replay's "pin it in your scorecard": the moment to pin, in
  // seconds from the start; anything else is ignored.
  const pin =
    form.kind === "scorecard"
      ? momentFromQuery(
          new URL(request.url).searchParams.get("pin"),
          new Date(form.session.endsAt).getTime() - new Date(form.session.startsAt).getTime(),
        )
      : null;
  return { form, timeZone: user.timeZone, settleDue, pin };
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
  // The reveal and its emails were decided in the submit's transaction.
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

/** Asks the room to settle a session whose time is up (loaders don't write). */
function useSettleEndedSession(sessionId: string, due: boolean) {
  const fetcher = useFetcher();
  const asked = useRef(false);
  useEffect(() => {
    if (!due || asked.current) return;
    asked.current = true;
    fetcher.submit({ intent: "sync" }, { method: "post", action: `/sessions/${sessionId}` });
  }, [due, sessionId, fetcher]);
  return due;
}

export default function WriteFeedback() {
  const { form: page, timeZone, settleDue, pin } = useLoaderData<typeof loader>();
  const settling = useSettleEndedSession(page.session.id, settleDue);
  const actionData = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(() => schemaFor(page), [page]);
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: `feedback-${page.session.id}-${page.half}`,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const open = page.state === "open" && !page.submitted;
  const autosave = useAutosave(formRef, open);
  const draft = (page.draft?.values ?? {}) as Record<string, string>;
  // Errors on the score/evidence groups as a whole (an unknown dimension) have no field.
  const structureErrors = [...(form.allErrors.score ?? []), ...(form.allErrors.evidence ?? [])];
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
          {page.peerName} sees this once{" "}
          {otherPieceOfHalf(page.kind, page.half, page.session.format === "swap", page.peerName)} is
          in too, or at the latest on {formatDateTime(new Date(page.revealBy), timeZone)}. Until
          then neither of you can read the other's.
        </p>
      </div>

      {page.submitted ? (
        <div className="notice" role="status">
          You submitted this on {formatDateTime(new Date(page.submitted.submittedAt), timeZone)}.{" "}
          <Link to={`/feedback/${page.submitted.id}`}>Read what you wrote</Link>
        </div>
      ) : page.state !== "open" ? (
        <div className="notice" role="status">
          {settling && page.state === "not_yet"
            ? "The session has just ended: opening the form…"
            : STATE_MESSAGES[page.state]}
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
            <ScorecardFields page={page} draft={draft} fields={fields} pin={pin} />
          ) : (
            <RatingFields draft={draft} fields={fields} />
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

/** Conform's metadata of every field of the form, by name (`score` holds a fieldset). */
type Fields = Record<string, FieldMetadata<unknown, Record<string, unknown>, string[]>>;
/** The scorecard's per-dimension groups (`score.<dimension>`, `evidence.<dimension>`). */
type DimensionGroup = FieldMetadata<Record<string, unknown>, Record<string, unknown>, string[]>;

function ScorecardFields({
  page,
  draft,
  fields,
  pin,
}: {
  page: FeedbackForm;
  draft: Record<string, string>;
  fields: Fields;
  /** A moment from the replay to pin (ms from the start), or null. */
  pin: number | null;
}) {
  const scores = (fields.score as DimensionGroup).getFieldset();
  const evidence = (fields.evidence as DimensionGroup).getFieldset();
  const stories = (fields.story as DimensionGroup).getFieldset();
  const moments = (fields.moment as DimensionGroup).getFieldset();
  const bankStories = (fields.bankStory as DimensionGroup).getFieldset();
  /** Writes the pinned moment into a dimension's field, as typing it would (the draft saves). */
  const pinTo = (fieldName: string) => {
    const input = document.querySelector<HTMLInputElement>(
      `input[name="${CSS.escape(fieldName)}"]`,
    );
    if (!input || pin === null) return;
    input.value = formatMoment(pin);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  };
  return (
    <>
      {pin !== null ? (
        <section className="card notice" aria-labelledby="pin-heading" data-testid="pin-moment">
          <h2 id="pin-heading">{`Pin ${formatMoment(pin)} from the replay`}</h2>
          <p className="hint">Choose the dimension this moment is evidence for.</p>
          <div className="form-actions">
            {page.round.dimensions.map((d) => (
              <button
                key={d.slug}
                type="button"
                className="button button--secondary button--small"
                onClick={() => pinTo(moments[d.slug]!.name)}
              >
                {d.name}
              </button>
            ))}
          </div>
        </section>
      ) : null}
      {page.targetLevel ? (
        <section className="card">
          <h2>The bar at {page.targetLevel.code}</h2>
          <p>{page.targetLevel.bar ?? "Grade against the candidate's target level."}</p>
        </section>
      ) : null}
      {page.round.dimensions.map((d) => {
        const score = scores[d.slug]!;
        return (
          <RadioGroup
            key={d.slug}
            legend={d.name}
            hint={d.description}
            meta={score}
            defaultValue={draft[score.name]}
            options={d.anchors.map((anchor, i) => ({
              value: String(i + 1),
              label: (
                <>
                  <span className="score-number">{i + 1}</span>
                  <span className="score-anchor">{anchor}</span>
                </>
              ),
            }))}
          >
            <TextArea
              label="Evidence"
              meta={evidence[d.slug]!}
              draft={draft}
              rows={3}
              placeholder="What did they say or do that earns this score?"
            />
            <Field
              label="Pin a moment (optional)"
              hint={
                <>
                  mm:ss from the start, e.g. 23:14; find it in{" "}
                  <Link to={`/sessions/${page.session.id}/replay`} target="_blank">
                    the replay
                  </Link>
                  .
                </>
              }
              meta={moments[d.slug]!}
            >
              <input
                type="text"
                inputMode="numeric"
                style={{ maxWidth: "10rem" }}
                maxLength={12}
                placeholder="mm:ss"
                defaultValue={draft[moments[d.slug]!.name] ?? ""}
              />
            </Field>
            {page.stories.length > 0 ? (
              <Field label="Cite a story note (optional)" meta={stories[d.slug]!}>
                <select defaultValue={draft[stories[d.slug]!.name] ?? ""}>
                  <option value="">No story cited</option>
                  {page.stories.map((s, i) => (
                    <option key={s.id} value={s.id}>
                      {`Story ${i + 1}: ${s.title || "untitled"}${s.valueName ? ` (${s.valueName})` : ""}`}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {page.bankStories.valueSlugs.includes(d.slug) && page.bankStories.shared.length > 0 ? (
              <Field
                label="Which shared story was this? (optional)"
                hint="It tells the candidate's story bank how this story scored for this value."
                meta={bankStories[d.slug]!}
              >
                <select defaultValue={draft[bankStories[d.slug]!.name] ?? ""}>
                  <option value="">No shared story</option>
                  {page.bankStories.shared.map((s) => (
                    <option key={s.id} value={s.id}>
                      {`${s.title}${s.values.length ? ` (${s.values.join(", ")})` : ""}`}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
          </RadioGroup>
        );
      })}
      <RadioGroup
        legend={`Overall call at ${page.targetLevel?.code ?? "the target level"}`}
        meta={fields.overall!}
        defaultValue={draft.overall}
        scaleClassName="score-scale score-scale--calls"
        options={Object.entries(OVERALL_CALL_LABELS).map(([value, label]) => ({
          value,
          label: <span>{label}</span>,
        }))}
      />
      <TextArea
        label="Strengths"
        hint="What to keep doing."
        meta={fields.strengths!}
        draft={draft}
      />
      <TextArea
        label="What to improve"
        hint="The one or two changes that would move the call up."
        meta={fields.improvements!}
        draft={draft}
      />
      <div className="field-row">
        <Field label="Practise next" meta={fields.practiseRound!}>
          <select defaultValue={draft.practiseRound ?? page.round.slug}>
            {page.practiseRounds.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Topic (optional)" meta={fields.practiseTopic!}>
          <input
            type="text"
            maxLength={120}
            defaultValue={draft.practiseTopic ?? ""}
            placeholder="e.g. skew handling, STAR structure"
          />
        </Field>
      </div>
    </>
  );
}

function TextArea({
  label,
  hint,
  meta,
  draft,
  rows = 4,
  placeholder,
}: {
  label: string;
  hint?: string;
  meta: FieldMeta;
  draft: Record<string, string>;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <Field label={label} meta={meta} hint={hint}>
      <textarea
        rows={rows}
        maxLength={4000}
        defaultValue={draft[meta.name] ?? ""}
        placeholder={placeholder}
      />
    </Field>
  );
}

const YES_NO = [
  { value: "yes", label: <span>Yes</span> },
  { value: "no", label: <span>No</span> },
];

function RatingFields({ draft, fields }: { draft: Record<string, string>; fields: Fields }) {
  return (
    <>
      {RATING_ASPECTS.map((aspect) => (
        <RadioGroup
          key={aspect.name}
          legend={aspect.label}
          hint={aspect.hint}
          meta={fields[aspect.name]!}
          defaultValue={draft[aspect.name]}
          scaleClassName="score-scale score-scale--five"
          options={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: <span className="score-number">{n}</span>,
          }))}
        />
      ))}
      <RadioGroup
        legend="Would you practise with them again?"
        meta={fields.wouldPractiseAgain!}
        defaultValue={draft.wouldPractiseAgain}
        options={YES_NO}
      />
      <TextArea
        label="Anything else (optional)"
        hint="What made the session useful, or what would have."
        meta={fields.comment!}
        draft={draft}
      />
    </>
  );
}

export function ErrorBoundary() {
  return (
    <NotFoundBoundary title="No feedback to write here">
      <p>
        There is no such session half, or you did not take part in it.{" "}
        <Link to="/feedback">Your feedback</Link>
      </p>
    </NotFoundBoundary>
  );
}
