// How a Store transaction is held on each database, so that Prisma's queries and the
// plain SQL of sql.ts run inside the same one.
//
// SQLite: one connection. The store takes a lock, runs the transaction itself and lets
// Prisma's ordinary (non-transaction) queries run on that connection inside it: Prisma's
// interactive transactions cost more than the queries of a typical command. A Prisma call
// that wants a transaction of its own (a nested create) becomes a savepoint instead.
//
// PostgreSQL: the same idea, one pool connection per store transaction, chosen by async
// context (see PgTransactions).
import { AsyncLocalStorage } from 'node:async_hooks';
import { type FileHandle, open } from 'node:fs/promises';
import type { IsolationLevel, SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { pgDriver } from './pg-driver.js';
import { prepareUncached } from './sqlite-statement-cache.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/** A FIFO lock: each holder runs to completion before the next starts. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  /** Callers queued behind the current holder. */
  waiting = 0;

  acquire(): Promise<() => void> {
    this.waiting++;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.tail.then(() => {
      this.waiting--;
      return release;
    });
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Store transactions committed together (see SqliteTransactions). */
interface Batch {
  size: number;
  openedAt: number;
  /** Settles when the batch is durable (or lost). */
  done: Promise<void>;
  settle(error?: unknown): void;
}

// A batch commits when nobody is queued, or at these limits (they bound how long a
// finished command waits for the others in its batch).
const MAX_BATCH = 32;
const MAX_BATCH_MS = 20;
const ROLLED_BACK = Symbol('rolled back');

/**
 * SQLite: the one connection's transactions, taken in turn, with group commit. Each
 * store transaction runs in a savepoint; while others are queued, the next one runs in
 * the same database transaction, and one COMMIT makes the whole batch durable. Nobody is
 * answered before that, and a failing transaction rolls back only its own savepoint.
 *
 * Durability without blocking: better-sqlite3 is synchronous, so an fsync inside COMMIT
 * (synchronous=FULL) stalls every command in the process, sometimes for 15 ms or more.
 * Instead COMMIT runs with synchronous=NORMAL (no fsync) and the write-ahead log is then
 * flushed with fdatasync on libuv's thread pool; the batch is answered when that returns.
 * What anyone was told is committed has reached the disk, as with FULL. (Checkpoints
 * still sync the log first: SQLite does that in NORMAL mode. On a busy database they run
 * on a thread of their own: wal-checkpointer.ts.)
 */
export class SqliteTransactions {
  private readonly lock = new Lock();
  private batch: Batch | undefined;
  private open = false;
  private db: Database.Database | undefined;
  /** The transaction-control statements, prepared once on the connection. */
  private statements:
    | Record<
        'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback' | 'totalChanges',
        Database.Statement<unknown[]>
      >
    | undefined;
  private changesAtBegin = 0;
  /** The write-ahead log, opened to flush it; none for an in-memory database. */
  private wal: Promise<FileHandle | null> | undefined;
  private checkpointer: WalCheckpointer | undefined;
  /** Store transactions undone (see Store.rollbacks). */
  rollbacks = 0;

  constructor(private readonly file: string) {}

  /** Takes the connection Prisma's adapter opened: WAL with the durability described above. */
  attach(db: Database.Database): void {
    this.db = db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Each store transaction is a savepoint, and SQLite keeps the pages a savepoint would
    // restore in a sub-journal that spills to a temporary file past 64 KiB: with group
    // commit it always did, and the writes cost a third of the relay's time. In memory.
    db.pragma('temp_store = MEMORY');
    const prepare = (text: string) => prepareUncached(db, text);
    this.statements = {
      begin: prepare('BEGIN'),
      savepoint: prepare('SAVEPOINT steward_tx'),
      release: prepare('RELEASE SAVEPOINT steward_tx'),
      rollbackTo: prepare('ROLLBACK TO SAVEPOINT steward_tx'),
      commit: prepare('COMMIT'),
      rollback: prepare('ROLLBACK'),
      totalChanges: prepare('SELECT total_changes()').pluck().safeIntegers(false),
    };
    if (this.file !== ':memory:') this.checkpointer = new WalCheckpointer(db, this.file);
  }

  /** Before the connection closes: the checkpoint thread goes first, so the connection's close can end the log. */
  async close(): Promise<void> {
    await this.checkpointer?.close();
    await (await this.wal)?.close();
  }

  /** Runs `fn` in a transaction of its own: durable when this resolves, undone when it throws. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    let batch: Batch;
    let outcome: Outcome<T>;
    try {
      batch = this.batch ?? this.begin();
      outcome = await this.step(fn);
      const full = batch.size >= MAX_BATCH || Date.now() - batch.openedAt >= MAX_BATCH_MS;
      if (this.batch === batch && (this.lock.waiting === 0 || full)) this.commit();
    } finally {
      release();
    }
    await batch.done;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  connection(): Database.Database {
    if (!this.db) throw new Error('the SQLite connection is not open yet');
    return this.db;
  }

  private statement(name: keyof NonNullable<SqliteTransactions['statements']>): Database.Statement<unknown[]> {
    if (!this.statements) throw new Error('the SQLite connection is not open yet');
    return this.statements[name];
  }

  private begin(): Batch {
    this.statement('begin').run();
    this.changesAtBegin = this.statement('totalChanges').get() as number;
    let settle!: Batch['settle'];
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    done.catch(() => {}); // every member awaits it; this only keeps Node from calling it unhandled
    this.batch = { size: 0, openedAt: Date.now(), done, settle };
    return this.batch;
  }

  private async step<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
    const db = this.connection();
    this.statement('savepoint').run();
    this.open = true;
    try {
      const value = await fn();
      this.statement('release').run();
      this.batch!.size++;
      return { ok: true, value };
    } catch (error) {
      this.rollbacks++;
      if (db.inTransaction) {
        this.statement('rollbackTo').run();
        this.statement('release').run();
      } else {
        // SQLite ended the transaction itself (an I/O error, a full disk): the batch is lost.
        const batch = this.batch!;
        this.batch = undefined;
        batch.settle(error);
      }
      return { ok: false, error };
    } finally {
      this.open = false;
    }
  }

  private commit(): void {
    const db = this.connection();
    const batch = this.batch!;
    this.batch = undefined;
    const wrote = this.statement('totalChanges').get() !== this.changesAtBegin;
    try {
      this.statement('commit').run();
    } catch (error) {
      this.rollbacks += batch.size;
      if (db.inTransaction) this.statement('rollback').run();
      batch.settle(error);
      return;
    }
    if (!wrote) batch.settle();
    else {
      this.flushLog().then(() => batch.settle(), batch.settle);
      this.checkpointer?.wrote();
    }
  }

  /** fdatasync of the write-ahead log, off the event loop. */
  private async flushLog(): Promise<void> {
    if (this.file === ':memory:') return;
    this.wal ??= open(`${this.file}-wal`, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null; // nothing written yet
      throw error;
    });
    const wal = await this.wal;
    if (wal) await wal.datasync();
    else this.wal = undefined;
  }

  /** The Prisma adapter, with its own transactions joined to ours. */
  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const wrapped = Object.create(adapter) as SqlDriverAdapter;
    wrapped.startTransaction = (): Promise<Transaction> =>
      this.open ? savepoint(adapter) : this.outsideStoreTransaction(adapter);
    return wrapped;
  }

  /** A Prisma call that needs a transaction outside one of ours (tests reach for the client): take a turn. */
  private outsideStoreTransaction(adapter: SqlDriverAdapter): Promise<Transaction> {
    return new Promise((handOut, refuse) => {
      this.run(async () => {
        let end!: (committed: boolean) => void;
        const ended = new Promise<boolean>((resolve) => {
          end = resolve;
        });
        handOut(await savepoint(adapter, end));
        if (!(await ended)) throw ROLLED_BACK;
      }).catch((error) => {
        if (error !== ROLLED_BACK) refuse(error);
      });
    });
  }
}

