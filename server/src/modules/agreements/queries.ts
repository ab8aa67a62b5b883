import type { Agreement, AgreementReview, ListAgreementsQuery, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';
import { targetsOf } from './targets.js';

const SORT_COLUMNS = {
  name: 'agreements.name',
  nextReviewAt: 'agreements.next_review_at',
  createdAt: 'agreements.created_at',
} as const;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('agreements')
    .innerJoin('services', 'services.id', 'agreements.service_id')
    .selectAll('agreements')
    .select(['services.name as service_name', 'services.owner_id']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Kysely<Database>, rows: Row[]): Promise<Agreement[]> {
  const targets = await targetsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    serviceId: row.service_id,
    serviceName: row.service_name,
    recordType: row.record_type,
    organisationId: row.organisation_id,
    groupId: row.group_id,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    supplierRef: row.supplier_ref,
    calendarId: row.calendar_id,
    validFrom: iso(row.valid_from),
    validTo: isoOrNull(row.valid_to),
    reviewEveryMonths: row.review_every_months,
    nextReviewAt: iso(row.next_review_at),
    lastReviewedAt: isoOrNull(row.last_reviewed_at),
    ownerId: row.owner_id,
    status: row.status,
    targets: targets.get(row.id) ?? [],
    slaPolicyId: row.sla_policy_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }));
}

export async function listAgreements(db: Kysely<Database>, query: ListAgreementsQuery): Promise<Page<Agreement>> {
  let q = baseQuery(db);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => containsText(eb.ref('agreements.name'), term));
  }
  if (query.kind) q = q.where('agreements.kind', '=', query.kind);
  if (query.status) q = q.where('agreements.status', '=', query.status);
  if (query.serviceId) q = q.where('agreements.service_id', '=', query.serviceId);
  const sort = parseSort(query.sort, SORT_COLUMNS, 'name');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'agreements.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) =>
      sort.column === 'agreements.created_at'
        ? row.created_at
        : sort.column === 'agreements.next_review_at'
          ? row.next_review_at
          : row.name,
  });
  return { items: await present(db, rows), nextCursor };
}

export async function getAgreement(db: Kysely<Database>, id: number): Promise<Agreement> {
  const row = await baseQuery(db).where('agreements.id', '=', id).executeTakeFirst();
  const [agreement] = row ? await present(db, [row]) : [];
  if (!agreement) throw notFound('agreement');
  return agreement;
}

export async function listAgreementReviews(db: Kysely<Database>, agreementId: number): Promise<AgreementReview[]> {
  await getAgreement(db, agreementId);
  const rows = await db
    .selectFrom('agreement_reviews')
    .leftJoin('users', 'users.id', 'agreement_reviews.reviewed_by')
    .select([
      'agreement_reviews.id',
      'agreement_reviews.reviewed_by',
      'users.display_name',
      'agreement_reviews.notes',
      'agreement_reviews.reviewed_at',
      'agreement_reviews.next_review_at',
    ])
    .where('agreement_reviews.agreement_id', '=', agreementId)
    .orderBy('agreement_reviews.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewedBy: r.reviewed_by,
    reviewedByName: r.display_name,
    notes: r.notes,
    reviewedAt: iso(r.reviewed_at),
    nextReviewAt: iso(r.next_review_at),
  }));
}
