CREATE TABLE "companies" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "companies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "dimensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"position" smallint NOT NULL,
	"anchor_1" text NOT NULL,
	"anchor_2" text NOT NULL,
	"anchor_3" text NOT NULL,
	"anchor_4" text NOT NULL,
	CONSTRAINT "dimensions_round_slug_key" UNIQUE("round_id","slug")
);
--> statement-breakpoint
CREATE TABLE "levels" (
	"id" serial PRIMARY KEY NOT NULL,
	"loop_id" integer NOT NULL,
	"code" text NOT NULL,
	"rank" smallint NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	CONSTRAINT "levels_loop_code_key" UNIQUE("loop_id","code"),
	CONSTRAINT "levels_loop_rank_key" UNIQUE("loop_id","rank"),
	CONSTRAINT "levels_id_loop_key" UNIQUE("id","loop_id")
);
--> statement-breakpoint
CREATE TABLE "loops" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	CONSTRAINT "loops_slug_unique" UNIQUE("slug"),
	CONSTRAINT "loops_slug_format" CHECK ("loops"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "round_level_bars" (
	"round_id" integer NOT NULL,
	"level_id" integer NOT NULL,
	"expectation" text NOT NULL,
	CONSTRAINT "round_level_bars_round_id_level_id_pk" PRIMARY KEY("round_id","level_id")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"loop_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"position" smallint NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"summary" text NOT NULL,
	"allows_swap" boolean NOT NULL,
	"one_way_from_rank" smallint,
	CONSTRAINT "rounds_loop_slug_key" UNIQUE("loop_id","slug"),
	CONSTRAINT "rounds_id_loop_key" UNIQUE("id","loop_id"),
	CONSTRAINT "rounds_duration_positive" CHECK ("rounds"."duration_minutes" between 10 and 240),
	CONSTRAINT "rounds_position_positive" CHECK ("rounds"."position" > 0)
);
--> statement-breakpoint
CREATE TABLE "track_rounds" (
	"track_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "track_rounds_track_id_round_id_pk" PRIMARY KEY("track_id","round_id")
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"id" serial PRIMARY KEY NOT NULL,
	"loop_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	CONSTRAINT "tracks_loop_slug_key" UNIQUE("loop_id","slug"),
	CONSTRAINT "tracks_id_loop_key" UNIQUE("id","loop_id")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_normalized" CHECK ("users"."email" = lower(btrim("users"."email"))),
	CONSTRAINT "users_name_length" CHECK (char_length("users"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "interviewer_rounds" (
	"user_id" uuid NOT NULL,
	"loop_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"max_level_id" integer NOT NULL,
	CONSTRAINT "interviewer_rounds_user_id_round_id_pk" PRIMARY KEY("user_id","round_id")
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"target_loop_id" integer,
	"current_level_id" integer,
	"target_track_id" integer,
	"target_level_id" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_target_needs_loop" CHECK ("profiles"."target_loop_id" is not null or ("profiles"."current_level_id" is null and "profiles"."target_track_id" is null and "profiles"."target_level_id" is null)),
	CONSTRAINT "profiles_time_zone_shape" CHECK (char_length("profiles"."time_zone") between 1 and 64),
	CONSTRAINT "profiles_languages_count" CHECK (coalesce(array_length("profiles"."languages", 1), 0) <= 12)
);
--> statement-breakpoint
ALTER TABLE "dimensions" ADD CONSTRAINT "dimensions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "levels" ADD CONSTRAINT "levels_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loops" ADD CONSTRAINT "loops_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_level_bars" ADD CONSTRAINT "round_level_bars_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_level_bars" ADD CONSTRAINT "round_level_bars_level_id_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."levels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_rounds" ADD CONSTRAINT "track_rounds_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_rounds" ADD CONSTRAINT "track_rounds_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_rounds" ADD CONSTRAINT "interviewer_rounds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_rounds" ADD CONSTRAINT "interviewer_rounds_round_fk" FOREIGN KEY ("round_id","loop_id") REFERENCES "public"."rounds"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_rounds" ADD CONSTRAINT "interviewer_rounds_level_fk" FOREIGN KEY ("max_level_id","loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_loop_id_loops_id_fk" FOREIGN KEY ("target_loop_id") REFERENCES "public"."loops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_current_level_fk" FOREIGN KEY ("current_level_id","target_loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_level_fk" FOREIGN KEY ("target_level_id","target_loop_id") REFERENCES "public"."levels"("id","loop_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_track_fk" FOREIGN KEY ("target_track_id","target_loop_id") REFERENCES "public"."tracks"("id","loop_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");