ALTER TABLE "dimensions" ADD COLUMN "is_value" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "stage" text DEFAULT 'onsite' NOT NULL;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "onsite" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_stage" CHECK ("rounds"."stage" in ('screen', 'onsite'));--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_onsite_is_array" CHECK (jsonb_typeof("tracks"."onsite") = 'array');