import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { bankStories, bankStoryValues, dimensions, loops, rounds } from "#db/schema";
import { STORY_BANK_MAX } from "~/modules/stories/limits";
import { createStory } from "~/modules/stories/stories.server";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";
import { LOOP_SLUG, signIn } from "../support/feedback-fixtures";
import { errorTexts, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

/** The behavioral round's dimensions by slug (six values and answer-structure). */
async function behavioralDimensions() {
  const db = getDb();
  const rows = await db
    .select({ id: dimensions.id, slug: dimensions.slug, isValue: dimensions.isValue })
    .from(dimensions)
    .innerJoin(rounds, eq(rounds.id, dimensions.roundId))
    .innerJoin(loops, eq(loops.id, rounds.loopId))
    .where(and(eq(loops.slug, LOOP_SLUG), eq(rounds.slug, "behavioral")));
  return new Map(rows.map((r) => [r.slug, r]));
}

function storyForm(values: number[], title = "Rolled back my own launch") {
  return {
    intent: "save",
    title,
    situation: "Our ingestion service was about to go live for the largest customer.",
    task: "I owned the launch and the go/no-go call.",
    action:
      "I read the canary metrics against my hypothesis, saw they disproved it, and rolled back.",
    result: "No customer saw the bug; we relaunched a week later with a fix.",
    values: values.map(String),
  };
}

async function storiesOf(ownerId: string) {
  return getDb().select().from(bankStories).where(eq(bankStories.ownerId, ownerId));
}

describe("the catalog's values", () => {
  it("are the six values of the behavioral round, not answer structure", async () => {
    const dims = await behavioralDimensions();
    expect(
      [...dims.values()]
        .filter((d) => d.isValue)
        .map((d) => d.slug)
        .sort(),
    ).toEqual([
      "bias-for-action",
      "company-first",
      "customer-obsession",
      "first-principles",
      "raising-the-bar",
      "truth-seeking",
    ]);
    expect(dims.get("answer-structure")!.isValue).toBe(false);
  });
});

describe("writing stories", () => {
  it("saves a story with its values and shows it on the page and the map", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser({ name: "Story Owner" });
    const client = await signIn(server.client(), owner.email);
    const empty = await (await client.get("/stories")).text();
    expect(empty).toContain("No stories yet");
    expect(empty).toContain("No story yet for Truth-seeking.");

    const saved = await client.post(
      "/stories",
      storyForm([dims.get("truth-seeking")!.id, dims.get("bias-for-action")!.id]),
    );
    expect(saved.status).toBe(302);
    const [story] = await storiesOf(owner.id);
    expect(story!.title).toBe("Rolled back my own launch");
    const tags = await getDb()
      .select()
      .from(bankStoryValues)
      .where(eq(bankStoryValues.storyId, story!.id));
    expect(tags.map((t) => t.dimensionId).sort()).toEqual(
      [dims.get("truth-seeking")!.id, dims.get("bias-for-action")!.id].sort(),
    );

    const page = await (await client.get("/stories")).text();
    expect(page).toContain("Rolled back my own launch");
    expect(page).not.toContain("No story yet for Truth-seeking.");
    expect(page).toContain("Your Truth-seeking stories have not been told in a mock yet");
    expect(page).toContain("No story yet for Customer obsession.");
  });

  it("answers invalid input with field errors and 400, writing nothing", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    const client = await signIn(server.client(), owner.email);
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ ...storyForm([]), values: [] }, /Tag at least one value/],
      [storyForm([dims.get("answer-structure")!.id]), /Choose values from the list/],
      [storyForm([999_999]), /Choose values from the list/],
      [storyForm([dims.get("truth-seeking")!.id], "two\nlines"), /one line/],
      [storyForm([dims.get("truth-seeking")!.id], "x".repeat(121)), /under 120/],
      [{ ...storyForm([dims.get("truth-seeking")!.id]), action: "" }, /what you did/],
      [{ ...storyForm([dims.get("truth-seeking")!.id]), result: "r".repeat(2001) }, /under 2,000/],
      [{ ...storyForm([dims.get("truth-seeking")!.id]), values: "not-a-number" }, /from the list/],
    ];
    for (const [form, message] of cases) {
      const response = await client.post("/stories", form);
      expect(response.status).toBe(400);
      expect(errorTexts(await response.text()).join(" ")).toMatch(message);
    }
    expect(await storiesOf(owner.id)).toHaveLength(0);
  });

  it("edits and deletes, replacing the values in one go", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    const client = await signIn(server.client(), owner.email);
    const created = await createStory(owner.id, {
      ...storyForm([]),
      values: [dims.get("truth-seeking")!.id],
    });
    if (!created.ok) throw new Error(created.error);
    const edited = await client.post(`/stories/${created.id}`, {
      ...storyForm([dims.get("company-first")!.id]),
      title: "A better title",
    });
    expect(edited.status).toBe(302);
    const [row] = await storiesOf(owner.id);
    expect(row!.title).toBe("A better title");
    const tags = await getDb()
      .select()
      .from(bankStoryValues)
      .where(eq(bankStoryValues.storyId, created.id));
    expect(tags.map((t) => t.dimensionId)).toEqual([dims.get("company-first")!.id]);

    // A refused edit changes nothing.
    const refused = await client.post(`/stories/${created.id}`, { ...storyForm([]), values: [] });
    expect(refused.status).toBe(400);
    expect((await storiesOf(owner.id))[0]!.title).toBe("A better title");

    expect((await client.post(`/stories/${created.id}`, { intent: "delete" })).status).toBe(302);
    expect(await storiesOf(owner.id)).toHaveLength(0);
  });
});

