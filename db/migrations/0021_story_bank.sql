CREATE TABLE "bank_stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"situation" text NOT NULL,
	"task" text NOT NULL,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_stories_id_owner_key" UNIQUE("id","owner_id"),
	CONSTRAINT "bank_stories_title" CHECK (char_length("bank_stories"."title") between 1 and 120 and "bank_stories"."title" !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'),
	CONSTRAINT "bank_stories_parts" CHECK (char_length("bank_stories"."situation") between 1 and 2000 and char_length("bank_stories"."task") between 1 and 2000
        and char_length("bank_stories"."action") between 1 and 2000 and char_length("bank_stories"."result") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "bank_story_values" (
	"story_id" uuid NOT NULL,
	"dimension_id" integer NOT NULL,
	CONSTRAINT "bank_story_values_story_id_dimension_id_pk" PRIMARY KEY("story_id","dimension_id")
);
--> statement-breakpoint
CREATE TABLE "session_story_shares" (
	"session_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_story_shares_session_id_story_id_pk" PRIMARY KEY("session_id","story_id")
);
--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD COLUMN "bank_story_id" uuid;--> statement-breakpoint
ALTER TABLE "bank_stories" ADD CONSTRAINT "bank_stories_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_story_values" ADD CONSTRAINT "bank_story_values_story_id_bank_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."bank_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_story_values" ADD CONSTRAINT "bank_story_values_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_story_shares" ADD CONSTRAINT "session_story_shares_own_story_fk" FOREIGN KEY ("story_id","candidate_id") REFERENCES "public"."bank_stories"("id","owner_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_story_shares" ADD CONSTRAINT "session_story_shares_participant_fk" FOREIGN KEY ("session_id","candidate_id") REFERENCES "public"."session_participants"("session_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_stories_owner_idx" ON "bank_stories" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "bank_story_values_dimension_idx" ON "bank_story_values" USING btree ("dimension_id");--> statement-breakpoint
CREATE INDEX "session_story_shares_candidate_idx" ON "session_story_shares" USING btree ("session_id","candidate_id");--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD CONSTRAINT "feedback_scores_bank_story_id_bank_stories_id_fk" FOREIGN KEY ("bank_story_id") REFERENCES "public"."bank_stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- A person keeps at most 100 stories (STORY_BANK_MAX in app/modules/stories/limits.ts).
-- Inserts of one person are serialised by a transaction-scoped advisory lock, so twenty
-- concurrent creates cannot all see room for one more.
CREATE OR REPLACE FUNCTION bank_stories_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('bank_stories'), hashtext(NEW.owner_id::text));
  IF (SELECT count(*) FROM bank_stories WHERE owner_id = NEW.owner_id) >= 100 THEN
    RAISE EXCEPTION 'too many stories for user %', NEW.owner_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_stories_cap';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bank_stories_cap
  BEFORE INSERT ON bank_stories
  FOR EACH ROW EXECUTE FUNCTION bank_stories_cap();
--> statement-breakpoint
-- A story is tagged only with values (dimensions.is_value, migration 0020), never with a
-- plain scorecard dimension such as answer structure.
CREATE OR REPLACE FUNCTION bank_story_values_is_value() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT coalesce((SELECT is_value FROM dimensions WHERE id = NEW.dimension_id), false) THEN
    RAISE EXCEPTION 'dimension % is not a value', NEW.dimension_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_story_values_is_value';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bank_story_values_is_value
  BEFORE INSERT OR UPDATE ON bank_story_values
  FOR EACH ROW EXECUTE FUNCTION bank_story_values_is_value();
--> statement-breakpoint
-- Every story shows at least one value. Checked at commit (deferred), so a story and its
-- tags are written in one transaction in any order, and removing a story's last tag
-- without removing the story fails.
CREATE OR REPLACE FUNCTION bank_stories_have_a_value() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  story uuid;
BEGIN
  IF TG_TABLE_NAME = 'bank_stories' THEN
    story := NEW.id;
  ELSE
    story := OLD.story_id;
  END IF;
  IF EXISTS (SELECT 1 FROM bank_stories WHERE id = story)
     AND NOT EXISTS (SELECT 1 FROM bank_story_values WHERE story_id = story) THEN
    RAISE EXCEPTION 'story % shows no value', story
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bank_stories_have_a_value';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bank_stories_have_a_value
  AFTER INSERT ON bank_stories DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bank_stories_have_a_value();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bank_story_values_keep_one
  AFTER DELETE OR UPDATE ON bank_story_values DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bank_stories_have_a_value();
--> statement-breakpoint
-- A candidate shares at most 12 titles into one session (SHARES_PER_SESSION_MAX).
CREATE OR REPLACE FUNCTION session_story_shares_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('session_story_shares'),
    hashtext(NEW.session_id::text || NEW.candidate_id::text));
  IF (SELECT count(*) FROM session_story_shares
      WHERE session_id = NEW.session_id AND candidate_id = NEW.candidate_id) >= 12 THEN
    RAISE EXCEPTION 'too many shared stories'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'session_story_shares_cap';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_story_shares_cap
  BEFORE INSERT ON session_story_shares
  FOR EACH ROW EXECUTE FUNCTION session_story_shares_cap();
