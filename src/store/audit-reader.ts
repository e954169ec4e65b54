// Reads the audit chain page by page straight through the database driver, for
// verification of very long chains: Prisma's per-row mapping costs more than hashing
// here. A separate read-only connection, so a long verification never holds the
// application's connection (SQLite) or a pooled one (PostgreSQL).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { AuditRecord } from '../core/ports.js';
import type { DatabaseTarget } from './database-url.js';
import { pgConfig } from './driver-adapter.js';

const COLUMNS = `"seq", "at", "actorId", "action", "subjectId", "orgId", "outcome", "detail", "prevHash", "hash"`;
const PG_TIMESTAMP_OID = 1114;

export interface AuditPageReader {
  page(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

type Row = Omit<AuditRecord, 'at'> & { at: string | Date };
const toRecord = (row: Row): AuditRecord => ({ ...row, seq: Number(row.seq), at: new Date(row.at) });

export function auditPageReader(target: DatabaseTarget): AuditPageReader {
  if (target.provider === 'sqlite') {
    let db: Database.Database | undefined;
    let stmt: Database.Statement<[number, number], Row> | undefined;
    return {
      async page(afterSeq, limit) {
        db ??= new Database(target.url, { readonly: true, fileMustExist: true });
        stmt ??= db.prepare(`SELECT ${COLUMNS} FROM "AuditEntry" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`);
        return stmt.all(afterSeq, limit).map(toRecord);
      },
      async close() {
        db?.close();
      },
    };
  }
  let pool: pg.Pool | undefined;
  return {
    async page(afterSeq, limit) {
      // Prisma stores DateTime as UTC "timestamp(3)": read it as UTC, whatever the host's zone.
      pool ??= new pg.Pool({
        ...pgConfig(target.url, 1),
        types: {
          getTypeParser: ((oid: number, format?: 'text') =>
            oid === PG_TIMESTAMP_OID
              ? (v: string) => `${v.replace(' ', 'T')}Z`
              : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
        },
      });
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM "AuditEntry" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`,
        [afterSeq, limit],
      );
      return rows.map(toRecord);
    },
    async close() {
      await pool?.end();
    },
  };
}
