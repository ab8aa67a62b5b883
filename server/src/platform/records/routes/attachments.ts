import multipart from '@fastify/multipart';
import { attachmentListSchema, attachmentParamsSchema, attachmentSchema, recordNumberParamsSchema } from '@keel/shared';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { visibilityOf } from '../../access/visibility.js';
import { discardStaged, isMissing, openBlob } from '../../attachments/blob-store.js';
import { addAttachment, removeAttachment } from '../../attachments/commands.js';
import { contentDisposition } from '../../attachments/content-disposition.js';
import { refusal, servedMediaType } from '../../attachments/media-type.js';
import { findAttachment, listAttachments, presentAttachment, recordPathOf } from '../../attachments/queries.js';
import { checkDeclaredLength, receiveUpload } from '../../attachments/receive.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** Nothing in a download may run: no script, no plugin, no form, not even as a sandboxed page. */
const DOWNLOAD_CSP = "sandbox; default-src 'none'";

/** Files on a record: visible to whoever sees the record, added and removed by whoever may change it. */
export const attachmentRoutes: RecordFeatureRoutes = (app, { db, def, tags, write, blobs, customerRead, customerWrite }) => {
  app.get(
    `/${def.path}/:number/attachments`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: `Files attached to one of the ${def.path}`,
        params: recordNumberParamsSchema,
        response: { 200: attachmentListSchema },
      },
    },
    async (req) => {
      const record = await getRecord(db.kysely, def, visibilityOf(actorOf(req)), req.params.number);
      const path = recordPathOf(def.path, record.number);
      return { items: (await listAttachments(db.kysely, record.id)).map((row) => presentAttachment(row, path)) };
    },
  );

  app.get(
    `/${def.path}/:number/attachments/:attachmentId/content`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: 'Download a file: always as an attachment, labelled with a type that cannot run in a browser',
        params: attachmentParamsSchema,
      },
    },
    async (req, reply) => {
      const record = await getRecord(db.kysely, def, visibilityOf(actorOf(req)), req.params.number);
      const attachment = await findAttachment(db.kysely, record.id, req.params.attachmentId);
      let content: Awaited<ReturnType<typeof openBlob>>;
      try {
        content = await openBlob(blobs, attachment.blob_sha256);
      } catch (error) {
        // A row without its file is lost data, not a user mistake: say so in the log and answer 500.
        if (isMissing(error)) req.log.error({ sha256: attachment.blob_sha256, attachmentId: attachment.id }, 'attachment content missing');
        throw error;
      }
      return reply
        .header('content-type', servedMediaType(attachment.media_type))
        .header('content-disposition', contentDisposition(attachment.file_name))
        .header('content-length', String(attachment.size))
        .header('etag', `"${attachment.blob_sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', DOWNLOAD_CSP)
        .send(content);
    },
  );

  app.delete(
    `/${def.path}/:number/attachments/:attachmentId`,
    { config: write, schema: { tags, summary: 'Remove a file from the record', params: attachmentParamsSchema } },
    async (req, reply) => {
      const actor = actorOf(req);
      await db.kysely.transaction().execute(async (trx) => {
        const record = await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await removeAttachment(trx, auditContext(req, db.dialect), { record, actor, attachmentId: req.params.attachmentId });
      });
      return reply.status(204).send();
    },
  );

  // Multipart is parsed only here: every other route keeps refusing anything but JSON.
  app.register(async (plugin) => {
    await plugin.register(multipart, { throwFileSizeLimit: true });
    // An answer given before the whole upload arrived (401, 404, 413 …) ends the connection:
    // the client may stop sending, and a half-read body would keep the socket busy for ever.
    plugin.addHook('onSend', async (req, reply, payload) => {
      if (!req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.post(
      `/${def.path}/:number/attachments`,
      {
        config: customerWrite,
        schema: {
          tags,
          summary: `Attach one file (multipart/form-data, field "file") to one of the ${def.path}`,
          consumes: ['multipart/form-data'],
          params: recordNumberParamsSchema,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // Not found before a byte is read: nobody uploads to a record they cannot see.
        await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
        checkDeclaredLength(req, blobs);
        const upload = await receiveUpload(req, blobs);
        try {
          const refused = refusal(upload.fileName, upload.staged.mediaType);
          if (refused) throw new AppError('attachment_type_refused', refused, { errors: [{ path: 'file', message: refused }] });
          if (upload.staged.size === 0)
            throw new AppError('validation_failed', 'The file is empty', { errors: [{ path: 'file', message: 'Empty' }] });
          const created = await idempotentCreate(
            db,
            req,
            async (trx) => {
              const record = await getRecord(trx, def, visibilityOf(actor), req.params.number);
              const id = await addAttachment(trx, auditContext(req, db.dialect), blobs, { record, uploaderId: actor.userId, upload });
              return presentAttachment(await findAttachment(trx, record.id, id), recordPathOf(def.path, record.number));
            },
            `${upload.staged.sha256} ${upload.fileName}`,
          );
          return sendCreated(reply, created);
        } finally {
          await discardStaged(upload.staged);
        }
      },
    );
  });
};
