-- A replica still running code from before migration 0017 inserts verification results without a
-- trigger: during a rolling upgrade those rows read UNKNOWN instead of failing NOT NULL.
ALTER TABLE "verification_results" ALTER COLUMN "trigger" SET DEFAULT 'UNKNOWN';