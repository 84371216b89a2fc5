import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { levels, loops, rounds } from "#db/schema";
import { oneWayPrice } from "~/modules/credits/pricing.server";
import { proposeOnsiteDays } from "~/modules/matching/onsite.server";
import {
  createAvailableUser,
  LOOP,
  NOW,
  offerToInterview,
  setWeek,
} from "../support/booking-fixtures";
import { setupFreshDatabase } from "../support/database";

setupFreshDatabase();

// proposeOnsiteDays over a seeded database: people with availability and one-way
// qualifications, the round pools read through matching's cache, names, round names and
// prices on the proposals. The matcher's own rules are proven in the unit tests.

async function catalogIds() {
  const db = getDb();
  const [loop] = await db.select().from(loops).where(eq(loops.slug, LOOP));
  const roundRows = await db.select().from(rounds).where(eq(rounds.loopId, loop!.id));
  const levelRows = await db.select().from(levels).where(eq(levels.loopId, loop!.id));
  const round = (slug: string) => roundRows.find((r) => r.slug === slug)!;
  const level = (code: string) => levelRows.find((l) => l.code === code)!;
  return { loopId: loop!.id, round, level };
}

describe("proposeOnsiteDays", () => {
  it("proposes whole days with a different qualified interviewer per round, in the candidate's zone", async () => {
    const ids = await catalogIds();
    // 09:00–18:00 in Berlin (UTC+1 in early March): 08:00–17:00Z.
    const me = await createAvailableUser("Onsite Candidate", {
      timeZone: "Europe/Berlin",
      ranges: [{ start: "09:00", end: "18:00" }],
    });
    // Ada interviews both coding and the Spark deep dive; only she and Ben do coding.
    const ada = await createAvailableUser("Ada Coder");
    const ben = await createAvailableUser("Ben Coder");
    const cleo = await createAvailableUser("Cleo Spark");
    const dev = await createAvailableUser("Dev Behavioral");
    await offerToInterview(ada.id, "coding", "L7");
    await offerToInterview(ada.id, "spark-deep-dive", "L7");
    await offerToInterview(ben.id, "coding", "L6");
    await offerToInterview(cleo.id, "spark-deep-dive", "L7");
    await offerToInterview(dev.id, "behavioral", "L7");
    // Qualified only up to L4: below the L5 target, never proposed.
    const low = await createAvailableUser("Low Level");
    await offerToInterview(low.id, "coding", "L4");

    const coding = ids.round("coding");
    const spark = ids.round("spark-deep-dive");
    const behavioral = ids.round("behavioral");
    const input = {
      userId: me.id,
      loopId: ids.loopId,
      roundIds: [coding.id, coding.id, spark.id, behavioral.id],
      targetLevelId: ids.level("L5").id,
      horizonDays: 7,
      now: NOW,
    };
    const result = await proposeOnsiteDays(input);
    if (!result.ok) throw new Error(result.error);
    expect(result.days.map((d) => [d.date, d.start])).toEqual([
      ["2027-03-01", "2027-03-01T08:00:00.000Z"],
      ["2027-03-02", "2027-03-02T08:00:00.000Z"],
      ["2027-03-03", "2027-03-03T08:00:00.000Z"],
    ]);
    const prices = {
      coding: await oneWayPrice(getDb(), { roundId: coding.id, targetLevelRank: 5 }),
      spark: await oneWayPrice(getDb(), { roundId: spark.id, targetLevelRank: 5 }),
      behavioral: await oneWayPrice(getDb(), { roundId: behavioral.id, targetLevelRank: 5 }),
    };
    const first = result.days[0]!;
    expect(first.rounds.map((r) => [r.key, r.roundName, r.start, r.end, r.price])).toEqual([
      [
        "coding#1",
        coding.name,
        "2027-03-01T08:00:00.000Z",
        "2027-03-01T09:00:00.000Z",
        prices.coding,
      ],
      [
        "coding#2",
        coding.name,
        "2027-03-01T09:15:00.000Z",
        "2027-03-01T10:15:00.000Z",
        prices.coding,
      ],
      // Lunch after the second round.
      [
        "spark-deep-dive#1",
        spark.name,
        "2027-03-01T11:00:00.000Z",
        "2027-03-01T12:00:00.000Z",
        prices.spark,
      ],
      [
        "behavioral#1",
        behavioral.name,
        "2027-03-01T12:15:00.000Z",
        "2027-03-01T13:00:00.000Z",
        prices.behavioral,
      ],
    ]);
    expect(first.end).toBe("2027-03-01T13:00:00.000Z");
    expect(first.price).toBe(2 * prices.coding + prices.spark + prices.behavioral);
    for (const day of result.days) {
      const names = day.rounds.map((r) => r.peerName);
      // Ada is needed for coding (only two coders), so Cleo takes the Spark round.
      expect(names.slice(0, 2).sort()).toEqual(["Ada Coder", "Ben Coder"]);
      expect(names.slice(2)).toEqual(["Cleo Spark", "Dev Behavioral"]);
      expect(new Set(day.rounds.map((r) => r.peerId)).size).toBe(4);
      expect(day.reasons[0]).toBe("4 rounds with 4 different interviewers, 09:00–14:00 your time");
      const reasonsOf = (name: string) => day.rounds.find((r) => r.peerName === name)!.reasons;
      expect(reasonsOf("Ada Coder")).toContain("Interviews up to L7");
      expect(reasonsOf("Ben Coder")).toContain("Interviews up to L6");
    }

    // The pools are cached: a change to a peer's week is seen by the next search. Without
    // Cleo, the Spark round needs Ada, and coding is left one interviewer short.
    await setWeek(cleo.id, { ranges: [{ start: "20:00", end: "21:00" }] });
    const after = await proposeOnsiteDays(input);
    expect(after).toEqual({ ok: true, days: [] });
  });

  it("proposes nothing when a round has no qualified interviewer", async () => {
    const ids = await catalogIds();
    const me = await createAvailableUser("Lonely Candidate", {
      ranges: [{ start: "08:00", end: "20:00" }],
    });
    const result = await proposeOnsiteDays({
      userId: me.id,
      loopId: ids.loopId,
      roundIds: [ids.round("coding").id, ids.round("hiring-manager").id],
      targetLevelId: ids.level("L5").id,
      horizonDays: 7,
      now: NOW,
    });
    expect(result).toEqual({ ok: true, days: [] });
  });

  it("answers input that names nothing real with an error code", async () => {
    const ids = await catalogIds();
    const me = await createAvailableUser("Hostile Candidate");
    const base = {
      userId: me.id,
      loopId: ids.loopId,
      roundIds: [ids.round("coding").id],
      targetLevelId: ids.level("L5").id,
      horizonDays: 7,
      now: NOW,
    };
    expect(await proposeOnsiteDays({ ...base, loopId: 999_999 })).toEqual({
      ok: false,
      error: "unknown_loop",
    });
    expect(await proposeOnsiteDays({ ...base, roundIds: [999_999] })).toEqual({
      ok: false,
      error: "unknown_round",
    });
    expect(await proposeOnsiteDays({ ...base, targetLevelId: 999_999 })).toEqual({
      ok: false,
      error: "unknown_level",
    });
    expect(await proposeOnsiteDays({ ...base, roundIds: Array(7).fill(base.roundIds[0]) })).toEqual(
      {
        ok: false,
        error: "bad_round_count",
      },
    );
    expect(await proposeOnsiteDays({ ...base, roundIds: [] })).toEqual({
      ok: false,
      error: "bad_round_count",
    });
    expect(await proposeOnsiteDays({ ...base, horizonDays: 1e9 })).toEqual({
      ok: false,
      error: "bad_horizon",
    });
    expect(await proposeOnsiteDays({ ...base, maxDays: 0 })).toEqual({
      ok: false,
      error: "bad_day_count",
    });
  });
});
