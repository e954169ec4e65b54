import type { PrivacyRepo } from '../../core/privacy/repo.js';
import type { PrismaTx } from '../prisma-client.js';

export function privacyRepo(db: PrismaTx): PrivacyRepo {
  return {
    async eraseIdentity(memberId) {
      const member = await db.member.findUnique({ where: { id: memberId }, select: { pseudonym: true } });
      if (!member) return;
      // Platform ids identify the person: the links go. A later message from the same
      // account starts afresh as a new member.
      await db.platformAccount.deleteMany({ where: { memberId } });
      await db.member.update({ where: { id: memberId }, data: { displayName: member.pseudonym, status: 'erased' } });
      // Undelivered messages to them (possibly their own data export) go too.
      await db.outboxMessage.deleteMany({
        where: { recipientKind: 'member', recipient: memberId, status: { not: 'sent' } },
      });
    },
  };
}
