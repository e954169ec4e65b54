// /link persistence: one-time codes (hashed) and the account and grant moves that join
// or split members.
import type { LinkRepo, MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';

export function linkRepo(db: PrismaTx): LinkRepo {
  return {
    async saveCode(code) {
      await db.linkCode.create({ data: code });
    },
    async clearCodes(memberId, now) {
      await db.linkCode.deleteMany({ where: { OR: [{ memberId, usedAt: null }, { expiresAt: { lt: now } }] } });
    },
    findCode: (codeHash) => db.linkCode.findUnique({ where: { codeHash } }),
    async markUsed(id, now) {
      const { count } = await db.linkCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
      return count === 1;
    },
    async moveAccount(account, toMemberId) {
      await db.platformAccount.update({
        where: { platform_workspaceId_userId: account },
        data: { memberId: toMemberId },
      });
    },
    async moveGrants(fromMemberId, toMemberId) {
      await db.grant.updateMany({ where: { memberId: fromMemberId }, data: { memberId: toMemberId } });
    },
    async deleteMember(memberId) {
      await db.linkCode.deleteMany({ where: { memberId } });
      await db.member.delete({ where: { id: memberId } });
    },
    async detachAccount(account, { id, displayName, pseudonym, now }) {
      const row = await db.member.create({ data: { id, displayName, pseudonym, createdAt: now, lastActiveAt: now } });
      await db.platformAccount.update({
        where: { platform_workspaceId_userId: account },
        data: { memberId: row.id },
      });
      return { ...row, status: row.status as MemberStatus };
    },
  };
}
