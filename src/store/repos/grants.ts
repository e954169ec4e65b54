import type { GrantRecord, GrantRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';

export function grantRepo(db: PrismaTx): GrantRepo {
  return {
    unrevokedFor: (memberId) =>
      db.grant.findMany({ where: { memberId, revokedAt: null }, orderBy: { createdAt: 'asc' } }),
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
