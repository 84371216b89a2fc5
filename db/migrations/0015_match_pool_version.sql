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
-- Every table whose rows the matcher's pool holds (matching.server.ts, pool-cache.server.ts):
-- calendars, people and levels, open requests, one-way offers, grants and earned calls,
-- records and busy times (sessions, participants, feedback and its reveals). One bump
-- per statement, whatever its row count, so set-based writes stay cheap.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'profiles', 'levels', 'availability_settings',
    'availability_rules', 'availability_overrides', 'mock_requests', 'interviewer_rounds',
    'interviewer_grants', 'feedback', 'feedback_reveals', 'mock_sessions',
    'session_participants']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_match_pool_version()', t || '_bumps_match_pool', t);
  END LOOP;
END $$;
