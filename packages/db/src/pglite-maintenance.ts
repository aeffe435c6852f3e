import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * What PostgreSQL's autovacuum does, for PGlite, which has none (one process, no background
 * workers). Without it no table of an embedded database ever gets planner statistics: the planner
 * then takes `workspace_id = $1` for a 0.5 % match and answers a keyset page after a cursor with a
 * bitmap scan of the whole workspace and a sort (a page at 20k credentials read 1,500 pages and took
 * ~440 ms against ~0.3 ms with statistics), so lists slowed down as the database grew. Dead rows of
 * updated credentials (every re-verification) were never vacuumed either.
 *
 * A table is analyzed when it has rows but no statistics, when its size moved by more than a tenth
 * since its statistics were taken (PGlite forgets the activity counters at every restart; the size
 * is what survives), or when more rows than autovacuum's threshold (50 + 10 % of the table) changed
 * in this process; it is vacuumed (and analyzed) when it has more dead rows than 50 + 20 % of its
 * rows. The same thresholds as PostgreSQL's defaults, so the work stays proportional to the changes.
 */
export interface MaintenanceReport {
  analyzed: string[];
  vacuumed: string[];
}

export interface TableState {
  name: string;
  /** Rows as of the last ANALYZE or VACUUM; -1 if never. */
  reltuples: number;
  /** Pages as of the last ANALYZE or VACUUM. */
  relpages: number;
  /** Pages now. */
  pages: number;
  hasStatistics: boolean;
  modified: number;
  dead: number;
}

type AnyDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/** The tables of the public schema with what decides whether they need maintenance (one catalog query). */
async function tableStates(db: AnyDatabase): Promise<TableState[]> {
  // This process's pending activity counts reach pg_stat_user_tables at most once a second (when a
  // statement ends); this statement's end flushes them, so the next one reads them current.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const result = await db.execute(sql`
    select c.relname as name, c.reltuples::float8 as reltuples, c.relpages::int as relpages,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
           exists (select 1 from pg_statistic s where s.starelid = c.oid) as "hasStatistics",
           coalesce(t.n_mod_since_analyze, 0)::float8 as modified, coalesce(t.n_dead_tup, 0)::float8 as dead
    from pg_class c left join pg_stat_user_tables t on t.relid = c.oid
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
    order by c.relname`);
  return (result as unknown as { rows: TableState[] }).rows.map((r) => ({
    ...r,
    reltuples: Number(r.reltuples),
    relpages: Number(r.relpages),
    pages: Number(r.pages),
    modified: Number(r.modified),
    dead: Number(r.dead),
  }));
}

/** What a table needs: nothing, ANALYZE, or VACUUM (ANALYZE). Exported for its test. */
export function maintenanceOf(t: TableState): "none" | "analyze" | "vacuum" {
  const rows = Math.max(t.reltuples, 0);
  if (t.dead > 50 + 0.2 * rows) return "vacuum";
  if (t.pages === 0) return "none";
  if (t.reltuples < 0 || !t.hasStatistics) return "analyze";
  if (Math.abs(t.pages - t.relpages) > 0.1 * t.relpages + 1) return "analyze";
  if (t.modified > 50 + 0.1 * rows) return "analyze";
  return "none";
}

/**
 * Analyzes (or vacuums) the tables that need it, one statement per table; answers which. Run by
 * openDatabase on PGlite when it opens the database and every `maintenanceIntervalMs` after.
 */
export async function maintainPglite(db: AnyDatabase): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { analyzed: [], vacuumed: [] };
  for (const table of await tableStates(db)) {
    const work = maintenanceOf(table);
    if (work === "none") continue;
    // The names come from pg_class; quoted as identifiers all the same.
    const name = sql.identifier(table.name);
    if (work === "vacuum") {
      await db.execute(sql`vacuum (analyze) ${name}`);
      report.vacuumed.push(table.name);
    } else {
      await db.execute(sql`analyze ${name}`);
      report.analyzed.push(table.name);
    }
  }
  return report;
}
