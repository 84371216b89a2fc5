import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { availabilitySettings, mockRequests } from "#db/schema";
import { bookProposal } from "./book-proposal.server";
import { getRequest, proposeForRequest } from "./requests.server";

/**
 * Background pairing: open swap requests of people who allowed auto-booking are booked
 * with the best proposal whose peer allowed it too. Idempotency keys are derived from
 * the pair and time, so a crashed or repeated run cannot book twice.
 */
export async function pairOpenRequests(now: Date = new Date(), limit = 50): Promise<number> {
  const db = getDb();
  const open = await db
    .select({ id: mockRequests.id })
    .from(mockRequests)
    .innerJoin(availabilitySettings, eq(availabilitySettings.userId, mockRequests.userId))
    .where(
      and(
        eq(mockRequests.status, "open"),
        eq(mockRequests.format, "swap"),
        eq(availabilitySettings.autoBook, true),
        gt(mockRequests.expiresAt, now),
      ),
    )
    .orderBy(asc(mockRequests.createdAt))
    .limit(limit);
  let booked = 0;
  for (const { id } of open) {
    const ctx = await getRequest(id);
    if (ctx?.status !== "open") continue;
    const proposals = await proposeForRequest(ctx, now, { maxProposals: 20 });
    if (proposals.length === 0) continue;
    const willing = await db
      .select({ userId: availabilitySettings.userId })
      .from(availabilitySettings)
      .where(
        and(
          inArray(
            availabilitySettings.userId,
            proposals.map((p) => p.peerId),
          ),
          eq(availabilitySettings.autoBook, true),
        ),
      );
    const best = proposals.find((p) => willing.some((w) => w.userId === p.peerId));
    if (!best) continue;
    const result = await bookProposal({
      userId: ctx.userId,
      requestId: ctx.id,
      peerId: best.peerId,
      start: new Date(best.start),
      idempotencyKey: `auto:${ctx.id}:${best.peerId}:${best.start}`,
      now,
    });
    if (result.ok && !result.replayed) booked++;
  }
  return booked;
}
