import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConnection, getDb } from "#db/client";
import {
  authSessions,
  loginAttempts,
  passwordResets,
  rateLimits,
  signupConfirmations,
} from "#db/schema";
import { parseEnv } from "~/env.server";
import { DEFAULT_JOB_TIMING, QUEUES, startJobEngine } from "~/jobs/job-engine.server";
import { startAuthSession } from "~/modules/identity/auth.server";
import { LOGIN_ATTEMPT_RETENTION_MS } from "~/modules/identity/purge.server";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";

setupFreshDatabase();

const HOUR = 60 * 60 * 1000;

describe("the recurring purge of expired identity data", () => {
  it("deletes expired sessions, links, limiter rows and old attempts, and keeps live ones", async () => {
    const db = getDb();
    const now = Date.now();
    const user = await createUser();
    await startAuthSession(user.id); // live
    await db
      .insert(authSessions)
      .values({ id: "expired-session", userId: user.id, expiresAt: new Date(now - HOUR) });
    await db.insert(loginAttempts).values([
      {
        email: user.email,
        ip: "192.0.2.1",
        succeeded: false,
        attemptedAt: new Date(now - LOGIN_ATTEMPT_RETENTION_MS - HOUR),
      },
      { email: user.email, ip: "192.0.2.1", succeeded: true, attemptedAt: new Date(now - HOUR) },
    ]);
    await db.insert(rateLimits).values([
      { key: "login-email:old@example.test", points: 5, expire: new Date(now - 1000) },
      { key: "login-email:live@example.test", points: 2, expire: new Date(now + 10 * 60 * 1000) },
    ]);
    const pending = {
      email: "pending@example.test",
      name: "Pending",
      passwordHash: "x",
      timeZone: "UTC",
    };
    await db.insert(signupConfirmations).values([
      { ...pending, tokenHash: "old-confirm", expiresAt: new Date(now - 1000) },
      { ...pending, tokenHash: "live-confirm", expiresAt: new Date(now + HOUR) },
    ]);
    await db.insert(passwordResets).values([
      { tokenHash: "old-reset", userId: user.id, expiresAt: new Date(now - 1000) },
      { tokenHash: "old-reset-nobody", userId: null, expiresAt: new Date(now - 1000) },
      { tokenHash: "live-reset", userId: user.id, expiresAt: new Date(now + HOUR) },
    ]);

    // Through the job engine, as production runs it (the schedule is hourly; this sends
    // the job now and waits for the worker).
    const engine = await startJobEngine(getConnection(), parseEnv({ NODE_ENV: "test" }), {
      ...DEFAULT_JOB_TIMING,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const jobId = await engine.boss.send(QUEUES.purgeAuth, {});
      if (!jobId) throw new Error("the purge job was not queued");
      // Until the run has finished every table (or failed, which the checks below show).
      const deadline = Date.now() + 30_000;
      let state = (await engine.boss.getJobById(QUEUES.purgeAuth, jobId))?.state;
      while (state !== "completed" && state !== "failed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await engine.boss.getJobById(QUEUES.purgeAuth, jobId))?.state;
      }
    } finally {
      await engine.stop();
    }

    expect(await db.$count(authSessions, eq(authSessions.userId, user.id))).toBe(1);
    expect(await db.$count(authSessions, eq(authSessions.id, "expired-session"))).toBe(0);
    expect(await db.$count(loginAttempts, eq(loginAttempts.email, user.email))).toBe(1);
    expect((await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key)).toEqual([
      "login-email:live@example.test",
    ]);
    expect(
      (await db.select({ t: signupConfirmations.tokenHash }).from(signupConfirmations)).map(
        (r) => r.t,
      ),
    ).toEqual(["live-confirm"]);
    expect(
      await db.$count(
        passwordResets,
        inArray(passwordResets.tokenHash, ["old-reset", "old-reset-nobody", "live-reset"]),
      ),
    ).toBe(1);
  });
});
