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

/**
 * Prisma's SQLite text form of a UTC instant ("2026-11-23T05:52:03.396+00:00"), parsed
 * by position: a million of these is a visible share of a verification otherwise.
 */
function sqliteInstant(text: string): Date {
  if (text.length !== 29 || !text.endsWith('+00:00')) return new Date(text);
  const n = (from: number, to: number) => Number(text.slice(from, to));
  return new Date(Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23)));
}

type RawRow = [number, string, string | null, string, string | null, string | null, string, string, string, string];

export function auditPageReader(target: DatabaseTarget): AuditPageReader {
  if (target.provider === 'sqlite') {
    let db: Database.Database | undefined;
    let stmt: Database.Statement<[number, number], RawRow> | undefined;
    return {
      async page(afterSeq, limit) {
        db ??= new Database(target.url, { readonly: true, fileMustExist: true });
        stmt ??= db
          .prepare<[number, number], RawRow>(
            `SELECT ${COLUMNS} FROM "AuditEntry" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`,
          )
          .raw(true);
        return stmt.all(afterSeq, limit).map((r) => ({
          seq: r[0],
          at: sqliteInstant(r[1]),
          actorId: r[2],
          action: r[3],
          subjectId: r[4],
          orgId: r[5],
          outcome: r[6] as AuditRecord['outcome'],
          detail: r[7],
          prevHash: r[8],
          hash: r[9],
        }));
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
