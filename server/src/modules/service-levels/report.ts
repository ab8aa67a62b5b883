import type {
  ServiceLevelBreach,
  ServiceLevelReport,
  ServiceLevelReportQuery,
  ServiceLevelTarget,
  ServiceLevelTrendBucket,
} from '@keel/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type Actor, can } from '../../platform/access/actor.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { attainment, type Bucket, periodBuckets } from './buckets.js';

type Db = Kysely<Database>;
type Filter = Omit<ServiceLevelReportQuery, 'bucket'>;

/** What a report covers, resolved once: the instants, the record types the caller may read, the agreement's policy. */
export type ReportScope = {
  fromMs: number;
  toMs: number;
  types: string[];
  serviceId: number | null;
  /** null: any policy; -1: the agreement owns no policy (nothing matches). */
  policyId: number | null;
};

export async function reportScope(db: Db, actor: Actor, types: readonly RecordTypeDefinition[], filter: Filter): Promise<ReportScope> {
  const readable = types.filter((t) => can(actor, t.permissions.read)).map((t) => t.key);
  let chosen = readable;
  if (filter.recordType) {
    if (!types.some((t) => t.key === filter.recordType)) throw invalid('recordType', 'No such record type');
    if (!readable.includes(filter.recordType)) throw forbidden('You cannot read records of this type');
    chosen = [filter.recordType];
  }
  if (filter.serviceId !== undefined) {
    const service = await db.selectFrom('services').select('id').where('id', '=', filter.serviceId).executeTakeFirst();
    if (!service) throw notFound('service');
  }
  let policyId: number | null = null;
  if (filter.agreementId !== undefined) {
    const agreement = await db.selectFrom('agreements').select('sla_policy_id').where('id', '=', filter.agreementId).executeTakeFirst();
    if (!agreement) throw notFound('agreement');
    policyId = agreement.sla_policy_id ?? -1;
  }
  const [first] = periodBuckets(filter.from, filter.from, 'month', actor.timeZone);
  const [last] = periodBuckets(filter.to, filter.to, 'month', actor.timeZone);
  if (!first || !last) throw new AppError('validation_failed', 'The period is empty');
  return { fromMs: first.startMs, toMs: last.endMs, types: chosen, serviceId: filter.serviceId ?? null, policyId };
}

/**
 * The clocks whose outcome falls in the period: breached ones by breached_at, met ones (stopped
 * without a breach) by stopped_at. Running clocks not yet due count nowhere. Each half is one range
 * of its own index (0021), joined to records for the type and service.
 */
function outcomes(db: Db, scope: ReportScope, breached: boolean) {
  const at = breached ? 'c.breached_at' : 'c.stopped_at';
  let query = db
    .selectFrom('sla_clocks as c')
    .innerJoin('records as r', 'r.id', 'c.record_id')
    .where(at, '>=', scope.fromMs)
    .where(at, '<', scope.toMs)
    .where('r.type', 'in', scope.types.length > 0 ? scope.types : ['-'])
    .where('c.breached', '=', breached ? 1 : 0);
  if (!breached) query = query.where('c.state', '=', 'stopped');
  if (scope.serviceId !== null) query = query.where('r.service_id', '=', scope.serviceId);
  if (scope.policyId !== null) query = query.where('c.policy_id', '=', scope.policyId);
  return query;
}

/**
 * The bucket an instant falls in, as one CASE over the boundaries computed in the caller's zone.
 * The boundaries are numbers computed here, inlined so the grouped and selected expressions are the same text.
 */
function bucketOf(column: string, buckets: readonly Bucket[]): RawBuilder<number> {
  const arms = buckets.slice(0, -1).map((b, i) => sql`when ${sql.ref(column)} < ${sql.lit(b.endMs)} then ${sql.lit(i)}`);
  if (arms.length === 0) return sql<number>`0`;
  return sql<number>`case ${sql.join(arms, sql` `)} else ${sql.lit(buckets.length - 1)} end`;
}

async function counts(db: Db, scope: ReportScope, buckets: readonly Bucket[], breached: boolean) {
  const at = breached ? 'c.breached_at' : 'c.stopped_at';
  const rows = await outcomes(db, scope, breached)
    .select((eb) => [
      'c.target_key as key',
      eb.fn.max('c.label_en').as('en'),
      eb.fn.max('c.label_zh').as('zh'),
      bucketOf(at, buckets).as('bucket'),
      eb.fn.countAll<number>().as('n'),
    ])
    // One bucket: no CASE to group by (a bare 0 in GROUP BY would read as a column position).
    .groupBy(buckets.length > 1 ? ['c.target_key', bucketOf(at, buckets)] : ['c.target_key'])
    .execute();
  return rows.map((r) => ({ key: r.key, en: r.en, zh: r.zh, bucket: Number(r.bucket), n: Number(r.n) }));
}

