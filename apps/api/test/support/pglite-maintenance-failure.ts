// PGlite maintenance rounds that fail (as on a full disk; here an index expression that raises
// while ANALYZE samples it), straight on the database (test only, no API running). Prints one JSON
// line: the round at open, whether a query answered after it, and the first clean round once the
// fault is gone.
import { openDatabase, sql, type MaintenanceReport } from "@latchkey/db";

type Outcome = { report: MaintenanceReport } | { error: string };
const dataDir = process.env.LATCHKEY_DATA_DIR!;

// A table that needs analyzing, whose ANALYZE fails while `fault` has a row.
const setup = await openDatabase({ dataDir, maintenanceIntervalMs: 0 });
try {
  await setup.db.execute(sql`create table fault (on_since timestamptz)`);
  await setup.db.execute(sql`
    create function probe_value(n int) returns int immutable language plpgsql as $$
    begin
      if exists (select 1 from public.fault) then raise exception 'could not extend file: No space left on device'; end if;
      return n;
    end $$`);
  await setup.db.execute(sql`create table probe (n int)`);
  await setup.db.execute(sql`create index probe_value_idx on probe (probe_value(n))`);
  await setup.db.execute(sql`insert into probe select generate_series(1, 500)`);
  await setup.db.execute(sql`insert into fault values (now())`);
} finally {
  await setup.close();
}

const outcomes: Outcome[] = [];
// The first round runs inside openDatabase, and fails.
const handle = await openDatabase({
  dataDir,
  maintenanceIntervalMs: 100,
  // drizzle's error names the statement; its cause is the database's.
  onMaintenance: (outcome) => outcomes.push("error" in outcome ? { error: `${String(outcome.error)} (${String((outcome.error as Error).cause)})` } : outcome),
});
try {
  const atOpen = outcomes[0];
  const { rows } = (await handle.db.execute(sql`select count(*)::int as n from probe`)) as unknown as { rows: { n: number }[] };
  await handle.db.execute(sql`delete from fault`);
  // Rounds go on every 100 ms; the first without an error once the fault is gone.
  let clean: Outcome | undefined;
  for (let waited = 0; !clean && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    clean = outcomes.slice(1).find((outcome) => "report" in outcome);
  }
  console.log(JSON.stringify({ atOpen, countAfterOpen: rows[0]!.n, roundsFailed: outcomes.filter((o) => "error" in o).length, clean }));
} finally {
  await handle.close();
}
