import { z } from "zod";
import { GRANT_NOTE_MAX } from "#db/schema/qualification";

// The /admin/grants forms: one schema each, used by Conform in the browser and by the
// action, and the domain codes of the grant verbs in words.

export const grantFormSchema = z.object({
  intent: z.literal("grant"),
  email: z
    .string({ required_error: "Enter the person's email address." })
    .trim()
    .toLowerCase()
    .max(254, "An email address has at most 254 characters.")
    .email("Enter a valid email address."),
  round: z
    .string({ required_error: "Choose a round." })
    .regex(/^[1-9]\d{0,8}$/, "Choose a round.")
    .transform(Number),
  level: z
    .string({ required_error: "Choose a level." })
    .regex(/^[A-Za-z0-9-]{1,16}$/, "Choose a level."),
  note: z
    .string()
    .trim()
    .max(GRANT_NOTE_MAX, `A note has at most ${GRANT_NOTE_MAX} characters.`)
    .optional()
    .default(""),
});

export type GrantFormInput = z.infer<typeof grantFormSchema>;

export type GrantError =
  | "unknown_person"
  | "unknown_round"
  | "unknown_level"
  | "grant_conflict"
  | "grant_not_found";

export const GRANT_ERROR_MESSAGES: Record<GrantError, { field?: string; message: string }> = {
  unknown_person: { field: "email", message: "No one has an account with that email address." },
  unknown_round: { field: "round", message: "That round does not exist." },
  unknown_level: { field: "level", message: "That level is not a level of the round's loop." },
  grant_conflict: {
    message:
      "Someone changed this person's grant for that round at the same time. Reload and try again.",
  },
  grant_not_found: { message: "That grant does not exist or was already revoked." },
};
