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
