import type { ApiToken, CreatedApiToken } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import { randomToken, sha256 } from './secrets.js';

// Tokens carry a recognisable prefix so secret scanners and people can tell what leaked.
const TOKEN_PREFIX = 'keel_';
const LAST_USED_SLACK_MS = 60_000;

/** The owner's id for a live token, or null. Tokens act with exactly their owner's current rights. */
export async function findApiTokenUser(db: Kysely<Database>, token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return null;
  if (row.last_used_at === null || now - row.last_used_at > LAST_USED_SLACK_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}

export function newApiTokenSecret(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6), hash: sha256(token) };
}

type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
};

export function presentApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    expiresAt: isoOrNull(row.expires_at),
  };
}

export function presentCreatedApiToken(row: TokenRow, token: string): CreatedApiToken {
  return { ...presentApiToken(row), token };
}
