import type { Backlog, BacklogQuery } from '@keel/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

const OPEN = ['new', 'active', 'pending'] as const;
const DAY_MS = 86_400_000;
/** Services beyond this many are summed into one "other" row (serviceId null, name null). */
const TOP_SERVICES = 10;

const num = (v: unknown) => Number(v ?? 0);

/** The buckets' bounds: whole days or weeks from `from`, the last one cut at `to`. */
export function backlogBuckets(query: BacklogQuery): Array<{ start: number; end: number }> {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const step = query.bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets: Array<{ start: number; end: number }> = [];
  for (let start = from; start < to; start += step) buckets.push({ start, end: Math.min(start + step, to) });
  return buckets;
}

async function openNow(db: Kysely<Database>, type: string): Promise<Backlog['open']> {
  const byPriority = await db
    .selectFrom('records')
    .select(['priority', (eb) => eb.fn.countAll().as('n')])
    .where('type', '=', type)
    .where('state_category', 'in', OPEN)
    .groupBy('priority')
    .orderBy('priority')
    .execute();
  const byService = await db
    .selectFrom('records')
    .leftJoin('services', 'services.id', 'records.service_id')
    .select(['records.service_id', 'services.name', (eb) => eb.fn.countAll().as('n')])
    .where('records.type', '=', type)
    .where('records.state_category', 'in', OPEN)
    .groupBy(['records.service_id', 'services.name'])
    .execute();
  const services = byService
    .map((r) => ({ serviceId: r.service_id, serviceName: r.name, count: num(r.n) }))
    .sort((a, b) => b.count - a.count);
  const top = services.slice(0, TOP_SERVICES);
  const rest = services.slice(TOP_SERVICES).reduce((sum, s) => sum + s.count, 0);
  return {
    total: byPriority.reduce((sum, r) => sum + num(r.n), 0),
    byPriority: byPriority.map((r) => ({ priority: r.priority, count: num(r.n) })),
    byService: rest > 0 ? [...top, { serviceId: null, serviceName: null, count: rest }] : top,
  };
}

/**
 * One pass over the records that overlap the window: a record is open at a moment when it was
 * opened before it and not yet resolved (or closed) by then. Reopened records count from their
 * latest resolution, which is what the record keeps.
 */
async function trend(db: Kysely<Database>, type: string, query: BacklogQuery): Promise<Backlog['trend']> {
  const buckets = backlogBuckets(query);
  const done = sql`coalesce(resolved_at, closed_at)`;
  const columns = buckets.flatMap((b, i) => [
    sql`sum(case when opened_at < ${b.end} and (${done} is null or ${done} >= ${b.end}) then 1 else 0 end) as ${sql.ref(`o${i}`)}`,
    sql`sum(case when opened_at >= ${b.start} and opened_at < ${b.end} then 1 else 0 end) as ${sql.ref(`n${i}`)}`,
    sql`sum(case when ${done} >= ${b.start} and ${done} < ${b.end} then 1 else 0 end) as ${sql.ref(`r${i}`)}`,
  ]);
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join(columns)} from records
    where type = ${type} and opened_at < ${to} and (${done} is null or ${done} >= ${from})`.execute(db);
  const row = rows[0] ?? {};
  return buckets.map((b, i) => ({
    start: new Date(b.start).toISOString(),
    end: new Date(b.end).toISOString(),
    open: num(row[`o${i}`]),
    opened: num(row[`n${i}`]),
    resolved: num(row[`r${i}`]),
  }));
}

export async function backlogReport(db: Kysely<Database>, type: string, query: BacklogQuery): Promise<Backlog> {
  return { open: await openNow(db, type), trend: await trend(db, type, query) };
}
