import { createHash, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { AccessToken } from "livekit-server-sdk";
import { getDb } from "#db/client";
import { creditEntries, mockSessions, sessionEscrows } from "#db/schema";
import { getAccount } from "~/modules/credits/ledger.server";
import { opaqueIdentity, videoRoomName } from "~/modules/sessions/room.server";

export async function balanceOf(userId: string): Promise<number> {
  return (await getAccount(getDb(), userId)).balance;
}

export async function escrowOf(sessionId: string) {
  const [row] = await getDb()
    .select()
    .from(sessionEscrows)
    .where(eq(sessionEscrows.sessionId, sessionId));
  return row ?? null;
}

export async function priceOf(sessionId: string): Promise<number> {
  const [row] = await getDb()
    .select({ price: mockSessions.priceCredits })
    .from(mockSessions)
    .where(eq(mockSessions.id, sessionId));
  return row!.price;
}

/** Every ledger entry of a session, oldest first: [reason, user, amount]. */
export async function entriesOf(sessionId: string) {
  const rows = await getDb()
    .select({
      reason: creditEntries.reason,
      userId: creditEntries.userId,
      amount: creditEntries.amount,
    })
    .from(creditEntries)
    .where(eq(creditEntries.sessionId, sessionId))
    .orderBy(creditEntries.id);
  return rows.map((r) => [r.reason, r.userId, r.amount] as const);
}

/** Each person's balance equals the sum of their entries, and none is negative. */
export async function ledgerAddsUp(): Promise<{ mismatched: number; negative: number }> {
  const result = await getDb().execute(sql`
    select
      (select count(*) from credit_accounts a
         where a.balance <> (select coalesce(sum(e.amount), 0) from credit_entries e where e.user_id = a.user_id)
            or a.owed <> (select coalesce(sum(e.owed_delta), 0) from credit_entries e where e.user_id = a.user_id)
      )::int as mismatched,
      (select count(*) from credit_accounts where balance < 0)::int as negative`);
  const rows = ((result as { rows?: unknown[] }).rows ?? result) as {
    mismatched: number;
    negative: number;
  }[];
  return { mismatched: Number(rows[0]!.mismatched), negative: Number(rows[0]!.negative) };
}

/** A LiveKit webhook body and Authorization header, signed the way LiveKit signs them. */
export async function signedJoin(sessionId: string, userId: string, at: Date) {
  const text = JSON.stringify({
    id: `EV_${randomUUID()}`,
    event: "participant_joined",
    createdAt: Math.floor(at.getTime() / 1000),
    room: { name: videoRoomName(sessionId) },
    participant: { identity: opaqueIdentity(sessionId, userId) },
  });
  const token = new AccessToken("devkey", "secret");
  token.sha256 = createHash("sha256").update(text).digest("base64");
  return { text, authorization: await token.toJwt() };
}
