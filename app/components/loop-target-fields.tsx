import { type FieldMetadata, getSelectProps } from "@conform-to/react";
import { Field } from "~/components/forms";
import type { LoopChoice } from "~/modules/catalog/loop-choices";

// Any form's fields: the form's own schema does not matter here (conform's default).
type SelectField = FieldMetadata<string | undefined>;

/**
 * The loop, track and target level of a form (the plan, the mock-onsite search), in one
 * row. `loop` is the loop chosen now: its tracks and levels are offered, and choosing
 * another loop resets both (the keys), since each loop brings its own.
 */
export function LoopTargetFields({
  loops,
  loop,
  fields,
  onLoopChange,
  placeholders = false,
  levelHint,
}: {
  loops: LoopChoice[];
  loop: LoopChoice | undefined;
  fields: { loop: SelectField; track: SelectField; level: SelectField };
  onLoopChange?: (slug: string) => void;
  /** "Choose a track/level" first, for a form that must not guess them. */
  placeholders?: boolean;
  levelHint?: string;
}) {
  return (
    <div className="field-row">
      <Field label="Loop" meta={fields.loop}>
        <select
          {...getSelectProps(fields.loop)}
          onChange={onLoopChange ? (e) => onLoopChange(e.target.value) : undefined}
        >
          {loops.map((l) => (
            <option key={l.slug} value={l.slug}>
              {l.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Track" meta={fields.track}>
        <select {...getSelectProps(fields.track)} key={`track-${loop?.slug}`}>
          {placeholders ? <option value="">Choose a track</option> : null}
          {loop?.tracks.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Target level" meta={fields.level} hint={levelHint}>
        <select {...getSelectProps(fields.level)} key={`level-${loop?.slug}`}>
          {placeholders ? <option value="">Choose a level</option> : null}
          {loop?.levels.map((l) => (
            <option key={l.code} value={l.code}>
              {l.code} · {l.title}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
