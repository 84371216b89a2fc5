import { aliasedTable, and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { isUniqueViolation } from "#db/errors";
import { interviewerGrants, levels, loops, rounds, users } from "#db/schema";
import type { GrantError } from "./grant-form";

// Admin grants: the second way to be qualified for one-way interviewing (the first is
// earned, see qualification.server.ts). Granting again for the same person and round
// replaces the live grant; a revoke keeps the row, stamped.

export type GrantResult = { ok: true; grantId: number } | { ok: false; error: GrantError };

/**
 * Lets `userId` interview `roundId` one-way up to `maxLevelId` (a level of the round's
 * loop). Replaces a live grant for the same round, in one transaction; two admins racing
 * on the same person and round: one wins, the other gets `grant_conflict`.
 */
export async function grantInterviewing(
  input: {
    userId: string;
    roundId: number;
    maxLevelId: number;
    grantedBy: string | null;
    note?: string;
  },
  db: Database = getDb(),
): Promise<GrantResult> {
  try {
    return await db.transaction(async (tx) => {
      const [round] = await tx
        .select({ loopId: rounds.loopId })
        .from(rounds)
        .where(eq(rounds.id, input.roundId));
      if (!round) return { ok: false, error: "unknown_round" } as const;
      const [level] = await tx
        .select({ id: levels.id })
        .from(levels)
        .where(and(eq(levels.id, input.maxLevelId), eq(levels.loopId, round.loopId)));
      if (!level) return { ok: false, error: "unknown_level" } as const;
      await tx
        .update(interviewerGrants)
        .set({
          revokedAt: sql`greatest(now(), ${interviewerGrants.grantedAt})`,
          revokedBy: input.grantedBy,
        })
        .where(
          and(
            eq(interviewerGrants.userId, input.userId),
            eq(interviewerGrants.roundId, input.roundId),
            isNull(interviewerGrants.revokedAt),
          ),
        );
      const [row] = await tx
        .insert(interviewerGrants)
        .values({
          userId: input.userId,
          loopId: round.loopId,
          roundId: input.roundId,
          maxLevelId: level.id,
          grantedBy: input.grantedBy,
          note: input.note ?? "",
        })
        .returning({ id: interviewerGrants.id });
      return { ok: true, grantId: row!.id } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err, "interviewer_grants_one_live")) {
      return { ok: false, error: "grant_conflict" };
    }
    throw err;
  }
}

/** The admin form's verb: the person by email, the level by its code in the round's loop. */
export async function grantByEmail(
  input: { adminId: string; email: string; roundId: number; levelCode: string; note: string },
  db: Database = getDb(),
): Promise<GrantResult> {
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    // Addresses are stored lower-cased (signup), so the unique index answers this.
    .where(eq(users.email, input.email.trim().toLowerCase()));
  if (!person) return { ok: false, error: "unknown_person" };
  const [level] = await db
    .select({ id: levels.id })
    .from(levels)
    .innerJoin(rounds, eq(rounds.loopId, levels.loopId))
    .where(and(eq(rounds.id, input.roundId), eq(levels.code, input.levelCode)));
  if (!level) {
    const [round] = await db
      .select({ id: rounds.id })
      .from(rounds)
      .where(eq(rounds.id, input.roundId));
    return { ok: false, error: round ? "unknown_level" : "unknown_round" };
  }
  return grantInterviewing(
    {
      userId: person.id,
      roundId: input.roundId,
      maxLevelId: level.id,
      grantedBy: input.adminId,
      note: input.note,
    },
    db,
  );
}

/** Ends a live grant. Compare-and-swap: a second revoke of the same grant finds nothing. */
export async function revokeGrant(
  input: { adminId: string; grantId: number },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; error: GrantError }> {
  const revoked = await db
    .update(interviewerGrants)
    .set({
      revokedAt: sql`greatest(now(), ${interviewerGrants.grantedAt})`,
      revokedBy: input.adminId,
    })
    .where(and(eq(interviewerGrants.id, input.grantId), isNull(interviewerGrants.revokedAt)))
    .returning({ id: interviewerGrants.id });
  return revoked.length === 1 ? { ok: true } : { ok: false, error: "grant_not_found" };
}

export interface GrantRow {
  id: number;
  personName: string;
  personEmail: string;
  loopName: string;
  roundName: string;
  levelCode: string;
  note: string;
  grantedByName: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
}

const REVOKED_SHOWN = 50;

/** Live grants (by person, then round), and the most recently revoked ones. */
export async function listGrants(
  db: Database = getDb(),
): Promise<{ live: GrantRow[]; revoked: GrantRow[] }> {
  const person = aliasedTable(users, "person");
  const granter = aliasedTable(users, "granter");
  const revoker = aliasedTable(users, "revoker");
  const base = () =>
    db
      .select({
        id: interviewerGrants.id,
        personName: person.name,
        personEmail: person.email,
        loopName: loops.name,
        roundName: rounds.name,
        levelCode: levels.code,
        note: interviewerGrants.note,
        grantedByName: granter.name,
        grantedAt: interviewerGrants.grantedAt,
        revokedAt: interviewerGrants.revokedAt,
        revokedByName: revoker.name,
      })
      .from(interviewerGrants)
      .innerJoin(person, eq(person.id, interviewerGrants.userId))
      .innerJoin(loops, eq(loops.id, interviewerGrants.loopId))
      .innerJoin(rounds, eq(rounds.id, interviewerGrants.roundId))
      .innerJoin(levels, eq(levels.id, interviewerGrants.maxLevelId))
      .leftJoin(granter, eq(granter.id, interviewerGrants.grantedBy))
      .leftJoin(revoker, eq(revoker.id, interviewerGrants.revokedBy));
  const [live, revoked] = await Promise.all([
    base()
      .where(isNull(interviewerGrants.revokedAt))
      .orderBy(person.name, person.email, loops.name, rounds.position),
    base()
      .where(isNotNull(interviewerGrants.revokedAt))
      .orderBy(desc(interviewerGrants.revokedAt), desc(interviewerGrants.id))
      .limit(REVOKED_SHOWN),
  ]);
  return { live, revoked };
}

/** Rounds and levels the grant form offers, loop by loop. */
export async function grantFormOptions(db: Database = getDb()) {
  const [loopRows, roundRows, levelRows] = await Promise.all([
    db.select({ id: loops.id, name: loops.name }).from(loops).orderBy(loops.name),
    db
      .select({ id: rounds.id, loopId: rounds.loopId, name: rounds.name })
      .from(rounds)
      .orderBy(rounds.loopId, rounds.position),
    db
      .select({ loopId: levels.loopId, code: levels.code, title: levels.title })
      .from(levels)
      .orderBy(levels.loopId, levels.rank),
  ]);
  return loopRows.map((loop) => ({
    id: loop.id,
    name: loop.name,
    rounds: roundRows.filter((r) => r.loopId === loop.id).map(({ id, name }) => ({ id, name })),
    levels: levelRows
      .filter((l) => l.loopId === loop.id)
      .map(({ code, title }) => ({ code, title })),
  }));
}
