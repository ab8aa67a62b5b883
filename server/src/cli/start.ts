import { buildApp } from '../app.js';
import { announceAdmin, ensureAdmin, prepareDatabase } from '../bootstrap.js';
import type { Config } from '../config.js';
import { AGREEMENT_SWEEP_KIND, agreementSweepHandler, scheduleAgreementSweep } from '../modules/agreements/sweep.js';
import { INCIDENT_SWEEP_JOB, incidentSweepHandler, scheduleIncidentSweep } from '../modules/incidents/sweep.js';
import { RECORD_TYPES } from '../modules/record-types.js';
import { housekeepingHandler, scheduleHousekeeping } from '../platform/jobs/housekeeping.js';
import { startJobWorker } from '../platform/jobs/worker.js';
import { type MailListener, startMailListener } from '../platform/mail-in/listener.js';
import { notifyJobHandlers } from '../platform/notify/mail/job.js';
import { scheduleSlaSweep, slaSweepHandler } from '../platform/sla/sweep.js';
import { loadDemo } from './demo.js';
import { openDb } from './open-db.js';

const SHUTDOWN_GRACE_MS = 25_000;

/** Migrates, ensures the first administrator, serves, and shuts down gracefully on SIGTERM/SIGINT. */
export async function start(config: Config): Promise<void> {
  const db = openDb(config);
  const state = { shuttingDown: false };
  await prepareDatabase(db);
  const app = await buildApp(config, db, state);
  const admin = await ensureAdmin(db, config, { password: config.adminPassword });
  announceAdmin(admin, app.log, (line) => process.stdout.write(`${line}\n`));
  if (config.demo) {
    const loaded = await loadDemo(db, config);
    app.log.info({ loaded }, loaded ? 'demo organisation loaded' : 'demo organisation already present');
  }
  // Every process runs a worker; the jobs table decides which one does each job.
  await scheduleHousekeeping(db);
  await scheduleSlaSweep(db);
  await scheduleAgreementSweep(db);
  await scheduleIncidentSweep(db);
  const worker = startJobWorker({
    db,
    log: app.log,
    handlers: {
      housekeeping: housekeepingHandler(config),
      'sla.sweep': slaSweepHandler(config, RECORD_TYPES),
      [AGREEMENT_SWEEP_KIND]: agreementSweepHandler(config, RECORD_TYPES),
      [INCIDENT_SWEEP_JOB]: incidentSweepHandler(config, RECORD_TYPES),
      ...notifyJobHandlers(config),
    },
  });

  let mailListener: MailListener | null = null;
  const shutdown = async (signal: string) => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await Promise.all([worker.stop(), app.close(), mailListener?.close()]);
    await db.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, database: db.dialect }, 'Keel is serving');
  const { listen } = config.mailIn;
  if (listen) mailListener = await startMailListener({ config, db, types: RECORD_TYPES, log: app.log, listen });
  process.stdout.write(`Keel is running at http://localhost:${config.port} (${db.dialect})\n`);
}
