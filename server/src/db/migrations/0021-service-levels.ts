import { type Kysely, sql } from 'kysely';

const STAFF = ['agent', 'change_manager', 'cab_member', 'problem_manager', 'security_officer', 'auditor'];

/**
 * Service level reporting (P-3.1) and the improvement register (P-4.1): a breach's recorded
 * reason, the indexes the report's period ranges use, and the improvement type's own fields.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sla_clocks').addColumn('breach_reason', 'text').execute();
  await db.schema.alterTable('sla_clocks').addColumn('breach_reason_by', 'integer').execute();
  await db.schema.alterTable('sla_clocks').addColumn('breach_reason_at', 'bigint').execute();
  // A clock counts in the period of its outcome: breached clocks by breached_at, met ones by stopped_at.
  // Both are index ranges (policy_id and target_key ride along for an agreement's report). A service's report
  // starts from its records instead, through records_type_service (0015), and reaches their clocks by record_id.
  await db.schema
    .createIndex('sla_clocks_breached_at')
    .on('sla_clocks')
    .columns(['breached_at', 'policy_id', 'target_key', 'record_id'])
    .execute();
  await db.schema
    .createIndex('sla_clocks_stopped_at')
    .on('sla_clocks')
    .columns(['stopped_at', 'breached', 'policy_id', 'target_key', 'record_id'])
    .execute();

  await db.schema
    .createTable('improvement_ext')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('source_kind', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('plan', 'text')
    .addColumn('expected_benefit', 'text')
    .addColumn('measured_benefit', 'text')
    // The breached SLA clock an improvement was raised from: one improvement per breach.
    .addColumn('source_clock_id', 'integer', (c) => c.references('sla_clocks.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('improvement_ext_source_clock').on('improvement_ext').columns(['source_clock_id']).unique().execute();
  // Built-in roles seeded before this release gain the improvement register's permissions, as new ones get them.
  const roles = await sql<{
    id: number;
    key: string;
    permissions: string;
  }>`select id, key, permissions from roles where built_in = 1`.execute(db);
  for (const role of roles.rows) {
    const adds =
      role.key === 'service_manager' || role.key === 'administrator'
        ? ['improvements.read', 'improvements.manage']
        : STAFF.includes(role.key)
          ? ['improvements.read']
          : [];
    const held: string[] = JSON.parse(role.permissions);
    const next = [...held, ...adds.filter((p) => !held.includes(p))];
    if (next.length !== held.length) await sql`update roles set permissions = ${JSON.stringify(next)} where id = ${role.id}`.execute(db);
  }
  await db.schema.createIndex('improvement_ext_owner').on('improvement_ext').columns(['owner_id', 'record_id']).execute();
}
