-- STAND-IN for the merger's migration 0020 (the contract: dimensions.is_value); the
-- merge with main replaces this file with theirs.
ALTER TABLE "dimensions" ADD COLUMN "is_value" boolean DEFAULT false NOT NULL;
