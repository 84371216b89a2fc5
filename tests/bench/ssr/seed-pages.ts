import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { loops, mockSessions, profiles, rounds, sessionParticipants, users } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed/demo-data";
import { getRoomAccess, syncRoom } from "~/modules/sessions/room.server";

// What the SSR bench's pages show beyond the demo seed (which already holds eight weeks
// of history with revealed feedback): a few upcoming sessions on the dashboard, and one
// session live right now, whose room the bench loads as its interviewer.

export const BENCH_USER = { email: "ada@demo.peerloop.dev", password: DEMO_PASSWORD };
const PEERS = ["bruno@demo.peerloop.dev", "dana@demo.peerloop.dev", "eli@demo.peerloop.dev"];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function insertSession(input: {
  interviewerId: string;
  candidateId: string;
  candidateLevelId: number | null;
  loopId: number;
  roundId: number;
  startsAt: Date;
  minutes: number;
  key: string;
}) {
  const db = getDb();
  const endsAt = new Date(input.startsAt.getTime() + input.minutes * MINUTE);
  const during = `[${input.startsAt.toISOString()},${endsAt.toISOString()})`;
  const [session] = await db
    .insert(mockSessions)
    .values({
      loopId: input.loopId,
      roundId: input.roundId,
      format: "one_way",
      startsAt: input.startsAt,
      endsAt,
      status: "scheduled",
      bookedBy: input.candidateId,
      idempotencyKey: input.key,
      priceCredits: 0,
    })
    .returning({ id: mockSessions.id });
  await db.insert(sessionParticipants).values([
    {
      sessionId: session!.id,
      userId: input.candidateId,
      role: "candidate",
      targetLevelId: input.candidateLevelId,
      during,
    },
    { sessionId: session!.id, userId: input.interviewerId, role: "interviewer", during },
  ]);
  return session!.id;
}

/** Returns the id of the live session (the bench user interviews in it). */
export async function seedBenchSessions(now: Date): Promise<string> {
  const db = getDb();
  const people = await db
    .select({ id: users.id, email: users.email, targetLevelId: profiles.targetLevelId })
    .from(users)
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(inArray(users.email, [BENCH_USER.email, ...PEERS]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const me = byEmail.get(BENCH_USER.email)!;
  const [loop] = await db
    .select({ id: loops.id })
    .from(loops)
    .where(eq(loops.slug, "databricks-ic"));
  const [coding] = await db
    .select({ id: rounds.id, minutes: rounds.durationMinutes })
    .from(rounds)
    .where(and(eq(rounds.loopId, loop!.id), eq(rounds.slug, "coding")));
  const base = { loopId: loop!.id, roundId: coding!.id, minutes: coding!.minutes };

  const liveId = await insertSession({
    ...base,
    interviewerId: me.id,
    candidateId: byEmail.get(PEERS[0]!)!.id,
    candidateLevelId: byEmail.get(PEERS[0]!)!.targetLevelId,
    startsAt: new Date(now.getTime() - 5 * MINUTE),
    key: "ssr-bench:live",
  });
  for (const [i, email] of PEERS.entries()) {
    const peer = byEmail.get(email)!;
    await insertSession({
      ...base,
      interviewerId: peer.id,
      candidateId: me.id,
      candidateLevelId: me.targetLevelId,
      startsAt: new Date(Math.ceil((now.getTime() + (i + 1) * DAY) / (30 * MINUTE)) * 30 * MINUTE),
      key: `ssr-bench:upcoming:${i}`,
    });
  }
  // What the room's first sync does: the session is under way and the kit has its question.
  const access = await getRoomAccess(liveId, me.id, now);
  if (!access) throw new Error("the live session is not visible to its interviewer");
  await syncRoom(access, now);
  return liveId;
}
