CREATE TABLE "webhook_attempts" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"ok" boolean NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"error" text,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_attempts_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"secrets" text NOT NULL,
	"previous_secret_expires_at" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "webhook_messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"ordering_key" text,
	"body" text NOT NULL,
	"state" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "status_source" text;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "attention_announced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_message_id_webhook_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."webhook_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_endpoint_idx" ON "webhook_attempts" USING btree ("workspace_id","endpoint_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_attempts_message_idx" ON "webhook_attempts" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_workspace_idx" ON "webhook_endpoints" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_messages_due_idx" ON "webhook_messages" USING btree ("next_attempt_at") WHERE "webhook_messages"."state" = 'PENDING';--> statement-breakpoint
CREATE INDEX "webhook_messages_order_idx" ON "webhook_messages" USING btree ("endpoint_id","ordering_key","seq") WHERE "webhook_messages"."state" = 'PENDING';--> statement-breakpoint
-- The webhook outbox (hand-written): every event is written by these triggers in the transaction of
-- the change that causes it, so no event announces a change that did not commit and no committed
-- change goes unannounced. One row per event and enabled endpoint that wants it; a message's id
-- is its `webhook-id` on every attempt.
CREATE FUNCTION latchkey_enqueue_webhook(p_workspace uuid, p_type text, p_ordering_key text, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_body text := jsonb_build_object(
    'type', p_type,
    'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', p_data)::text;
BEGIN
  INSERT INTO webhook_messages (id, workspace_id, endpoint_id, event_type, ordering_key, body)
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), p_workspace, e.id, p_type, p_ordering_key, v_body
  FROM webhook_endpoints e
  WHERE e.workspace_id = p_workspace AND e.enabled AND (jsonb_array_length(e.events) = 0 OR e.events ? p_type)
  ORDER BY e.id;
END $$;
--> statement-breakpoint
-- A credential's status changed (one event per actual change, whatever wrote it): the event, then
-- every ACTIVE flow using it whose "needs attention" state flips. The flows are locked first, so
-- two concurrent changes of one flow's credentials see each other's outcome.
CREATE FUNCTION latchkey_credential_status_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_wanted boolean;
  v_component text;
  v_flow record;
  v_steps jsonb;
BEGIN
  v_wanted := EXISTS (SELECT 1 FROM webhook_endpoints WHERE workspace_id = NEW.workspace_id AND enabled);
  IF v_wanted THEN
    SELECT key INTO v_component FROM components WHERE id = NEW.component_id;
    PERFORM latchkey_enqueue_webhook(NEW.workspace_id, 'credential.status_changed', 'credential:' || NEW.id, jsonb_build_object(
      'credential', jsonb_build_object('id', NEW.id, 'name', NEW.name, 'componentKey', v_component),
      'previousStatus', OLD.status,
      'status', NEW.status,
      'reasonCode', NEW.last_verification->>'code',
      'trigger', coalesce(NEW.status_source, 'unknown'),
      'checkedAt', NEW.last_verification->>'checkedAt'));
  END IF;
  FOR v_flow IN
    SELECT f.id, f.name, f.attention_announced FROM flows f
    WHERE f.workspace_id = NEW.workspace_id AND f.status = 'ACTIVE'
      AND f.id IN (SELECT s.flow_id FROM flow_steps s WHERE s.workspace_id = NEW.workspace_id AND s.credential_id = NEW.id)
    ORDER BY f.id
    FOR UPDATE
  LOOP
    SELECT coalesce(jsonb_agg(jsonb_build_object(
        'id', s.id, 'name', s.name, 'position', s.position, 'credentialId', s.credential_id, 'credentialStatus', c.status) ORDER BY s.position), '[]'::jsonb)
      INTO v_steps
      FROM flow_steps s LEFT JOIN credentials c ON c.id = s.credential_id
      WHERE s.flow_id = v_flow.id AND (c.id IS NULL OR c.status <> 'VALID');
    IF jsonb_array_length(v_steps) > 0 AND NOT v_flow.attention_announced THEN
      UPDATE flows SET attention_announced = true WHERE id = v_flow.id;
      IF v_wanted THEN
        PERFORM latchkey_enqueue_webhook(NEW.workspace_id, 'flow.needs_attention', 'flow:' || v_flow.id, jsonb_build_object(
          'flow', jsonb_build_object('id', v_flow.id, 'name', v_flow.name), 'steps', v_steps));
      END IF;
    ELSIF jsonb_array_length(v_steps) = 0 AND v_flow.attention_announced THEN
      UPDATE flows SET attention_announced = false WHERE id = v_flow.id;
      IF v_wanted THEN
        PERFORM latchkey_enqueue_webhook(NEW.workspace_id, 'flow.recovered', 'flow:' || v_flow.id, jsonb_build_object(
          'flow', jsonb_build_object('id', v_flow.id, 'name', v_flow.name)));
      END IF;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER credentials_status_webhooks AFTER UPDATE OF status ON credentials
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION latchkey_credential_status_webhooks();
--> statement-breakpoint
CREATE FUNCTION latchkey_credential_deleted_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE workspace_id = OLD.workspace_id AND enabled) THEN
    PERFORM latchkey_enqueue_webhook(OLD.workspace_id, 'credential.deleted', 'credential:' || OLD.id, jsonb_build_object(
      'credential', jsonb_build_object('id', OLD.id, 'name', OLD.name,
        'componentKey', (SELECT key FROM components WHERE id = OLD.component_id)),
      'status', OLD.status));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER credentials_deleted_webhooks AFTER DELETE ON credentials
FOR EACH ROW EXECUTE FUNCTION latchkey_credential_deleted_webhooks();
--> statement-breakpoint
-- A flow (re)activated starts healthy: activation requires every step's credential VALID.
CREATE FUNCTION latchkey_flow_activated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.attention_announced := false;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER flows_activated BEFORE UPDATE OF status ON flows
FOR EACH ROW WHEN (NEW.status = 'ACTIVE' AND OLD.status IS DISTINCT FROM 'ACTIVE') EXECUTE FUNCTION latchkey_flow_activated();
--> statement-breakpoint
-- ACTIVE flows that already need attention when this migration runs: announced (no event for the past).
UPDATE flows f SET attention_announced = true
WHERE f.status = 'ACTIVE' AND EXISTS (
  SELECT 1 FROM flow_steps s LEFT JOIN credentials c ON c.id = s.credential_id
  WHERE s.flow_id = f.id AND (c.id IS NULL OR c.status <> 'VALID'));
