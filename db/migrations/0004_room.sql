CREATE TABLE "attendance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_events_external_id_key" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "interviewer_notes" (
	"session_id" uuid NOT NULL,
	"half" smallint NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviewer_notes_session_id_half_author_id_pk" PRIMARY KEY("session_id","half","author_id"),
	CONSTRAINT "interviewer_notes_length" CHECK (char_length("interviewer_notes"."body") <= 20000)
);
--> statement-breakpoint
CREATE TABLE "pad_documents" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"loop_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"prompt" text NOT NULL,
	"follow_ups" text[] NOT NULL,
	"hints" text[] NOT NULL,
	"good_answer_l4" text NOT NULL,
	"good_answer_l6" text NOT NULL,
	"min_level_rank" smallint NOT NULL,
	"max_level_rank" smallint NOT NULL,
	"topics" text[] NOT NULL,
	CONSTRAINT "questions_round_slug_key" UNIQUE("round_id","slug"),
	CONSTRAINT "questions_level_range" CHECK ("questions"."min_level_rank" <= "questions"."max_level_rank")
);
--> statement-breakpoint
CREATE TABLE "session_questions" (
	"session_id" uuid NOT NULL,
	"half" smallint NOT NULL,
	"question_id" integer NOT NULL,
	"interviewer_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_questions_session_id_half_pk" PRIMARY KEY("session_id","half"),
	CONSTRAINT "session_questions_candidate_question_key" UNIQUE("candidate_id","question_id"),
	CONSTRAINT "session_questions_half" CHECK ("session_questions"."half" in (1, 2)),
	CONSTRAINT "session_questions_two_people" CHECK ("session_questions"."interviewer_id" <> "session_questions"."candidate_id")
);
--> statement-breakpoint
ALTER TABLE "mock_sessions" ADD COLUMN "current_half" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "mock_sessions" ADD COLUMN "no_show_user_ids" uuid[];--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_notes" ADD CONSTRAINT "interviewer_notes_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviewer_notes" ADD CONSTRAINT "interviewer_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pad_documents" ADD CONSTRAINT "pad_documents_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_loop_id_loops_id_fk" FOREIGN KEY ("loop_id") REFERENCES "public"."loops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_interviewer_id_users_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_questions" ADD CONSTRAINT "session_questions_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_events_session_idx" ON "attendance_events" USING btree ("session_id","user_id");