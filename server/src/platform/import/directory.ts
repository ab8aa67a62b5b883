import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Never a valid argon2 hash: a placeholder person cannot sign in even if someone activates them. */
const NO_PASSWORD = '!imported';
const CHUNK = 400;

/** A source name as a username: `uci.` + `Resolver 17` → `uci.resolver.17`. */
export function usernameOf(prefix: string, name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${prefix}${slug || 'unnamed'}`.slice(0, 100);
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * People and groups named by the source, found by name (people by their prefixed username)
 * and created on first sight as inactive placeholders. Kept across batches so each name is
 * looked up once per run. In a dry run nothing is created: new names get negative ids.
 */
export class ImportDirectory {
  private readonly people = new Map<string, number>();
  /** Each person's organisation, which a record takes from its requester (customer visibility rests on it). */
  private readonly organisations = new Map<string, number | null>();
  private readonly groups = new Map<string, number>();
  private fakeId = 0;
  private organisationId: number | null = null;
  createdPeople = 0;
  createdGroups = 0;

  constructor(
    private readonly prefix: string,
    private readonly write: boolean,
  ) {}

  personId(name: string | null): number | null {
    return name === null ? null : (this.people.get(name) ?? null);
  }

  organisationOf(name: string | null): number | null {
    return name === null ? null : (this.organisations.get(name) ?? null);
  }

  groupId(name: string | null): number | null {
    return name === null ? null : (this.groups.get(name) ?? null);
  }

  /** Makes sure every name has an id; `customers` are the names first seen as requesters. */
  async resolvePeople(db: Kysely<Database>, names: Iterable<string>, customers: ReadonlySet<string>): Promise<void> {
    const wanted = new Map<string, string>();
    for (const name of names) if (!this.people.has(name)) wanted.set(usernameOf(this.prefix, name), name);
    if (wanted.size === 0) return;
    for (const keys of chunks([...wanted.keys()])) {
      const found = await db
        .selectFrom('users')
        .select(['id', 'username_key', 'organisation_id'])
        .where('username_key', 'in', keys)
        .execute();
      for (const row of found) {
        const name = wanted.get(row.username_key);
        if (name !== undefined) {
          this.people.set(name, row.id);
          this.organisations.set(name, row.organisation_id);
        }
        wanted.delete(row.username_key);
      }
    }
    if (wanted.size === 0) return;
    this.createdPeople += wanted.size;
    if (!this.write) {
      for (const name of wanted.values()) this.people.set(name, --this.fakeId);
      return;
    }
    const now = Date.now();
    const organisationId = [...wanted.values()].some((name) => customers.has(name)) ? await this.customerOrganisation(db) : null;
    for (const batch of chunks([...wanted.entries()], 200)) {
      const rows = await db
        .insertInto('users')
        .values(
          batch.map(([username, name]) => ({
            username,
            username_key: username,
            display_name: name.slice(0, 200),
            email: null,
            phone: null,
            kind: customers.has(name) ? ('customer' as const) : ('staff' as const),
            organisation_id: customers.has(name) ? organisationId : null,
            sees_org_records: 0,
            locale: 'en' as const,
            time_zone: 'UTC',
            active: 0,
            password_hash: NO_PASSWORD,
            password_changed_at: now,
            must_change_password: 0,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        // Another import creating the same person at the same moment: theirs is found below.
        .onConflict((oc) => oc.column('username_key').doNothing())
        .returning(['id', 'username_key', 'organisation_id'])
        .execute();
      for (const row of rows) {
        const name = wanted.get(row.username_key);
        if (name === undefined) continue;
        this.people.set(name, row.id);
        this.organisations.set(name, row.organisation_id);
      }
    }
    const raced = [...wanted.values()].filter((name) => !this.people.has(name));
    if (raced.length > 0) {
      this.createdPeople -= raced.length;
      await this.resolvePeople(db, raced, customers);
    }
  }

  /** Customers belong to an organisation: imported requesters share one per mapping prefix, made on first need. */
  private async customerOrganisation(db: Kysely<Database>): Promise<number> {
    if (this.organisationId !== null) return this.organisationId;
    const code = `IMPORT-${this.prefix.slice(0, -1).toUpperCase()}`;
    const found = await db.selectFrom('organisations').select('id').where('code_key', '=', code.toLowerCase()).executeTakeFirst();
    const now = Date.now();
    const id =
      found?.id ??
      (
        await db
          .insertInto('organisations')
          .values({
            name: `Imported requesters (${this.prefix.slice(0, -1)})`,
            code,
            code_key: code.toLowerCase(),
            description: 'Requesters named by an imported log',
            parent_id: null,
            active: 1,
            created_at: now,
            updated_at: now,
            version: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    this.organisationId = id;
    return id;
  }

  async resolveGroups(db: Kysely<Database>, names: Iterable<string>): Promise<void> {
    const wanted = new Map<string, string>();
    for (const name of names) if (!this.groups.has(name)) wanted.set(name.toLowerCase(), name);
    if (wanted.size === 0) return;
    for (const keys of chunks([...wanted.keys()])) {
      const found = await db.selectFrom('groups').select(['id', 'name_key']).where('name_key', 'in', keys).execute();
      for (const row of found) {
        const name = wanted.get(row.name_key);
        if (name !== undefined) this.groups.set(name, row.id);
        wanted.delete(row.name_key);
      }
    }
    if (wanted.size === 0) return;
    this.createdGroups += wanted.size;
    if (!this.write) {
      for (const name of wanted.values()) this.groups.set(name, --this.fakeId);
      return;
    }
    const now = Date.now();
    for (const batch of chunks([...wanted.entries()], 200)) {
      const rows = await db
        .insertInto('groups')
        .values(
          batch.map(([key, name]) => ({
            name,
            name_key: key,
            description: 'Imported',
            email: null,
            lead_id: null,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .onConflict((oc) => oc.column('name_key').doNothing())
        .returning(['id', 'name_key'])
        .execute();
      for (const row of rows) {
        const name = wanted.get(row.name_key);
        if (name !== undefined) this.groups.set(name, row.id);
      }
    }
    const raced = [...wanted.values()].filter((name) => !this.groups.has(name));
    if (raced.length > 0) {
      this.createdGroups -= raced.length;
      await this.resolveGroups(db, raced);
    }
  }
}
