// Reads the audit chain page by page straight through the database driver, for
// verification of very long chains: Prisma's per-row mapping costs more than hashing
// here. A separate read-only connection, so a long verification never holds the
// application's connection (SQLite) or a pooled one (PostgreSQL). The first page offers
// range checks on worker threads (audit-range-checker.ts) for the rest of the chain.
import Database from 'better-sqlite3';
import type pg from 'pg';
import { offerRangeChecks } from '../core/audit/range-check.js';
import type { AuditRecord } from '../core/ports.js';
import { workerRangeChecker } from './audit-range-checker.js';
import { AUDIT_COLUMNS } from './audit-rows.mjs';
import type { DatabaseTarget } from './database-url.js';
import { pgTimestampMs, sqliteInstantMs } from './db-instants.mjs';
import { pgConfig } from './driver-adapter.js';
import { pgDriver } from './pg-driver.js';

export interface AuditPageReader {
  page(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

/** A row as both drivers return it here: an array in AUDIT_COLUMNS order, every value as stored. */
type RawRow = [
  number | string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  string,
];

function toRecords(rows: RawRow[], instantMs: (value: string) => number): AuditRecord[] {
  const records = new Array<AuditRecord>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    records[i] = {
      seq: Number(r[0]),
      at: new Date(instantMs(r[1])),
      actorId: r[2],
      action: r[3],
      subjectId: r[4],
      orgId: r[5],
      outcome: r[6] as AuditRecord['outcome'],
      detail: r[7],
      prevHash: r[8],
      hash: r[9],
    };
  }
  return records;
}

interface RawSource {
  page(afterSeq: number, limit: number): Promise<RawRow[]>;
  newestSeq(): Promise<number | null>;
  instantMs(value: string): number;
  close(): Promise<void>;
}

function sqliteSource(file: string): RawSource {
  let db: Database.Database | undefined;
  let page: Database.Statement<[number, number], RawRow> | undefined;
  const open = () => {
    if (!db) {
      db = new Database(file, { readonly: true, fileMustExist: true });
      // One pass in seq order reuses no page: a small cache keeps the process small.
      db.pragma('cache_size = -2000');
    }
    return db;
  };
  return {
    async page(afterSeq, limit) {
      page ??= open()
        .prepare<[number, number], RawRow>(
          `SELECT ${AUDIT_COLUMNS} FROM "AuditEntry" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`,
        )
        .raw(true);
      return page.all(afterSeq, limit);
    },
    async newestSeq() {
      const row = open().prepare('SELECT max("seq") AS "seq" FROM "AuditEntry"').get() as { seq: number | null };
      return row.seq;
    },
    instantMs: sqliteInstantMs,
    async close() {
      db?.close();
    },
  };
}

function pgSource(url: string): RawSource {
  let pool: pg.Pool | undefined;
  const open = () => {
    // Every column as the server's text: seq and the instant are read here, the rest is hashed as is.
    pool ??= new (pgDriver().Pool)({
      ...pgConfig(url, 1),
      types: { getTypeParser: (() => (text: string) => text) as unknown as typeof pg.types.getTypeParser },
    });
    return pool;
  };
  return {
    async page(afterSeq, limit) {
      const { rows } = await open().query<RawRow>({
        text: `SELECT ${AUDIT_COLUMNS} FROM "AuditEntry" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`,
        values: [afterSeq, limit],
        rowMode: 'array',
      });
      return rows;
    },
    async newestSeq() {
      const { rows } = await open().query<{ seq: string | null }>('SELECT max("seq") AS "seq" FROM "AuditEntry"');
      return rows[0]?.seq == null ? null : Number(rows[0].seq);
    },
    instantMs: pgTimestampMs,
    async close() {
      await pool?.end();
    },
  };
}

export function auditPageReader(target: DatabaseTarget): AuditPageReader {
  const source = target.provider === 'sqlite' ? sqliteSource(target.url) : pgSource(target.url);
  const ranges = workerRangeChecker(target, () => source.newestSeq());
  return {
    async page(afterSeq, limit) {
      const records = toRecords(await source.page(afterSeq, limit), source.instantMs);
      return afterSeq === 0 && ranges ? offerRangeChecks(records, ranges) : records;
    },
    close: () => source.close(),
  };
}
