CREATE TABLE "credit_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"pack_id" text NOT NULL,
	"pack_name" text NOT NULL,
	"credits" integer NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"checkout_session_id" text,
	"checkout_url" text,
	"payment_intent_id" text,
	"credits_refunded" integer DEFAULT 0 NOT NULL,
	"credits_disputed" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_purchases_status" CHECK ("credit_purchases"."status" in ('open', 'processing', 'paid', 'expired', 'failed')),
	CONSTRAINT "credit_purchases_pack_shape" CHECK ("credit_purchases"."pack_id" ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
	CONSTRAINT "credit_purchases_pack_name_length" CHECK (char_length("credit_purchases"."pack_name") between 1 and 60),
	CONSTRAINT "credit_purchases_credits_positive" CHECK ("credit_purchases"."credits" > 0),
	CONSTRAINT "credit_purchases_amount_not_negative" CHECK ("credit_purchases"."amount" >= 0),
	CONSTRAINT "credit_purchases_currency_shape" CHECK ("credit_purchases"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "credit_purchases_taken_back" CHECK ("credit_purchases"."credits_refunded" >= 0 and "credit_purchases"."credits_disputed" >= 0 and "credit_purchases"."credits_refunded" + "credit_purchases"."credits_disputed" <= "credit_purchases"."credits"),
	CONSTRAINT "credit_purchases_paid_at" CHECK (("credit_purchases"."status" = 'paid') = ("credit_purchases"."paid_at" is not null)),
	CONSTRAINT "credit_purchases_taken_back_only_when_paid" CHECK ("credit_purchases"."status" = 'paid' or ("credit_purchases"."credits_refunded" = 0 and "credit_purchases"."credits_disputed" = 0)),
	CONSTRAINT "credit_purchases_id_lengths" CHECK (char_length("credit_purchases"."checkout_session_id") <= 255 and char_length("credit_purchases"."payment_intent_id") <= 255 and char_length("credit_purchases"."checkout_url") <= 5000)
);
--> statement-breakpoint
CREATE TABLE "payment_reversals" (
	"payment_intent_id" text PRIMARY KEY NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"disputed_amount" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_reversals_amounts" CHECK ("payment_reversals"."refunded_amount" >= 0 and "payment_reversals"."disputed_amount" >= 0),
	CONSTRAINT "payment_reversals_payment_intent_shape" CHECK (char_length("payment_reversals"."payment_intent_id") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "stripe_customers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_customers_customer_shape" CHECK (char_length("stripe_customers"."stripe_customer_id") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_events_id_shape" CHECK (char_length("stripe_events"."id") between 1 and 255),
	CONSTRAINT "stripe_events_type_length" CHECK (char_length("stripe_events"."type") between 1 and 255),
	CONSTRAINT "stripe_events_outcome_length" CHECK (char_length("stripe_events"."outcome") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_session_key" ON "credit_purchases" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_payment_intent_key" ON "credit_purchases" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_one_open_per_pack" ON "credit_purchases" USING btree ("user_id","pack_id") WHERE "credit_purchases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "credit_purchases_user_idx" ON "credit_purchases" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_customers_customer_key" ON "stripe_customers" USING btree ("stripe_customer_id");