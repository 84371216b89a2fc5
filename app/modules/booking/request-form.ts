import { z } from "zod";
import { LEVEL_CODE } from "#db/catalog/level-code";

export const HORIZON_CHOICES = [7, 14, 21, 30] as const;

/** The "Book a mock" request form, shared by the page and its action. */
export const mockRequestSchema = z.object({
  round: z.string({ required_error: "Choose a round." }).trim().min(1, "Choose a round."),
  level: z
    .string({ required_error: "Choose a target level." })
    .regex(LEVEL_CODE, "Choose a target level."),
  format: z.enum(["swap", "one_way"], { message: "Choose swap or one-way." }),
  horizonDays: z.coerce
    .number({ invalid_type_error: "Choose how far ahead to look." })
    .int()
    .min(1, "At least 1 day.")
    .max(60, "At most 60 days.")
    .default(14),
});

export const bookProposalSchema = z.object({
  peerId: z.string().uuid("That proposal is not valid any more."),
  start: z
    .string()
    .datetime({ message: "That proposal is not valid any more." })
    .transform((value) => new Date(value)),
  idempotencyKey: z
    .string()
    .min(16)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  /** The price the page showed (one-way): a price that changed since is refused, not charged. */
  price: z.coerce.number().int().min(0).max(10).optional(),
});
