-- The matcher's pool version (migration 0015) now moves only when a statement changed
-- something the pool holds. 0015's triggers were plain FOR EACH STATEMENT ones, which
-- fire whatever the row count: a refused compare-and-swap (a cancel of a session that is
-- no longer scheduled, any guarded UPDATE or DELETE matching no row) and every empty
-- foreign-key cascade bumped the version and made every app process rebuild its pools.
--
-- Still one bump per statement, not per row, so set-based writes stay cheap: each table
-- gets statement triggers with transition tables (the rows the statement inserted,
-- updated or deleted) and bumps if they hold a row that counts. PostgreSQL allows a
-- transition table only on a trigger with a single event and, for UPDATE, without a
-- column list, and not at all on TRUNCATE; hence one trigger per event, the counted
-- columns passed to the UPDATE trigger as arguments, and TRUNCATE bumping as before.
--
-- An UPDATE counts when a counted column's value changed in some row (the before and
-- after images, projected on those columns, differ as multisets). Setting a counted column
-- to the value it already had does not bump: a pool built before such a write equals one
-- built after it. That is narrower than 0015's UPDATE OF, which fired when a listed column
-- was merely assigned. A table without a column list counts all its columns, compared
-- with their equality operators: a json (not jsonb) or point column added to one of those
-- tables would make its updates fail here, so list that table's columns instead.
CREATE FUNCTION bump_match_pool_version_if_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- changed_rows: the inserted rows (INSERT trigger) or the deleted ones (DELETE trigger).
  IF EXISTS (SELECT 1 FROM changed_rows) THEN
    UPDATE match_pool_version SET version = version + 1 WHERE slot = pg_backend_pid() % 16;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_match_pool_version_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted text := '*';
  changed boolean;
BEGIN
  -- The common refused write, answered without planning the comparison below.
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_NARGS > 0 THEN
    SELECT string_agg(quote_ident(c), ', ') INTO counted FROM unnest(TG_ARGV) AS c;
  END IF;
  -- Both images hold the same number of rows, so they differ iff one side has a tuple
  -- the other lacks. The key is among the counted columns, so two rows trading values
  -- still count as a change.
  EXECUTE format(
    'SELECT EXISTS (SELECT %1$s FROM new_rows EXCEPT ALL SELECT %1$s FROM old_rows)',
    counted
  ) INTO changed;
  IF changed THEN
    UPDATE match_pool_version SET version = version + 1 WHERE slot = pg_backend_pid() % 16;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The tables and columns of 0015, each column list with the table's key added (users.id):
-- a key never changes, and with it a swap of values between two rows is a change.
DO $$
DECLARE
  t record;
  args text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('users', ARRAY['id', 'name']),
    ('profiles', ARRAY['user_id', 'time_zone', 'current_level_id']),
    ('levels', NULL::text[]),
    ('availability_settings', NULL),
    ('availability_rules', NULL),
    ('availability_overrides', NULL),
    ('mock_requests', NULL),
    ('interviewer_rounds', NULL),
    ('interviewer_grants', NULL),
    ('feedback', NULL),
    ('feedback_reveals', NULL),
    ('mock_sessions', ARRAY['id', 'format', 'starts_at', 'ends_at', 'status', 'cancelled_by',
      'late_cancel', 'no_show_user_ids']),
    ('session_participants', ARRAY['session_id', 'user_id', 'role', 'active'])
  ) AS v(name, counted)
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t.name || '_bumps_match_pool', t.name);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version_if_rows()',
      t.name || '_pool_on_insert', t.name);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version_if_rows()',
      t.name || '_pool_on_delete', t.name);
    SELECT coalesce(string_agg(quote_literal(c), ', '), '') INTO args FROM unnest(t.counted) AS c;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I '
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version_if_changed(%s)',
      t.name || '_pool_on_update', t.name, args);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version()',
      t.name || '_pool_on_truncate', t.name);
  END LOOP;
END $$;
