// Plain SQL through the database driver, for the repository calls on the hot paths
// (every command, every relayed DM, every delivery). Prisma's client costs about 300 µs
// per query in JavaScript before the driver sees it; the driver itself takes 5–20 µs.
// Statements are written once with `?` placeholders and double-quoted identifiers, which
// both SQLite and PostgreSQL accept; PostgreSQL gets them numbered.
//
// Columns hold what Prisma writes, so Prisma and this module can read each other's rows:
// on SQLite a DateTime is ISO text with "+00:00" (see sqlite-date.ts), on PostgreSQL a
// `timestamp(3)` in UTC.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Provider } from './database-url.js';
import { pgTimestampMs } from './db-instants.mjs';
import { pgDriver } from './pg-driver.js';
import { sqliteDate } from './sqlite-date.js';
import { prepareUncached } from './sqlite-statement-cache.js';

export interface Sql {
  readonly provider: Provider;
  /** Rows as objects keyed by column name. */
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/** A record as `Sql` reads it: DateTime columns are ISO text on SQLite, Dates on PostgreSQL. */
export type SqlRow<T> = {
  [K in keyof T]: T[K] extends Date ? string | Date : T[K] extends Date | null ? string | Date | null : T[K];
};

/** A DateTime column as read through `Sql`: SQLite gives text, PostgreSQL a Date. */
export function instant(value: string | Date): Date;
export function instant(value: string | Date | null): Date | null;
export function instant(value: string | Date | null): Date | null {
  if (value === null || value instanceof Date) return value;
  return new Date(value);
}

/** Placeholders and columns the way the schema spells them, e.g. `"id", "memberId"`. */
export const columnList = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');
export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

const MAX_STATEMENTS = 200;

type RowMaker = (values: unknown[]) => unknown;

/**
 * Builds rows from better-sqlite3's raw arrays with one object literal per statement:
 * about twice as fast as its own row objects for the wide rows of tickets and messages.
 * The names are the statement's own columns, quoted as JSON.
 */
function rowMaker(columns: readonly string[]): RowMaker {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as RowMaker;
}

interface Prepared {
  stmt: Database.Statement<unknown[]>;
  make: RowMaker | undefined;
}

/** SQL on the one SQLite connection Prisma also uses, so both join the same transaction. */
export function sqliteSql(db: Database.Database): Sql {
  const cache = new Map<string, Prepared>();
  const statement = (text: string): Prepared => {
    let prepared = cache.get(text);
    if (!prepared) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      // Prisma's client turns on safe integers for the whole connection; counts and
      // numbers here fit a double.
      const stmt = prepareUncached(db, text).safeIntegers(false);
      const make = stmt.reader ? rowMaker(stmt.columns().map((c) => c.name)) : undefined;
      if (stmt.reader) stmt.raw(true);
      prepared = { stmt, make };
      cache.set(text, prepared);
    }
    return prepared;
  };
  const bind = (params: readonly unknown[]) =>
    params.map((p) => (p instanceof Date ? sqliteDate(p) : p === undefined ? null : p));
  return {
    provider: 'sqlite',
    rows<T>(text: string, params: readonly unknown[] = []) {
      try {
        const { stmt, make } = statement(text);
        if (!make) {
          stmt.run(bind(params));
          return Promise.resolve([]);
        }
        return Promise.resolve((stmt.all(bind(params)) as unknown[][]).map(make) as T[]);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    run(text: string, params: readonly unknown[] = []) {
      try {
        return Promise.resolve(statement(text).stmt.run(bind(params)).changes);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

const PG_TIMESTAMP_OID = 1114;
const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;

// `timestamp(3)` holds UTC wall time (as Prisma writes it): read it as UTC, never as local
// time; counts (int8) and numerics as numbers, as SQLite gives them.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_TIMESTAMP_OID) return (text: string) => new Date(pgTimestampMs(text));
    if (oid === PG_INT8_OID || oid === PG_NUMERIC_OID) return (text: string) => Number(text);
    return pgDriver().types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

interface PgStatement {
  text: string;
  /** Named, so each connection parses and plans it once (pg prepares it on first use). */
  name: string;
}

const pgStatements = new Map<string, PgStatement>();
function pgStatement(text: string): PgStatement {
  let statement = pgStatements.get(text);
  if (statement === undefined) {
    let n = 0;
    statement = {
      text: text.replace(/\?/g, () => `$${++n}`),
      name: `steward_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`,
    };
    if (pgStatements.size >= MAX_STATEMENTS) pgStatements.clear();
    pgStatements.set(text, statement);
  }
  return statement;
}

/** Written as UTC wall time: a `timestamp` column would drop an offset, not apply it. */
const pgParam = (p: unknown) => (p instanceof Date ? p.toISOString().slice(0, -1) : p === undefined ? null : p);

/** SQL on a PostgreSQL client: the open transaction's connection, or the pool. */
export function pgSql(client: () => Pick<pg.ClientBase, 'query'> | pg.Pool): Sql {
  const query = (text: string, params: readonly unknown[]) =>
    client().query({ ...pgStatement(text), values: params.map(pgParam), types: pgTypes });
  return {
    provider: 'postgresql',
    rows: async <T>(text: string, params: readonly unknown[] = []) => (await query(text, params)).rows as T[],
    run: async (text: string, params: readonly unknown[] = []) => (await query(text, params)).rowCount ?? 0,
  };
}
