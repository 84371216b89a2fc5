import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  ErrorList,
  Field,
  FormError,
  SubmitButton,
  useFocusFirstError,
  useUnsavedChangesWarning,
} from "~/components/forms";
import { TimeZoneInput } from "~/components/time-zone-input";
import { parseForm } from "~/http/form-limits";
import { readForm } from "~/http/read-form.server";
import {
  addOverride,
  getAvailability,
  removeOverride,
  saveWeeklyAvailability,
} from "~/modules/availability/availability.server";
import {
  OVERRIDE_ERROR_MESSAGES,
  overrideSchema,
  WEEKDAYS,
  weeklyAvailabilitySchema,
} from "~/modules/availability/availability-form";
import { expandAvailability } from "~/modules/availability/expand";
import { requireUser } from "~/modules/identity/auth.server";
import { listTimeZones } from "~/modules/identity/time-zone";
import { endMinutesToClock, formatDateTime, formatTime, minutesToClock } from "~/utils/datetime";
import { parseSerialId } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Availability · Peerloop" }];

const PREVIEW_DAYS = 7;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const availability = await getAvailability(user.id);
  const now = Date.now();
  const preview = expandAvailability(availability, {
    start: now,
    end: now + PREVIEW_DAYS * 24 * 60 * 60 * 1000,
  }).map((w) => ({ start: w.start, end: w.end }));
  return {
    availability: {
      timeZone: availability.timeZone,
      saved: availability.saved,
      autoBook: availability.autoBook,
      limits: availability.limits,
      days: WEEKDAYS.map((d) => ({
        weekday: d.weekday,
        ranges: availability.rules
          .filter((r) => r.weekday === d.weekday)
          .map((r) => ({
            start: minutesToClock(r.startMinute),
            end: endMinutesToClock(r.endMinute),
          })),
      })),
      overrides: availability.overridesWithIds.map((o) => ({
        id: o.id,
        date: o.date,
        kind: o.kind,
        start: o.kind === "extra" ? minutesToClock(o.startMinute) : null,
        end: o.kind === "extra" ? endMinutesToClock(o.endMinute) : null,
      })),
    },
    preview,
    zones: listTimeZones(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "weekly") {
    const submission = parseForm(formData, weeklyAvailabilitySchema);
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), message: null }, { status: 400 });
    }
    await saveWeeklyAvailability(user.id, submission.value);
    return { intent, result: submission.reply(), message: "Weekly hours saved." };
  }
  if (intent === "add-override") {
    const submission = parseForm(formData, overrideSchema);
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), message: null }, { status: 400 });
    }
    const added = await addOverride(user.id, submission.value);
    if (!added.ok) {
      const message = OVERRIDE_ERROR_MESSAGES[added.error];
      const errors =
        added.error === "too_many"
          ? { formErrors: [message] }
          : { fieldErrors: { date: [message] } };
      return data(
        { intent, result: submission.reply(errors), message: null },
        { status: added.error === "too_many" ? 409 : 400 },
      );
    }
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      message: submission.value.kind === "off" ? "Day off added." : "Extra hours added.",
    };
  }
  if (intent === "remove-override") {
    const id = parseSerialId(formData.get("overrideId"));
    if (id === null || !(await removeOverride(user.id, id))) {
      throw new Response("Not found", { status: 404 });
    }
    return { intent, result: null, message: "Override removed." };
  }
  throw new Response("Unknown action", { status: 400 });
}

type DayRanges = { weekday: number; ranges: { start: string; end: string }[] }[];

