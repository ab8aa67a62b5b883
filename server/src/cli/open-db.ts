import path from 'node:path';
import type { Config } from '../config.js';
import { connect, type Db } from '../db/connect.js';

export const sqliteFileOf = (config: Config): string => path.join(config.dataDir, 'keel.db');

export function openDb(config: Config): Db {
  return connect({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileOf(config) });
}
