import { newId } from '../../core/ids.js';
import type { AccountRef, MemberRecord, MemberRepo, MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { instant, type Sql, type SqlRow } from '../sql.js';

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

const fromSql = (row: SqlRow<Row>): MemberRecord => ({
  ...row,
  status: row.status as MemberStatus,
  createdAt: instant(row.createdAt),
  lastActiveAt: instant(row.lastActiveAt),
  departedAt: instant(row.departedAt),
});
const MEMBER_COLUMNS = `m."id", m."displayName", m."pseudonym", m."status", m."createdAt", m."lastActiveAt", m."departedAt"`;

export function memberRepo(db: PrismaTx, sql: Sql): MemberRepo {
  return {
    // Every command and DM starts with one of these two: plain SQL (see sql.ts).
    async findById(id) {
      const [row] = await sql.rows<SqlRow<Row>>(`SELECT ${MEMBER_COLUMNS} FROM "Member" m WHERE m."id" = ?`, [id]);
      return row ? fromSql(row) : null;
    },
    async findByAccount(account: AccountRef) {
      const [row] = await sql.rows<SqlRow<Row>>(
        `SELECT ${MEMBER_COLUMNS} FROM "PlatformAccount" a JOIN "Member" m ON m."id" = a."memberId"
         WHERE a."platform" = ? AND a."workspaceId" = ? AND a."userId" = ?`,
        [account.platform, account.workspaceId, account.userId],
      );
      return row ? fromSql(row) : null;
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
      await sql.run(`UPDATE "Member" SET "lastActiveAt" = ? WHERE "id" = ?`, [now, memberId]);
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
