import { useBeforeUnload, useBlocker, useNavigation } from "@remix-run/react";
import {
  cloneElement,
  type FormEvent,
  type ReactElement,
  type ReactNode,
  useCallback,
  useEffect,
  useState,
} from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((error) => (
        <p key={error} className="error-text">
          {error}
        </p>
      ))}
    </div>
  );
}

/** The parts of Conform's field metadata a field needs to wire itself. */
export interface FieldMeta {
  id: string;
  name: string;
  errorId: string;
  descriptionId: string;
  errors?: string[];
}

/**
 * The ids of what describes a control: its hint, then its errors (only while it has
 * some). Undefined when there is nothing, so no attribute points at a missing element.
 */
export function describedBy(meta: FieldMeta, hasHint: boolean): string | undefined {
  const ids = [
    hasHint ? meta.descriptionId : null,
    meta.errors?.length ? meta.errorId : null,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The attributes that tie a control (or a group of radios) to its label, hint and errors. */
export function controlProps(meta: FieldMeta, hasHint: boolean) {
  return {
    "aria-invalid": meta.errors?.length ? true : undefined,
    "aria-describedby": describedBy(meta, hasHint),
  } as const;
}

/**
 * A label, one control, an optional hint and its errors. The ids and the error wiring
 * come from the field's Conform metadata: the control (the only child) gets its id,
 * name, aria-invalid and aria-describedby here, so callers never repeat them.
 */
export function Field({
  label,
  meta,
  hint,
  className = "field",
  children,
}: {
  label: string;
  meta: FieldMeta;
  hint?: ReactNode;
  className?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const control = cloneElement(children, {
    id: meta.id,
    name: meta.name,
    ...controlProps(meta, Boolean(hint)),
  });
  return (
    <div className={className}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      {control}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * A group of radio buttons as one fieldset: the legend names it, the fieldset carries
 * the group's invalid state and description, each option is a labelled radio.
 * `children` follow the errors (e.g. a field that belongs to the same question).
 */
export function RadioGroup({
  legend,
  meta,
  hint,
  options,
  defaultValue,
  scaleClassName = "score-scale",
  children,
}: {
  legend: ReactNode;
  meta: FieldMeta;
  hint?: ReactNode;
  options: { value: string; label: ReactNode }[];
  defaultValue?: string;
  scaleClassName?: string;
  children?: ReactNode;
}) {
  return (
    <fieldset className="dimension" id={meta.id} {...controlProps(meta, Boolean(hint))}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      <div className={scaleClassName}>
        {options.map((option) => (
          <label key={option.value} className="score-option">
            <input
              type="radio"
              name={meta.name}
              value={option.value}
              defaultChecked={defaultValue === option.value}
            />
            {option.label}
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
      {children}
    </fieldset>
  );
}

export function FormError({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    // Focusable from script: a refused form with no field to blame moves focus here.
    <p className="form-error" role="alert" id={id} tabIndex={-1}>
      {errors.join(" ")}
    </p>
  );
}

/** Disabled while its form is submitting, so a double click sends once. */
export function SubmitButton({
  children,
  pendingLabel,
  className = "button",
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  return (
    <button type="submit" className={className} disabled={pending} name={name} value={value}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> {pendingLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** The first invalid control of the form (the first radio of an invalid group), else its error. */
function firstErrorTarget(form: HTMLElement): HTMLElement | null {
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid instanceof HTMLFieldSetElement) return invalid.querySelector("input");
  return invalid ?? form.querySelector<HTMLElement>(".form-error");
}

/**
 * After a refused submit (by the browser-side check or by the server) focus moves to
 * the first invalid control, so keyboard and screen-reader users land on the problem
 * instead of staying on the button. Call `afterSubmit` at the end of the form's
 * onSubmit handler; pass the action's Conform result as `lastResult`.
 */
export function useFocusFirstError(
  formId: string,
  lastResult: { status?: string } | null | undefined,
) {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (lastResult?.status === "error") setAttempt((n) => n + 1);
  }, [lastResult]);
  useEffect(() => {
    if (attempt === 0) return;
    // After the render that marks the fields invalid.
    const frame = requestAnimationFrame(() => {
      const form = document.getElementById(formId);
      if (form) firstErrorTarget(form)?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [attempt, formId]);
  return useCallback((event: FormEvent<HTMLFormElement>) => {
    // Conform cancels the submit when its own check fails.
    if (event.defaultPrevented) setAttempt((n) => n + 1);
  }, []);
}

/**
 * Warns before unsaved edits are lost: a confirm before following a link or going back
 * to another page, and the browser's own prompt before closing or reloading the tab.
 */
export function useUnsavedChangesWarning(dirty: boolean, message: string) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        // Older browsers show the prompt only when returnValue is set.
        event.returnValue = "";
      },
      [dirty],
    ),
  );
}