describe("only the owner", () => {
  it("reads, edits or deletes a story: everyone else gets 404 for the page, .data and actions", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    const stranger = await createUser();
    const created = await createStory(owner.id, {
      ...storyForm([]),
      title: "Private title",
      situation: "A private situation only the owner reads",
      values: [dims.get("truth-seeking")!.id],
    });
    if (!created.ok) throw new Error(created.error);
    const ownerClient = await signIn(server.client(), owner.email);
    const strangerClient = await signIn(server.client(), stranger.email);

    expect((await ownerClient.get(`/stories/${created.id}`)).status).toBe(200);
    expect((await ownerClient.get(`/stories/${created.id}.data`)).status).toBe(200);
    for (const path of [`/stories/${created.id}`, `/stories/${created.id}.data`]) {
      const response = await strangerClient.get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("A private situation");
    }
    const strangersList = await (await strangerClient.get("/stories")).text();
    expect(strangersList).not.toContain("Private title");
    expect((await strangerClient.get("/stories.data")).status).toBe(200);
    expect(await (await strangerClient.get("/stories.data")).text()).not.toContain("Private title");

    const edit = await strangerClient.post(`/stories/${created.id}`, {
      ...storyForm([dims.get("company-first")!.id]),
      title: "Hijacked",
    });
    expect(edit.status).toBe(404);
    // Even an invalid edit: a stranger learns nothing from validation.
    const invalid = await strangerClient.post(`/stories/${created.id}`, { intent: "save" });
    expect(invalid.status).toBe(404);
    expect((await strangerClient.post(`/stories/${created.id}`, { intent: "delete" })).status).toBe(
      404,
    );
    expect((await strangerClient.get("/stories/not-a-uuid")).status).toBe(404);
    const [row] = await storiesOf(owner.id);
    expect(row!.title).toBe("Private title");

    // Signed out: to the log-in page, not the story.
    expect((await server.client().get(`/stories/${created.id}`)).status).toBe(302);
  });
});

describe("the database's own rules", () => {
  it("refuses a story without a value, a tag that is not a value, and removing the last tag", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    const db = getDb();
    const bare = db.transaction(async (tx) => {
      await tx.insert(bankStories).values({
        ownerId: owner.id,
        title: "T",
        situation: "S",
        task: "T",
        action: "A",
        result: "R",
      });
    });
    await expect(bare).rejects.toSatisfy(
      (err) => pgConstraint(err) === "bank_stories_have_a_value",
    );

    const created = await createStory(owner.id, {
      ...storyForm([]),
      values: [dims.get("truth-seeking")!.id],
    });
    if (!created.ok) throw new Error(created.error);
    await expect(
      db
        .insert(bankStoryValues)
        .values({ storyId: created.id, dimensionId: dims.get("answer-structure")!.id }),
    ).rejects.toSatisfy((err) => pgConstraint(err) === "bank_story_values_is_value");
    await expect(
      db.delete(bankStoryValues).where(eq(bankStoryValues.storyId, created.id)),
    ).rejects.toSatisfy((err) => pgConstraint(err) === "bank_stories_have_a_value");
    await expect(
      db.update(bankStories).set({ title: "" }).where(eq(bankStories.id, created.id)),
    ).rejects.toSatisfy((err) => pgConstraint(err) === "bank_stories_title");
    await expect(
      db
        .update(bankStories)
        .set({ result: "r".repeat(2001) })
        .where(eq(bankStories.id, created.id)),
    ).rejects.toSatisfy((err) => pgConstraint(err) === "bank_stories_parts");
    expect(await storiesOf(owner.id)).toHaveLength(1);
  });
});

describe(`the limit of ${STORY_BANK_MAX} stories (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  async function fill(ownerId: string, count: number, valueId: number) {
    // Straight in, in one transaction: the trigger still counts every row.
    await getDb().transaction(async (tx) => {
      const ids = await tx
        .insert(bankStories)
        .values(
          Array.from({ length: count }, (_, i) => ({
            ownerId,
            title: `Story ${i}`,
            situation: "S",
            task: "T",
            action: "A",
            result: "R",
          })),
        )
        .returning({ id: bankStories.id });
      await tx
        .insert(bankStoryValues)
        .values(ids.map(({ id }) => ({ storyId: id, dimensionId: valueId })));
    });
  }

  it("refuses the next story with a clear message once the bank is full", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    await fill(owner.id, STORY_BANK_MAX, dims.get("truth-seeking")!.id);
    const client = await signIn(server.client(), owner.email);
    const response = await client.post("/stories", storyForm([dims.get("truth-seeking")!.id]));
    expect(response.status).toBe(409);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Your bank holds 100 stories, the most it can.");
    expect(await storiesOf(owner.id)).toHaveLength(STORY_BANK_MAX);
  });

  it("holds under 20 concurrent creates: never more than the limit, no story without its values", async () => {
    const dims = await behavioralDimensions();
    const owner = await createUser();
    const valueId = dims.get("bias-for-action")!.id;
    await fill(owner.id, STORY_BANK_MAX - 7, valueId);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createStory(owner.id, { ...storyForm([]), title: `Racing ${i}`, values: [valueId] }),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(7);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.error)).toEqual(
      Array(13).fill("full"),
    );
    expect(await storiesOf(owner.id)).toHaveLength(STORY_BANK_MAX);
    const orphans = await getDb()
      .select({ id: bankStories.id })
      .from(bankStories)
      .where(
        and(
          eq(bankStories.ownerId, owner.id),
          sql`not exists (select 1 from ${bankStoryValues} where ${bankStoryValues.storyId} = ${bankStories.id})`,
        ),
      );
    expect(orphans).toEqual([]);
  });
});
