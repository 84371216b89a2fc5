import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { isUniqueViolation, PG_FOREIGN_KEY_VIOLATION, pgConstraint, pgErrorCode } from "#db/errors";
import { loopPlans } from "#db/schema";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import { loopChoices } from "~/modules/catalog/loop-choices";
import type { PlanFormInput, PlanOptions } from "./plan-form";

// A person's stored plans: one per loop, several loops at once. Every verb takes the
// person's id with the plan's, so another person's plan reads as missing (404).

export interface StoredPlan {
  id: string;
  loopSlug: string;
  trackSlug: string;
  levelCode: string;
  onsiteDate: string;
  phoneScreenDate: string | null;
  hoursPerWeek: number;
  createdAt: Date;
}

export type PlanWriteResult =
  | { ok: true; id: string }
  | { ok: false; error: "too_many_plans" | "loop_taken" | "not_found" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The loops, tracks and levels the form offers: the whole catalog, whatever loops it holds. */
export async function getPlanOptions(): Promise<PlanOptions> {
  return { loops: loopChoices(await getLoopCatalogs()) };
}

/** The person's plans, oldest first (the order of their tabs). */
export async function listPlans(userId: string): Promise<StoredPlan[]> {
  const [rows, catalogs] = await Promise.all([
    getDb()
      .select()
      .from(loopPlans)
      .where(eq(loopPlans.userId, userId))
      .orderBy(asc(loopPlans.createdAt), asc(loopPlans.id)),
    getLoopCatalogs(),
  ]);
  return rows.flatMap((row) => {
    const loop = catalogs.find((l) => l.id === row.loopId);
    const track = loop?.tracks.find((t) => t.id === row.trackId);
    const level = loop?.levels.find((l) => l.id === row.targetLevelId);
    if (!loop || !track || !level) return [];
    return [
      {
        id: row.id,
        loopSlug: loop.slug,
        trackSlug: track.slug,
        levelCode: level.code,
        onsiteDate: row.onsiteDate,
        phoneScreenDate: row.phoneScreenDate,
        hoursPerWeek: row.hoursPerWeek,
        createdAt: row.createdAt,
      },
    ];
  });
}

/** One of the person's plans; null for an unknown id or someone else's plan. */
export async function getPlan({
  id,
  userId,
}: {
  id: string;
  userId: string;
}): Promise<StoredPlan | null> {
  if (!UUID.test(id)) return null;
  const plans = await listPlans(userId);
  return plans.find((p) => p.id === id) ?? null;
}

/** The catalog ids of a checked form; null when the catalog no longer has them. */
async function resolve(input: PlanFormInput) {
  const loop = (await getLoopCatalogs()).find((l) => l.slug === input.loop);
  const track = loop?.tracks.find((t) => t.slug === input.track);
  const level = loop?.levels.find((l) => l.code === input.level);
  if (!loop || !track || !level) return null;
  return {
    loopId: loop.id,
    trackId: track.id,
    targetLevelId: level.id,
    onsiteDate: input.onsiteDate,
    phoneScreenDate: input.phoneScreenDate ?? null,
    hoursPerWeek: input.hoursPerWeek,
  };
}

function refusal(err: unknown): PlanWriteResult | null {
  if (pgConstraint(err) === "loop_plans_cap") return { ok: false, error: "too_many_plans" };
  if (isUniqueViolation(err, "loop_plans_user_loop_key")) return { ok: false, error: "loop_taken" };
  // The catalog changed between the check and the write.
  if (pgErrorCode(err) === PG_FOREIGN_KEY_VIOLATION) return { ok: false, error: "not_found" };
  return null;
}

/** A new plan; the database refuses a ninth plan, or a second one for the same loop. */
export async function createPlan(userId: string, input: PlanFormInput): Promise<PlanWriteResult> {
  const values = await resolve(input);
  if (!values) return { ok: false, error: "not_found" };
  try {
    const [row] = await getDb()
      .insert(loopPlans)
      .values({ userId, ...values })
      .returning({ id: loopPlans.id });
    return { ok: true, id: row!.id };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    throw err;
  }
}

/** Changes one of the person's plans; someone else's plan is not found. */
export async function updatePlan(
  { id, userId }: { id: string; userId: string },
  input: PlanFormInput,
): Promise<PlanWriteResult> {
  if (!UUID.test(id)) return { ok: false, error: "not_found" };
  const values = await resolve(input);
  if (!values) return { ok: false, error: "not_found" };
  try {
    const updated = await getDb()
      .update(loopPlans)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(loopPlans.id, id), eq(loopPlans.userId, userId)))
      .returning({ id: loopPlans.id });
    return updated.length === 1 ? { ok: true, id } : { ok: false, error: "not_found" };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return refused;
    throw err;
  }
}

/** Deletes one of the person's plans; false when there was none of theirs to delete. */
export async function deletePlan({ id, userId }: { id: string; userId: string }): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const deleted = await getDb()
    .delete(loopPlans)
    .where(and(eq(loopPlans.id, id), eq(loopPlans.userId, userId)))
    .returning({ id: loopPlans.id });
  return deleted.length === 1;
}
