CREATE TABLE "replay_removals" (
	"session_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"removed_by" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replay_removals_session_id_reason_pk" PRIMARY KEY("session_id","reason"),
	CONSTRAINT "replay_removals_who" CHECK (("replay_removals"."reason" = 'participant') = ("replay_removals"."removed_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "replay_sequences" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replay_snapshots" (
	"session_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"state" "bytea" NOT NULL,
	CONSTRAINT "replay_snapshots_session_id_seq_pk" PRIMARY KEY("session_id","seq"),
	CONSTRAINT "replay_snapshots_seq" CHECK ("replay_snapshots"."seq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "replay_updates" (
	"session_id" uuid NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"user_id" uuid,
	"update" "bytea",
	"mark" text,
	CONSTRAINT "replay_updates_session_id_seq_pk" PRIMARY KEY("session_id","seq"),
	CONSTRAINT "replay_updates_seq_positive" CHECK ("replay_updates"."seq" > 0),
	CONSTRAINT "replay_updates_update_or_mark" CHECK (("replay_updates"."update" is null) <> ("replay_updates"."mark" is null))
);
--> statement-breakpoint
CREATE TABLE "room_events" (
	"session_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"detail" jsonb,
	CONSTRAINT "room_events_kind" CHECK ("room_events"."kind" in ('code_run'))
);
--> statement-breakpoint
ALTER TABLE "replay_removals" ADD CONSTRAINT "replay_removals_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replay_removals" ADD CONSTRAINT "replay_removals_participant_fk" FOREIGN KEY ("session_id","removed_by") REFERENCES "public"."session_participants"("session_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replay_sequences" ADD CONSTRAINT "replay_sequences_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replay_snapshots" ADD CONSTRAINT "replay_snapshots_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replay_updates" ADD CONSTRAINT "replay_updates_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replay_updates" ADD CONSTRAINT "replay_updates_participant_fk" FOREIGN KEY ("session_id","user_id") REFERENCES "public"."session_participants"("session_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_events" ADD CONSTRAINT "room_events_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_events" ADD CONSTRAINT "room_events_participant_fk" FOREIGN KEY ("session_id","user_id") REFERENCES "public"."session_participants"("session_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_events_session_idx" ON "room_events" USING btree ("session_id","at");--> statement-breakpoint
-- Updates are numbered by the database, whoever writes them: each row takes its
-- session's next number from replay_sequences, whose row lock makes racing writers (two
-- flushes, two realtime instances, a restarted server) wait their turn, and whose
-- update rolls back with a failed insert. So numbers are unique and gap-free, and a new
-- process resumes after the last one without reading it. A removed replay (deleted by a
-- participant, or past retention) records nothing more: the row is skipped, not refused,
-- so the batch it came in with still goes in.
CREATE OR REPLACE FUNCTION replay_updates_number() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM replay_removals r WHERE r.session_id = NEW.session_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO replay_sequences AS s (session_id, last_seq) VALUES (NEW.session_id, 1)
    ON CONFLICT (session_id) DO UPDATE SET last_seq = s.last_seq + 1
    RETURNING s.last_seq INTO NEW.seq;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER replay_updates_number
  BEFORE INSERT ON replay_updates
  FOR EACH ROW EXECUTE FUNCTION replay_updates_number();
--> statement-breakpoint
-- The replay is append-only. Rows go only (a) when replay_removals already names their
-- session (the retention job and a participant's delete write that row first, in the
-- same transaction), or (b) with the session or participant they belong to, through a
-- foreign key's cascade (a trigger one level deeper). UPDATE and TRUNCATE never.
CREATE OR REPLACE FUNCTION replay_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND (
    pg_trigger_depth() > 1
    OR EXISTS (SELECT 1 FROM replay_removals r WHERE r.session_id = OLD.session_id)
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER replay_updates_append_only
  BEFORE UPDATE OR DELETE ON replay_updates
  FOR EACH ROW EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
CREATE TRIGGER replay_updates_no_truncate
  BEFORE TRUNCATE ON replay_updates
  FOR EACH STATEMENT EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
CREATE TRIGGER replay_snapshots_append_only
  BEFORE UPDATE OR DELETE ON replay_snapshots
  FOR EACH ROW EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
CREATE TRIGGER replay_snapshots_no_truncate
  BEFORE TRUNCATE ON replay_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
CREATE TRIGGER room_events_append_only
  BEFORE UPDATE OR DELETE ON room_events
  FOR EACH ROW EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
CREATE TRIGGER room_events_no_truncate
  BEFORE TRUNCATE ON room_events
  FOR EACH STATEMENT EXECUTE FUNCTION replay_append_only();
--> statement-breakpoint
-- Every room event of a session on one clock (db/schema/replay.ts says where each comes from).
CREATE VIEW replay_events AS
  SELECT a.session_id, a.at, a.user_id,
         (CASE a.source WHEN 'realtime' THEN 'pad_' ELSE 'video_' END) || a.kind AS kind,
         NULL::jsonb AS detail
    FROM attendance_events a
  UNION ALL
  SELECT s.id, s.half_two_started_at, NULL::uuid, 'roles_switched', NULL::jsonb
    FROM mock_sessions s WHERE s.half_two_started_at IS NOT NULL
  UNION ALL
  SELECT s.id, s.starts_at, NULL::uuid, 'started', NULL::jsonb
    FROM mock_sessions s WHERE s.status <> 'cancelled'
  UNION ALL
  SELECT s.id, s.ends_at, NULL::uuid, 'ended', NULL::jsonb
    FROM mock_sessions s WHERE s.status <> 'cancelled'
  UNION ALL
  SELECT e.session_id, e.at, e.user_id, e.kind, e.detail FROM room_events e
  UNION ALL
  SELECT r.session_id, r.at, r.removed_by,
         (CASE r.reason WHEN 'participant' THEN 'replay_deleted' ELSE 'replay_expired' END),
         NULL::jsonb
    FROM replay_removals r;
