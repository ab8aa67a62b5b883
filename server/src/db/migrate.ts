import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connect.js';
import * as platform from './migrations/0001-platform.js';
import * as listIndexes from './migrations/0002-list-indexes.js';
import * as calendars from './migrations/0003-calendars.js';
import * as jobs from './migrations/0004-jobs.js';
import * as records from './migrations/0005-records.js';
import * as journal from './migrations/0006-journal.js';
import * as recordLinks from './migrations/0007-record-links.js';
import * as recordFields from './migrations/0008-record-fields.js';
import * as attachments from './migrations/0009-attachments.js';
import * as notifications from './migrations/0010-notifications.js';
import * as listsSearch from './migrations/0011-lists-search.js';
import * as approvalsChildren from './migrations/0012-approvals-children.js';
import * as sla from './migrations/0013-sla.js';
import * as incidents from './migrations/0014-incidents.js';
import * as servicesChannels from './migrations/0015-services-channels.js';
import * as serviceCatalogue from './migrations/0016-service-catalogue.js';
import * as mailIn from './migrations/0017-mail-in.js';
import * as imports from './migrations/0018-imports.js';
import * as incidentProcess from './migrations/0019-incident-process.js';
import * as requests from './migrations/0020-requests.js';
import * as serviceLevels from './migrations/0021-service-levels.js';

type DialectMigration = { up: (db: Parameters<Migration['up']>[0], dialect: Db['dialect']) => Promise<void> };

/** Migrations in order; names never change once released. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-platform': platform,
  '0002-list-indexes': listIndexes,
  '0003-calendars': calendars,
  '0004-jobs': jobs,
  '0005-records': records,
  '0006-journal': journal,
  '0007-record-links': recordLinks,
  '0008-record-fields': recordFields,
  '0009-attachments': attachments,
  '0010-notifications': notifications,
  '0011-lists-search': listsSearch,
  '0012-approvals-children': approvalsChildren,
  '0013-sla': sla,
  '0014-incidents': incidents,
  '0015-services-channels': servicesChannels,
  '0016-service-catalogue': serviceCatalogue,
  '0017-mail-in': mailIn,
  '0018-imports': imports,
  '0019-incident-process': incidentProcess,
  '0020-requests': requests,
  '0021-service-levels': serviceLevels,
};

function provider(dialect: Db['dialect']): MigrationProvider {
  return {
    getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db) => m.up(db, dialect) }])),
  };
}

/** Brings the schema up to date; safe to run from several processes at once (the migrator locks). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Naming the schema keeps the migrator from mistaking another schema's bookkeeping tables for ours.
  const migrator = new Migrator({
    db: db.kysely,
    provider: provider(db.dialect),
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
