import { sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { rowsOf } from "#db/rows";
import { tstzRange } from "./booking-tx.server";
import type { BookingRows } from "./build-booking";

/**
 * Writes a built booking in one statement: the session, both participants, and the
 * request(s) closed. The exclusion constraint refuses it whole if either person is
 * taken. Returns false when a request was no longer open (someone else took it).
 */
export async function saveBooking(tx: Database, rows: BookingRows): Promise<boolean> {
  const s = rows.session;
  const during = tstzRange(s.startsAt, s.endsAt);
  const participants = rows.participants.map(
    (p) => sql`(${s.id}, ${p.userId}, ${p.role}, ${p.targetLevelId}::int, ${during}::tstzrange)`,
  );
  const written = await tx.execute(sql`
    with new_session as (
      insert into mock_sessions
        (id, loop_id, round_id, format, starts_at, ends_at, booked_by, idempotency_key, request_id,
         price_credits)
      values (${s.id}, ${s.loopId}, ${s.roundId}, ${s.format}, ${s.startsAt.toISOString()},
              ${s.endsAt.toISOString()}, ${s.bookedBy}, ${s.idempotencyKey}, ${s.requestId},
              ${s.priceCredits})
      returning id
    ), new_participants as (
      insert into session_participants (session_id, user_id, role, target_level_id, during)
      values ${sql.join(participants, sql`, `)}
      returning 1
    ), closed as (
      update mock_requests set status = 'booked', session_id = ${s.id}
      where id in (${sql.join(
        rows.requestIds.map((r) => sql`${r}::uuid`),
        sql`, `,
      )}) and status = 'open'
      returning id
    )
    select (select count(*) from closed)::int as closed,
           (select count(*) from new_participants)::int as participants,
           (select count(*) from new_session)::int as sessions`);
  const counts = rowsOf<{ closed: number }>(written)[0];
  return Number(counts?.closed) === rows.requestIds.length;
}
