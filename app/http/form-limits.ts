import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";

// Every form body is bounded before anything interprets it. Conform builds nested
// objects and arrays from field names (`days[3].ranges[0].start`), so a name alone can
// ask for a 3-million-slot array or a 20,000-level object: the shape a name may
// describe is capped here, as well as the bytes and the number of fields.

/** The largest body any route reads (a scorecard in a non-Latin script stays well below). */
export const MAX_BODY_BYTES = 512 * 1024;
/** Fields in one form; the largest form (weekly hours: 7 days × 12 ranges) has ~180. */
export const MAX_FORM_FIELDS = 500;
/** Characters in one field name. */
export const MAX_FIELD_NAME_LENGTH = 100;
/** Segments in one field name: `days[0].ranges[1].start` has five. */
export const MAX_FIELD_NAME_DEPTH = 6;
/** Largest array index in a field name; no list on a form reaches it (rounds cap at 50). */
export const MAX_ARRAY_INDEX = 99;

/** A body the server will not interpret: answered with its status and message as is. */
export class FormLimitError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "FormLimitError";
  }
}

// The path grammar of Conform (parsePath in @conform-to/dom): names and [index] segments,
// names separated by one dot.
const SEGMENT = /([^.[\]]+)|\[(\d*)\]/g;

/** Why a field name is refused, or null when it is acceptable. */
export function fieldNameProblem(name: string): string | null {
  if (name.length === 0) return "A form field has no name.";
  if (name.length > MAX_FIELD_NAME_LENGTH) {
    return `Form field names are limited to ${MAX_FIELD_NAME_LENGTH} characters.`;
  }
  let depth = 0;
  let end = 0;
  for (const match of name.matchAll(SEGMENT)) {
    const gap = match.index - end;
    if (gap !== 0 && !(gap === 1 && name[end] === "." && depth > 0)) {
      return "A form field name is malformed.";
    }
    depth += 1;
    if (depth > MAX_FIELD_NAME_DEPTH) {
      return `Form field names are limited to ${MAX_FIELD_NAME_DEPTH} levels.`;
    }
    const index = match[2];
    if (index !== undefined && (index.length > 3 || Number(index) > MAX_ARRAY_INDEX)) {
      return `Lists in a form hold at most ${MAX_ARRAY_INDEX + 1} items.`;
    }
    end = match.index + match[0].length;
  }
  return end === name.length ? null : "A form field name is malformed.";
}

/**
 * An `application/x-www-form-urlencoded` body as FormData, after checking the number of
 * fields and every name. Throws FormLimitError.
 */
export function parseUrlEncodedForm(body: string): FormData {
  let fields = body.length > 0 ? 1 : 0;
  for (let i = body.indexOf("&"); i !== -1; i = body.indexOf("&", i + 1)) {
    fields += 1;
    if (fields > MAX_FORM_FIELDS) {
      throw new FormLimitError(413, `A form may hold at most ${MAX_FORM_FIELDS} fields.`);
    }
  }
  const formData = new FormData();
  for (const [name, value] of new URLSearchParams(body)) {
    const problem = fieldNameProblem(name);
    if (problem) throw new FormLimitError(400, problem);
    formData.append(name, value);
  }
  return formData;
}

/** The top-level field names an object schema (possibly refined or unioned) accepts. */
export function schemaFieldNames(schema: z.ZodTypeAny): Set<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodEffects) return schemaFieldNames(schema.innerType());
  if (schema instanceof z.ZodPipeline) return schemaFieldNames(schema._def.in);
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly
  ) {
    return schemaFieldNames(schema._def.innerType);
  }
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    const options = schema.options as z.ZodTypeAny[];
    return new Set(options.flatMap((option) => [...schemaFieldNames(option)]));
  }
  if (schema instanceof z.ZodIntersection) {
    return new Set([...schemaFieldNames(schema._def.left), ...schemaFieldNames(schema._def.right)]);
  }
  throw new TypeError("A form schema must describe an object.");
}

function topLevelName(name: string): string {
  const cut = name.search(/[.[]/);
  return cut === -1 ? name : name.slice(0, cut);
}

/**
 * parseWithZod on only the fields the schema knows. The reply of a failed submission
 * echoes the submitted values back into the page, so nothing else may reach it (nor
 * Conform's own `__intent__`/`__state__` controls, which this app never sends).
 */
export function parseForm<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema) {
  const known = schemaFieldNames(schema);
  const kept = new FormData();
  for (const [name, value] of formData) {
    if (known.has(topLevelName(name))) kept.append(name, value);
  }
  return parseWithZod(kept, { schema });
}