let savepoints = 0;

/**
 * A transaction Prisma asks for inside one of ours (a nested create): a savepoint on the
 * same connection, released on commit and rolled back to on rollback.
 */
async function savepoint(adapter: SqlDriverAdapter, onEnd?: (committed: boolean) => void): Promise<Transaction> {
  const name = `steward_${++savepoints}`;
  await adapter.executeRaw(sql(`SAVEPOINT ${name}`));
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    // Prisma then calls commit()/rollback() instead of sending COMMIT/ROLLBACK itself.
    options: { usePhantomQuery: true },
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    async commit() {
      await adapter.executeRaw(sql(`RELEASE SAVEPOINT ${name}`));
      onEnd?.(true);
    },
    async rollback() {
      await adapter.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${name}`));
      await adapter.executeRaw(sql(`RELEASE SAVEPOINT ${name}`));
      onEnd?.(false);
    },
    createSavepoint: (inner) => adapter.executeRaw(sql(`SAVEPOINT ${inner}`)).then(() => undefined),
    rollbackToSavepoint: (inner) => adapter.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${inner}`)).then(() => undefined),
    releaseSavepoint: (inner) => adapter.executeRaw(sql(`RELEASE SAVEPOINT ${inner}`)).then(() => undefined),
  };
}

/**
 * Whether a statement only reads, so that it may run before the transaction's BEGIN.
 * Conservative: a plain SELECT that takes no row lock and calls nothing with effects
 * inside a transaction (advisory locks, sequences). Anything else begins the transaction.
 */
