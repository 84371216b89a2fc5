import { z } from "zod";

// Credit packs are configuration: the defaults below, or CREDIT_PACKS (JSON, the same
// shape) in the environment, parsed once at start-up by app/env.server.ts. A pack's id
// travels in the Checkout Session's metadata and comes back in the webhook, so an id
// must stay stable while sessions for it may still be paid.

export interface CreditPack {
  /** Stable key: the buy form's `pack` field and `metadata.pack` on the Checkout Session. */
  id: string;
  /** What the person sees ("Starter pack"). */
  name: string;
  credits: number;
  /** Price in the currency's minor unit (cents), as Stripe takes it. */
  amount: number;
  /** ISO 4217, lower case, as Stripe writes it. */
  currency: string;
}

export const DEFAULT_CREDIT_PACKS: readonly CreditPack[] = [
  { id: "starter", name: "Starter", credits: 5, amount: 500, currency: "usd" },
  { id: "regular", name: "Regular", credits: 12, amount: 1000, currency: "usd" },
  { id: "loop", name: "Full loop", credits: 30, amount: 2000, currency: "usd" },
];

export const MAX_PACKS = 6;

const packSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be 1–40 lower-case letters, digits, - or _"),
  name: z.string().trim().min(1).max(60),
  credits: z.number().int().min(1).max(1000),
  // Stripe's smallest charge is about 50 cents; its largest is far above any pack.
  amount: z.number().int().min(50).max(1_000_000),
  currency: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, "must be a three-letter currency code")
    .transform((value) => value.toLowerCase()),
});

export const creditPacksSchema = z
  .array(packSchema)
  .min(1, "must list at least one pack")
  .max(MAX_PACKS, `may list at most ${MAX_PACKS} packs`)
  .refine((packs) => new Set(packs.map((p) => p.id)).size === packs.length, {
    message: "pack ids must be unique",
  });

/** The packs from CREDIT_PACKS (JSON), or the defaults; throws a readable message. */
export function parseCreditPacks(json: string | undefined): CreditPack[] {
  if (json === undefined || json.trim() === "") return DEFAULT_CREDIT_PACKS.map((p) => ({ ...p }));
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("is not valid JSON");
  }
  const result = creditPacksSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `[${issue.path.join(".")}] ` : "";
    throw new Error(`${where}${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

export function findPack(packs: readonly CreditPack[], id: string): CreditPack | undefined {
  return packs.find((pack) => pack.id === id);
}

/** The buy form: one field, the pack's id (checked against the packs on sale by the action). */
export const buyPackSchema = z.object({
  pack: z.string({ required_error: "Choose a pack." }).trim().min(1).max(40),
});
