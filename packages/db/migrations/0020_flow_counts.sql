CREATE TABLE "flow_counts" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"active" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flow_counts" ADD CONSTRAINT "flow_counts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written below: the counts of the flows there are, then a trigger that keeps them in the
-- transaction of every insert, delete and status change of a flow. A workspace's row is made by its
-- first flow; a delete (also the cascade of a deleted workspace) only updates a row that is there.
INSERT INTO "flow_counts" ("workspace_id", "total", "active")
  SELECT "workspace_id", count(*), count(*) FILTER (WHERE "status" = 'ACTIVE') FROM "flows" GROUP BY "workspace_id";--> statement-breakpoint
CREATE FUNCTION latchkey_flow_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO flow_counts AS c (workspace_id, total, active) VALUES (NEW.workspace_id, 1, (NEW.status = 'ACTIVE')::int)
      ON CONFLICT (workspace_id) DO UPDATE SET total = c.total + 1, active = c.active + (NEW.status = 'ACTIVE')::int;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE flow_counts SET total = total - 1, active = active - (OLD.status = 'ACTIVE')::int WHERE workspace_id = OLD.workspace_id;
  ELSE
    UPDATE flow_counts SET active = active + (NEW.status = 'ACTIVE')::int - (OLD.status = 'ACTIVE')::int WHERE workspace_id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER flows_counted AFTER INSERT OR DELETE ON "flows"
  FOR EACH ROW EXECUTE FUNCTION latchkey_flow_counts();--> statement-breakpoint
CREATE TRIGGER flows_status_counted AFTER UPDATE OF status ON "flows"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION latchkey_flow_counts();
