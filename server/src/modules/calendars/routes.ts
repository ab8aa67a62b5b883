import {
  calendarSchema,
  createCalendarSchema,
  dueQuerySchema,
  dueResultSchema,
  idParamsSchema,
  listCalendarsQuerySchema,
  pageSchema,
  STATUTORY_REGIONS,
  statutoryYearListSchema,
  statutoryYearSchema,
  updateCalendarSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { NoWorkingTimeError } from '../../platform/calendar/business-time.js';
import { businessCalendar, statutoryYears } from '../../platform/calendar/load.js';
import { AppError } from '../../platform/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { createCalendar, deleteCalendar, importStatutoryYear, updateCalendar } from './commands.js';
import { getCalendar, listCalendars } from './queries.js';

const tags = ['calendars'];
const regionParams = z.strictObject({ region: z.enum(STATUTORY_REGIONS) });

export function calendarRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/calendars',
      {
        config: { permission: 'calendars.read' },
        schema: {
          tags,
          summary: 'List business calendars',
          querystring: listCalendarsQuerySchema,
          response: { 200: pageSchema(calendarSchema) },
        },
      },
      async (req) => listCalendars(db.kysely, req.query),
    );

    app.get(
      '/calendars/:id',
      {
        config: { permission: 'calendars.read' },
        schema: { tags, summary: 'One business calendar', params: idParamsSchema, response: { 200: calendarSchema } },
      },
      async (req, reply) => {
        const calendar = await getCalendar(db.kysely, req.params.id);
        setEtag(reply, calendar.version);
        return calendar;
      },
    );

    app.get(
      '/calendars/:id/due',
      {
        config: { permission: 'calendars.read' },
        schema: {
          tags,
          summary: 'When a number of working minutes after a time ends on this calendar',
          params: idParamsSchema,
          querystring: dueQuerySchema,
          response: { 200: dueResultSchema },
        },
      },
      async (req) => {
        const calendar = await businessCalendar(db.kysely, await getCalendar(db.kysely, req.params.id));
        try {
          return { due: new Date(calendar.addMinutes(Date.parse(req.query.from), req.query.minutes)).toISOString() };
        } catch (error) {
          if (error instanceof NoWorkingTimeError) throw new AppError('conflict', error.message);
          throw error;
        }
      },
    );

    app.post(
      '/calendars',
      {
        config: { permission: 'calendars.manage' },
        schema: { tags, summary: 'Create a business calendar', body: createCalendarSchema, response: { 201: calendarSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getCalendar(trx, await createCalendar(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/calendars/:id',
      {
        config: { permission: 'calendars.manage' },
        schema: {
          tags,
          summary: 'Update a business calendar',
          params: idParamsSchema,
          body: updateCalendarSchema,
          response: { 200: calendarSchema },
        },
      },
      async (req, reply) => {
        const calendar = await db.kysely.transaction().execute(async (trx) => {
          await updateCalendar(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getCalendar(trx, req.params.id);
        });
        setEtag(reply, calendar.version);
        return calendar;
      },
    );

    app.delete(
      '/calendars/:id',
      { config: { permission: 'calendars.manage' }, schema: { tags, summary: 'Delete a business calendar', params: idParamsSchema } },
      async (req, reply) => {
        await db.kysely
          .transaction()
          .execute((trx) =>
            deleteCalendar(trx, auditContext(req, db.dialect), { id: req.params.id, expectedVersion: expectedVersion(req) }),
          );
        return reply.status(204).send();
      },
    );

    app.get(
      '/statutory-schedules/:region',
      {
        config: { permission: 'calendars.read' },
        schema: {
          tags,
          summary: "A country's published holidays and make-up working days, by year",
          params: regionParams,
          response: { 200: statutoryYearListSchema },
        },
      },
      async (req) => ({ items: await statutoryYears(db.kysely, req.params.region) }),
    );

    app.put(
      '/statutory-schedules/:region/:year',
      {
        config: { permission: 'calendars.manage' },
        schema: {
          tags,
          summary: 'Import or replace one published year (the shape of the shipped years)',
          params: regionParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
          body: statutoryYearSchema,
          response: { 200: statutoryYearListSchema },
        },
      },
      async (req) => {
        if (req.body.region !== req.params.region || req.body.year !== req.params.year) {
          throw new AppError('validation_failed', 'The body names another region or year than the path', {
            errors: [{ path: 'year', message: 'Does not match the path' }],
          });
        }
        await db.kysely.transaction().execute((trx) => importStatutoryYear(trx, auditContext(req, db.dialect), req.body));
        return { items: await statutoryYears(db.kysely, req.params.region) };
      },
    );
  };
}
