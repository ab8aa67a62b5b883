import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { accountRoutes } from './modules/account/routes.js';
import { agreementRoutes } from './modules/agreements/routes.js';
import { assignmentRuleRoutes } from './modules/assignment-rules/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { calendarRoutes } from './modules/calendars/routes.js';
import { catalogueItemRoutes } from './modules/catalogue-items/routes.js';
import { customFieldRoutes } from './modules/custom-fields/routes.js';
import { groupRoutes } from './modules/groups/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { mailRoutes } from './modules/mail/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { priorityMatrixRoutes } from './modules/priority-matrix/routes.js';
import { ratingRoutes } from './modules/ratings/routes.js';
import { RECORD_TYPES } from './modules/record-types.js';
import { reportRoutes } from './modules/reports/routes.js';
import { requestRoutes } from './modules/requests/routes.js';
import { roleRoutes } from './modules/roles/routes.js';
import { serviceLevelRoutes } from './modules/service-levels/routes.js';
import { serviceRoutes } from './modules/services/routes.js';
import { slaPolicyRoutes } from './modules/sla-policies/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { workflowRoutes } from './modules/workflows/routes.js';
import { approvalInboxRoutes } from './platform/approvals/routes.js';
import { blobStore } from './platform/attachments/blob-store.js';
import { authRoutes } from './platform/auth/routes.js';
import { registerAuthentication } from './platform/http/authenticate.js';
import { registerErrorHandler, send } from './platform/http/error-handler.js';
import { registerJsonBody } from './platform/http/json-body.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { notificationRoutes } from './platform/notify/routes.js';
import { recordRoutes } from './platform/records/routes/index.js';
import { searchRoutes } from './platform/search/routes.js';
import { savedViewRoutes } from './platform/views/routes.js';
import './platform/http/types.js';
import { registerHealth } from './platform/observability/health.js';
import { registerMetrics } from './platform/observability/metrics.js';

export type AppState = { shuttingDown: boolean };

/** Every API route with its declared access, for the route × role tests and the docs. */
export type RouteInfo = {
  method: string;
  url: string;
  public: boolean;
  permission: string | null;
  selfService: boolean;
  /** Customers reach it without the permission; row visibility limits them to their own records. */
  customers: boolean;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The composition root: every plugin, hook and route of one Keel process. */
export async function buildApp(config: Config, db: Db, state: AppState = { shuttingDown: false }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          // The SMTP URL may carry a password: never log it, whoever logs the config.
          'smtpUrl',
          'mail.smtpUrl',
          'config.mail.smtpUrl',
        ],
        censor: '[redacted]',
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // No requestIdHeader: Fastify would trust the header as-is; genReqId checks it instead.
    requestIdHeader: false,
    // A caller's request id is kept only if it is short and plain; otherwise Keel makes one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
  });
  const routes: RouteInfo[] = [];
  app.decorate('routeCatalogue', routes);
  app.decorate('mailEnabled', config.mail.smtpUrl !== null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        public: route.config?.public ?? false,
        permission: route.config?.permission ?? null,
        selfService: route.config?.selfService ?? false,
        customers: route.config?.customers ?? false,
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Keep-alive clients would hold the server open past shutdown; tell them to reconnect elsewhere.
    if (state.shuttingDown) reply.header('connection', 'close');
  });
  registerJsonBody(app);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keel API',
        version: '1',
        description: 'IT service management. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'keel_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
    staticCSP: true,
    // swagger-ui's CSP would upgrade plain-HTTP script loads (a blank page off localhost) and allow framing.
    transformStaticCSP: (header) =>
      header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  registerMetrics(app);
  registerHealth(app, db, state);
  registerAuthentication(app, config, db);

  await app.register(
    async (api) => {
      await api.register(authRoutes(config, db));
      await api.register(accountRoutes(config, db));
      await api.register(userRoutes(config, db));
      await api.register(organisationRoutes(db));
      await api.register(groupRoutes(db));
      await api.register(roleRoutes(db));
      await api.register(auditRoutes(db));
      await api.register(calendarRoutes(db));
      await api.register(customFieldRoutes(db, RECORD_TYPES));
      await api.register(approvalInboxRoutes(db, RECORD_TYPES));
      await api.register(workflowRoutes(db, RECORD_TYPES));
      await api.register(slaPolicyRoutes(db, RECORD_TYPES));
      await api.register(serviceRoutes(db, RECORD_TYPES));
      await api.register(catalogueItemRoutes(db));
      await api.register(agreementRoutes(db, RECORD_TYPES));
      await api.register(priorityMatrixRoutes(db));
      await api.register(assignmentRuleRoutes(db, RECORD_TYPES));
      await api.register(incidentRoutes(db));
      await api.register(serviceLevelRoutes(db, RECORD_TYPES));
      await api.register(notificationRoutes(db, RECORD_TYPES));
      await api.register(mailRoutes(db));
      const blobs = blobStore(config);
      for (const type of RECORD_TYPES) {
        await api.register(recordRoutes(db, type, RECORD_TYPES, { exportMaxRows: config.exportMaxRows }, blobs));
      }
      await api.register(savedViewRoutes(db, RECORD_TYPES));
      await api.register(importRoutes(db, RECORD_TYPES, config.dataDir));
      await api.register(reportRoutes(db, RECORD_TYPES));
      await api.register(searchRoutes(db, RECORD_TYPES));
      await api.register(requestRoutes(db));
      await api.register(ratingRoutes(db, RECORD_TYPES));
    },
    { prefix: '/api/v1' },
  );
  await registerWeb(app, config);
  return app;
}

/**
 * Serves the built single-page app when there is one: any other GET for a page gets
 * index.html so client-side routes survive a reload; everything else is a problem+json 404.
 */
async function registerWeb(app: FastifyInstance, config: Config): Promise<void> {
  const root = config.webDir ?? path.resolve(import.meta.dirname, '../../web/dist');
  const indexFile = path.join(root, 'index.html');
  const indexHtml = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;
  if (indexHtml) await app.register(fastifyStatic, { root, wildcard: false, index: false, maxAge: '1h' });
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '';
    const isPage = req.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname);
    if (!indexHtml || !isPage) return send(reply, req, 'route_not_found', `${req.method} ${pathname}`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
