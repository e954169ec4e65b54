import { newId } from '../../core/ids.js';
import type { AccountRef, GrantRecord, MemberRecord, MemberRepo, MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { instant, placeholders, type Sql, type SqlRow } from '../sql.js';
import { GRANT_FIELDS, grantFromSql } from './grants.js';

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
/** The unrevoked grants joined to a member: one row per grant, or one of NULLs. */
const JOINED_GRANT_COLUMNS = GRANT_FIELDS.map((f) => `g."${f}" AS "grant.${f}"`).join(', ');
type JoinedRow = SqlRow<Row> & Record<`grant.${(typeof GRANT_FIELDS)[number]}`, unknown>;
const joinedGrant = (row: JoinedRow): GrantRecord =>
  grantFromSql(Object.fromEntries(GRANT_FIELDS.map((f) => [f, row[`grant.${f}`]])) as SqlRow<GrantRecord>);

const NAMES_PER_QUERY = 500;

export function memberRepo(db: PrismaTx, sql: Sql): MemberRepo {
  return {
    // Every command and DM starts with one of these two: plain SQL (see sql.ts).
    async findById(id) {
      const [row] = await sql.rows<SqlRow<Row>>(`SELECT ${MEMBER_COLUMNS} FROM "Member" m WHERE m."id" = ?`, [id]);
      return row ? fromSql(row) : null;
    },
    async displayNames(memberIds) {
      const ids = [...new Set(memberIds)];
      const names = new Map<string, string>();
      // In chunks: an organisation's role list can name thousands, past the drivers' parameter limits.
      for (let i = 0; i < ids.length; i += NAMES_PER_QUERY) {
        const chunk = ids.slice(i, i + NAMES_PER_QUERY);
        const rows = await sql.rows<{ id: string; displayName: string }>(
          `SELECT "id", "displayName" FROM "Member" WHERE "id" IN (${placeholders(chunk.length)})`,
          chunk,
        );
        for (const r of rows) names.set(r.id, r.displayName);
      }
      return names;
    },
    async findByAccount(account: AccountRef) {
      const [row] = await sql.rows<SqlRow<Row>>(
        `SELECT ${MEMBER_COLUMNS} FROM "PlatformAccount" a JOIN "Member" m ON m."id" = a."memberId"
         WHERE a."platform" = ? AND a."workspaceId" = ? AND a."userId" = ?`,
        [account.platform, account.workspaceId, account.userId],
      );
      return row ? fromSql(row) : null;
    },
    async findByAccountWithGrants(account: AccountRef) {
      // One round trip instead of two: on PostgreSQL each costs the bot more than the query.
      const rows = await sql.rows<JoinedRow>(
        `SELECT ${MEMBER_COLUMNS}, ${JOINED_GRANT_COLUMNS}
         FROM "PlatformAccount" a JOIN "Member" m ON m."id" = a."memberId"
         LEFT JOIN "Grant" g ON g."memberId" = m."id" AND g."revokedAt" IS NULL
         WHERE a."platform" = ? AND a."workspaceId" = ? AND a."userId" = ?
         ORDER BY g."createdAt", g."id"`,
        [account.platform, account.workspaceId, account.userId],
      );
      const [first] = rows;
      if (!first) return null;
      const grants = first['grant.id'] === null ? [] : rows.map(joinedGrant);
      const { id, displayName, pseudonym, status, createdAt, lastActiveAt, departedAt } = first;
      return { member: fromSql({ id, displayName, pseudonym, status, createdAt, lastActiveAt, departedAt }), grants };
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
