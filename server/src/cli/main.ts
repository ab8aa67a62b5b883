import { parseArgs } from 'node:util';
import { announceAdmin, ensureAdmin, prepareDatabase } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/verify.js';
import { backupSqlite, PG_BACKUP_HELP, restoreSqlite } from './backup.js';
import { backupBlobs, restoreBlobs } from './backup-blobs.js';
import { importCommand } from './import.js';
import { openDb } from './open-db.js';
import { start } from './start.js';

const USAGE = `Usage: keel <command> [options]

Commands:
  start [--demo]                  migrate, create the first administrator if needed, and serve
  migrate                         bring the database schema up to date
  create-admin [--username NAME]  create an administrator (password from KEEL_ADMIN_PASSWORD, or generated)
  backup <file>                   copy the SQLite database online, attachments into <file>.blobs (PostgreSQL: explains pg_dump)
  restore <file> [--force]        replace the SQLite database and add its attachments from a backup (stop Keel first)
  audit verify                    check the audit trail's hash chain; exit 1 naming the first bad event
  import <mapping> <file> [--dry-run]
                                  replay an event log into records with their history (docs/import.md);
                                  <mapping> is a JSON file or the name of one in imports/; exit 1 on bad rows

Environment: PORT, KEEL_DATA_DIR, KEEL_DATABASE_URL, KEEL_ADMIN_PASSWORD, KEEL_DEMO (see README).`;

const print = (line: string) => process.stdout.write(`${line}\n`);

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      username: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(process.env, values.demo ? { demo: true } : {});
  if (command === 'start') {
    await start(config);
    return -1;
  }
  if (command === 'backup' || command === 'restore') {
    if (config.databaseUrl) {
      print(PG_BACKUP_HELP);
      return 2;
    }
    const file = rest[0];
    if (!file) {
      print(`keel ${command} needs a file name`);
      return 2;
    }
    const done = command === 'backup' ? await backupSqlite(config, file) : await restoreSqlite(config, file, values.force);
    print(command === 'backup' ? `Backup written to ${done}` : `Database restored to ${done}`);
    const blobs = command === 'backup' ? await backupBlobs(config, done) : await restoreBlobs(config, file, done);
    print(`Attachments: ${blobs.files} files ${command === 'backup' ? `copied to ${blobs.folder}` : 'in place'}`);
    if (blobs.missing.length === 0) return 0;
    print(`MISSING ${blobs.missing.length} attachment files the database refers to: ${blobs.missing.slice(0, 10).join(', ')}`);
    return 1;
  }
  const db = openDb(config);
  try {
    if (command === 'migrate') {
      const applied = await prepareDatabase(db);
      print(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
      return 0;
    }
    if (command === 'create-admin') {
      await prepareDatabase(db);
      const result = await ensureAdmin(db, config, { username: values.username, password: config.adminPassword });
      if (!result.created) print(`The user "${result.username}" already exists`);
      announceAdmin(result, { info: () => print(`Administrator "${result.username}" created`), warn: print }, print);
      return result.created ? 0 : 1;
    }
    if (command === 'import') return await importCommand(db, rest, values['dry-run'], print);
    if (command === 'audit' && rest[0] === 'verify') {
      const result = await verifyAuditChain(db.kysely);
      if (result.ok) print(`Audit trail intact: ${result.checked} events, head ${result.headHash}`);
      else print(`Audit trail BROKEN at event ${result.firstBadId}: ${result.reason} (events before it verified: ${result.checked})`);
      return result.ok ? 0 : 1;
    }
    print(`Unknown command: ${[command, ...rest].join(' ')}\n\n${USAGE}`);
    return 2;
  } finally {
    await db.close();
  }
}
