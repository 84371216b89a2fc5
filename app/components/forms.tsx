import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

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

/** A label, one control, an optional hint and its errors, wired for screen readers. */
export function Field({
  label,
  htmlFor,
  hint,
  errors,
  errorId,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  errors?: string[];
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
      <ErrorList id={errorId} errors={errors} />
    </div>
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
