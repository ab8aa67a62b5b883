import { breachReasonSchema, breachTargetParamsSchema, slaClockSchema } from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { appendAudit } from '../../audit/append.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { auditContext } from '../../http/request-context.js';
import { readSlaClocks } from '../../sla/clocks.js';
import { appendJournal } from '../journal.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** A breached SLA target's reason (P-3.1): what the service level report shows against the breach. */
export const slaRoutes: RecordFeatureRoutes = (app, { db, def, tags, write }) => {
  app.put(
    `/${def.path}/:number/sla/:target/breach-reason`,
    {
      config: write,
      schema: {
        tags,
        summary: `Record why one of the ${def.path} missed an SLA target (breached targets only)`,
        params: breachTargetParamsSchema,
        body: breachReasonSchema,
        response: { 200: slaClockSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { reason } = req.body;
      return db.kysely.transaction().execute(async (trx) => {
        const record = await getRecord(trx, def, visibilityOf(actor), req.params.number);
        const clock = await trx
          .selectFrom('sla_clocks')
          .select(['id', 'breached', 'breach_reason'])
          .where('record_id', '=', record.id)
          .where('target_key', '=', req.params.target)
          .executeTakeFirst();
        if (!clock) throw notFound('SLA target');
        if (clock.breached !== 1) throw new AppError('conflict', 'This target was not breached; only a breach takes a reason');
        const now = Date.now();
        await trx
          .updateTable('sla_clocks')
          .set({ breach_reason: reason, breach_reason_by: actor.userId, breach_reason_at: now })
          .where('id', '=', clock.id)
          .execute();
        await appendJournal(trx, {
          recordId: record.id,
          kind: 'sla',
          visibility: 'internal',
          body: reason,
          data: { event: 'breach_reason', target: req.params.target },
          authorId: actor.userId,
        });
        await appendAudit(trx, auditContext(req, db.dialect), {
          action: 'sla.breach_reason_recorded',
          objectType: def.key,
          objectId: record.id,
          objectLabel: record.number,
          changes: { [`sla.${req.params.target}.reason`]: [clock.breach_reason, reason] },
        });
        const clocks = (await readSlaClocks(trx, [record.id])).get(record.id) ?? [];
        const updated = clocks.find((c) => c.id === clock.id);
        if (!updated) throw notFound('SLA target');
        return updated;
      });
    },
  );
};
