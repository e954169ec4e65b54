// Fast seeding with raw multi-row INSERTs straight through the database drivers (not
// Prisma): benchmark data sets of 100,000 grants or 1,000,000 audit entries must load
// in seconds. Dates are written in the format Prisma reads back on each provider.
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteDate } from '../../src/store/sqlite-date.js';
import type { BenchDatabase } from './database.js';

export type Cell = string | number | null | Date;

export interface BulkWriter {
  /** Inserts rows (all with the given columns) in one transaction, many rows per statement. */
  insert(table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<number>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name}"`;

function rowsPerStatement(columns: number): number {
  // Stay far below SQLite's 32,766 and PostgreSQL's 65,535 parameter limits.
  return Math.max(1, Math.min(1000, Math.floor(30_000 / columns)));
}

export async function openBulkWriter(db: BenchDatabase): Promise<BulkWriter> {
  return db.provider === 'sqlite' ? sqliteWriter(db.target) : pgWriter(db.target);
}

function sqliteWriter(file: string): BulkWriter {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // Seeding only: no fsync per batch. The benchmark itself runs with Steward's settings.
  sqlite.pragma('synchronous = OFF');
  // A large page cache: a million rows with five indexes otherwise spill to disk many times over.
  sqlite.pragma('cache_size = -262144');
  const toCell = (v: Cell) => (v instanceof Date ? sqliteDate(v) : v);
  return {
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns.length);
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES `;
      const full = sqlite.prepare(head + Array(per).fill(tuple).join(','));
      let count = 0;
      const run = sqlite.transaction(() => {
        let batch: Cell[] = [];
        let inBatch = 0;
        for (const row of rows) {
          for (const v of row) batch.push(toCell(v));
          count++;
          if (++inBatch === per) {
            full.run(batch);
            batch = [];
            inBatch = 0;
          }
        }
        if (inBatch) sqlite.prepare(head + Array(inBatch).fill(tuple).join(',')).run(batch);
      });
      run();
      return count;
    },
    async close() {
      sqlite.close();
    },
  };
}

async function pgWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // PostgreSQL TIMESTAMP(3) without zone: Prisma reads it as UTC, so write UTC text.
  const toCell = (v: Cell) => (v instanceof Date ? v.toISOString().replace('Z', '') : v);
  return {
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns.length);
      const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES `;
      const statement = (n: number) =>
        head +
        Array.from(
          { length: n },
          (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(',')})`,
        ).join(',');
      const fullSql = statement(per);
      let count = 0;
      await client.query('BEGIN');
      try {
        let batch: Cell[] = [];
        let inBatch = 0;
        for (const row of rows) {
          for (const v of row) batch.push(toCell(v));
          count++;
          if (++inBatch === per) {
            await client.query(fullSql, batch);
            batch = [];
            inBatch = 0;
          }
        }
        if (inBatch) await client.query(statement(inBatch), batch);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      return count;
    },
    async close() {
      await client.end();
    },
  };
}
