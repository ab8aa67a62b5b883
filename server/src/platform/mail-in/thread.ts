import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { recordNumberOfOwnId } from './message-ids.js';
import type { InboundMail } from './parse.js';
import type { MailCustomer } from './sender.js';
import { numberInSubject } from './subject.js';

type Candidate = { id: number; type: string; number: string; requester_id: number | null; organisation_id: number | null };
export type Thread = { def: RecordTypeDefinition; record: Candidate };

/**
 * May this sender add to this record by mail? What a mail may do follows what the matched
 * customer may see in the portal: their own records, or their organisation's when their
 * account allows. A sender matched to no user may answer only on a record their own mail
 * raised (no requester, and that first mail came from the same address).
 */
async function mayReply(db: Kysely<Database>, record: Candidate, from: string | null, customer: MailCustomer | null) {
  if (customer) {
    if (record.requester_id === customer.id) return true;
    return customer.seesOrganisationRecords && customer.organisationId !== null && record.organisation_id === customer.organisationId;
  }
  if (!from || record.requester_id !== null) return false;
  const first = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('record_id', '=', record.id)
    .where('outcome', '=', 'created')
    .where('sender', '=', from)
    .executeTakeFirst();
  return first !== undefined;
}

/** Record ids named by References: earlier mails Keel took in, then Keel's own notifications. */
async function referencedRecords(db: Kysely<Database>, mail: InboundMail, ownHost: string) {
  const ids: number[] = [];
  const numbers: string[] = [];
  if (mail.references.length > 0) {
    const known = await db
      .selectFrom('mail_messages')
      .select(['message_id', 'record_id'])
      .where('message_id', 'in', mail.references)
      .where('record_id', 'is not', null)
      .execute();
    const byId = new Map(known.map((k) => [k.message_id, k.record_id]));
    for (const ref of mail.references) {
      const recordId = byId.get(ref);
      if (recordId) ids.push(recordId);
      const number = recordNumberOfOwnId(ref, ownHost);
      if (number) numbers.push(number);
    }
  }
  return { ids, numbers };
}

/**
 * The record a mail answers, or null to raise a new one: by In-Reply-To/References first
 * (they name a message, not just a number), then by a record number in the subject. A
 * candidate of a type that takes no mail, or one the sender may not add to, is passed over.
 */
export async function findThread(
  db: Kysely<Database>,
  input: { mail: InboundMail; customer: MailCustomer | null; types: readonly RecordTypeDefinition[]; ownHost: string },
): Promise<Thread | null> {
  const { mail, customer, types } = input;
  const mailTypes = types.filter((t) => t.mail);
  const { ids, numbers } = await referencedRecords(db, mail, input.ownHost);
  const subjectNumber = numberInSubject(
    mail.subject,
    mailTypes.map((t) => t.prefix),
  );
  if (subjectNumber) numbers.push(subjectNumber);
  if (ids.length === 0 && numbers.length === 0) return null;
  let query = db.selectFrom('records').select(['id', 'type', 'number', 'requester_id', 'organisation_id']);
  query = query.where((eb) =>
    eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(numbers.length ? [eb('number', 'in', numbers)] : [])]),
  );
  const rows = await query.execute();
  // In the order the mail named them: references before the subject.
  const ordered = [...ids.map((id) => rows.find((r) => r.id === id)), ...numbers.map((n) => rows.find((r) => r.number === n))];
  for (const record of ordered) {
    const def = record && mailTypes.find((t) => t.key === record.type);
    if (record && def && (await mayReply(db, record, mail.from, customer))) return { def, record };
  }
  return null;
}
