ALTER TABLE "credentials" ADD COLUMN "destination" text;--> statement-breakpoint
ALTER TABLE "oauth2_authorizations" ADD COLUMN "destination" text;