import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedCatalog } from "#db/catalog/seed-catalog";
import type { LoopDefinition } from "#db/catalog/types";
import { getDb } from "#db/client";
import { pgConstraint, pgErrorCode } from "#db/errors";
import { interviewerRounds, levels, loops, profiles } from "#db/schema";
import { saveWeeklyAvailability } from "~/modules/availability/availability.server";
import { getProfile } from "~/modules/identity/profile.server";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

const validForm = {
  name: "Priya Raman",
  timeZone: "Australia/Sydney",
  targetLoop: "databricks-ic",
  targetTrack: "platform-ml",
  targetLevel: "L5",
  currentLevel: "L4",
  languages: ["python", "scala"],
  "interviewRounds[0].round": "coding",
  "interviewRounds[0].maxLevel": "L4",
  "interviewRounds[1].round": "behavioral",
  "interviewRounds[1].maxLevel": "",
};

async function signedIn(): Promise<{ client: HttpClient; userId: string }> {
  const user = await createUser();
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return { client, userId: user.id };
}

// A second, tiny loop: enough to prove a level of one loop cannot be used with another.
const otherLoop: LoopDefinition = {
  company: { slug: "acme", name: "Acme" },
  slug: "acme-swe",
  name: "Acme software loop",
  summary: "A small loop used by tests.",
  levels: [{ code: "L3", rank: 3, title: "Engineer", summary: "Ships features." }],
  tracks: [
    {
      slug: "general",
      name: "General",
      summary: "Everyone.",
      roundSlugs: ["chat"],
      onsite: [{ round: "chat" }],
    },
  ],
  rounds: [
    {
      slug: "chat",
      name: "Chat",
      position: 1,
      stage: "onsite",
      durationMinutes: 30,
      summary: "A conversation.",
      allowsSwap: true,
      oneWayFromLevel: null,
      dimensions: [
        {
          slug: "clarity",
          name: "Clarity",
          description: "Says things clearly.",
          anchors: ["Unclear.", "Sometimes clear.", "Clear.", "Crisp and clear."],
        },
      ],
      levelBars: { L3: "Clear answers." },
    },
  ],
};

