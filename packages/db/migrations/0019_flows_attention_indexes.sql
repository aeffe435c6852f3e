-- The flows needing attention, found from the broken side (flow-service.ts flowIdsNeedingAttention):
-- the steps without a credential, and the credentials that are not VALID.
CREATE INDEX "credentials_not_valid_idx" ON "credentials" USING btree ("workspace_id","id") WHERE "credentials"."status" <> 'VALID';--> statement-breakpoint
CREATE INDEX "flow_steps_missing_credential_idx" ON "flow_steps" USING btree ("workspace_id","flow_id") WHERE "flow_steps"."credential_id" is null;