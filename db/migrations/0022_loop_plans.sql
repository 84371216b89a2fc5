CREATE TABLE "loop_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"loop_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"target_level_id" integer NOT NULL,
	"onsite_date" date NOT NULL,
	"phone_screen_date" date,
	"hours_per_week" numeric(3, 1) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loop_plans_user_loop_key" UNIQUE("user_id","loop_id"),
	CONSTRAINT "loop_plans_phone_screen_before_onsite" CHECK ("loop_plans"."phone_screen_date" is null or "loop_plans"."phone_screen_date" < "loop_plans"."onsite_date"),
	CONSTRAINT "loop_plans_hours_per_week" CHECK ("loop_plans"."hours_per_week" between 0 and 40 and "loop_plans"."hours_per_week" * 2 = trunc("loop_plans"."hours_per_week" * 2)),
	CONSTRAINT "loop_plans_dates_in_range" CHECK ("loop_plans"."onsite_date" between '2000-01-01' and '2199-12-31' and ("loop_plans"."phone_screen_date" is null or "loop_plans"."phone_screen_date" >= '2000-01-01'))
);
--> statement-breakpoint
ALTER TABLE "loop_plans" ADD CONSTRAINT "loop_plans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loop_plans" ADD CONSTRAINT "loop_plans_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loop_plans" ADD CONSTRAINT "loop_plans_track_fk" FOREIGN KEY ("track_id","loop_id") REFERENCES "public"."tracks"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loop_plans" ADD CONSTRAINT "loop_plans_level_fk" FOREIGN KEY ("target_level_id","loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A person keeps at most 8 plans (MAX_PLANS_PER_PERSON in db/schema/plans.ts). Inserts of
-- one person are serialised by a transaction-scoped advisory lock, so two concurrent
-- creates cannot both see room for one more (as availability_overrides_cap does).
CREATE OR REPLACE FUNCTION loop_plans_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kept integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('loop_plans'), hashtext(NEW.user_id::text));
  SELECT count(*) INTO kept FROM loop_plans WHERE user_id = NEW.user_id;
  IF kept >= 8 THEN
    RAISE EXCEPTION 'too many plans for user %', NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'loop_plans_cap';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER loop_plans_cap
  BEFORE INSERT ON loop_plans
  FOR EACH ROW EXECUTE FUNCTION loop_plans_cap();
