// How a Store transaction is held on each database, so that Prisma's queries and the
// plain SQL of sql.ts run inside the same one.
//
// SQLite: one connection. The store takes a lock, runs BEGIN/COMMIT itself and lets
// Prisma's ordinary (non-transaction) queries run on that connection inside it: Prisma's
// interactive transactions cost more than the queries of a typical command. A Prisma call
// that wants a transaction of its own (a nested create) becomes a savepoint instead.
//
// PostgreSQL: Prisma's interactive transaction (its requests are batched per
// transaction, which a shared pool would mix up); the adapter records the connection it
// opened the transaction on, so plain SQL can use that connection too.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IsolationLevel, SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import type pg from 'pg';

/** A FIFO lock: each holder runs to completion before the next starts. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

/** SQLite: the one connection's transactions, taken in turn. */
export class SqliteTransactions {
  private readonly lock = new Lock();
  private open = false;
  private savepoints = 0;
  db: Database.Database | undefined;

  /** Runs `fn` in a transaction of its own: committed when it resolves, rolled back when it throws. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    const db = this.db;
    try {
      if (!db) throw new Error('the SQLite connection is not open yet');
      db.prepare('BEGIN').run();
      this.open = true;
      try {
        const result = await fn();
        db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw error;
      } finally {
        this.open = false;
      }
    } finally {
      release();
    }
  }

  /** The Prisma adapter, with its own transactions joined to ours. */
  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const wrapped = Object.create(adapter) as SqlDriverAdapter;
    wrapped.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
      if (this.open) return this.savepoint(adapter);
      // Outside a store transaction (a test reaching for the client): wait for our turn.
      const release = await this.lock.acquire();
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        const settle = (end: () => Promise<void>) => () => end().finally(release);
        return Object.assign(Object.create(tx) as Transaction, {
          commit: settle(() => tx.commit()),
          rollback: settle(() => tx.rollback()),
        });
      } catch (error) {
        release();
        throw error;
      }
    };
    return wrapped;
  }

  private async savepoint(adapter: SqlDriverAdapter): Promise<Transaction> {
    const name = `steward_${++this.savepoints}`;
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
      },
      async rollback() {
        await adapter.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${name}`));
        await adapter.executeRaw(sql(`RELEASE SAVEPOINT ${name}`));
      },
      createSavepoint: (inner) => adapter.executeRaw(sql(`SAVEPOINT ${inner}`)).then(() => undefined),
      rollbackToSavepoint: (inner) => adapter.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${inner}`)).then(() => undefined),
      releaseSavepoint: (inner) => adapter.executeRaw(sql(`RELEASE SAVEPOINT ${inner}`)).then(() => undefined),
    };
  }
}

/** Where a PostgreSQL store transaction learns the connection Prisma opened it on. */
export interface PgSlot {
  client: pg.PoolClient | undefined;
}

export class PgTransactions {
  private readonly slots = new AsyncLocalStorage<PgSlot>();

  /** Runs `start` (which opens a Prisma transaction) with a slot its connection is recorded in. */
  within<T>(start: (slot: PgSlot) => Promise<T>): Promise<T> {
    const slot: PgSlot = { client: undefined };
    return this.slots.run(slot, () => start(slot));
  }

  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const wrapped = Object.create(adapter) as SqlDriverAdapter;
    wrapped.startTransaction = async (isolationLevel?: IsolationLevel) => {
      const tx = await adapter.startTransaction(isolationLevel);
      const slot = this.slots.getStore();
      // adapter-pg's transaction keeps its pool connection as `client`.
      if (slot) slot.client = (tx as unknown as { client: pg.PoolClient }).client;
      return tx;
    };
    return wrapped;
  }
}
