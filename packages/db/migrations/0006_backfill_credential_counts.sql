-- Sets every component's credential_count from the credentials stored before the column existed;
-- from here on, adding or deleting a credential keeps its component's count in the same transaction.
UPDATE "components" SET "credential_count" = counted.n
FROM (
  SELECT "component_id", count(*)::int AS n FROM "credentials" GROUP BY "component_id"
) AS counted
WHERE "components"."id" = counted."component_id" AND "components"."credential_count" <> counted.n;
