import { z } from "zod";
import { type CreditPack, parseCreditPacks } from "~/modules/credits/packs";

// Parsed once at start-up. In production a missing secret stops the process with a
// message that names it; in development and tests safe defaults apply.

const DEV_SESSION_SECRET = "dev-only-session-secret-change-me-in-production";
// Its own value: a leaked pad token secret must not also forge session cookies.
const DEV_REALTIME_SECRET = "dev-only-realtime-secret-change-me-in-production";

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_ORIGIN: z
    .string()
    .url()
    .transform((value) => new URL(value).origin)
    .optional(),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  SEED_DEMO_DATA: z.enum(["true", "false", "1", "0"]).optional(),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  JOBS: z.enum(["on", "off"]).default("on"),
  /** Signs realtime (pad) tokens; never the session secret, so one leak does not give both. */
  REALTIME_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Extra origins allowed to open the realtime websocket (comma-separated). */
  REALTIME_ALLOWED_ORIGINS: z.string().optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Defaults match `livekit-server --dev`.
  LIVEKIT_URL: z
    .string()
    .trim()
    .regex(/^wss?:\/\//, "must be a ws:// or wss:// URL")
    .default("ws://localhost:7880"),
  LIVEKIT_API_KEY: z.string().min(1).default("devkey"),
  LIVEKIT_API_SECRET: z.string().min(1).default("secret"),
  /** How early the room opens before a session starts. */
  ROOM_OPENS_MINUTES_BEFORE: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(10),
  // Payments: both Stripe secrets or neither (without them /credits says payments are
  // not configured and everything else works).
  STRIPE_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^(sk|rk)_[A-Za-z0-9_]+$/, "must be a Stripe secret key (sk_… or rk_…)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9_+/=]+$/, "must be a Stripe webhook signing secret (whsec_…)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Points the Stripe SDK elsewhere (a local stand-in), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z
    .string()
    .trim()
    .url()
    .regex(/^https?:\/\//, "must be an http:// or https:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The credit packs on sale, as JSON (see app/modules/credits/packs.ts). */
  CREDIT_PACKS: z
    .string()
    .optional()
    .transform((value, ctx): CreditPack[] => {
      try {
        return parseCreditPacks(value);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * Grace window of no-show detection: a participant with no join (video or pad) this
   * many minutes after the start is recorded absent.
   */
  NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  /** Record every update of a session's shared document for its replay (off: none). */
  REPLAY_RECORDING: z.enum(["on", "off"]).default("on"),
  /** Days a replay's update log is kept after the session ends; the final state stays. */
  REPLAY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** A replay keeps a snapshot every this many minutes, so a seek applies few updates. */
  REPLAY_SNAPSHOT_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
});

export type Env = Omit<
  z.infer<typeof baseSchema>,
  "SESSION_SECRET" | "SEED_DEMO_DATA" | "REALTIME_SECRET"
> & {
  SESSION_SECRET: string;
  REALTIME_SECRET: string;
  SEED_DEMO_DATA: boolean;
  isProduction: boolean;
};

/** Secrets that must be set explicitly in production (their defaults are public). */
const PRODUCTION_SECRETS = [
  "SESSION_SECRET",
  "REALTIME_SECRET",
  "LIVEKIT_API_KEY",
  "LIVEKIT_API_SECRET",
] as const;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = baseSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const parsed = result.data;
  const isProduction = parsed.NODE_ENV === "production";
  if (isProduction) {
    const missing = PRODUCTION_SECRETS.filter((name) => !source[name]?.trim());
    if (missing.length > 0) {
      throw new EnvError(
        `Missing required secret${missing.length > 1 ? "s" : ""} in production: ${missing.join(", ")}`,
      );
    }
  }
  if (Boolean(parsed.STRIPE_SECRET_KEY) !== Boolean(parsed.STRIPE_WEBHOOK_SECRET)) {
    const missing = parsed.STRIPE_SECRET_KEY ? "STRIPE_WEBHOOK_SECRET" : "STRIPE_SECRET_KEY";
    throw new EnvError(
      `Invalid environment: ${missing} must be set too (payments need both Stripe secrets, or neither)`,
    );
  }
  const seedFlag = parsed.SEED_DEMO_DATA;
  return {
    ...parsed,
    SESSION_SECRET: parsed.SESSION_SECRET ?? DEV_SESSION_SECRET,
    REALTIME_SECRET: parsed.REALTIME_SECRET ?? DEV_REALTIME_SECRET,
    SEED_DEMO_DATA:
      seedFlag === undefined ? !isProduction : seedFlag === "true" || seedFlag === "1",
    isProduction,
  };
}

/** How early the room opens, in milliseconds. */
export function roomOpensBeforeMs(env: Env = getEnv()): number {
  return env.ROOM_OPENS_MINUTES_BEFORE * 60 * 1000;
}

/** The no-show grace window, in milliseconds. */
export function noShowGraceMs(env: Env = getEnv()): number {
  return env.NO_SHOW_GRACE_MINUTES * 60 * 1000;
}

/** How long a replay's update log is kept after its session ends (REPLAY_RETENTION_DAYS). */
export function replayRetentionMs(env: Env = getEnv()): number {
  return env.REPLAY_RETENTION_DAYS * 24 * 60 * 60 * 1000;
}

/** The compaction's snapshot interval (REPLAY_SNAPSHOT_MINUTES). */
export function replaySnapshotIntervalMs(env: Env = getEnv()): number {
  return env.REPLAY_SNAPSHOT_MINUTES * 60 * 1000;
}

/** Where links in emails and calendar feeds point. */
export function publicOrigin(env: Env): string {
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT || 3000}`;
}

let cached: Env | undefined;

/** The parsed environment; parsed on first use (server.ts calls it first, at start-up). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
