import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databricksLoop } from "#db/catalog/databricks-loop";
import { seedCatalog } from "#db/catalog/seed-catalog";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { loopPlans, mockSessions, sessionParticipants } from "#db/schema";
import { addDaysToLocalDate, localDateOf } from "~/modules/availability/zoned-time";
import { getLoopCatalogs, type LoopCatalog } from "~/modules/catalog/catalog.server";
import { loopShapeAt } from "~/modules/catalog/loop-shape";
import { MAX_PLANS_PER_PERSON } from "~/modules/plan/plan-form";
import { PLAN_WRITE_MESSAGES } from "~/modules/plan/plan-messages";
import { createPlan, listPlans } from "~/modules/plan/plans.server";
import { createAvailableUser, offerToInterview, setWeek } from "../support/booking-fixtures";
import { setupFreshDatabase, usingPostgres } from "../support/database";
import { createUser } from "../support/factories";
import { insertSession } from "../support/feedback-fixtures";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

// A zone far from UTC, so "today" and the calendar's days are the person's, not the server's.
const ZONE = "Pacific/Auckland";
const today = () => localDateOf(ZONE, Date.now());

let loop: LoopCatalog;
let track: LoopCatalog["tracks"][number];
let level: LoopCatalog["levels"][number];

beforeAll(async () => {
  // The shipped loop as loaded (the session and booking fixtures write into it), read as
  // data: the track with the fullest onsite day, and the loop's highest level (where the
  // data adds rounds, if anywhere).
  loop = (await getLoopCatalogs()).find((l) => l.slug === databricksLoop.slug)!;
  track = [...loop.tracks].sort((a, b) => b.onsite.length - a.onsite.length)[0]!;
  level = loop.levels.at(-1)!;
});

async function signedIn(): Promise<{ client: HttpClient; userId: string }> {
  const user = await createUser({ timeZone: ZONE });
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return { client, userId: user.id };
}

function planForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "create",
    loop: loop.slug,
    track: track.slug,
    level: level.code,
    onsiteDate: addDaysToLocalDate(today(), 35),
    phoneScreenDate: addDaysToLocalDate(today(), 10),
    hoursPerWeek: "6",
    ...overrides,
  };
}

async function createThroughForm(client: HttpClient, overrides: Record<string, string> = {}) {
  const response = await client.post("/plan/new", planForm(overrides));
  expect(response.status).toBe(302);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/plan\/[0-9a-f-]{36}$/);
  return location.slice("/plan/".length);
}

const countFor = (userId: string) => getDb().$count(loopPlans, eq(loopPlans.userId, userId));

