import { z } from "zod";
import { nameSchema } from "./credentials";
import { timeZoneSchema } from "./time-zone";

/** Programming languages a person codes and interviews in (also the pad's languages). */
export const LANGUAGES = [
  { code: "python", label: "Python" },
  { code: "scala", label: "Scala" },
  { code: "java", label: "Java" },
  { code: "cpp", label: "C++" },
  { code: "sql", label: "SQL" },
  { code: "go", label: "Go" },
  { code: "javascript", label: "JavaScript" },
  { code: "typescript", label: "TypeScript" },
  { code: "rust", label: "Rust" },
  { code: "kotlin", label: "Kotlin" },
  { code: "r", label: "R" },
] as const;

const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [string, ...string[]];

/** What the profile form can offer, read from the loop catalog. */
export interface ProfileOptions {
  loops: {
    slug: string;
    name: string;
    levels: { code: string; title: string }[];
    tracks: { slug: string; name: string }[];
    rounds: { slug: string; name: string }[];
  }[];
}

const optionalChoice = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * The profile form's schema, built from the catalog so that the browser and the
 * action check exactly the same rules (a level of the chosen loop, a known round).
 */
export function makeProfileSchema(options: ProfileOptions) {
  return z
    .object({
      name: nameSchema,
      timeZone: timeZoneSchema,
      targetLoop: optionalChoice,
      targetTrack: optionalChoice,
      targetLevel: optionalChoice,
      currentLevel: optionalChoice,
      languages: z
        .array(z.enum(LANGUAGE_CODES, { message: "Pick languages from the list." }))
        .max(LANGUAGES.length)
        .default([]),
      interviewRounds: z
        .array(z.object({ round: z.string().trim(), maxLevel: optionalChoice }))
        .max(50)
        .default([]),
    })
    .superRefine((value, ctx) => {
      const loop = options.loops.find((l) => l.slug === value.targetLoop);
      if (value.targetLoop && !loop) {
        ctx.addIssue({
          code: "custom",
          path: ["targetLoop"],
          message: "Choose a loop from the list.",
        });
        return;
      }
      const needsLoop = (field: "targetTrack" | "targetLevel" | "currentLevel") => {
        if (value[field] && !loop) {
          ctx.addIssue({ code: "custom", path: [field], message: "Choose a target loop first." });
          return false;
        }
        return Boolean(value[field] && loop);
      };
      const levelCodes = new Set(loop?.levels.map((l) => l.code));
      // The loop's own ladder, lowest to highest (the catalog lists levels by rank).
      const ladder = loop?.levels.length
        ? `Choose a level from ${loop.levels[0]!.code} to ${loop.levels.at(-1)!.code}.`
        : "Choose a level.";
      if (needsLoop("targetTrack") && !loop?.tracks.some((t) => t.slug === value.targetTrack)) {
        ctx.addIssue({
          code: "custom",
          path: ["targetTrack"],
          message: "Choose a track of this loop.",
        });
      }
      for (const field of ["targetLevel", "currentLevel"] as const) {
        if (needsLoop(field) && !levelCodes.has(value[field]!)) {
          ctx.addIssue({ code: "custom", path: [field], message: ladder });
        }
      }
      const seen = new Set<string>();
      value.interviewRounds.forEach((entry, index) => {
        if (!entry.maxLevel) return;
        if (!loop) {
          ctx.addIssue({
            code: "custom",
            path: ["interviewRounds", index, "maxLevel"],
            message: "Choose a target loop before offering to interview.",
          });
          return;
        }
        if (!loop.rounds.some((r) => r.slug === entry.round) || seen.has(entry.round)) {
          ctx.addIssue({
            code: "custom",
            path: ["interviewRounds", index, "round"],
            message: "Unknown round.",
          });
        }
        seen.add(entry.round);
        if (!levelCodes.has(entry.maxLevel)) {
          ctx.addIssue({
            code: "custom",
            path: ["interviewRounds", index, "maxLevel"],
            message: ladder,
          });
        }
      });
    });
}

export type ProfileInput = z.infer<ReturnType<typeof makeProfileSchema>>;
