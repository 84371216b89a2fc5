import { and, asc, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client";
import { dimensions, storyNotes } from "#db/schema";

export interface StoryView {
  id: string;
  title: string;
  /** The slug of the value (dimension) it evidences, or "" while untagged. */
  value: string;
  /** That value's name, or "" while untagged. */
  valueName: string;
  situation: string;
  task: string;
  action: string;
  result: string;
}

/**
 * One author's story notes of one half, oldest first (the order they were told): for
 * the kit, and for the scorecard that may cite them. Only ever asked for the author's own.
 */
export async function storiesOfHalf(
  sessionId: string,
  half: number,
  authorId: string,
  db: Database = getDb(),
): Promise<StoryView[]> {
  return db
    .select({
      id: storyNotes.id,
      title: storyNotes.title,
      value: sql<string>`coalesce(${dimensions.slug}, '')`,
      valueName: sql<string>`coalesce(${dimensions.name}, '')`,
      situation: storyNotes.situation,
      task: storyNotes.task,
      action: storyNotes.action,
      result: storyNotes.result,
    })
    .from(storyNotes)
    .leftJoin(dimensions, eq(dimensions.id, storyNotes.dimensionId))
    .where(
      and(
        eq(storyNotes.sessionId, sessionId),
        eq(storyNotes.half, half),
        eq(storyNotes.authorId, authorId),
      ),
    )
    .orderBy(asc(storyNotes.createdAt), asc(storyNotes.id));
}
