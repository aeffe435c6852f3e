ALTER TABLE "memberships" ADD COLUMN "person_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written below: the name is the person's, copied for the members list's order (keyset by
-- person_name, person_id from one index of the workspace's memberships), and kept by triggers.
UPDATE "memberships" m SET "person_name" = p."name" FROM "people" p WHERE p."id" = m."person_id";--> statement-breakpoint
CREATE FUNCTION latchkey_membership_person_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.name INTO NEW.person_name FROM people p WHERE p.id = NEW.person_id;
  NEW.person_name := coalesce(NEW.person_name, '');
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER memberships_person_name BEFORE INSERT OR UPDATE OF person_id ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION latchkey_membership_person_name();--> statement-breakpoint
CREATE FUNCTION latchkey_person_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET person_name = NEW.name WHERE person_id = NEW.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER people_renamed AFTER UPDATE OF name ON "people"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION latchkey_person_renamed();--> statement-breakpoint
CREATE INDEX "memberships_workspace_name_idx" ON "memberships" USING btree ("workspace_id","person_name","person_id");
