import { z } from "zod";
import { isOneLine, ONE_LINE_MESSAGE } from "~/utils/text";
import { timeZoneSchema } from "./time-zone";

// One schema per form, shared by the browser (Conform) and the action.

export const PASSWORD_MIN_LENGTH = 8;
// Long passphrases are welcome; the cap only stops absurd bodies from costing CPU.
export const PASSWORD_MAX_LENGTH = 512;

export const emailSchema = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.");

export const nameSchema = z
  .string({ required_error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(80, "Keep your name under 80 characters.")
  .refine(isOneLine, ONE_LINE_MESSAGE);

export const newPasswordSchema = z
  .string({ required_error: "Choose a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const signupSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  timeZone: timeZoneSchema,
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ required_error: "Enter your password." })
    .max(PASSWORD_MAX_LENGTH, "That password is too long."),
  redirectTo: z.string().optional(),
});

/** The token of an emailed link: base64url of 32 bytes; anything else is not ours. */
export const linkTokenSchema = z
  .string({ required_error: "This link is incomplete." })
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is incomplete.");

export const confirmSignupSchema = z.object({ token: linkTokenSchema });

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
});
