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
  };
}
