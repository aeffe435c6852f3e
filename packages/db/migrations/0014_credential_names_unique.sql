-- Reconnecting an OAuth2 credential: the pending authorization names the credential it renews.
ALTER TABLE "oauth2_authorizations" ADD COLUMN "reconnect_credential_id" uuid;--> statement-breakpoint
ALTER TABLE "oauth2_authorizations" ADD CONSTRAINT "oauth2_authorizations_reconnect_credential_id_credentials_id_fk" FOREIGN KEY ("reconnect_credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Credential names become unique per component, ignoring case. Duplicates stored before keep their
-- oldest holder's name; the others get " (2)", " (3)", ... (and, should that name be taken too, a
-- piece of their id), so the unique index below can be built.
UPDATE "credentials" SET "name" = ranked."name" || ' (' || ranked.n || ')'
FROM (
  SELECT "id", "name", row_number() OVER (PARTITION BY "workspace_id", "component_id", lower("name") ORDER BY "created_at", "id") AS n
  FROM "credentials"
) AS ranked
WHERE "credentials"."id" = ranked."id" AND ranked.n > 1;
--> statement-breakpoint
UPDATE "credentials" SET "name" = ranked."name" || ' ' || left(ranked."id"::text, 8)
FROM (
  SELECT "id", "name", row_number() OVER (PARTITION BY "workspace_id", "component_id", lower("name") ORDER BY "created_at", "id") AS n
  FROM "credentials"
) AS ranked
WHERE "credentials"."id" = ranked."id" AND ranked.n > 1;
--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_component_name_unique" ON "credentials" USING btree ("workspace_id","component_id",lower("name"));
