DROP INDEX "api_tokens_workspace_idx";--> statement-breakpoint
DROP INDEX "audit_events_workspace_idx";--> statement-breakpoint
DROP INDEX "audit_events_object_idx";--> statement-breakpoint
DROP INDEX "audit_events_actor_idx";--> statement-breakpoint
DROP INDEX "credentials_workspace_status_idx";--> statement-breakpoint
DROP INDEX "flow_steps_credential_idx";--> statement-breakpoint
DROP INDEX "invitations_workspace_idx";--> statement-breakpoint
DROP INDEX "verification_results_credential_idx";--> statement-breakpoint
CREATE INDEX "components_workspace_name_idx" ON "components" USING btree ("workspace_id","name","key");--> statement-breakpoint
CREATE INDEX "flows_workspace_status_name_idx" ON "flows" USING btree ("workspace_id","status","name","id");--> statement-breakpoint
CREATE INDEX "api_tokens_workspace_idx" ON "api_tokens" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_workspace_idx" ON "audit_events" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_object_idx" ON "audit_events" USING btree ("workspace_id","object_type","object_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("workspace_id","actor_id","seq");--> statement-breakpoint
CREATE INDEX "credentials_workspace_status_idx" ON "credentials" USING btree ("workspace_id","status","name","id");--> statement-breakpoint
CREATE INDEX "flow_steps_credential_idx" ON "flow_steps" USING btree ("workspace_id","credential_id","flow_id","position") WHERE "flow_steps"."credential_id" is not null;--> statement-breakpoint
CREATE INDEX "invitations_workspace_idx" ON "invitations" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "verification_results_credential_idx" ON "verification_results" USING btree ("credential_id","checked_at","id");