describe("plans: storage and the page", () => {
  it("saves a plan and lays out the loop's rounds at the level, with the onsite marked", async () => {
    const { client, userId } = await signedIn();
    const empty = await client.get("/plan");
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("No plan yet");

    // Hours enough for every mock the plan wants.
    const id = await createThroughForm(client, { hoursPerWeek: "20" });
    const [stored] = await listPlans(userId);
    expect(stored).toMatchObject({
      id,
      loopSlug: loop.slug,
      trackSlug: track.slug,
      levelCode: level.code,
      onsiteDate: addDaysToLocalDate(today(), 35),
      phoneScreenDate: addDaysToLocalDate(today(), 10),
      hoursPerWeek: 20,
    });

    // /plan opens the first plan.
    const index = await client.get("/plan");
    expect(index.status).toBe(302);
    expect(index.headers.get("location")).toBe(`/plan/${id}`);

    const page = await client.get(`/plan/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const shape = loopShapeAt(loop, track.slug, level.rank)!;
    expect(shape.length).toBeGreaterThan(0);
    for (const line of shape) {
      expect(html).toContain(`data-round="${line.round.slug}"`);
      if (line.count > 1) expect(html).toContain(`${line.count} × ${line.round.name}`);
    }
    const onsite = addDaysToLocalDate(today(), 35);
    expect(html).toMatch(
      new RegExp(`data-date="${onsite}"[^>]*>.*?data-testid="onsite-marker"[^>]*>Onsite<`),
    );
    expect(html).toContain(
      `href="/onsite?loop=${loop.slug}&amp;track=${track.slug}&amp;level=${level.code}&amp;before=${onsite}"`,
    );
    // Nobody has feedback yet: every gate is closed, and no problem with these dates.
    expect(html).not.toContain('data-gate="passed"');
    expect(html.match(/data-problem="[a-z_]+"/g) ?? []).toEqual([]);
  });

  it("shows a booked and a held mock of the plan's loop against their rounds", async () => {
    const { client, userId } = await signedIn();
    const peer = await createUser({ timeZone: "Europe/Berlin" });
    const id = await createThroughForm(client);
    const onsiteRound = loopShapeAt(loop, track.slug, level.rank)!.find(
      (l) => l.stage === "onsite",
    )!.round;
    const start = new Date(Date.now() + 3 * 86_400_000);
    const booked = await insertSession({
      candidateId: userId,
      interviewerId: peer.id,
      round: onsiteRound.slug,
      level: level.code,
      startsAt: start,
      endsAt: new Date(start.getTime() + onsiteRound.durationMinutes * 60_000),
      status: "scheduled",
    });
    // Held two days ago, after the plan was made (three days ago).
    await getDb()
      .update(loopPlans)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(loopPlans.id, id));
    const heldStart = new Date(Date.now() - 2 * 86_400_000);
    const held = await insertSession({
      candidateId: userId,
      interviewerId: peer.id,
      round: onsiteRound.slug,
      level: level.code,
      startsAt: heldStart,
      endsAt: new Date(heldStart.getTime() + onsiteRound.durationMinutes * 60_000),
      status: "completed",
    });
    const html = await (await client.get(`/plan/${id}`)).text();
    const card = html.slice(html.indexOf(`data-round="${onsiteRound.slug}"`));
    const sessions = card.slice(
      card.indexOf("plan-round__sessions"),
      card.indexOf("</ul>", card.indexOf("plan-round__sessions")),
    );
    expect(sessions).toMatch(new RegExp(`Held</span>[^<]*<a [^>]*href="/sessions/${held}"`));
    expect(sessions).toMatch(new RegExp(`Booked</span>[^<]*<a [^>]*href="/sessions/${booked}"`));
    // The booked one stands for one of the round's mocks.
    expect(card.slice(0, card.indexOf("plan-round__why"))).toContain(" · 1 booked");
    // On its day in the person's zone.
    const day = localDateOf(ZONE, start.getTime());
    expect(html).toMatch(new RegExp(`data-date="${day}"[^>]*>(?:(?!</li>).)*/sessions/${booked}`));
  });

  it("says plainly when the hours are none, or the onsite has passed", async () => {
    const { client } = await signedIn();
    const id = await createThroughForm(client, { hoursPerWeek: "0" });
    expect(await (await client.get(`/plan/${id}`)).text()).toContain('data-problem="no_hours"');
    // The date passes (written straight to the table: the form refuses past dates).
    await getDb()
      .update(loopPlans)
      .set({ onsiteDate: addDaysToLocalDate(today(), -1), phoneScreenDate: null })
      .where(eq(loopPlans.id, id));
    const html = await (await client.get(`/plan/${id}`)).text();
    expect(html).toContain('data-problem="onsite_passed"');
    expect(html).toContain("Nothing to lay out: the onsite date has passed.");
  });

  it("changes and deletes a plan", async () => {
    const { client, userId } = await signedIn();
    const id = await createThroughForm(client);
    const moved = addDaysToLocalDate(today(), 20);
    const update = await client.post(
      `/plan/${id}`,
      planForm({ intent: "update", onsiteDate: moved, phoneScreenDate: "", hoursPerWeek: "7.5" }),
    );
    expect(update.status).toBe(302);
    expect((await listPlans(userId))[0]).toMatchObject({
      onsiteDate: moved,
      phoneScreenDate: null,
      hoursPerWeek: 7.5,
    });
    const removed = await client.post(`/plan/${id}`, { intent: "delete" });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toBe("/plan");
    expect(await countFor(userId)).toBe(0);
  });

  it("keeps one plan per loop", async () => {
    const { client, userId } = await signedIn();
    await createThroughForm(client);
    const again = await client.post("/plan/new", planForm());
    expect(again.status).toBe(409);
    expect(errorTexts(await again.text())).toContain(PLAN_WRITE_MESSAGES.loop_taken);
    expect(await countFor(userId)).toBe(1);
  });
});

/** The hidden fields of the Book form on one round's card. */
function bookFormOf(html: string, roundSlug: string): Record<string, string> {
  const card = html.slice(html.indexOf(`data-round="${roundSlug}"`));
  const form = card.slice(card.indexOf("<form"), card.indexOf("</form>"));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1]!] = m[2]!.replace(/&amp;/g, "&");
  }
  return fields;
}

describe("plans: booking a planned mock in one step", () => {
  it("books the round's best time once, even when the button is pressed twice", async () => {
    const { client, userId } = await signedIn();
    await setWeek(userId, { timeZone: ZONE });
    const round = loopShapeAt(loop, track.slug, level.rank)!.find(
      (l) => l.stage === "onsite",
    )!.round;
    const peer = await createAvailableUser("Plan Peer");
    await offerToInterview(peer.id, round.slug, level.code);
    const id = await createThroughForm(client);

    const before = await (await client.get(`/plan/${id}`)).text();
    const fields = bookFormOf(before, round.slug);
    expect(fields).toMatchObject({ intent: "book", round: round.slug, peerId: peer.id });
    // A double click: the same form, twice at once.
    const [first, second] = await Promise.all([
      client.post(`/plan/${id}`, fields),
      client.post(`/plan/${id}`, fields),
    ]);
    expect([first.status, second.status]).toEqual([302, 302]);
    const location = first.headers.get("location") ?? "";
    expect(location).toMatch(
      new RegExp(`^/plan/${id}\\?booked=[0-9a-f-]{36}#round-${round.slug}$`),
    );
    expect(second.headers.get("location")).toBe(location);
    const sessionId = new URL(location, "http://x").searchParams.get("booked")!;
    const mine = await getDb()
      .select({ id: mockSessions.id, roundId: mockSessions.roundId, status: mockSessions.status })
      .from(sessionParticipants)
      .innerJoin(mockSessions, eq(mockSessions.id, sessionParticipants.sessionId))
      .where(eq(sessionParticipants.userId, userId));
    expect(mine).toEqual([{ id: sessionId, roundId: round.id, status: "scheduled" }]);

    // It is on the plan, against its round.
    const after = await (await client.get(location)).text();
    const card = after.slice(after.indexOf(`data-round="${round.slug}"`));
    expect(card.slice(0, card.indexOf("plan-round__offer"))).toContain(`/sessions/${sessionId}`);
  });

  it("takes the loop and level from the plan, and refuses a round the loop does not have", async () => {
    const { client } = await signedIn();
    const id = await createThroughForm(client);
    const response = await client.post(`/plan/${id}`, {
      intent: "book",
      round: "no-such-round",
      format: "swap",
      peerId: "00000000-0000-4000-8000-000000000000",
      start: new Date(Date.now() + 86_400_000).toISOString(),
      idempotencyKey: "a-key-long-enough-to-pass",
      // Ignored: the plan's own loop and level are used.
      loop: "another-loop",
      level: "L1",
    });
    expect(response.status).toBe(404);
    expect(errorTexts(await response.text())).toContain("That session or request does not exist.");
  });
});

