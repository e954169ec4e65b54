import type { AuditFilter, AuditRecord, AuditRepo } from '../../core/ports.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { PrismaTx } from '../prisma-client.js';
import type { Sql } from '../sql.js';

/** Any constant shared by every Steward process; names the audit chain's advisory lock. */
const AUDIT_CHAIN_LOCK = 0x5374_6175; // "Stau"
/** The single AuditHead row. */
const HEAD_ID = 1;

function where(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  const action = filter.action?.endsWith('.') ? { startsWith: filter.action } : filter.action;
  return {
    actorId: filter.actorId,
    subjectId: filter.subjectId,
    action,
    orgId: filter.orgId,
    outcome: filter.outcome,
    at: filter.since || filter.until ? { gte: filter.since, lt: filter.until } : undefined,
    seq: filter.beforeSeq !== undefined ? { lt: filter.beforeSeq } : undefined,
  };
}

export function auditRepo(db: PrismaTx, sql: Sql): AuditRepo {
  const { provider } = sql;
  return {
    async lockChain() {
      // SQLite runs one write transaction at a time already.
      if (provider === 'postgresql') await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    },
    async last() {
      const row = await db.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
      return row ? (row as AuditRecord) : null;
    },
    async insert(entry) {
      await db.auditEntry.create({ data: entry });
      await db.auditHead.upsert({
        where: { id: HEAD_ID },
        create: { id: HEAD_ID, seq: entry.seq, hash: entry.hash },
        update: { seq: entry.seq, hash: entry.hash },
      });
    },
    async head() {
      const row = await db.auditHead.findUnique({ where: { id: HEAD_ID } });
      return row ? { seq: row.seq, hash: row.hash } : null;
    },
    async page(afterSeq, limit) {
      // Raw SQL: verification reads every entry, and this is several times faster than findMany.
      const rows = await db.$queryRaw<AuditRecord[]>`
        SELECT "seq", "at", "actorId", "action", "subjectId", "orgId", "outcome", "detail", "prevHash", "hash"
        FROM "AuditEntry" WHERE "seq" > ${afterSeq} ORDER BY "seq" LIMIT ${limit}`;
      for (const row of rows) {
        if (!(row.at instanceof Date)) row.at = new Date(row.at);
        if (typeof row.seq !== 'number') row.seq = Number(row.seq);
      }
      return rows;
    },
    async query(filter, limit) {
      const rows = await db.auditEntry.findMany({ where: where(filter), orderBy: { seq: 'desc' }, take: limit });
      return rows as AuditRecord[];
    },
  };
}
