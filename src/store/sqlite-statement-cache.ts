// @prisma/adapter-better-sqlite3 prepares every query afresh, which is a tenth of a
// command's time here. better-sqlite3 statements are reusable, but the adapter binds
// parameters with bind(), which a statement allows only once; so we hand it a thin view
// over a cached statement that keeps the arguments per call instead.
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;
const MAX_STATEMENTS = 500;

const columnsOf = new WeakMap<Statement, ReturnType<Statement['columns']>>();

class BoundStatement {
  private args: unknown[] = [];
  constructor(private readonly stmt: Statement) {}
  get reader(): boolean {
    return this.stmt.reader;
  }
  bind(args: unknown[]): this {
    this.args = args;
    return this;
  }
  columns() {
    let columns = columnsOf.get(this.stmt);
    if (!columns) {
      columns = this.stmt.columns();
      columnsOf.set(this.stmt, columns);
    }
    return columns;
  }
  run() {
    return this.stmt.run(this.args);
  }
  raw() {
    const stmt = this.stmt.raw(true);
    const args = this.args;
    return { all: () => stmt.all(args) };
  }
}

/** Makes `db.prepare` reuse statements by SQL text (the adapter's only use of it). */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  (db as unknown as { prepare: (sql: string) => BoundStatement }).prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      stmt = prepare(sql) as Statement;
      cache.set(sql, stmt);
    }
    return new BoundStatement(stmt);
  };
}

/** A statement of our own on the connection, prepared by better-sqlite3 itself (not the cache above). */
export function prepareUncached(db: Database.Database, sql: string): Database.Statement<unknown[]> {
  return (Object.getPrototypeOf(db) as Database.Database).prepare.call(db, sql) as Database.Statement<unknown[]>;
}