const READ = /^\s*SELECT\b/i;
const NOT_ONLY_A_READ = /\bFOR\s+(UPDATE|NO\s+KEY|SHARE|KEY\s+SHARE)\b|pg_advisory|nextval|setval|set_config/i;
const readsOnly = new Map<string, boolean>();
function onlyReads(text: string): boolean {
  let known = readsOnly.get(text);
  if (known === undefined) {
    known = READ.test(text) && !NOT_ONLY_A_READ.test(text);
    if (readsOnly.size >= 1000) readsOnly.clear();
    readsOnly.set(text, known);
  }
  return known;
}

/**
 * A transaction's connection, its queries one after another (pg will refuse overlapping
 * ones). BEGIN is sent just before the first statement that does more than read: at READ
 * COMMITTED every statement sees what was committed when it started, inside a transaction
 * or not, so reads before it see exactly what they would inside. Most commands only read,
 * and then the transaction costs no round trips at all (BEGIN and COMMIT were two of four).
 */
class PgTransaction {
  private tail: Promise<unknown> = Promise.resolve();
  /** BEGIN has been sent: COMMIT or ROLLBACK must end the transaction. */
  begun = false;
  constructor(readonly client: pg.PoolClient) {}

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; we only forward it (promise form).
  query(...args: any[]): Promise<any> {
    const first = args[0] as string | { text: string };
    const text = typeof first === 'string' ? first : first.text;
    const result = this.tail.then(async () => {
      if (!this.begun && !onlyReads(text)) {
        await this.client.query('BEGIN');
        this.begun = true;
      }
      // biome-ignore lint/suspicious/noExplicitAny: as above
      return (this.client.query as any)(...args);
    });
    this.tail = result.catch(() => {});
    return result;
  }

  /** Once every query sent has finished (or failed). */
  async idle(): Promise<void> {
    await this.tail;
  }

  /** Commits what was begun, after every query sent. */
  async commit(): Promise<void> {
    await this.idle();
    if (this.begun) await this.client.query('COMMIT');
  }
}

/**
 * PostgreSQL: a pool connection per store transaction, found by async context. Prisma
 * queries through the pool run on the current transaction's connection (RoutingPool), so
 * Prisma and plain SQL share it without Prisma's interactive transactions.
 */
export class PgTransactions {
  private readonly current = new AsyncLocalStorage<PgTransaction>();
  readonly pool: pg.Pool;
  /** Store transactions undone (see Store.rollbacks). */
  rollbacks = 0;

  constructor(config: pg.PoolConfig) {
    const current = this.current;
    class RoutingPool extends pgDriver().Pool {
      // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; we only forward it.
      override query(...args: any[]): any {
        const serial = current.getStore();
        // biome-ignore lint/suspicious/noExplicitAny: as above
        return serial ? serial.query(...args) : (super.query as any)(...args);
      }
    }
    this.pool = new RoutingPool(config);
    // An idle connection the server ends (a restart, an administrator) errors on the pool;
    // pg drops it and opens another when needed. Unheard, the event would end the process.
    this.pool.on('error', () => {});
  }

  /** The open transaction's connection in this async context, if any. */
  connection(): Pick<pg.ClientBase, 'query'> | undefined {
    return this.current.getStore() as Pick<pg.ClientBase, 'query'> | undefined;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const transaction = new PgTransaction(client);
    let broken: Error | undefined;
    try {
      const result = await this.current.run(transaction, fn);
      await transaction.commit();
      return result;
    } catch (error) {
      this.rollbacks++;
      // Queries still in flight (a caller that did not await one) finish first: the
      // connection goes back to the pool idle and outside any transaction.
      await transaction.idle();
      if (transaction.begun) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => {
          broken = rollbackFailed; // the connection is unusable: the pool discards it
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const wrapped = Object.create(adapter) as SqlDriverAdapter;
    wrapped.startTransaction = (isolationLevel?: IsolationLevel) =>
      this.connection() ? savepoint(adapter) : adapter.startTransaction(isolationLevel);
    return wrapped;
  }
}
