-- Custom SQL: a booking's locked part in one call (decision record 0019).
--
-- book_session re-checks, under the two people's advisory locks, everything another
-- booking can change between the moment a slot was validated and the write: the
-- idempotency key, the request(s) still open, both people's calendars (overlap with
-- their buffers, their daily cap on the local date of their zone) and the candidate's
-- balance. Then it writes the whole booking: the request (a suggested mock's), the
-- session, both participants, the request(s) closed, the escrow and its hold entry,
-- and the invites in the outbox. One statement, one round trip, one implicit
-- transaction when called outside of one.
--
-- A refusal is returned as a short code (the application's BookingErrorCode) before
-- anything is written. The constraints stay the last word: a collision the checks did
-- not see (a writer that takes no lock) raises 23P01 from the exclusion constraint,
-- a debit the balance cannot cover raises the ledger's CHECK, and the statement rolls
-- back whole; the caller maps those exactly as it did before.
--
-- What the caller validated from a snapshot just before (weekly availability, notice,
-- qualification, the price) is not re-read here: none of it is changed by bookings,
-- and none of it was ever protected by these locks (editing availability takes none).

CREATE OR REPLACE FUNCTION book_session(
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
  p_emails jsonb
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
          AND sp.during && tstzrange(
            p_starts_at - make_interval(mins => v_person.buffer_minutes),
            p_ends_at + make_interval(mins => v_person.buffer_minutes), '[)')
    ) OR (
      SELECT count(*) FROM session_participants sp
        WHERE sp.user_id = v_person.id AND sp.active
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
