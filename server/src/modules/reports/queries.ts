import type { RecordSummary, RecordSummaryQuery } from '@keel/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

const HOUR_MS = 3_600_000;
// PostgreSQL answers avg() and sum() as numeric (text in node-postgres); SQLite as numbers.
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The records a summary covers: one type, opened in [from, to) — a range of the (type, opened_at, id) index. */
function window(type: string, query: RecordSummaryQuery) {
  const from = query.from ? Date.parse(query.from) : null;
  const to = query.to ? Date.parse(query.to) : null;
  return sql`r.type = ${type}${from === null ? sql`` : sql` and r.opened_at >= ${from}`}${to === null ? sql`` : sql` and r.opened_at < ${to}`}`;
}

/**
 * Mean and median time to resolve per priority, in one pass: the median is the mean of the
 * middle one or two rows of each priority's durations (row_number over the partition), which
 * both databases compute without a percentile function.
 */
async function resolution(db: Kysely<Database>, where: ReturnType<typeof window>) {
  const { rows } = await sql<{ priority: number | null; resolved: unknown; mean_ms: unknown; median_ms: unknown }>`
    select priority, count(*) as resolved, avg(d) as mean_ms,
      avg(case when rn = (n + 1) / 2 or rn = (n + 2) / 2 then d end) as median_ms
    from (
      select r.priority, r.resolved_at - r.opened_at as d,
        row_number() over (partition by r.priority order by r.resolved_at - r.opened_at) as rn,
        count(*) over (partition by r.priority) as n
      from records r
      where ${where} and r.resolved_at is not null
    ) durations
    group by priority
    order by priority`.execute(db);
  return rows.map((row) => ({
    priority: row.priority === null ? null : Number(row.priority),
    resolved: num(row.resolved),
    meanHours: num(row.mean_ms) / HOUR_MS,
    medianHours: num(row.median_ms) / HOUR_MS,
  }));
}

async function reassignments(db: Kysely<Database>, where: ReturnType<typeof window>) {
  const { rows } = await sql<{ reassignments: unknown; records: unknown }>`
    select r.reassignment_count as reassignments, count(*) as records
    from records r where ${where}
    group by r.reassignment_count order by r.reassignment_count`.execute(db);
  return rows.map((row) => ({ reassignments: num(row.reassignments), records: num(row.records) }));
}

/**
 * SLA outcome per record: the source's own (`record_imports.sla_met`) for imported records;
 * for native ones, once resolved or closed, met when none of its clocks breached.
 */
async function slaOutcomes(db: Kysely<Database>, where: ReturnType<typeof window>) {
  // Correlated probes of the (record_id, target_key) index, one per record in the window: the cost follows the window, not sla_clocks.
  const settled = sql`i.sla_met is null and r.state_category in ('resolved', 'closed')
    and exists (select 1 from sla_clocks c where c.record_id = r.id)`;
  const { rows } = await sql<{ imported_measured: unknown; imported_met: unknown; native_measured: unknown; native_met: unknown }>`
    select
      sum(case when i.sla_met is not null then 1 else 0 end) as imported_measured,
      sum(case when i.sla_met = 1 then 1 else 0 end) as imported_met,
      sum(case when ${settled} then 1 else 0 end) as native_measured,
      sum(case when ${settled} and not exists (select 1 from sla_clocks c where c.record_id = r.id and c.breached = 1) then 1 else 0 end) as native_met
    from records r
    left join record_imports i on i.record_id = r.id
    where ${where}`.execute(db);
  const row = rows[0];
  return {
    imported: { measured: num(row?.imported_measured), met: num(row?.imported_met) },
    native: { measured: num(row?.native_measured), met: num(row?.native_met) },
  };
}

export async function recordSummary(db: Kysely<Database>, type: string, query: RecordSummaryQuery): Promise<RecordSummary> {
  const where = window(type, query);
  const distribution = await reassignments(db, where);
  const records = distribution.reduce((sum, d) => sum + d.records, 0);
  const { rows } = await sql<{ reopened: unknown }>`
    select count(*) as reopened from records r where ${where} and r.reopen_count > 0`.execute(db);
  const reopened = num(rows[0]?.reopened);
  const sla = await slaOutcomes(db, where);
  const measured = sla.imported.measured + sla.native.measured;
  const met = sla.imported.met + sla.native.met;
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    records,
    resolution: await resolution(db, where),
    reassignments: {
      mean: records === 0 ? 0 : distribution.reduce((sum, d) => sum + d.reassignments * d.records, 0) / records,
      distribution,
    },
    reopens: { reopened, rate: records === 0 ? 0 : reopened / records },
    sla: { measured, met, rate: measured === 0 ? null : met / measured, ...sla },
  };
}
