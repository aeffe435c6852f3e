-- Results stored before this migration are UNKNOWN; from now on every writer names its trigger (no default).
ALTER TABLE "verification_results" ADD COLUMN "trigger" text NOT NULL DEFAULT 'UNKNOWN';--> statement-breakpoint
ALTER TABLE "verification_results" ALTER COLUMN "trigger" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "verification_results" ADD COLUMN "triggered_by" text;
