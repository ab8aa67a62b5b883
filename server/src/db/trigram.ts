import { type Kysely, sql } from 'kysely';

/** The schema pg_trgm is installed in (one per database), or null when it is not installed. */
export async function trigramSchemaOf<DB>(db: Kysely<DB>): Promise<string | null> {
  const result = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return result.rows[0]?.schema ?? null;
}

const schemas = new WeakMap<object, Promise<string>>();

/** pg_trgm's schema, looked up once per connection pool; its functions are called by that name (tests' search_path does not hold it). */
export function trigramSchema<DB>(db: Kysely<DB>): Promise<string> {
  let found = schemas.get(db);
  if (!found) {
    found = trigramSchemaOf(db).then((schema) => {
      if (!schema) throw new Error('The pg_trgm extension is missing; run the migrations');
      return schema;
    });
    schemas.set(db, found);
  }
  return found;
}
