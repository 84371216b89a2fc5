import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorList, Field, FormError, SubmitButton, useFocusFirstError } from "~/components/forms";
import {
  STAR_PART_HINTS,
  STAR_PART_LABELS,
  STAR_PARTS,
  STORY_PART_MAX,
  STORY_TITLE_MAX,
} from "~/modules/stories/limits";
import { storySchema } from "~/modules/stories/story-form";

export interface StoryFormLoop {
  slug: string;
  name: string;
  values: { dimensionId: number; name: string }[];
}

/**
 * Writes or edits one story: a title, the four STAR parts and the values it shows (one
 * group per loop). Errors sit next to their field; a refused submit moves focus to the
 * first of them.
 */
export function StoryForm({
  id,
  loops,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  loops: StoryFormLoop[];
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: {
    title: string;
    situation: string;
    task: string;
    action: string;
    result: string;
    valueIds: number[];
  };
  submitLabel: string;
}) {
  const valueIds = useMemo(() => loops.flatMap((l) => l.values.map((v) => v.dimensionId)), [loops]);
  const schema = useMemo(() => storySchema(valueIds), [valueIds]);
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: defaultValue
      ? { ...defaultValue, values: defaultValue.valueIds.map(String) }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const afterSubmit = useFocusFirstError(id, lastResult);
  const valueErrors = Object.entries(form.allErrors)
    .filter(([name]) => name === "values" || name.startsWith("values["))
    .flatMap(([, errors]) => errors);
  const names = new Map(loops.flatMap((l) => l.values.map((v) => [String(v.dimensionId), v.name])));

  return (
    <Form
      method="post"
      className="form story-form"
      {...getFormProps(form)}
      onSubmit={(event) => {
        form.onSubmit(event);
        afterSubmit(event);
      }}
    >
      <FormError errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="save" />
      <Field
        label="Title"
        meta={fields.title}
        hint={`One line, up to ${STORY_TITLE_MAX} characters: how you would name it to an interviewer.`}
      >
        <input {...getInputProps(fields.title, { type: "text" })} maxLength={STORY_TITLE_MAX} />
      </Field>
      {STAR_PARTS.map((part) => (
        <Field
          key={part}
          label={STAR_PART_LABELS[part]}
          meta={fields[part]}
          hint={STAR_PART_HINTS[part]}
        >
          <textarea
            {...getTextareaProps(fields[part])}
            rows={part === "action" ? 5 : 3}
            maxLength={STORY_PART_MAX}
          />
        </Field>
      ))}
      {loops.map((loop) => (
        <fieldset key={loop.slug} aria-describedby={fields.values.errorId}>
          <legend>Values it shows{loops.length > 1 ? ` (${loop.name})` : ""}</legend>
          <div className="checkbox-grid">
            {getCollectionProps(fields.values, {
              type: "checkbox",
              options: loop.values.map((v) => String(v.dimensionId)),
            }).map((props) => (
              <label key={props.key} className="checkbox">
                <input {...props} key={props.key} />
                {names.get(props.value)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <ErrorList id={fields.values.errorId} errors={valueErrors} />
      <div className="form-actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
