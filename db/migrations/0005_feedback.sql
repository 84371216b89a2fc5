CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"half" smallint NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"round_id" integer NOT NULL,
	"target_level_id" integer,
	"overall" text,
	"strengths" text,
	"improvements" text,
	"practise_round_id" integer,
	"practise_topic" text,
	"preparation" smallint,
	"helpfulness" smallint,
	"clarity" smallint,
	"would_practise_again" boolean,
	"comment" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_session_half_kind_key" UNIQUE("session_id","half","kind"),
	CONSTRAINT "feedback_half" CHECK ("feedback"."half" in (1, 2)),
	CONSTRAINT "feedback_two_people" CHECK ("feedback"."author_id" <> "feedback"."recipient_id"),
	CONSTRAINT "feedback_scorecard_shape" CHECK ("feedback"."kind" <> 'scorecard' or (
        "feedback"."overall" is not null and "feedback"."target_level_id" is not null
        and "feedback"."practise_round_id" is not null
        and char_length("feedback"."strengths") between 1 and 4000
        and char_length("feedback"."improvements") between 1 and 4000
        and coalesce(char_length("feedback"."practise_topic"), 0) <= 120
        and "feedback"."preparation" is null and "feedback"."helpfulness" is null and "feedback"."clarity" is null
        and "feedback"."would_practise_again" is null and "feedback"."comment" is null)),
	CONSTRAINT "feedback_rating_shape" CHECK ("feedback"."kind" <> 'rating' or (
        "feedback"."preparation" between 1 and 5 and "feedback"."helpfulness" between 1 and 5
        and "feedback"."clarity" between 1 and 5 and "feedback"."would_practise_again" is not null
        and coalesce(char_length("feedback"."comment"), 0) <= 4000
        and "feedback"."overall" is null and "feedback"."strengths" is null and "feedback"."improvements" is null
        and "feedback"."practise_round_id" is null and "feedback"."practise_topic" is null))
);
--> statement-breakpoint
CREATE TABLE "feedback_drafts" (
	"session_id" uuid NOT NULL,
	"half" smallint NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid NOT NULL,
	"values" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_drafts_session_id_half_kind_pk" PRIMARY KEY("session_id","half","kind"),
	CONSTRAINT "feedback_drafts_size" CHECK (octet_length("feedback_drafts"."values"::text) <= 100000)
);
--> statement-breakpoint
CREATE TABLE "feedback_reveals" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"revealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_scores" (
	"feedback_id" uuid NOT NULL,
	"dimension_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"evidence" text NOT NULL,
	CONSTRAINT "feedback_scores_feedback_id_dimension_id_pk" PRIMARY KEY("feedback_id","dimension_id"),
	CONSTRAINT "feedback_scores_range" CHECK ("feedback_scores"."score" between 1 and 4),
	CONSTRAINT "feedback_scores_evidence" CHECK (char_length("feedback_scores"."evidence") between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_target_level_id_levels_id_fk" FOREIGN KEY ("target_level_id") REFERENCES "public"."levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_practise_round_id_rounds_id_fk" FOREIGN KEY ("practise_round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_drafts" ADD CONSTRAINT "feedback_drafts_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_drafts" ADD CONSTRAINT "feedback_drafts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reveals" ADD CONSTRAINT "feedback_reveals_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD CONSTRAINT "feedback_scores_feedback_id_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_scores" ADD CONSTRAINT "feedback_scores_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_recipient_idx" ON "feedback" USING btree ("recipient_id","kind");--> statement-breakpoint
CREATE INDEX "feedback_author_idx" ON "feedback" USING btree ("author_id");