CREATE TABLE "session_escrows" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"candidate_id" uuid NOT NULL,
	"interviewer_id" uuid NOT NULL,
	"amount" smallint NOT NULL,
	"state" text DEFAULT 'held' NOT NULL,
	"outcome" text,
	"reason" text,
	"absent_user_ids" uuid[],
	"no_show_at" timestamp with time zone,
	"dispute_closes_at" timestamp with time zone,
	"disputed_by" uuid,
	"disputed_at" timestamp with time zone,
	"dispute_reason" text,
	"resolved_by" uuid,
	"resolution_note" text,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_escrows_amount" CHECK ("session_escrows"."amount" between 1 and 3),
	CONSTRAINT "session_escrows_two_people" CHECK ("session_escrows"."candidate_id" <> "session_escrows"."interviewer_id"),
	CONSTRAINT "session_escrows_state" CHECK ("session_escrows"."state" in ('held', 'no_show_pending', 'disputed', 'released', 'paid')),
	CONSTRAINT "session_escrows_outcome" CHECK ("session_escrows"."outcome" is null or "session_escrows"."outcome" in ('release', 'payout')),
	CONSTRAINT "session_escrows_reason" CHECK ("session_escrows"."reason" is null or "session_escrows"."reason" in ('early_cancel', 'late_cancel', 'interviewer_cancel', 'scorecard', 'no_scorecard', 'interviewer_absent', 'candidate_absent', 'both_absent', 'dispute_refund', 'dispute_payout')),
	CONSTRAINT "session_escrows_settled_shape" CHECK (("session_escrows"."state" in ('released', 'paid')) = ("session_escrows"."settled_at" is not null)
        and ("session_escrows"."state" <> 'released' or "session_escrows"."outcome" = 'release')
        and ("session_escrows"."state" <> 'paid' or "session_escrows"."outcome" = 'payout')
        and ("session_escrows"."state" <> 'held' or "session_escrows"."outcome" is null)),
	CONSTRAINT "session_escrows_no_show_shape" CHECK ("session_escrows"."state" not in ('no_show_pending', 'disputed')
        or ("session_escrows"."outcome" is not null and "session_escrows"."no_show_at" is not null and "session_escrows"."dispute_closes_at" is not null
            and cardinality("session_escrows"."absent_user_ids") > 0)),
	CONSTRAINT "session_escrows_dispute_shape" CHECK ("session_escrows"."state" <> 'disputed' or ("session_escrows"."disputed_at" is not null and "session_escrows"."dispute_reason" is not null)),
	CONSTRAINT "session_escrows_text_lengths" CHECK (char_length("session_escrows"."dispute_reason") <= 1000 and char_length("session_escrows"."resolution_note") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "mock_sessions" ADD COLUMN "price_credits" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "session_escrows" ADD CONSTRAINT "session_escrows_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_escrows" ADD CONSTRAINT "session_escrows_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_escrows" ADD CONSTRAINT "session_escrows_interviewer_id_users_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_escrows" ADD CONSTRAINT "session_escrows_disputed_by_users_id_fk" FOREIGN KEY ("disputed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_escrows" ADD CONSTRAINT "session_escrows_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_escrows_state_idx" ON "session_escrows" USING btree ("state");--> statement-breakpoint
CREATE INDEX "session_escrows_candidate_idx" ON "session_escrows" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "session_escrows_interviewer_idx" ON "session_escrows" USING btree ("interviewer_id");--> statement-breakpoint
ALTER TABLE "mock_sessions" ADD CONSTRAINT "mock_sessions_price" CHECK ("mock_sessions"."price_credits" = 0 or ("mock_sessions"."format" = 'one_way' and "mock_sessions"."price_credits" between 1 and 3));--> statement-breakpoint
-- A settled escrow is final: its credits moved once (ledger reference settle:<session>),
-- so nothing may change which way it went afterwards, whatever arrives late.
CREATE OR REPLACE FUNCTION session_escrows_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'session_escrows rows are never deleted'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.state IN ('released', 'paid') THEN
    RAISE EXCEPTION 'session_escrows: a settled escrow (%) never changes', OLD.state
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.session_id <> OLD.session_id OR NEW.candidate_id <> OLD.candidate_id
     OR NEW.interviewer_id <> OLD.interviewer_id OR NEW.amount <> OLD.amount THEN
    RAISE EXCEPTION 'session_escrows: who pays whom, and how much, is fixed at booking'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_escrows_final
  BEFORE UPDATE OR DELETE ON session_escrows
  FOR EACH ROW EXECUTE FUNCTION session_escrows_final();
--> statement-breakpoint
-- The booking and its debit commit together: at commit, a priced one-way session has its
-- escrow row for that price and the candidate's hold:<session> entry taking it. Checked
-- at the end of the transaction (deferred), so the three rows may be written in any order.
CREATE OR REPLACE FUNCTION mock_sessions_escrowed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.price_credits > 0 AND NOT EXISTS (
    SELECT 1 FROM session_escrows e
      JOIN credit_entries c ON c.reference = 'hold:' || e.session_id::text
      WHERE e.session_id = NEW.id AND e.amount = NEW.price_credits
        AND c.user_id = e.candidate_id AND c.amount = -NEW.price_credits
        AND c.reason = 'escrow_hold'
  ) THEN
    RAISE EXCEPTION 'mock_sessions %: a priced one-way session needs its escrow and hold entry', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER mock_sessions_escrowed
  AFTER INSERT ON mock_sessions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION mock_sessions_escrowed();
--> statement-breakpoint
-- The price is fixed once booked.
CREATE OR REPLACE FUNCTION mock_sessions_price_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.price_credits <> OLD.price_credits THEN
    RAISE EXCEPTION 'mock_sessions: the price is fixed at booking'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER mock_sessions_price_fixed
  BEFORE UPDATE OF price_credits ON mock_sessions
  FOR EACH ROW EXECUTE FUNCTION mock_sessions_price_fixed();