describe("the profile page", () => {
  beforeAll(async () => {
    await seedCatalog(getDb(), [otherLoop]);
  });

  it("saves every field and shows them again", async () => {
    const { client, userId } = await signedIn();
    const response = await client.post("/profile", validForm);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Profile saved.");
    const profile = await getProfile(userId);
    expect(profile).toMatchObject({
      name: "Priya Raman",
      timeZone: "Australia/Sydney",
      targetLoop: "databricks-ic",
      targetTrack: "platform-ml",
      targetLevel: "L5",
      currentLevel: "L4",
      languages: ["python", "scala"],
    });
    expect(profile!.interviewRounds.filter((r) => r.maxLevel)).toEqual([
      { round: "coding", maxLevel: "L4" },
    ]);
    const page = await (await client.get("/profile")).text();
    expect(page).toContain('value="Priya Raman"');
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "Choose a time zone from the list"],
    ["a level outside the ladder", { targetLevel: "L9" }, "Choose a level from L3 to L7."],
    ["a track of no loop", { targetTrack: "astronaut" }, "Choose a track of this loop."],
    ["an unknown language", { languages: ["cobol"] }, "Pick languages from the list."],
    ["an unknown round", { "interviewRounds[0].round": "karaoke" }, "Unknown round."],
    ["an empty name", { name: "  " }, "Enter your name."],
    ["a level of another loop", { targetLoop: "acme-swe", targetLevel: "L5" }, "Choose a level"],
  ])("rejects %s with a field error and changes nothing", async (_label, override, message) => {
    const { client, userId } = await signedIn();
    expect((await client.post("/profile", validForm)).status).toBe(200);
    const before = await getProfile(userId);
    const response = await client.post("/profile", { ...validForm, ...override });
    expect(response.status).toBe(400);
    expect(errorTexts(await response.text()).join(" ")).toContain(message);
    expect(await getProfile(userId)).toEqual(before);
  });

  it("sends a signed-out visitor to log in, and saves nothing", async () => {
    const response = await server.client().post("/profile", validForm);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("profile invariants in the database", () => {
  it("refuses a target level that belongs to another loop", async () => {
    const user = await createUser();
    const db = getDb();
    const [databricks] = await db.select().from(loops).where(eq(loops.slug, "databricks-ic"));
    const [acme] = await db.select().from(loops).where(eq(loops.slug, "acme-swe"));
    const [acmeLevel] = await db.select().from(levels).where(eq(levels.loopId, acme!.id));
    const error = await db
      .update(profiles)
      .set({ targetLoopId: databricks!.id, targetLevelId: acmeLevel!.id })
      .where(eq(profiles.userId, user.id))
      .catch((err: unknown) => err);
    expect(pgErrorCode(error)).toBe("23503");
    expect(pgConstraint(error)).toBe("profiles_target_level_fk");
  });

  it("refuses a level without a loop", async () => {
    const user = await createUser();
    const [level] = await getDb().select().from(levels).limit(1);
    const error = await getDb()
      .update(profiles)
      .set({ targetLoopId: null, targetLevelId: level!.id })
      .where(eq(profiles.userId, user.id))
      .catch((err: unknown) => err);
    expect(pgErrorCode(error)).toBe("23514");
    expect(pgConstraint(error)).toBe("profiles_target_needs_loop");
  });

  it("refuses an interviewer offer whose level is of another loop", async () => {
    const user = await createUser();
    const db = getDb();
    const [databricks] = await db.select().from(loops).where(eq(loops.slug, "databricks-ic"));
    const loop = await db.query.rounds.findFirst({
      where: (r, { eq }) => eq(r.loopId, databricks!.id),
    });
    const [acmeLevel] = await db
      .select()
      .from(levels)
      .innerJoin(loops, eq(loops.id, levels.loopId))
      .where(eq(loops.slug, "acme-swe"));
    const error = await db
      .insert(interviewerRounds)
      .values({
        userId: user.id,
        loopId: databricks!.id,
        roundId: loop!.id,
        maxLevelId: acmeLevel!.levels.id,
      })
      .catch((err: unknown) => err);
    expect(pgErrorCode(error)).toBe("23503");
    expect(pgConstraint(error)).toBe("interviewer_rounds_level_fk");
  });
});

describe("the dashboard's set-up checklist", () => {
  const doneStates = (html: string) =>
    [...html.matchAll(/<li data-done="(true|false)"/g)].map((m) => m[1]);

  it("ticks the target, the interviewing offer and the availability as each is saved", async () => {
    const { client, userId } = await signedIn();
    expect(doneStates(await (await client.get("/dashboard")).text())).toEqual([
      "false",
      "false",
      "false",
    ]);

    // A target loop and level, and one round offered (behavioral's level left empty).
    expect((await client.post("/profile", validForm)).status).toBe(200);
    expect(doneStates(await (await client.get("/dashboard")).text())).toEqual([
      "true",
      "false",
      "true",
    ]);

    await saveWeeklyAvailability(userId, {
      timeZone: "Australia/Sydney",
      minNoticeHours: 12,
      maxSessionsPerDay: 2,
      bufferMinutes: 0,
      autoBook: false,
      days: [{ weekday: 2, ranges: [{ start: "09:00", end: "11:00" }] }],
    });
    const html = await (await client.get("/dashboard")).text();
    expect(html).not.toContain("Get ready to practise");
  });

  it("does not count an offer outside the target loop", async () => {
    const { client, userId } = await signedIn();
    expect((await client.post("/profile", validForm)).status).toBe(200);
    // Moving the target to another loop leaves the coding offer on the first one.
    await seedCatalog(getDb(), [otherLoop]);
    const [other] = await getDb().select().from(loops).where(eq(loops.slug, otherLoop.slug));
    const [otherLevel] = await getDb().select().from(levels).where(eq(levels.loopId, other!.id));
    await getDb()
      .update(profiles)
      .set({
        targetLoopId: other!.id,
        targetLevelId: otherLevel!.id,
        currentLevelId: otherLevel!.id,
        targetTrackId: null,
      })
      .where(eq(profiles.userId, userId));
    expect(doneStates(await (await client.get("/dashboard")).text())).toEqual([
      "true",
      "false",
      "false",
    ]);
  });
});
