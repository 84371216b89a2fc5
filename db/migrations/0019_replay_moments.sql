ALTER TABLE "feedback_scores" ADD COLUMN "moment_ms" integer;--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD CONSTRAINT "feedback_scores_moment" CHECK ("feedback_scores"."moment_ms" >= 0);--> statement-breakpoint
-- A pinned moment lies within its session: a CHECK cannot read mock_sessions, so a
-- trigger compares it with the session's length (ends_at - starts_at) before the row is
-- written. The form says the same in words (feedback/moments.ts); this is the backstop.
CREATE OR REPLACE FUNCTION feedback_scores_moment_in_session() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  length_ms bigint;
BEGIN
  IF NEW.moment_ms IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT (extract(epoch FROM (s.ends_at - s.starts_at)) * 1000)::bigint INTO length_ms
    FROM feedback f JOIN mock_sessions s ON s.id = f.session_id
    WHERE f.id = NEW.feedback_id;
  IF length_ms IS NULL OR NEW.moment_ms > length_ms THEN
    RAISE EXCEPTION 'moment % ms is outside its session', NEW.moment_ms
      USING ERRCODE = '23514', CONSTRAINT = 'feedback_scores_moment_in_session';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER feedback_scores_moment_in_session
  BEFORE INSERT OR UPDATE OF moment_ms ON feedback_scores
  FOR EACH ROW EXECUTE FUNCTION feedback_scores_moment_in_session();
