import { type InputHTMLAttributes, useEffect, useRef } from "react";
import { detectTimeZone } from "~/modules/identity/time-zone";

/**
 * A text input with the known zones as suggestions. When it starts empty it fills in
 * the browser's zone, so people rarely type anything; typing stays possible for
 * anyone whose browser guesses wrong.
 */
export function TimeZoneInput({
  zones,
  detect = false,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { zones: string[]; detect?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  const listId = `${props.id ?? "time-zone"}-options`;
  useEffect(() => {
    const input = ref.current;
    if (detect && input && !input.value) {
      input.value = detectTimeZone();
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, [detect]);
  return (
    <>
      <input ref={ref} type="text" list={listId} autoComplete="off" spellCheck={false} {...props} />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
