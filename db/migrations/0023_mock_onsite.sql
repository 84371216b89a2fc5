-- Mock onsites (decision record 0031): a whole onsite day booked in one transaction.
-- The day's sessions are ordinary one-way mock sessions; the link rows tie each to its
-- day, in order, and (with the composite keys) only to a day of the person who booked it.
ALTER TABLE "mock_sessions" ADD CONSTRAINT "mock_sessions_id_booked_by_key" UNIQUE("id","booked_by");--> statement-breakpoint
CREATE TABLE "mock_onsite_sessions" (
	"onsite_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"sitting_key" text NOT NULL,
	"session_id" uuid NOT NULL,
	CONSTRAINT "mock_onsite_sessions_onsite_id_position_pk" PRIMARY KEY("onsite_id","position"),
	CONSTRAINT "mock_onsite_sessions_session_key" UNIQUE("session_id"),
	CONSTRAINT "mock_onsite_sessions_sitting_key" UNIQUE("onsite_id","sitting_key"),
	CONSTRAINT "mock_onsite_sessions_position" CHECK ("mock_onsite_sessions"."position" between 1 and 8),
	CONSTRAINT "mock_onsite_sessions_sitting_key_length" CHECK (char_length("mock_onsite_sessions"."sitting_key") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "mock_onsites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"loop_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"target_level_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"time_zone" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mock_onsites_idempotency_key" UNIQUE("idempotency_key"),
	CONSTRAINT "mock_onsites_id_candidate_key" UNIQUE("id","candidate_id"),
	CONSTRAINT "mock_onsites_time_zone" CHECK (char_length("mock_onsites"."time_zone") between 1 and 64),
	CONSTRAINT "mock_onsites_key_length" CHECK (char_length("mock_onsites"."idempotency_key") between 16 and 100)
);
--> statement-breakpoint
ALTER TABLE "mock_onsite_sessions" ADD CONSTRAINT "mock_onsite_sessions_onsite_fk" FOREIGN KEY ("onsite_id","candidate_id") REFERENCES "public"."mock_onsites"("id","candidate_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_onsite_sessions" ADD CONSTRAINT "mock_onsite_sessions_session_fk" FOREIGN KEY ("session_id","candidate_id") REFERENCES "public"."mock_sessions"("id","booked_by") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_onsites" ADD CONSTRAINT "mock_onsites_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_onsites" ADD CONSTRAINT "mock_onsites_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_onsites" ADD CONSTRAINT "mock_onsites_track_fk" FOREIGN KEY ("track_id","loop_id") REFERENCES "public"."tracks"("id","loop_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mock_onsites" ADD CONSTRAINT "mock_onsites_level_fk" FOREIGN KEY ("target_level_id","loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mock_onsites_candidate_idx" ON "mock_onsites" USING btree ("candidate_id","local_date");
--> statement-breakpoint
-- book_session (migration 0014) learns one thing for a mock onsite: the sessions the day
-- already wrote in this transaction are not counted against the candidate's buffer and
-- daily cap (the matcher's rule, decision 0030: the onsite's breaks are its spacing, and
-- a cap of 2 would forbid every onsite). Everything else is unchanged; a single booking
-- passes no ids and is judged exactly as before. A new parameter changes the
-- signature, so the old function is dropped (a second overload would make the
-- 13-argument call ambiguous).
DROP FUNCTION book_session(uuid, text, uuid, uuid, uuid, jsonb, timestamptz, timestamptz, integer, timestamptz, integer, integer, jsonb);--> statement-breakpoint
CREATE FUNCTION book_session(
  p_session_id uuid,
  p_idempotency_key text,
  p_user_id uuid,
  p_peer_id uuid,
  p_request_id uuid,
  -- A suggested mock's request, written here so that a refused booking leaves none:
  -- {"loop_id", "round_id", "target_level_id", "format", "horizon_days", "expires_at"}.
  p_new_request jsonb,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_price integer,
  p_now timestamptz,
  -- The limits of a person who never saved availability (DEFAULT_LIMITS).
  p_default_buffer_minutes integer,
  p_default_max_per_day integer,
  -- Outbox rows: [{"user_id", "to_address", "subject", "text_body", "ics", "kind", "dedupe_key"}].
  p_emails jsonb,
  -- A mock onsite's sessions written before this one in the same transaction: the
  -- candidate's buffer and daily cap do not count them (the day's breaks are its
  -- spacing). The exclusion constraint still refuses any real overlap.
  p_same_day_session_ids uuid[] DEFAULT NULL
) RETURNS TABLE (outcome text, session_id uuid)
LANGUAGE plpgsql AS $$
DECLARE
  v_existing record;
  v_request record;
  v_peer_request_id uuid;
  v_peer_level_id integer;
  v_person record;
  v_price integer;
  v_balance integer;
BEGIN
  -- The same per-person locks as lockPeople (booking-tx.server.ts), in the same order
  -- (uuid order is the order of their lower-case text), so that no booking and no
  -- reschedule ever wait on each other crosswise.
  PERFORM pg_advisory_xact_lock(hashtextextended(least(p_user_id, p_peer_id)::text, 0));
  IF p_peer_id <> p_user_id THEN
    PERFORM pg_advisory_xact_lock(hashtextextended(greatest(p_user_id, p_peer_id)::text, 0));
  END IF;

  -- A double submit waited on the locks above; the first booking has committed.
  SELECT s.id, s.booked_by INTO v_existing
    FROM mock_sessions s WHERE s.idempotency_key = p_idempotency_key;
  IF FOUND THEN
    IF v_existing.booked_by = p_user_id THEN
      RETURN QUERY SELECT 'replayed'::text, v_existing.id;
    ELSE
      RETURN QUERY SELECT 'idempotency_conflict'::text, NULL::uuid;
    END IF;
    RETURN;
  END IF;

  IF p_new_request IS NOT NULL THEN
    INSERT INTO mock_requests
      (id, user_id, loop_id, round_id, target_level_id, format, horizon_days, created_at, expires_at)
    VALUES (
      p_request_id, p_user_id,
      (p_new_request->>'loop_id')::integer,
      (p_new_request->>'round_id')::integer,
      (p_new_request->>'target_level_id')::integer,
      p_new_request->>'format',
      (p_new_request->>'horizon_days')::smallint,
      p_now,
      (p_new_request->>'expires_at')::timestamptz);
  END IF;

  -- Locked rows: a cancel or expiry (which take no advisory lock) waits for us.
  SELECT r.* , l.rank AS level_rank INTO v_request
    FROM mock_requests r JOIN levels l ON l.id = r.target_level_id
    WHERE r.id = p_request_id
    FOR UPDATE OF r;
  IF NOT FOUND OR v_request.user_id <> p_user_id THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::uuid;
    RETURN;
  END IF;
  IF v_request.status <> 'open' OR v_request.expires_at <= p_now THEN
    RETURN QUERY SELECT 'request_closed'::text, NULL::uuid;
    RETURN;
  END IF;

  IF v_request.format = 'swap' THEN
    -- The peer's open swap request for this round that fits the level best.
    SELECT r.id, r.target_level_id INTO v_peer_request_id, v_peer_level_id
      FROM mock_requests r JOIN levels l ON l.id = r.target_level_id
      WHERE r.user_id = p_peer_id AND r.round_id = v_request.round_id
        AND r.format = 'swap' AND r.status = 'open' AND r.expires_at > p_now
      ORDER BY abs(l.rank - v_request.level_rank), r.created_at
      LIMIT 1
      FOR UPDATE OF r;
    IF NOT FOUND THEN
      RETURN QUERY SELECT 'slot_taken'::text, NULL::uuid;
      RETURN;
    END IF;
    v_price := 0;
  ELSE
    v_price := p_price;
  END IF;

  -- Both calendars as they stand under the locks: no active session within the
  -- person's buffer, and fewer than their daily cap starting on that local date (the
  -- matcher's rules: busy sessions are those ending after a day before now).
  FOR v_person IN
    SELECT u.id,
           coalesce(a.time_zone, pr.time_zone, 'UTC') AS time_zone,
           coalesce(a.buffer_minutes, p_default_buffer_minutes) AS buffer_minutes,
           coalesce(a.max_sessions_per_day, p_default_max_per_day) AS max_per_day
      FROM users u
      LEFT JOIN availability_settings a ON a.user_id = u.id
      LEFT JOIN profiles pr ON pr.user_id = u.id
      WHERE u.id IN (p_user_id, p_peer_id)
  LOOP
    IF EXISTS (
      SELECT 1 FROM session_participants sp
        WHERE sp.user_id = v_person.id AND sp.active
          AND NOT (v_person.id = p_user_id
                   AND sp.session_id = ANY(coalesce(p_same_day_session_ids, '{}')))
          AND sp.during && tstzrange(
            p_starts_at - make_interval(mins => v_person.buffer_minutes),
            p_ends_at + make_interval(mins => v_person.buffer_minutes), '[)')
    ) OR (
      SELECT count(*) FROM session_participants sp
        WHERE sp.user_id = v_person.id AND sp.active
          AND NOT (v_person.id = p_user_id
                   AND sp.session_id = ANY(coalesce(p_same_day_session_ids, '{}')))
          AND upper(sp.during) > p_now - interval '1 day'
          AND (lower(sp.during) AT TIME ZONE v_person.time_zone)::date
            = (p_starts_at AT TIME ZONE v_person.time_zone)::date
    ) >= v_person.max_per_day THEN
      RETURN QUERY SELECT 'slot_taken'::text, NULL::uuid;
      RETURN;
    END IF;
  END LOOP;

  IF v_price > 0 THEN
    -- Our lock serialises the candidate's bookings; another debit racing past this
    -- read still fails the balance CHECK below.
    SELECT a.balance INTO v_balance FROM credit_accounts a WHERE a.user_id = p_user_id;
    IF coalesce(v_balance, 0) < v_price THEN
      RETURN QUERY SELECT 'insufficient_credits'::text, NULL::uuid;
      RETURN;
    END IF;
  END IF;

  INSERT INTO mock_sessions
    (id, loop_id, round_id, format, starts_at, ends_at, booked_by, idempotency_key, request_id,
     price_credits)
  VALUES (p_session_id, v_request.loop_id, v_request.round_id, v_request.format, p_starts_at,
          p_ends_at, p_user_id, p_idempotency_key, p_request_id, v_price);

  INSERT INTO session_participants (session_id, user_id, role, target_level_id, during)
  VALUES
    (p_session_id, p_user_id,
     CASE WHEN v_request.format = 'swap' THEN 'swap' ELSE 'candidate' END,
     v_request.target_level_id, tstzrange(p_starts_at, p_ends_at, '[)')),
    (p_session_id, p_peer_id,
     CASE WHEN v_request.format = 'swap' THEN 'swap' ELSE 'interviewer' END,
     v_peer_level_id, tstzrange(p_starts_at, p_ends_at, '[)'));

  UPDATE mock_requests SET status = 'booked', session_id = p_session_id
    WHERE id = p_request_id OR id = v_peer_request_id;

  IF v_price > 0 THEN
    INSERT INTO session_escrows (session_id, candidate_id, interviewer_id, amount)
    VALUES (p_session_id, p_user_id, p_peer_id, v_price);
    -- escrow.server.ts holdReference / holdEscrow: the ledger's trigger moves the balance.
    INSERT INTO credit_entries (user_id, amount, reason, reference, session_id, memo)
    VALUES (p_user_id, -v_price, 'escrow_hold', 'hold:' || p_session_id::text, p_session_id,
            'One-way mock booked');
  END IF;

  INSERT INTO outbox_emails
    (user_id, to_address, subject, text_body, ics, kind, session_id, dedupe_key)
  SELECT e.user_id, e.to_address, e.subject, e.text_body, e.ics, e.kind, p_session_id, e.dedupe_key
    FROM jsonb_to_recordset(coalesce(p_emails, '[]'::jsonb)) AS e(
      user_id uuid, to_address text, subject text, text_body text, ics text, kind text,
      dedupe_key text)
  ON CONFLICT (dedupe_key) DO NOTHING;

  RETURN QUERY SELECT 'booked'::text, p_session_id;
END;
$$;
