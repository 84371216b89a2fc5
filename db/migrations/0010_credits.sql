CREATE TABLE "credit_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"owed" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_accounts_balance_not_negative" CHECK ("credit_accounts"."balance" >= 0),
	CONSTRAINT "credit_accounts_owed_not_negative" CHECK ("credit_accounts"."owed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "credit_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"owed_delta" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"reference" text NOT NULL,
	"session_id" uuid,
	"memo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_entries_moves_something" CHECK ("credit_entries"."amount" <> 0 or "credit_entries"."owed_delta" <> 0),
	CONSTRAINT "credit_entries_reason" CHECK ("credit_entries"."reason" in ('welcome_grant', 'admin_grant', 'purchase', 'escrow_hold', 'escrow_release', 'escrow_payout', 'purchase_refund', 'purchase_dispute', 'debt_repayment')),
	CONSTRAINT "credit_entries_reference_shape" CHECK (char_length("credit_entries"."reference") between 1 and 200),
	CONSTRAINT "credit_entries_memo_length" CHECK (char_length("credit_entries"."memo") <= 200)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_session_id_mock_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mock_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_entries_reference_key" ON "credit_entries" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "credit_entries_user_idx" ON "credit_entries" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "credit_entries_session_idx" ON "credit_entries" USING btree ("session_id");--> statement-breakpoint
-- The ledger is append-only: a correction is a new entry, never an edit.
CREATE OR REPLACE FUNCTION credit_entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credit_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_entries_no_update_delete
  BEFORE UPDATE OR DELETE ON credit_entries
  FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only();
--> statement-breakpoint
CREATE TRIGGER credit_entries_no_truncate
  BEFORE TRUNCATE ON credit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only();
--> statement-breakpoint
-- Each entry moves its person's balance and debt in the same statement, so both always
-- equal the sums of the entries. A debit the balance cannot cover fails the CHECK on
-- credit_accounts, and with it the insert and the caller's transaction.
CREATE OR REPLACE FUNCTION credit_entries_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- UPDATE first: an INSERT … ON CONFLICT would check the CHECKs against the proposed
  -- new row (a lone debit) before finding the existing one.
  UPDATE credit_accounts
    SET balance = balance + NEW.amount, owed = owed + NEW.owed_delta, updated_at = NEW.created_at
    WHERE user_id = NEW.user_id;
  IF NOT FOUND THEN
    BEGIN
      INSERT INTO credit_accounts (user_id, balance, owed, updated_at)
        VALUES (NEW.user_id, NEW.amount, NEW.owed_delta, NEW.created_at);
    EXCEPTION WHEN unique_violation THEN
      -- A concurrent first entry created the row meanwhile.
      UPDATE credit_accounts
        SET balance = balance + NEW.amount, owed = owed + NEW.owed_delta, updated_at = NEW.created_at
        WHERE user_id = NEW.user_id;
    END;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_entries_apply
  AFTER INSERT ON credit_entries
  FOR EACH ROW EXECUTE FUNCTION credit_entries_apply();
--> statement-breakpoint
-- Balances are written only by the trigger above (nested one level deeper); a direct
-- write would let a balance drift from its entries.
CREATE OR REPLACE FUNCTION credit_accounts_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'credit_accounts is written only through credit_entries: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_accounts_guard
  BEFORE INSERT OR UPDATE OR DELETE ON credit_accounts
  FOR EACH ROW EXECUTE FUNCTION credit_accounts_guard();
--> statement-breakpoint
CREATE TRIGGER credit_accounts_no_truncate
  BEFORE TRUNCATE ON credit_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only();
--> statement-breakpoint
-- Everyone who already has an account gets the welcome grant new accounts get
-- (WELCOME_GRANT in app/modules/credits/rules.ts).
INSERT INTO credit_entries (user_id, amount, reason, reference, memo, created_at)
  SELECT id, 3, 'welcome_grant', 'welcome:' || id, 'Welcome grant', created_at FROM users;
