import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { pgConstraint } from "#db/errors";
import { availabilityOverrides } from "#db/schema";
import { addOverride } from "~/modules/availability/availability.server";
import {
  MAX_OVERRIDE_DAYS_AHEAD,
  MAX_UPCOMING_OVERRIDES,
} from "~/modules/availability/availability-form";
import { addDaysToLocalDate, localDateOf } from "~/modules/availability/zoned-time";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

const ZONE = "Pacific/Kiritimati"; // UTC+14: "today" there is often tomorrow in UTC

async function signedIn(): Promise<{ client: HttpClient; userId: string }> {
  const user = await createUser({ timeZone: ZONE });
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return { client, userId: user.id };
}

const today = () => localDateOf(ZONE, Date.now());
const countFor = (userId: string) =>
  getDb().$count(availabilityOverrides, eq(availabilityOverrides.userId, userId));

describe("date overrides: dates", () => {
  it.each([
    ["2025-02-30", "Choose a real date."],
    ["0000-01-01", "Choose a real date."],
    ["2026-13-01", "Choose a real date."],
    ["99999-01-01", "Choose a date."],
  ])("refuses %s with 400 and a message, never a 500", async (date, message) => {
    const { client, userId } = await signedIn();
    const response = await client.post("/availability", {
      intent: "add-override",
      date,
      kind: "off",
    });
    expect(response.status).toBe(400);
    expect(errorTexts(await response.text())).toContain(message);
    expect(await countFor(userId)).toBe(0);
  });

  it("refuses a past date (in the person's zone) and one too far ahead", async () => {
    const { client, userId } = await signedIn();
    const yesterday = addDaysToLocalDate(today(), -1);
    const past = await client.post("/availability", {
      intent: "add-override",
      date: yesterday,
      kind: "off",
    });
    expect(past.status).toBe(400);
    expect(errorTexts(await past.text())).toContain(
      "That date has passed. Choose today or a later date.",
    );
    const far = await client.post("/availability", {
      intent: "add-override",
      date: addDaysToLocalDate(today(), MAX_OVERRIDE_DAYS_AHEAD + 1),
      kind: "off",
    });
    expect(far.status).toBe(400);
    expect(await countFor(userId)).toBe(0);
    const ok = await client.post("/availability", {
      intent: "add-override",
      date: today(),
      kind: "off",
    });
    expect(ok.status).toBe(200);
    expect(await countFor(userId)).toBe(1);
  });
});

describe("date overrides: the cap", () => {
  it("refuses one more than the cap with a clear message", async () => {
    const { client, userId } = await signedIn();
    for (let i = 0; i < MAX_UPCOMING_OVERRIDES; i++) {
      const added = await addOverride(userId, {
        date: addDaysToLocalDate(today(), i % 30),
        kind: "off",
      });
      expect(added).toEqual({ ok: true });
    }
    const response = await client.post("/availability", {
      intent: "add-override",
      date: addDaysToLocalDate(today(), 40),
      kind: "off",
    });
    expect(response.status).toBe(409);
    expect(errorTexts(await response.text())).toContain(
      `You can have at most ${MAX_UPCOMING_OVERRIDES} upcoming date overrides. Remove one first.`,
    );
    expect(await countFor(userId)).toBe(MAX_UPCOMING_OVERRIDES);
  });

  it("is enforced by the database itself, and past overrides do not count", async () => {
    const { userId } = await signedIn();
    // Written straight to the table, as a buggy caller would: past rows are history.
    await getDb()
      .insert(availabilityOverrides)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          userId,
          date: addDaysToLocalDate(today(), -10 - i),
          kind: "off" as const,
        })),
      );
    await getDb()
      .insert(availabilityOverrides)
      .values(
        Array.from({ length: MAX_UPCOMING_OVERRIDES }, (_, i) => ({
          userId,
          date: addDaysToLocalDate(today(), 1 + (i % 20)),
          kind: "off" as const,
        })),
      );
    const error = await getDb()
      .insert(availabilityOverrides)
      .values({ userId, date: addDaysToLocalDate(today(), 3), kind: "off" })
      .then(() => null)
      .catch((err: unknown) => err);
    expect(pgConstraint(error)).toBe("availability_overrides_cap");
    expect(await countFor(userId)).toBe(MAX_UPCOMING_OVERRIDES + 5);
  });

  it("holds under concurrent adds: exactly the free places are taken", async () => {
    const { userId } = await signedIn();
    const free = 3;
    for (let i = 0; i < MAX_UPCOMING_OVERRIDES - free; i++) {
      await addOverride(userId, { date: addDaysToLocalDate(today(), 1 + (i % 20)), kind: "off" });
    }
    const attempts = 12;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        addOverride(userId, {
          date: addDaysToLocalDate(today(), 2 + i),
          kind: "extra",
          start: "09:00",
          end: "10:00",
        }),
      ),
    );
    const won = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok && r.error === "too_many").length;
    console.log(`concurrent adds: ${won} added, ${refused} refused (${free} free places)`);
    expect(won).toBe(free);
    expect(refused).toBe(attempts - free);
    expect(await countFor(userId)).toBe(MAX_UPCOMING_OVERRIDES);
  });
});
