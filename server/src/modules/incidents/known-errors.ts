import type { KnownErrorSuggestion } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';

/**
 * Where known errors come from. None is registered today: problem management (issue 6)
 * registers one that searches its known-error records. A provider gets the caller so it
 * applies its own visibility, and answers at most `limit` suggestions, best first.
 */
export type KnownErrorProvider = {
  key: string;
  suggest: (db: Kysely<Database>, input: { q: string; actor: Actor; limit: number }) => Promise<KnownErrorSuggestion[]>;
};

const providers = new Map<string, KnownErrorProvider>();
export const SUGGESTION_LIMIT = 10;

/** Registers a provider (once per key); returns the function that removes it again. */
export function registerKnownErrorProvider(provider: KnownErrorProvider): () => void {
  providers.set(provider.key, provider);
  return () => {
    if (providers.get(provider.key) === provider) providers.delete(provider.key);
  };
}

/** Every provider's suggestions in registration order, each number once, at most SUGGESTION_LIMIT. */
export async function suggestKnownErrors(db: Kysely<Database>, actor: Actor, q: string): Promise<KnownErrorSuggestion[]> {
  const seen = new Set<string>();
  const out: KnownErrorSuggestion[] = [];
  for (const provider of providers.values()) {
    if (out.length >= SUGGESTION_LIMIT) break;
    // Each provider is asked for a full page: another one may already have given some of its matches.
    for (const s of await provider.suggest(db, { q, actor, limit: SUGGESTION_LIMIT })) {
      if (seen.has(s.number) || out.length >= SUGGESTION_LIMIT) continue;
      seen.add(s.number);
      out.push(s);
    }
  }
  return out;
}
