import { and, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { rowsOf } from "#db/rows";
import {
  availabilityRules,
  interviewerRounds,
  levels,
  loops,
  profiles,
  rounds,
  tracks,
  users,
} from "#db/schema";
import { getLoopCatalogs } from "~/modules/catalog/catalog.server";
import type { ProfileInput, ProfileOptions } from "./profile";

export interface ProfileView {
  name: string;
  email: string;
  timeZone: string;
  targetLoop?: string;
  targetTrack?: string;
  targetLevel?: string;
  currentLevel?: string;
  languages: string[];
  interviewRounds: { round: string; maxLevel?: string }[];
}

export async function getProfileOptions(): Promise<ProfileOptions> {
  const catalogs = await getLoopCatalogs();
  return {
    loops: catalogs.map((loop) => ({
      slug: loop.slug,
      name: loop.name,
      levels: loop.levels.map(({ code, title }) => ({ code, title })),
      tracks: loop.tracks.map(({ slug, name }) => ({ slug, name })),
      rounds: loop.rounds.map(({ slug, name }) => ({ slug, name })),
    })),
  };
}

export async function getProfile(userId: string): Promise<ProfileView | null> {
  const db = getDb();
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      timeZone: profiles.timeZone,
      targetLoopId: profiles.targetLoopId,
      targetTrackId: profiles.targetTrackId,
      targetLevelId: profiles.targetLevelId,
      currentLevelId: profiles.currentLevelId,
      languages: profiles.languages,
    })
    .from(users)
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;

  const catalogs = await getLoopCatalogs();
  const loop = catalogs.find((l) => l.id === row.targetLoopId);
  const levelCode = (id: number | null) => loop?.levels.find((l) => l.id === id)?.code;
  const offers = await db
    .select({ roundSlug: rounds.slug, levelCode: levels.code })
    .from(interviewerRounds)
    .innerJoin(rounds, eq(rounds.id, interviewerRounds.roundId))
    .innerJoin(levels, eq(levels.id, interviewerRounds.maxLevelId))
    .where(eq(interviewerRounds.userId, userId));

  return {
    name: row.name,
    email: row.email,
    timeZone: row.timeZone,
    targetLoop: loop?.slug,
    targetTrack: loop?.tracks.find((t) => t.id === row.targetTrackId)?.slug,
    targetLevel: levelCode(row.targetLevelId),
    currentLevel: levelCode(row.currentLevelId),
    languages: row.languages,
    interviewRounds: (loop?.rounds ?? []).map((round) => ({
      round: round.slug,
      maxLevel: offers.find((o) => o.roundSlug === round.slug)?.levelCode,
    })),
  };
}

/** Saves a validated profile. Slugs and codes are resolved to ids inside the transaction. */
export async function saveProfile(userId: string, input: ProfileInput): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, userId));

    const [loop] = input.targetLoop
      ? await tx.select({ id: loops.id }).from(loops).where(eq(loops.slug, input.targetLoop))
      : [];
    const loopId = loop?.id ?? null;
    const levelId = async (code: string | undefined) => {
      if (!code || loopId === null) return null;
      const [level] = await tx
        .select({ id: levels.id })
        .from(levels)
        .where(and(eq(levels.loopId, loopId), eq(levels.code, code)));
      return level?.id ?? null;
    };
    const [track] =
      input.targetTrack && loopId !== null
        ? await tx
            .select({ id: tracks.id })
            .from(tracks)
            .where(and(eq(tracks.loopId, loopId), eq(tracks.slug, input.targetTrack)))
        : [];

    await tx
      .update(profiles)
      .set({
        timeZone: input.timeZone,
        targetLoopId: loopId,
        targetTrackId: track?.id ?? null,
        targetLevelId: await levelId(input.targetLevel),
        currentLevelId: await levelId(input.currentLevel),
        languages: [...new Set(input.languages)],
        updatedAt: new Date(),
      })
      .where(eq(profiles.userId, userId));

    await tx.delete(interviewerRounds).where(eq(interviewerRounds.userId, userId));
    if (loopId === null) return;
    const loopRounds = await tx
      .select({ id: rounds.id, slug: rounds.slug })
      .from(rounds)
      .where(eq(rounds.loopId, loopId));
    const offers = [];
    for (const entry of input.interviewRounds) {
      const round = loopRounds.find((r) => r.slug === entry.round);
      const maxLevelId = await levelId(entry.maxLevel);
      if (round && maxLevelId !== null) {
        offers.push({ userId, loopId, roundId: round.id, maxLevelId });
      }
    }
    if (offers.length > 0) await tx.insert(interviewerRounds).values(offers);
  });
}

export interface SetupChecklist {
  /** A target loop and a level of that loop. */
  target: boolean;
  /** At least one weekly availability rule. */
  availability: boolean;
  /** At least one round of the target loop offered as interviewer. */
  interviewing: boolean;
}

/**
 * The dashboard's "get ready" checklist in one statement. It asked getProfile and
 * getAvailability (five statements, every rule and override) for three booleans.
 */
export async function getSetupChecklist(userId: string): Promise<SetupChecklist> {
  // db.execute keeps every column qualified (a one-table select would drop the names,
  // and the subqueries' columns would then bind to the wrong table).
  const [row] = rowsOf<{ target: boolean; availability: boolean; interviewing: boolean }>(
    await getDb().execute(sql`
      select
        exists (
          select 1 from ${levels}
          where ${levels.id} = ${profiles.targetLevelId} and ${levels.loopId} = ${profiles.targetLoopId}
        ) as target,
        exists (
          select 1 from ${availabilityRules} where ${availabilityRules.userId} = ${profiles.userId}
        ) as availability,
        exists (
          select 1 from ${interviewerRounds}
          inner join ${rounds} on ${rounds.id} = ${interviewerRounds.roundId}
          where ${interviewerRounds.userId} = ${profiles.userId}
            and ${rounds.loopId} = ${profiles.targetLoopId}
        ) as interviewing
      from ${profiles}
      where ${profiles.userId} = ${userId}`),
  );
  return {
    target: Boolean(row?.target),
    availability: Boolean(row?.availability),
    interviewing: Boolean(row?.interviewing),
  };
}

/** What the person prepares for, as slugs and codes of the catalog; read in one statement. */
export async function getTarget(
  userId: string,
): Promise<Pick<ProfileView, "targetLoop" | "targetTrack" | "targetLevel"> | null> {
  const [[row], catalogs] = await Promise.all([
    getDb()
      .select({
        targetLoopId: profiles.targetLoopId,
        targetTrackId: profiles.targetTrackId,
        targetLevelId: profiles.targetLevelId,
      })
      .from(profiles)
      .where(eq(profiles.userId, userId)),
    getLoopCatalogs(),
  ]);
  if (!row) return null;
  const loop = catalogs.find((l) => l.id === row.targetLoopId);
  return {
    targetLoop: loop?.slug,
    targetTrack: loop?.tracks.find((t) => t.id === row.targetTrackId)?.slug,
    targetLevel: loop?.levels.find((l) => l.id === row.targetLevelId)?.code,
  };
}
