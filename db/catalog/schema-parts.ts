import { z } from "zod";
import { LEVEL_CODE } from "./level-code";

// Field rules shared by the checks of a loop's data (loop-schema.ts) and of its question
// bank (question-schema.ts), so that both name problems the same way. Pure.

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Control characters other than tab and line breaks (summaries may run over lines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), {
      message: "must not hold control characters",
    });

export const slug = z.string().regex(SLUG, "must be a slug: lower-case words joined by hyphens");

export const levelCode = z
  .string()
  .regex(
    LEVEL_CODE,
    'must be a level code like "L5" or "E4" (a capital letter, then up to 5 capitals or digits)',
  );

/** One problem with the data: where (a path into the data) and what. */
export interface DataProblem {
  path: string;
  message: string;
}

/** `a.b[2].c`, from zod's path. */
export function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part,
    "",
  );
}

/** Every problem, one line each, after a heading. */
export function problemList(heading: string, problems: readonly DataProblem[]): string {
  return `${heading} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
    .map((p) => `- ${p.path}: ${p.message}`)
    .join("\n")}`;
}
