import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { bankStories, bankStoryValues } from "#db/schema";
import { STORY_BANK_MAX } from "./limits";
import type { StoryInput } from "./story-form";

// A person's own stories. Every function takes the owner's id and matches on it: a story
// of someone else is answered exactly like one that does not exist.

export interface BankStory {
  id: string;
  title: string;
  situation: string;
  task: string;
  action: string;
  result: string;
  valueIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export type StoryWriteError = "not_found" | "full" | "invalid_value";

/** The owner's stories, last edited first, each with its values. */
export async function listStories(ownerId: string): Promise<BankStory[]> {
  const db = getDb();
  const rows = await db
    .select()
    .from(bankStories)
    .where(eq(bankStories.ownerId, ownerId))
    .orderBy(desc(bankStories.updatedAt), asc(bankStories.id));
  if (rows.length === 0) return [];
  const tags = await db
    .select()
    .from(bankStoryValues)
    .where(
      inArray(
        bankStoryValues.storyId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map(({ ownerId: _owner, ...row }) => ({
    ...row,
    valueIds: tags.filter((t) => t.storyId === row.id).map((t) => t.dimensionId),
  }));
}

/** One story, only for its owner. */
export async function getStory(id: string, ownerId: string): Promise<BankStory | null> {
  const db = getDb();
  const [row] = await db
    .select()
    .from(bankStories)
    .where(and(eq(bankStories.id, id), eq(bankStories.ownerId, ownerId)));
  if (!row) return null;
  const tags = await db.select().from(bankStoryValues).where(eq(bankStoryValues.storyId, id));
  const { ownerId: _owner, ...story } = row;
  return { ...story, valueIds: tags.map((t) => t.dimensionId) };
}

function writeError(err: unknown): StoryWriteError | null {
  const constraint = pgConstraint(err);
  if (constraint === "bank_stories_cap") return "full";
  if (constraint === "bank_story_values_is_value" || constraint === "bank_stories_have_a_value")
    return "invalid_value";
  return null;
}

/** A new story and its values, in one transaction (the cap is the database's). */
export async function createStory(
  ownerId: string,
  input: StoryInput,
): Promise<{ ok: true; id: string } | { ok: false; error: StoryWriteError }> {
  try {
    const id = await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(bankStories)
        .values({
          ownerId,
          title: input.title,
          situation: input.situation,
          task: input.task,
          action: input.action,
          result: input.result,
        })
        .returning({ id: bankStories.id });
      await tx
        .insert(bankStoryValues)
        .values(input.values.map((dimensionId) => ({ storyId: row!.id, dimensionId })));
      return row!.id;
    });
    return { ok: true, id };
  } catch (err) {
    const error = writeError(err);
    if (error) return { ok: false, error };
    throw err;
  }
}

/** Rewrites the owner's story and replaces its values, in one transaction. */
export async function updateStory(
  id: string,
  ownerId: string,
  input: StoryInput,
): Promise<{ ok: true } | { ok: false; error: StoryWriteError }> {
  try {
    const found = await getDb().transaction(async (tx) => {
      const rows = await tx
        .update(bankStories)
        .set({
          title: input.title,
          situation: input.situation,
          task: input.task,
          action: input.action,
          result: input.result,
          updatedAt: new Date(),
        })
        .where(and(eq(bankStories.id, id), eq(bankStories.ownerId, ownerId)))
        .returning({ id: bankStories.id });
      if (rows.length === 0) return false;
      await tx.delete(bankStoryValues).where(eq(bankStoryValues.storyId, id));
      await tx
        .insert(bankStoryValues)
        .values(input.values.map((dimensionId) => ({ storyId: id, dimensionId })));
      return true;
    });
    return found ? { ok: true } : { ok: false, error: "not_found" };
  } catch (err) {
    const error = writeError(err);
    if (error) return { ok: false, error };
    throw err;
  }
}

/**
 * Deletes the owner's story. Its shares go with it; scores that referred to it stay,
 * without the link (feedback_scores.bank_story_id is set null).
 */
export async function deleteStory(id: string, ownerId: string): Promise<boolean> {
  const rows = await getDb()
    .delete(bankStories)
    .where(and(eq(bankStories.id, id), eq(bankStories.ownerId, ownerId)))
    .returning({ id: bankStories.id });
  return rows.length === 1;
}

export const STORY_ERROR_MESSAGES: Record<StoryWriteError, string> = {
  not_found: "That story is not in your bank.",
  full: `Your bank is full (${STORY_BANK_MAX} stories). Delete or rework one before adding another.`,
  invalid_value: "Choose values from the list.",
};
