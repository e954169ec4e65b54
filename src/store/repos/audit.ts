import type { AuditRecord, AuditRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';

/** Any constant shared by every Steward process; names the audit chain's advisory lock. */
const AUDIT_CHAIN_LOCK = 0x5374_6175; // "Stau"

export function auditRepo(db: PrismaTx, provider: 'sqlite' | 'postgresql'): AuditRepo {
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
    },
  };
}