/** Targets and trend from two grouped queries (met, breached); no per-record work. */
export async function serviceLevelSummary(db: Db, scope: ReportScope, buckets: readonly Bucket[]) {
  const [met, breached] = await Promise.all([counts(db, scope, buckets, false), counts(db, scope, buckets, true)]);
  const targets = new Map<string, ServiceLevelTarget & { perBucket: { met: number; total: number }[] }>();
  const entry = (row: { key: string; en: string; zh: string }) => {
    let target = targets.get(row.key);
    if (!target) {
      target = {
        key: row.key,
        label: { en: row.en, 'zh-CN': row.zh },
        total: 0,
        met: 0,
        breached: 0,
        attainment: null,
        perBucket: buckets.map(() => ({ met: 0, total: 0 })),
      };
      targets.set(row.key, target);
    }
    return target;
  };
  for (const row of met) {
    const target = entry(row);
    target.met += row.n;
    target.total += row.n;
    const cell = target.perBucket[row.bucket];
    if (cell) {
      cell.met += row.n;
      cell.total += row.n;
    }
  }
  for (const row of breached) {
    const target = entry(row);
    target.breached += row.n;
    target.total += row.n;
    const cell = target.perBucket[row.bucket];
    if (cell) cell.total += row.n;
  }
  const ordered = [...targets.values()].sort((a, b) => a.key.localeCompare(b.key));
  const trend: ServiceLevelTrendBucket[] = buckets.map((b, i) => ({
    start: b.start,
    end: b.end,
    targets: ordered.map((t) => {
      const cell = t.perBucket[i] ?? { met: 0, total: 0 };
      return { key: t.key, total: cell.total, met: cell.met, attainment: attainment(cell.met, cell.total) };
    }),
  }));
  return {
    targets: ordered.map(({ perBucket: _, ...t }) => ({ ...t, attainment: attainment(t.met, t.total) })),
    trend,
  };
}

/** Breaches in the period, newest first, a keyset page at a time, with their reason and any improvement raised. */
export async function listBreaches(
  db: Db,
  scope: ReportScope,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: ServiceLevelBreach[]; nextCursor: string | null }> {
  let query = outcomes(db, scope, true)
    .leftJoin('improvement_ext as ie', 'ie.source_clock_id', 'c.id')
    .leftJoin('records as imp', 'imp.id', 'ie.record_id')
    .select([
      'c.id',
      'c.target_key',
      'c.label_en',
      'c.label_zh',
      'c.due_at',
      'c.breached_at',
      'c.breach_reason',
      'r.type',
      'r.number',
      'r.title',
      'imp.number as imp_number',
      'imp.title as imp_title',
    ])
    .orderBy('c.breached_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit + 1);
  if (page.cursor) {
    const [value, id] = decodeCursor(page.cursor);
    if (typeof value !== 'number') throw invalid('cursor', 'Invalid cursor');
    query = query.where((eb) =>
      eb.or([eb('c.breached_at', '<', value), eb.and([eb('c.breached_at', '=', value), eb('c.id', '<', id)])]),
    ) as typeof query;
  }
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map((r) => ({
      clockId: r.id,
      record: { type: r.type, number: r.number, title: r.title },
      target: { key: r.target_key, label: { en: r.label_en, 'zh-CN': r.label_zh } },
      dueAt: r.due_at === null ? iso(Number(r.breached_at)) : iso(Number(r.due_at)),
      breachedAt: iso(Number(r.breached_at)),
      reason: r.breach_reason,
      improvement: r.imp_number ? { number: r.imp_number, title: r.imp_title ?? '' } : null,
    })),
    nextCursor: more && last ? encodeCursor(Number(last.breached_at), last.id) : null,
  };
}

export async function serviceLevelReport(
  db: Db,
  actor: Actor,
  types: readonly RecordTypeDefinition[],
  query: ServiceLevelReportQuery,
  breachLimit = 50,
): Promise<ServiceLevelReport> {
  const scope = await reportScope(db, actor, types, query);
  const buckets = periodBuckets(query.from, query.to, query.bucket, actor.timeZone);
  const [summary, breaches] = await Promise.all([serviceLevelSummary(db, scope, buckets), listBreaches(db, scope, { limit: breachLimit })]);
  return { from: query.from, to: query.to, bucket: query.bucket, timeZone: actor.timeZone, ...summary, breaches };
}
