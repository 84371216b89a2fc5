-- Date overrides per person are capped (MAX_UPCOMING_OVERRIDES in
-- app/modules/availability/availability-form.ts). Only overrides from yesterday (UTC)
-- on count: that covers "today" in every zone, and past ones never block a new one.
-- Inserts of one person are serialised by a transaction-scoped advisory lock, so two
-- concurrent inserts cannot both see room for one more.
CREATE OR REPLACE FUNCTION availability_overrides_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  upcoming integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('availability_overrides'), hashtext(NEW.user_id::text));
  SELECT count(*) INTO upcoming
    FROM availability_overrides
    WHERE user_id = NEW.user_id AND date >= (now() AT TIME ZONE 'UTC')::date - 1;
  IF upcoming >= 60 THEN
    RAISE EXCEPTION 'too many date overrides for user %', NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'availability_overrides_cap';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER availability_overrides_cap
  BEFORE INSERT ON availability_overrides
  FOR EACH ROW EXECUTE FUNCTION availability_overrides_cap();
--> statement-breakpoint
-- One-line text: a person's name goes into email subjects and calendar lines, where a
-- control character (CR/LF above all) would forge a line. Existing names are flattened.
UPDATE users SET name = regexp_replace(name, '[\x01-\x1f\x7f-\x9f\u2028\u2029]', ' ', 'g')
  WHERE name ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]';
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_name_one_line
  CHECK (name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]');
