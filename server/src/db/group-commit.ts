import type BetterSqlite3 from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  type SqliteStatement,
  type TransactionSettings,
} from 'kysely';

/**
 * Group commit for SQLite (ADR 0010). With `synchronous = FULL` every COMMIT waits for an
 * fsync, which costs more than all of a create's statements together. Here the transactions
 * that run in one turn of the event loop share one real transaction: each runs inside its own
 * savepoint (an error rolls back only its own work), and one COMMIT at the end of the turn makes
 * them all durable at once. No transaction is reported committed before that COMMIT returns, so
 * an acknowledged write is still on disk; if the COMMIT fails, every transaction in the batch
 * fails with it.
 *
 * A query outside a transaction that runs while a batch is open is part of that batch (SQLite has
 * one connection), so it too returns only once the batch is committed: nobody reads or writes
 * something that is not yet durable and hears about it first.
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #database: SqliteDialectConfig['database'];
  readonly #busyTimeoutMs: number;

  constructor(sqlite: BetterSqlite3.Database, database: SqliteDialectConfig['database'], busyTimeoutMs: number) {
    super({ database });
    this.#sqlite = sqlite;
    this.#database = database;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    if (typeof this.#database === 'function') throw new Error('Group commit needs an open database');
    return new GroupCommitDriver(this.#sqlite, this.#database, this.#busyTimeoutMs);
  }
}

type Waiter = { resolve: () => void; reject: (error: unknown) => void };
/** Transactions sharing one COMMIT; once settled, late waiters learn the outcome at once. */
type Batch = { waiters: Waiter[]; outcome: { error: unknown } | 'committed' | null };

/** A first-come, first-served lock: SQLite has one connection, and a flush must not be overtaken forever. */
class FifoMutex {
  #locked = false;
  readonly #queue: Array<() => void> = [];

  get locked(): boolean {
    return this.#locked;
  }

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  unlock(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/** One use of the connection, from acquire to release; Kysely hands it back to every driver call. */
class Lease implements DatabaseConnection {
  released = false;
  /** In a transaction of its own (a savepoint of the batch). */
  inTransaction = false;
  /** Ran a statement while a batch was open, so its results wait for that batch's commit. */
  joined: Batch | null = null;

  constructor(readonly driver: GroupCommitDriver) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.run<R>(this, compiled);
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of this.driver.iterate(this, compiled)) yield { rows: [row as R] };
  }
}

const SAVEPOINT = 'keel_tx';

function isBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}

class GroupCommitDriver implements Driver {
  readonly #mutex = new FifoMutex();
  #batch: Batch | null = null;
  #flushScheduled = false;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly database: { prepare(sql: string): SqliteStatement },
    readonly busyTimeoutMs: number,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new Lease(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const lease = connection as Lease;
    await this.#openBatch(lease);
    this.sqlite.exec(`savepoint ${SAVEPOINT}`);
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.sqlite.exec(`release ${SAVEPOINT}`);
    lease.inTransaction = false;
    // The work is in the batch: let the next transaction in while this one waits for the COMMIT.
    const batch = lease.joined;
    this.#release(lease);
    if (batch) await this.#durable(batch);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!lease.inTransaction) return; // Its batch failed to commit and was rolled back already.
    lease.inTransaction = false;
    // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction itself.
    if (this.sqlite.inTransaction) {
      this.sqlite.exec(`rollback to ${SAVEPOINT}`);
      this.sqlite.exec(`release ${SAVEPOINT}`);
    } else this.#failBatch(new Error('SQLite rolled back the batch'));
    lease.joined = null;
    this.#scheduleFlush();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.released) return;
    const batch = lease.joined;
    this.#release(lease);
    if (batch) await this.#durable(batch);
  }

  async destroy(): Promise<void> {
    await this.#mutex.lock();
    try {
      if (this.#batch) this.#commit();
    } finally {
      this.sqlite.close();
    }
  }

  async run<R>(lease: Lease, compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.database.prepare(compiled.sql);
    // A write outside a transaction joins (or opens) a batch like any transaction: it is then
    // durable with the rest, and never waits synchronously for another process's write lock.
    if (!statement.reader && !this.#batch) await this.#openBatch(lease);
    this.#join(lease);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return {
      numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
      insertId: lastInsertRowid === undefined || lastInsertRowid === null ? undefined : BigInt(lastInsertRowid),
      rows: [],
    };
  }

  iterate(lease: Lease, compiled: CompiledQuery): Iterable<unknown> {
    this.#join(lease);
    return this.database.prepare(compiled.sql).iterate(compiled.parameters as unknown[]);
  }

  /** A statement outside a transaction while a batch is open belongs to that batch. */
  #join(lease: Lease) {
    if (!lease.joined && this.#batch) lease.joined = this.#batch;
  }

  async #openBatch(lease: Lease) {
    if (this.#batch && !this.sqlite.inTransaction) this.#failBatch(new Error('SQLite rolled back the batch'));
    if (!this.#batch) {
      await this.#beginImmediate();
      this.#batch = { waiters: [], outcome: null };
    }
    lease.joined = this.#batch;
  }

  /**
   * IMMEDIATE takes the write lock up front, so a batch never fails half-way with SQLITE_BUSY.
   * While another connection holds it, wait without blocking the event loop: that connection
   * may be in this very process, waiting for its own turn of the loop to commit.
   */
  async #beginImmediate() {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
      this.sqlite.pragma('busy_timeout = 0');
      try {
        this.sqlite.exec('begin immediate');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
      } finally {
        this.sqlite.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  #release(lease: Lease) {
    lease.released = true;
    this.#mutex.unlock();
    if (lease.joined) this.#scheduleFlush();
  }

  #durable(batch: Batch): Promise<void> {
    if (batch.outcome === 'committed') return Promise.resolve();
    if (batch.outcome) return Promise.reject(batch.outcome.error);
    return new Promise((resolve, reject) => batch.waiters.push({ resolve, reject }));
  }

  #settle(batch: Batch, outcome: Batch['outcome']) {
    batch.outcome = outcome;
    const waiters = batch.waiters.splice(0);
    for (const waiter of waiters) {
      if (outcome === 'committed') waiter.resolve();
      else waiter.reject(outcome?.error);
    }
  }

  /** At the end of this turn of the event loop, after every request that arrived in it has run. */
  #scheduleFlush() {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  async #flush() {
    if (!this.#batch) return;
    // Behind whoever holds the connection (a transaction waiting on I/O): never mid-transaction.
    await this.#mutex.lock();
    try {
      if (this.#batch) this.#commit();
    } finally {
      this.#mutex.unlock();
    }
  }

  #commit() {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = null;
    try {
      if (!this.sqlite.inTransaction) throw new Error('SQLite rolled back the batch');
      this.sqlite.exec('commit');
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
      this.#settle(batch, { error });
      return;
    }
    this.#settle(batch, 'committed');
  }

  #failBatch(error: Error) {
    const batch = this.#batch;
    this.#batch = null;
    if (batch) this.#settle(batch, { error });
  }
}
