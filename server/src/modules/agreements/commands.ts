import { addMonths, type CreateAgreement, type RecordAgreementReview, type UpdateAgreement } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { syncAgreementPolicy } from './policy.js';
import { loadTargets, replaceTargets } from './targets.js';

type Trx = Transaction<Database>;

async function exists(trx: Trx, table: 'organisations' | 'groups' | 'calendars', id: number | null | undefined, path: string) {
  if (!id) return;
  const row = await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(path, 'No such entry');
}

async function checkReferences(
  trx: Trx,
  types: readonly RecordTypeDefinition[],
  input: { recordType?: string; organisationId?: number | null; groupId?: number | null; calendarId?: number | null },
) {
  if (input.recordType !== undefined && !types.some((t) => t.key === input.recordType)) throw invalid('recordType', 'No such record type');
  await exists(trx, 'organisations', input.organisationId, 'organisationId');
  await exists(trx, 'groups', input.groupId, 'groupId');
  await exists(trx, 'calendars', input.calendarId, 'calendarId');
}

/** An agreement in force must measure something, and cannot start once its validity has ended. */
function checkActivation(a: { status: string; kind: string; targetCount: number; validTo: number | null }, now: number) {
  if (a.status !== 'active') return;
  if (a.kind !== 'uc' && a.targetCount === 0) throw invalid('targets', 'An active SLA or OLA needs at least one target');
  if (a.validTo !== null && a.validTo <= now) throw invalid('status', 'The agreement’s validity has ended');
}

export async function createAgreement(trx: Trx, ctx: AuditContext, types: readonly RecordTypeDefinition[], input: CreateAgreement) {
  const service = await trx.selectFrom('services').select('status').where('id', '=', input.serviceId).executeTakeFirst();
  if (!service) throw invalid('serviceId', 'No such service');
  if (service.status === 'retired') throw invalid('serviceId', 'The service is retired');
  await checkReferences(trx, types, input);
  const now = Date.now();
  const validFrom = Date.parse(input.validFrom);
  const validTo = input.validTo === null ? null : Date.parse(input.validTo);
  checkActivation({ status: input.status, kind: input.kind, targetCount: input.targets.length, validTo }, now);
  const row = await trx
    .insertInto('agreements')
    .values({
      kind: input.kind,
      name: input.name,
      service_id: input.serviceId,
      record_type: input.recordType,
      organisation_id: input.organisationId,
      group_id: input.groupId,
      supplier_id: null,
      supplier_name: input.supplierName,
      supplier_ref: input.supplierRef,
      calendar_id: input.calendarId,
      valid_from: validFrom,
      valid_to: validTo,
      review_every_months: input.reviewEveryMonths,
      next_review_at: addMonths(validFrom, input.reviewEveryMonths),
      last_reviewed_at: null,
      reminded_for: null,
      status: input.status,
      sla_policy_id: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTargets(trx, row.id, input.targets);
  await appendAudit(trx, ctx, {
    action: 'agreement.created',
    objectType: 'agreement',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ ...input }),
  });
  await syncAgreementPolicy(trx, ctx, types, row.id);
  return row.id;
}

export async function updateAgreement(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  input: { id: number; expectedVersion: number | null; patch: UpdateAgreement },
) {
  const before = await trx.selectFrom('agreements').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('agreement');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  await checkReferences(trx, types, patch);
  const time = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : Date.parse(value));
  const fields = {
    name: patch.name,
    record_type: patch.recordType,
    organisation_id: patch.organisationId,
    group_id: patch.groupId,
    supplier_name: patch.supplierName,
    supplier_ref: patch.supplierRef,
    calendar_id: patch.calendarId,
    valid_from: patch.validFrom === undefined ? undefined : Date.parse(patch.validFrom),
    valid_to: time(patch.validTo),
    review_every_months: patch.reviewEveryMonths,
    status: patch.status,
  };
  const after = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  if (before.kind === 'sla' && after.organisation_id === null)
    throw invalid('organisationId', 'An SLA is made with a customer organisation');
  if (before.kind === 'ola' && after.group_id === null) throw invalid('groupId', 'An OLA is made with an internal group');
  if (before.kind === 'uc' && after.supplier_name === null) throw invalid('supplierName', 'An underpinning contract names its supplier');
  if (after.valid_to !== null && after.valid_to <= after.valid_from) throw invalid('validTo', 'validTo must be after validFrom');
  if (before.sla_policy_id !== null && patch.recordType !== undefined && patch.recordType !== before.record_type)
    throw new AppError('conflict', 'The record type of an agreement that has run clocks cannot change');
  const targetsBefore = await loadTargets(trx, before.id);
  const targetCount = patch.targets ? patch.targets.length : targetsBefore.length;
  if (patch.status !== undefined && patch.status !== before.status)
    checkActivation({ status: after.status, kind: before.kind, targetCount, validTo: after.valid_to }, Date.now());
  else if (after.status === 'active' && targetCount === 0 && before.kind !== 'uc')
    throw invalid('targets', 'An active SLA or OLA needs at least one target');
  const changes = diffFields(before, fields);
  if (patch.reviewEveryMonths !== undefined || patch.validFrom !== undefined) {
    const next = addMonths(after.last_reviewed_at ?? after.valid_from, after.review_every_months);
    if (next !== before.next_review_at) changes.next_review_at = [before.next_review_at, next];
  }
  if (patch.targets && JSON.stringify(patch.targets) !== JSON.stringify(targetsBefore)) changes.targets = [targetsBefore, patch.targets];
  if (Object.keys(changes).length === 0) return;
  const nextReview = changes.next_review_at ? Number(changes.next_review_at[1]) : undefined;
  const result = await trx
    .updateTable('agreements')
    .set((eb) => ({ ...fields, next_review_at: nextReview, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  if (changes.targets && patch.targets) await replaceTargets(trx, before.id, patch.targets);
  await appendAudit(trx, ctx, {
    action: 'agreement.updated',
    objectType: 'agreement',
    objectId: before.id,
    objectLabel: before.name,
    changes,
  });
  await syncAgreementPolicy(trx, ctx, types, before.id);
}

/**
 * The service owner (or a service manager) records a review: the notes are kept, and the
 * next review falls `review_every_months` after the one just due — the first such date still
 * ahead, if reviews were skipped — so the reminder for the new period can go out in its time.
 */
export async function recordAgreementReview(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; review: RecordAgreementReview; now?: number },
) {
  const before = await trx.selectFrom('agreements').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('agreement');
  checkVersion(input.expectedVersion, before.version);
  const now = input.now ?? Date.now();
  let next = addMonths(before.next_review_at, before.review_every_months);
  while (next <= now) next = addMonths(next, before.review_every_months);
  const result = await trx
    .updateTable('agreements')
    .set((eb) => ({ last_reviewed_at: now, next_review_at: next, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await trx
    .insertInto('agreement_reviews')
    .values({ agreement_id: before.id, reviewed_by: ctx.actorId, notes: input.review.notes, reviewed_at: now, next_review_at: next })
    .execute();
  await appendAudit(trx, ctx, {
    action: 'agreement.reviewed',
    objectType: 'agreement',
    objectId: before.id,
    objectLabel: before.name,
    changes: {
      last_reviewed_at: [before.last_reviewed_at, now],
      next_review_at: [before.next_review_at, next],
      notes: [null, input.review.notes],
    },
  });
}
