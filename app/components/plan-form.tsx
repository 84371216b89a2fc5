import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { Field, FormError, SubmitButton, useFocusFirstError } from "~/components/forms";
import { LoopTargetFields } from "~/components/loop-target-fields";
import {
  MAX_PLAN_HOURS_PER_WEEK,
  makePlanSchema,
  type PlanOptions,
} from "~/modules/plan/plan-form";

export interface PlanFormDefaults {
  loop?: string;
  track?: string;
  level?: string;
  onsiteDate?: string;
  phoneScreenDate?: string;
  hoursPerWeek?: string;
}

/** Target loop, track, level, the dates and the weekly hours: creating or changing a plan. */
export function PlanForm({
  id,
  action,
  intent,
  options,
  today,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  action?: string;
  intent: "create" | "update";
  options: PlanOptions;
  today: string;
  defaultValue: PlanFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const schema = useMemo(() => makePlanSchema(options, today), [options, today]);
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const onSubmit = useFocusFirstError(id, lastResult);
  const loop = options.loops.find((l) => l.slug === fields.loop.value) ?? options.loops[0];
  return (
    <Form
      method="post"
      action={action}
      className="form"
      {...getFormProps(form)}
      onSubmit={(event) => {
        form.onSubmit(event);
        onSubmit(event);
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <FormError errors={form.errors} id={form.errorId} />
      <LoopTargetFields
        loops={options.loops}
        loop={loop}
        fields={fields}
        placeholders
        levelHint="Readiness is judged at this level."
      />
      <div className="field-row">
        <Field label="Onsite date" meta={fields.onsiteDate}>
          <input {...getInputProps(fields.onsiteDate, { type: "date" })} min={today} />
        </Field>
        <Field
          label="Phone screen date (optional)"
          meta={fields.phoneScreenDate}
          hint="Screen rounds are planned to be done before it."
        >
          <input {...getInputProps(fields.phoneScreenDate, { type: "date" })} />
        </Field>
        <Field
          label="Hours a week"
          meta={fields.hoursPerWeek}
          hint="For mocks and the practice after each; whole or half hours."
        >
          <input
            {...getInputProps(fields.hoursPerWeek, { type: "number" })}
            min={0}
            max={MAX_PLAN_HOURS_PER_WEEK}
            step={0.5}
            inputMode="decimal"
          />
        </Field>
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
