import { newId } from '../../core/ids.js';
import type { AccountRef, MemberRecord, MemberRepo, MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';

type Row = {
  id: string;
  displayName: string;
  pseudonym: string;
  status: string;
  createdAt: Date;
  lastActiveAt: Date;
  departedAt: Date | null;
};
const toRecord = (row: Row): MemberRecord => ({ ...row, status: row.status as MemberStatus });

export function memberRepo(db: PrismaTx): MemberRepo {
  return {
    async findById(id) {
      const row = await db.member.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async findByAccount(account: AccountRef) {
      const row = await db.platformAccount.findUnique({
        where: { platform_workspaceId_userId: account },
        include: { member: true },
      });
      return row ? toRecord(row.member) : null;
    },
    async findByName(name) {
      // Names are few per organisation; compare case-insensitively in memory so SQLite
      // and PostgreSQL behave the same.
      const lower = name.toLowerCase();
      const rows = await db.member.findMany({ where: { status: { not: 'erased' } } });
      return rows
        .filter((r) => r.displayName.toLowerCase() === lower || r.pseudonym.toLowerCase() === lower)
        .map(toRecord);
    },
    async create({ id, displayName, pseudonym, account, now }) {
      const row = await db.member.create({
        data: {
          id,
          displayName,
          pseudonym,
          createdAt: now,
          lastActiveAt: now,
          accounts: { create: { id: newId(), ...account, createdAt: now } },
        },
      });
      return toRecord(row);
    },
    async accounts(memberId) {
      const rows = await db.platformAccount.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });
      return rows.map(({ platform, workspaceId, userId }) => ({ platform, workspaceId, userId }));
    },
    async touch(memberId, now) {
      await db.member.update({ where: { id: memberId }, data: { lastActiveAt: now } });
    },
    async setStatus(memberId, status, now) {
      await db.member.update({
        where: { id: memberId },
        data: { status, departedAt: status === 'departed' ? now : status === 'active' ? null : undefined },
      });
    },
    count: () => db.member.count(),
  };
}
