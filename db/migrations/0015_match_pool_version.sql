CREATE TABLE "match_pool_version" (
	"slot" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Sixteen slots; a writer bumps the slot of its backend (see db/schema/matching.ts).
INSERT INTO "match_pool_version" ("slot", "version") SELECT s, 0 FROM generate_series(0, 15) s;
--> statement-breakpoint
CREATE FUNCTION bump_match_pool_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE match_pool_version SET version = version + 1 WHERE slot = pg_backend_pid() % 16;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table whose rows the matcher's pool holds (matching.server.ts): calendars, people
-- and levels, open requests, one-way offers, grants and earned calls, records and busy
-- times (sessions, participants, feedback and its reveals). One bump per statement,
-- whatever its row count, so set-based writes stay cheap. Updates count only for the
-- columns the pool reads, so a password change or a room's half switch does not make
-- every app process rebuild its pools.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('users', 'UPDATE OF name'),
    ('profiles', 'UPDATE OF user_id, time_zone, current_level_id'),
    ('levels', 'UPDATE'),
    ('availability_settings', 'UPDATE'),
    ('availability_rules', 'UPDATE'),
    ('availability_overrides', 'UPDATE'),
    ('mock_requests', 'UPDATE'),
    ('interviewer_rounds', 'UPDATE'),
    ('interviewer_grants', 'UPDATE'),
    ('feedback', 'UPDATE'),
    ('feedback_reveals', 'UPDATE'),
    ('mock_sessions', 'UPDATE OF id, format, starts_at, ends_at, status, cancelled_by, late_cancel, no_show_user_ids'),
    ('session_participants', 'UPDATE OF session_id, user_id, role, active')
  ) AS v(name, updates)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR %s OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version()',
      t.name || '_bumps_match_pool', t.updates, t.name);
  END LOOP;
END $$;