describe("plans: another person's plan is not there", () => {
  it("answers 404 to reading, changing, deleting and booking from it", async () => {
    const owner = await signedIn();
    const id = await createThroughForm(owner.client);
    const stranger = await signedIn();
    expect((await stranger.client.get(`/plan/${id}`)).status).toBe(404);
    expect((await stranger.client.post(`/plan/${id}`, planForm({ intent: "update" }))).status).toBe(
      404,
    );
    expect((await stranger.client.post(`/plan/${id}`, { intent: "delete" })).status).toBe(404);
    expect(
      (
        await stranger.client.post(`/plan/${id}`, {
          intent: "book",
          round: "coding",
          format: "swap",
          peerId: owner.userId,
          start: new Date(Date.now() + 86_400_000).toISOString(),
          idempotencyKey: "a-key-long-enough-to-pass",
        })
      ).status,
    ).toBe(404);
    expect((await stranger.client.get("/plan/not-a-uuid")).status).toBe(404);
    expect((await stranger.client.get("/plan/00000000-0000-4000-8000-000000000000")).status).toBe(
      404,
    );
    const [plan] = await listPlans(owner.userId);
    expect(plan?.onsiteDate).toBe(addDaysToLocalDate(today(), 35));
  });
});

describe("plans: hostile input to the form", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a date that does not exist", { onsiteDate: "2027-02-30" }, "Enter the date as YYYY-MM-DD."],
    ["a date in another shape", { onsiteDate: "next tuesday" }, "Enter the date as YYYY-MM-DD."],
    ["an onsite today", { onsiteDate: "TODAY" }, "The onsite must be after today."],
    ["an onsite years ahead", { onsiteDate: "2999-01-01" }, "The planner looks 25 weeks ahead"],
    [
      "a phone screen after the onsite",
      { phoneScreenDate: "AFTER" },
      "The phone screen comes before the onsite: pick an earlier date.",
    ],
    ["a huge number of hours", { hoursPerWeek: "1e308" }, "At most 40 hours a week."],
    ["negative hours", { hoursPerWeek: "-3" }, "Hours cannot be negative."],
    ["hours in quarters", { hoursPerWeek: "2.25" }, "Use whole or half hours, like 6 or 7.5."],
    ["hours as words", { hoursPerWeek: "lots" }, "Enter the hours as a number, like 6 or 7.5."],
    ["an unknown loop", { loop: "no-such-loop" }, "Choose a loop from the list."],
    ["an unknown track", { track: "no-such-track" }, "Choose a track of"],
    ["an unknown level", { level: "Z99" }, "Choose a level of"],
    ["a very long loop name", { loop: "x".repeat(5000) }, "Choose the loop you are preparing for."],
    ["no onsite date", { onsiteDate: "" }, "Enter the date of your onsite."],
  ];

  it.each(cases)(
    "refuses %s with a clear field error, writing nothing",
    async (_, fields, text) => {
      const { client, userId } = await signedIn();
      const resolved = Object.fromEntries(
        Object.entries(fields).map(([name, value]) => [
          name,
          value === "TODAY" ? today() : value === "AFTER" ? addDaysToLocalDate(today(), 40) : value,
        ]),
      );
      const response = await client.post("/plan/new", planForm(resolved));
      expect(response.status).toBe(400);
      const errors = errorTexts(await response.text());
      expect(
        errors.some((e) => e.startsWith(text)),
        errors.join(" | "),
      ).toBe(true);
      expect(await countFor(userId)).toBe(0);
    },
  );

  it("refuses the same input when changing a plan, leaving it as it was", async () => {
    const { client, userId } = await signedIn();
    const id = await createThroughForm(client);
    const response = await client.post(
      `/plan/${id}`,
      planForm({ intent: "update", phoneScreenDate: addDaysToLocalDate(today(), 50) }),
    );
    expect(response.status).toBe(400);
    expect(errorTexts(await response.text())).toContain(
      "The phone screen comes before the onsite: pick an earlier date.",
    );
    expect((await listPlans(userId))[0]?.phoneScreenDate).toBe(addDaysToLocalDate(today(), 10));
  });

  it("is held by the table's own checks too", async () => {
    const { userId } = await signedIn();
    const insert = (values: Partial<typeof loopPlans.$inferInsert>) =>
      getDb()
        .insert(loopPlans)
        .values({
          userId,
          loopId: loop.id,
          trackId: track.id,
          targetLevelId: level.id,
          onsiteDate: "2027-06-01",
          hoursPerWeek: 5,
          ...values,
        })
        .then(() => null)
        .catch((err: unknown) => pgConstraint(err));
    expect(await insert({ phoneScreenDate: "2027-06-01" })).toBe(
      "loop_plans_phone_screen_before_onsite",
    );
    expect(await insert({ hoursPerWeek: 41 })).toBe("loop_plans_hours_per_week");
    expect(await insert({ hoursPerWeek: 2.3 })).toBe("loop_plans_hours_per_week");
    // A level of another loop cannot stand in: the composite key refuses it.
    const other = (await getLoopCatalogs()).find((l) => l.id !== loop.id);
    if (other) {
      expect(await insert({ targetLevelId: other.levels[0]!.id })).toBe("loop_plans_level_fk");
    }
    expect(await insert({ targetLevelId: -1 })).toBe("loop_plans_level_fk");
    expect(await insert({ trackId: -1 })).toBe("loop_plans_track_fk");
    expect(await countFor(userId)).toBe(0);
  });
});