function WeeklyEditor({
  initial,
  errors,
  onEdit,
}: {
  initial: DayRanges;
  errors: Record<string, string[]>;
  /** Hours were added, removed or copied (typing is seen by the form itself). */
  onEdit: () => void;
}) {
  const [days, setDays] = useState(initial);
  const [copyFrom, setCopyFrom] = useState<number | null>(null);
  const [copyTargets, setCopyTargets] = useState<number[]>([]);

  const update = (dayIndex: number, next: { start: string; end: string }[]) => {
    onEdit();
    setDays((current) => current.map((d, i) => (i === dayIndex ? { ...d, ranges: next } : d)));
  };

  const copyTo = () => {
    if (copyFrom === null) return;
    const source = days[copyFrom]!.ranges;
    onEdit();
    setDays((current) =>
      current.map((d) =>
        copyTargets.includes(d.weekday) ? { ...d, ranges: source.map((r) => ({ ...r })) } : d,
      ),
    );
    setCopyFrom(null);
    setCopyTargets([]);
  };

  return (
    <div className="week-editor">
      {days.map((day, dayIndex) => {
        const label = WEEKDAYS.find((w) => w.weekday === day.weekday)!;
        return (
          <fieldset key={day.weekday} className="week-day">
            <legend>{label.label}</legend>
            <input type="hidden" name={`days[${dayIndex}].weekday`} value={day.weekday} />
            {day.ranges.length === 0 ? <p className="hint">Unavailable</p> : null}
            {day.ranges.map((range, rangeIndex) => {
              const name = `days[${dayIndex}].ranges[${rangeIndex}]`;
              const rangeErrors = [
                ...(errors[`${name}.start`] ?? []),
                ...(errors[`${name}.end`] ?? []),
              ];
              const errorId = `${name}-error`;
              const invalid =
                rangeErrors.length > 0 ? { "aria-invalid": true, "aria-describedby": errorId } : {};
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity beyond their position
                <div className="range-row" key={rangeIndex}>
                  <label className="visually-hidden" htmlFor={`${name}.start`}>
                    {label.label} range {rangeIndex + 1} start
                  </label>
                  <input
                    type="time"
                    id={`${name}.start`}
                    name={`${name}.start`}
                    value={range.start}
                    step={900}
                    onChange={(e) =>
                      update(
                        dayIndex,
                        day.ranges.map((r, i) =>
                          i === rangeIndex ? { ...r, start: e.target.value } : r,
                        ),
                      )
                    }
                    {...invalid}
                  />
                  <span aria-hidden="true">to</span>
                  <label className="visually-hidden" htmlFor={`${name}.end`}>
                    {label.label} range {rangeIndex + 1} end
                  </label>
                  <input
                    type="time"
                    id={`${name}.end`}
                    name={`${name}.end`}
                    value={range.end}
                    step={900}
                    onChange={(e) =>
                      update(
                        dayIndex,
                        day.ranges.map((r, i) =>
                          i === rangeIndex ? { ...r, end: e.target.value } : r,
                        ),
                      )
                    }
                    {...invalid}
                  />
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() =>
                      update(
                        dayIndex,
                        day.ranges.filter((_, i) => i !== rangeIndex),
                      )
                    }
                  >
                    Remove
                    <span className="visually-hidden">
                      {" "}
                      {label.label} range {rangeIndex + 1}
                    </span>
                  </button>
                  <ErrorList id={errorId} errors={rangeErrors} />
                </div>
              );
            })}
            <div className="form-actions">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  const last = day.ranges[day.ranges.length - 1];
                  const next = last
                    ? { start: last.end === "00:00" ? "18:00" : last.end, end: "00:00" }
                    : { start: "09:00", end: "17:00" };
                  update(dayIndex, [...day.ranges, next]);
                }}
              >
                Add hours<span className="visually-hidden"> on {label.label}</span>
              </button>
              {day.ranges.length > 0 ? (
                <button
                  type="button"
                  className="button button--link"
                  aria-expanded={copyFrom === dayIndex}
                  onClick={() => {
                    setCopyFrom(copyFrom === dayIndex ? null : dayIndex);
                    setCopyTargets([]);
                  }}
                >
                  Copy to other days…
                </button>
              ) : null}
            </div>
            {copyFrom === dayIndex ? (
              <fieldset className="copy-panel">
                <legend className="visually-hidden">{`Copy ${label.label}'s hours to`}</legend>
                {WEEKDAYS.filter((w) => w.weekday !== day.weekday).map((w) => (
                  <label key={w.weekday} className="checkbox">
                    <input
                      type="checkbox"
                      checked={copyTargets.includes(w.weekday)}
                      onChange={(e) =>
                        setCopyTargets((t) =>
                          e.target.checked ? [...t, w.weekday] : t.filter((x) => x !== w.weekday),
                        )
                      }
                    />
                    {w.short}
                  </label>
                ))}
                <button
                  type="button"
                  className="button button--small"
                  disabled={copyTargets.length === 0}
                  onClick={copyTo}
                >
                  Copy
                </button>
              </fieldset>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}

export default function Availability() {
  const { availability, preview, zones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const weeklyResult = actionData?.intent === "weekly" ? actionData.result : undefined;
  const overrideResult = actionData?.intent === "add-override" ? actionData.result : undefined;

  const [weeklyForm, weeklyFields] = useForm({
    id: "weekly",
    lastResult: navigation.state === "idle" ? weeklyResult : undefined,
    shouldValidate: "onBlur",
    defaultValue: {
      timeZone: availability.timeZone,
      minNoticeHours: String(Math.round(availability.limits.minNoticeMinutes / 60)),
      maxSessionsPerDay: String(availability.limits.maxSessionsPerDay),
      bufferMinutes: String(availability.limits.bufferMinutes),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: weeklyAvailabilitySchema }),
  });
  const [overrideForm, overrideFields] = useForm({
    id: "override",
    lastResult: navigation.state === "idle" ? overrideResult : undefined,
    shouldValidate: "onBlur",
    defaultValue: { kind: "off" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: overrideSchema }),
  });
  const [overrideKind, setOverrideKind] = useState<"off" | "extra">("off");

  const afterWeeklySubmit = useFocusFirstError(
    weeklyForm.id,
    navigation.state === "idle" ? weeklyResult : undefined,
  );
  const [dirty, setDirty] = useState(false);
  const markDirty = () => setDirty(true);
  const saved = actionData?.intent === "weekly" && actionData.message ? actionData : null;
  useEffect(() => {
    if (saved) setDirty(false);
  }, [saved]);
  useUnsavedChangesWarning(
    dirty,
    "Your availability has changes you have not saved. Leave this page without saving them?",
  );
  const weeklyFormProps = getFormProps(weeklyForm);

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Availability</h1>
        <p>
          Hours are in <strong>{availability.timeZone}</strong> and follow its daylight-saving
          changes. Peers can book any free slot inside them: published hours count as consent.
        </p>
      </div>
      {actionData?.message ? (
        <p className="notice" role="status">
          {actionData.message}
        </p>
      ) : null}
      {!availability.saved ? (
        <p className="notice notice--info">
          You have no weekly hours yet, so nobody can book you and you get no proposals. Add the
          hours you could practise in, then save.
        </p>
      ) : null}

      <Form
        method="post"
        className="form"
        {...weeklyFormProps}
        onSubmit={(event) => {
          weeklyFormProps.onSubmit(event);
          afterWeeklySubmit(event);
        }}
        onInput={markDirty}
      >
        <input type="hidden" name="intent" value="weekly" />
        <FormError errors={weeklyForm.errors} id={weeklyForm.errorId} />
        <section className="card stack" aria-labelledby="week-heading">
          <h2 id="week-heading">Weekly hours</h2>
          <WeeklyEditor
            initial={availability.days}
            errors={weeklyForm.allErrors}
            onEdit={markDirty}
          />
        </section>
        <section className="card" aria-labelledby="limits-heading">
          <h2 id="limits-heading">Limits</h2>
          <div className="field-row">
            <Field label="Time zone" meta={weeklyFields.timeZone}>
              <TimeZoneInput
                {...getInputProps(weeklyFields.timeZone, { type: "text" })}
                zones={zones}
              />
            </Field>
            <Field label="Minimum notice (hours)" meta={weeklyFields.minNoticeHours}>
              <input
                {...getInputProps(weeklyFields.minNoticeHours, { type: "number" })}
                min={0}
                max={168}
              />
            </Field>
            <Field label="Sessions per day, at most" meta={weeklyFields.maxSessionsPerDay}>
              <input
                {...getInputProps(weeklyFields.maxSessionsPerDay, { type: "number" })}
                min={1}
                max={12}
              />
            </Field>
            <Field label="Buffer between sessions (minutes)" meta={weeklyFields.bufferMinutes}>
              <input
                {...getInputProps(weeklyFields.bufferMinutes, { type: "number" })}
                min={0}
                max={240}
                step={5}
              />
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="autoBook" defaultChecked={availability.autoBook} />
            Book my open swap requests automatically when a peer who also allows it is free
          </label>
        </section>
        <div className="form-actions">
          <SubmitButton pendingLabel="Saving…" name="intent" value="weekly">
            Save availability
          </SubmitButton>
        </div>
      </Form>

      <section className="card stack" aria-labelledby="overrides-heading">
        <h2 id="overrides-heading">Date overrides</h2>
        <p className="hint">A day off removes that date's weekly hours; extra hours add to them.</p>
        {availability.overrides.length === 0 ? (
          <p className="hint">No overrides.</p>
        ) : (
          <ul className="plain-list">
            {availability.overrides.map((o) => (
              <li key={o.id} className="list-row">
                <span>
                  <strong>{o.date}</strong>:{" "}
                  {o.kind === "off" ? "day off" : `extra hours ${o.start}–${o.end}`}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-override" />
                  <input type="hidden" name="overrideId" value={o.id} />
                  <button type="submit" className="button button--link">
                    Remove<span className="visually-hidden"> override of {o.date}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="form" {...getFormProps(overrideForm)}>
          <FormError errors={overrideForm.errors} id={overrideForm.errorId} />
          <input type="hidden" name="intent" value="add-override" />
          <div className="field-row">
            <Field label="Date" meta={overrideFields.date}>
              <input {...getInputProps(overrideFields.date, { type: "date" })} />
            </Field>
            <Field label="Kind" meta={overrideFields.kind}>
              <select
                id={overrideFields.kind.id}
                name={overrideFields.kind.name}
                value={overrideKind}
                onChange={(e) => setOverrideKind(e.target.value as "off" | "extra")}
              >
                <option value="off">Day off</option>
                <option value="extra">Extra hours</option>
              </select>
            </Field>
            {overrideKind === "extra" ? (
              <>
                <Field label="From" meta={overrideFields.start}>
                  <input {...getInputProps(overrideFields.start, { type: "time" })} step={900} />
                </Field>
                <Field label="To" meta={overrideFields.end}>
                  <input {...getInputProps(overrideFields.end, { type: "time" })} step={900} />
                </Field>
              </>
            ) : null}
          </div>
          <div className="form-actions">
            <SubmitButton pendingLabel="Adding…" className="button button--secondary">
              Add override
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Your free hours in the next {PREVIEW_DAYS} days</h2>
        {preview.length === 0 ? (
          <p className="hint">None yet.</p>
        ) : (
          <ul className="plain-list">
            {preview.map((w) => (
              <li key={w.start}>
                {formatDateTime(w.start, availability.timeZone)}–
                {formatTime(w.end, availability.timeZone)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
