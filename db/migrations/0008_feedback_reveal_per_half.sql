-- Each half of a session reveals on its own (decision 0009): one row per session and half.
-- Reveals recorded so far covered the whole session, so they become one row per half it has.
ALTER TABLE "feedback_reveals" DROP CONSTRAINT "feedback_reveals_pkey";--> statement-breakpoint
ALTER TABLE "feedback_reveals" ADD COLUMN "half" smallint;--> statement-breakpoint
UPDATE "feedback_reveals" SET "half" = 1;--> statement-breakpoint
INSERT INTO "feedback_reveals" ("session_id", "half", "revealed_at", "reason")
  SELECT r."session_id", 2, r."revealed_at", r."reason"
  FROM "feedback_reveals" r JOIN "mock_sessions" s ON s."id" = r."session_id"
  WHERE s."format" = 'swap';--> statement-breakpoint
ALTER TABLE "feedback_reveals" ALTER COLUMN "half" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_reveals" ADD CONSTRAINT "feedback_reveals_session_id_half_pk" PRIMARY KEY("session_id","half");--> statement-breakpoint
ALTER TABLE "feedback_reveals" ADD CONSTRAINT "feedback_reveals_half" CHECK ("feedback_reveals"."half" in (1, 2));
