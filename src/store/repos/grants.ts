import type { GrantRecord, GrantRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { columnList, instant, type Sql, type SqlRow } from '../sql.js';

export const GRANT_FIELDS = [
  'id',
  'memberId',
  'role',
  'orgId',
  'grantedById',
  'reason',
  'createdAt',
  'expiresAt',
  'revokedAt',
  'revokedById',
  'revokeReason',
  'reviewedAt',
  'expiryWarnedAt',
] as const satisfies readonly (keyof GrantRecord)[];
const GRANT_COLUMNS = columnList(GRANT_FIELDS);

export const grantFromSql = (row: SqlRow<GrantRecord>): GrantRecord => ({
  ...row,
  createdAt: instant(row.createdAt),
  expiresAt: instant(row.expiresAt),
  revokedAt: instant(row.revokedAt),
  reviewedAt: instant(row.reviewedAt),
  expiryWarnedAt: instant(row.expiryWarnedAt),
});

export function grantRepo(db: PrismaTx, sql: Sql): GrantRepo {
  return {
    // Loaded for every command's permission check: plain SQL (see sql.ts).
    async unrevokedFor(memberId) {
      const rows = await sql.rows<SqlRow<GrantRecord>>(
        `SELECT ${GRANT_COLUMNS} FROM "Grant" WHERE "memberId" = ? AND "revokedAt" IS NULL ORDER BY "createdAt", "id"`,
        [memberId],
      );
      return rows.map(grantFromSql);
    },
    create: (grant) => db.grant.create({ data: grant }) as Promise<GrantRecord>,
    async revoke(id, by, reason, now) {
      await db.grant.update({ where: { id }, data: { revokedAt: now, revokedById: by, revokeReason: reason } });
    },
    holdersOf: (role) => db.grant.findMany({ where: { role, revokedAt: null } }),
    findById: (id) => db.grant.findUnique({ where: { id } }),
    findByIdPrefix: (prefix, limit) =>
      db.grant.findMany({ where: { id: { startsWith: prefix }, revokedAt: null }, take: limit }),
    unrevokedInOrg: (orgId) =>
      db.grant.findMany({ where: { orgId, revokedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    expiredUnrevoked: (now) =>
      db.grant.findMany({
        where: { revokedAt: null, expiresAt: { lte: now } },
        orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
      }),
    expiringUnwarned: (now, until) =>
      db.grant.findMany({
        where: { revokedAt: null, expiryWarnedAt: null, expiresAt: { gt: now, lte: until } },
        orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
      }),
    async markExpiryWarned(id, now) {
      await db.grant.update({ where: { id }, data: { expiryWarnedAt: now } });
    },
    async markReviewed(id, now) {
      await db.grant.update({ where: { id }, data: { reviewedAt: now } });
    },
  };
}
