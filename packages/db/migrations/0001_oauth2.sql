CREATE TABLE "oauth2_authorizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"state" text NOT NULL,
	"component_id" uuid NOT NULL,
	"auth_type" text NOT NULL,
	"name" text,
	"config" jsonb NOT NULL,
	"secrets" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oauth2_authorizations_state_unique" UNIQUE("state")
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "oauth2_grant" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "token_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "token_refresh_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth2_authorizations" ADD CONSTRAINT "oauth2_authorizations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth2_authorizations" ADD CONSTRAINT "oauth2_authorizations_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth2_authorizations_expires_at_idx" ON "oauth2_authorizations" USING btree ("expires_at");