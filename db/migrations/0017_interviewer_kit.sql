CREATE TABLE "own_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"prompt" text NOT NULL,
	"follow_ups" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "own_questions_id_owner_key" UNIQUE("id","owner_id"),
	CONSTRAINT "own_questions_title_length" CHECK (char_length("own_questions"."title") between 1 and 120),
	CONSTRAINT "own_questions_prompt_length" CHECK (char_length("own_questions"."prompt") between 1 and 4000),
	CONSTRAINT "own_questions_follow_ups_count" CHECK (coalesce(array_length("own_questions"."follow_ups", 1), 0) <= 10)
);
--> statement-breakpoint
CREATE TABLE "story_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"half" smallint NOT NULL,
	"author_id" uuid NOT NULL,
	"dimension_id" integer,
	"title" text DEFAULT '' NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"task" text DEFAULT '' NOT NULL,
	"action" text DEFAULT '' NOT NULL,
	"result" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_notes_half" CHECK ("story_notes"."half" in (1, 2)),
	CONSTRAINT "story_notes_length" CHECK (char_length("story_notes"."title") <= 120 and char_length("story_notes"."situation") <= 2000
        and char_length("story_notes"."task") <= 2000 and char_length("story_notes"."action") <= 2000
        and char_length("story_notes"."result") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "session_questions" DROP CONSTRAINT "session_questions_candidate_question_key";--> statement-breakpoint
ALTER TABLE "session_questions" ALTER COLUMN "question_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "dimensions" ADD COLUMN "probes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD COLUMN "story_id" uuid;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "share_flagged_areas" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session_questions" ADD COLUMN "own_question_id" uuid;--> statement-breakpoint
ALTER TABLE "session_questions" ADD COLUMN "repeat" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "own_questions" ADD CONSTRAINT "own_questions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_notes" ADD CONSTRAINT "story_notes_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_notes" ADD CONSTRAINT "story_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_notes" ADD CONSTRAINT "story_notes_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "own_questions_owner_idx" ON "own_questions" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "story_notes_session_idx" ON "story_notes" USING btree ("session_id","half","author_id");--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD CONSTRAINT "feedback_scores_story_id_story_notes_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."story_notes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_own_question_fk" FOREIGN KEY ("own_question_id","interviewer_id") REFERENCES "public"."own_questions"("id","owner_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A candidate gets a bank question once; a second time only when the interviewer chose
-- it explicitly (repeat = true, offered once the bank ran out for them).
CREATE UNIQUE INDEX "session_questions_candidate_question_key" ON "session_questions" USING btree ("candidate_id","question_id") WHERE not "session_questions"."repeat";--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_one_source" CHECK (("session_questions"."question_id" is null) <> ("session_questions"."own_question_id" is null));--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_repeat_is_bank" CHECK (not "session_questions"."repeat" or "session_questions"."question_id" is not null);