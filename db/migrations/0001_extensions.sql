-- Custom SQL: what drizzle-kit cannot express. btree_gist lets later migrations
-- combine equality and range overlap in one EXCLUDE constraint (no double booking).
CREATE EXTENSION IF NOT EXISTS btree_gist;
