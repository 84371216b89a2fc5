-- Custom SQL: invariants Drizzle cannot express.

-- Invariant 1: nobody is in two overlapping active sessions. Concurrent bookings that
-- collide fail here (SQLSTATE 23P01), whatever the application checked before.
ALTER TABLE "session_participants"
  ADD CONSTRAINT "session_participants_no_overlap"
  EXCLUDE USING gist ("user_id" WITH =, "during" WITH &&) WHERE ("active");
--> statement-breakpoint
ALTER TABLE "session_participants"
  ADD CONSTRAINT "session_participants_during_bounded"
  CHECK (NOT isempty("during") AND lower_inc("during") AND NOT upper_inc("during")
         AND NOT lower_inf("during") AND NOT upper_inf("during"));
--> statement-breakpoint
-- A request is booked exactly when it points at its session.
ALTER TABLE "mock_requests"
  ADD CONSTRAINT "mock_requests_booked_shape"
  CHECK (("status" = 'booked') = ("session_id" IS NOT NULL));
