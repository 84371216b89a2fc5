CREATE TABLE "interviewer_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"loop_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"max_level_id" integer NOT NULL,
	"granted_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "interviewer_grants_note_length" CHECK (char_length("interviewer_grants"."note") <= 500),
	CONSTRAINT "interviewer_grants_revoke_order" CHECK ("interviewer_grants"."revoked_at" is null or "interviewer_grants"."revoked_at" >= "interviewer_grants"."granted_at"),
	CONSTRAINT "interviewer_grants_revoker_needs_time" CHECK ("interviewer_grants"."revoked_by" is null or "interviewer_grants"."revoked_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "interviewer_grants" ADD CONSTRAINT "interviewer_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_grants" ADD CONSTRAINT "interviewer_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_grants" ADD CONSTRAINT "interviewer_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_grants" ADD CONSTRAINT "interviewer_grants_round_fk" FOREIGN KEY ("round_id","loop_id") REFERENCES "public"."rounds"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_grants" ADD CONSTRAINT "interviewer_grants_level_fk" FOREIGN KEY ("max_level_id","loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interviewer_grants_one_live" ON "interviewer_grants" USING btree ("user_id","round_id") WHERE "interviewer_grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "interviewer_grants_round_idx" ON "interviewer_grants" USING btree ("round_id");--> statement-breakpoint
-- Earned qualification reads the revealed hire calls of a round's offerers: a small partial
-- index keeps that to the qualifying scorecards of the round (custom SQL, beside the
-- generated statements, so the feedback schema file stays as it is).
CREATE INDEX "feedback_qualifying_calls_idx" ON "feedback" USING btree ("round_id", "recipient_id") WHERE "kind" = 'scorecard' AND "overall" IN ('hire', 'strong_hire');