describe("plans: the cap", () => {
  // Twenty loops, so the cap (not one-plan-per-loop) is what stops a person.
  const EXTRA_LOOPS = 20;
  let extraLoops: string[] = [];

  beforeAll(async () => {
    const definitions = Array.from({ length: EXTRA_LOOPS }, (_, i) => ({
      ...structuredClone(databricksLoop),
      slug: `plan-cap-loop-${i}`,
      name: `Plan cap loop ${i}`,
    }));
    await seedCatalog(getDb(), [databricksLoop, ...definitions]);
    extraLoops = definitions.map((d) => d.slug);
  }, 120_000);

  // Every extra loop is a copy of the shipped one: its track slugs and level codes.
  const inputFor = (slug: string) => ({
    loop: slug,
    track: databricksLoop.tracks[0]!.slug,
    level: databricksLoop.levels[0]!.code,
    onsiteDate: addDaysToLocalDate(today(), 30),
    hoursPerWeek: 5,
  });

  it(`refuses a plan beyond ${MAX_PLANS_PER_PERSON}, in the database itself`, async () => {
    const { id: userId } = await createUser({ timeZone: ZONE });
    for (const slug of extraLoops.slice(0, MAX_PLANS_PER_PERSON)) {
      expect((await createPlan(userId, inputFor(slug))).ok).toBe(true);
    }
    expect(await createPlan(userId, inputFor(extraLoops[MAX_PLANS_PER_PERSON]!))).toEqual({
      ok: false,
      error: "too_many_plans",
    });
    expect(await countFor(userId)).toBe(MAX_PLANS_PER_PERSON);
  });

  it(`holds under ${EXTRA_LOOPS} concurrent creates: exactly ${MAX_PLANS_PER_PERSON} win`, async () => {
    const { id: userId } = await createUser({ timeZone: ZONE });
    // On PGlite (one connection) they queue; on PostgreSQL they race for real.
    const results = await Promise.all(extraLoops.map((slug) => createPlan(userId, inputFor(slug))));
    const won = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok && r.error === "too_many_plans").length;
    console.log(
      `concurrent plan creates (${usingPostgres ? "PostgreSQL" : "PGlite"}): ${won} saved, ${refused} refused`,
    );
    expect(won).toBe(MAX_PLANS_PER_PERSON);
    expect(refused).toBe(EXTRA_LOOPS - MAX_PLANS_PER_PERSON);
    expect(await countFor(userId)).toBe(MAX_PLANS_PER_PERSON);
  });
});
