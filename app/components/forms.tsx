import { useNavigation } from "@remix-run/react";
import { cloneElement, type ReactElement, type ReactNode } from "react";

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
    <p className="form-error" role="alert" id={id}>
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
