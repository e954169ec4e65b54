import type {
  BlockRecord,
  ConversationRecord,
  ModerationItemRecord,
  RelayMessageRecord,
  RelayRepo,
} from '../../core/relay/repo.js';
import type { PrismaTx } from '../prisma-client.js';
import { instant, placeholders, type Sql, type SqlRow } from '../sql.js';

// Rows carry plain strings where the domain has unions; the store only ever writes the
// union's values, so these casts restate what was written.
const conversation = (row: object) => row as ConversationRecord;
const message = (row: object) => row as RelayMessageRecord;
const item = (row: object) => row as ModerationItemRecord;
const block = (row: object) => row as BlockRecord;

/** The conversation columns as a Prisma select (the same as CONVERSATION_COLUMNS). */
export const CONVERSATION_FIELDS = {
  number: true,
  memberId: true,
  status: true,
  assigneeId: true,
  messageCount: true,
  heldCount: true,
  openedAt: true,
  lastMessageAt: true,
  closedAt: true,
  closedById: true,
} as const;

// Every member DM runs the block check, the conversation lookup, the spam counts, the
// insert and the activity update: those go through plain SQL (see sql.ts), read back into
// the same records Prisma returns. Moderation and retention stay on Prisma.

const CONVERSATION_COLUMNS = `"number", "memberId", "status", "assigneeId", "messageCount", "heldCount", "openedAt", "lastMessageAt", "closedAt", "closedById"`;
const fromConversationRow = (row: SqlRow<ConversationRecord>): ConversationRecord => ({
  ...row,
  number: Number(row.number),
  messageCount: Number(row.messageCount),
  heldCount: Number(row.heldCount),
  openedAt: instant(row.openedAt),
  lastMessageAt: instant(row.lastMessageAt),
  closedAt: instant(row.closedAt),
});

const MESSAGE_COLUMNS = `"number", "conversationNumber", "memberId", "kind", "authorId", "body", "keyId", "status", "holdReason", "signature", "createdAt"`;
const fromMessageRow = (row: SqlRow<RelayMessageRecord>): RelayMessageRecord => ({
  ...row,
  number: Number(row.number),
  conversationNumber: Number(row.conversationNumber),
  createdAt: instant(row.createdAt),
});

const BLOCK_COLUMNS = `"id", "memberId", "reason", "keyId", "createdById", "createdAt", "expiresAt", "liftedAt", "liftedById"`;
const fromBlockRow = (row: SqlRow<BlockRecord>): BlockRecord => ({
  ...row,
  createdAt: instant(row.createdAt),
  expiresAt: instant(row.expiresAt),
  liftedAt: instant(row.liftedAt),
});

const ITEM_COLUMNS = `"number", "kind", "category", "status", "reporterId", "subjectMemberId", "conversationNumber", "messageNumber", "reason", "reasonKeyId", "createdAt", "resolvedAt", "resolvedById", "outcome", "note", "noteKeyId"`;
const fromItemRow = (row: SqlRow<ModerationItemRecord>): ModerationItemRecord => ({
  ...row,
  number: Number(row.number),
  conversationNumber: row.conversationNumber === null ? null : Number(row.conversationNumber),
  messageNumber: row.messageNumber === null ? null : Number(row.messageNumber),
  createdAt: instant(row.createdAt),
  resolvedAt: instant(row.resolvedAt),
});

export function relayRepo(db: PrismaTx, sql: Sql): RelayRepo {
  const openConversationOf = async (memberId: string) => {
    const [row] = await sql.rows<SqlRow<ConversationRecord>>(
      `SELECT ${CONVERSATION_COLUMNS} FROM "RelayConversation" WHERE "openFor" = ?`,
      [memberId],
    );
    return row ? fromConversationRow(row) : null;
  };
  return {
    openConversationOf,
    async createConversation(memberId, now) {
      // Two messages from one member at once (two PostgreSQL instances): the second waits
      // for the first and joins its conversation instead of failing on the unique openFor.
      const [row] = await sql.rows<SqlRow<ConversationRecord>>(
        `INSERT INTO "RelayConversation" ("memberId", "openFor", "status", "openedAt", "lastMessageAt")
         VALUES (?, ?, 'open', ?, ?) ON CONFLICT ("openFor") DO NOTHING
         RETURNING ${CONVERSATION_COLUMNS}`,
        [memberId, memberId, now, now],
      );
      if (row) return fromConversationRow(row);
      const existing = await openConversationOf(memberId);
      if (!existing) throw new Error('the open conversation vanished while being created');
      return existing;
    },
    async conversation(number) {
      const [row] = await sql.rows<SqlRow<ConversationRecord>>(
        `SELECT ${CONVERSATION_COLUMNS} FROM "RelayConversation" WHERE "number" = ?`,
        [number],
      );
      return row ? fromConversationRow(row) : null;
    },
    async conversations({ status, assigneeId, memberId, limit }) {
      const rows = await db.relayConversation.findMany({
        where: { status, assigneeId, memberId },
        orderBy: [{ lastMessageAt: 'desc' }, { number: 'desc' }],
        take: limit,
        select: CONVERSATION_FIELDS,
      });
      return rows.map(conversation);
    },
    async recordActivity(number, now, counts) {
      await sql.run(
        `UPDATE "RelayConversation"
         SET "lastMessageAt" = ?, "messageCount" = "messageCount" + ?, "heldCount" = "heldCount" + ?
         WHERE "number" = ?`,
        [now, counts.messages, counts.held, number],
      );
    },
    async adjustHeld(number, delta) {
      if (delta === 0) return;
      await db.relayConversation.update({ where: { number }, data: { heldCount: { increment: delta } } });
    },
    async assign(number, assigneeId) {
      await db.relayConversation.update({ where: { number }, data: { assigneeId } });
    },
    async close(number, byId, now) {
      await db.relayConversation.update({
        where: { number },
        data: { status: 'closed', openFor: null, closedAt: now, closedById: byId },
      });
    },

    async addMessage(data) {
      const [row] = await sql.rows<SqlRow<RelayMessageRecord>>(
        `INSERT INTO "RelayMessage"
           ("conversationNumber", "memberId", "kind", "authorId", "body", "keyId", "status", "holdReason", "signature", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING ${MESSAGE_COLUMNS}`,
        [
          data.conversationNumber,
          data.memberId,
          data.kind,
          data.authorId,
          data.body,
          data.keyId,
          data.status,
          data.holdReason,
          data.signature,
          data.createdAt,
        ],
      );
      return fromMessageRow(row!);
    },
    async message(number) {
      const [row] = await sql.rows<SqlRow<RelayMessageRecord>>(
        `SELECT ${MESSAGE_COLUMNS} FROM "RelayMessage" WHERE "number" = ?`,
        [number],
      );
      return row ? fromMessageRow(row) : null;
    },
    async messages(conversationNumber, options = {}) {
      if (options.last !== undefined) {
        const rows = await sql.rows<SqlRow<RelayMessageRecord>>(
          `SELECT ${MESSAGE_COLUMNS} FROM "RelayMessage" WHERE "conversationNumber" = ? ORDER BY "number" DESC LIMIT ?`,
          [conversationNumber, options.last],
        );
        return rows.reverse().map(fromMessageRow);
      }
      const rows = await sql.rows<SqlRow<RelayMessageRecord>>(
        `SELECT ${MESSAGE_COLUMNS} FROM "RelayMessage" WHERE "conversationNumber" = ? ORDER BY "number"`,
        [conversationNumber],
      );
      return rows.map(fromMessageRow);
    },
    async countFromMember(memberId, since) {
      const [row] = await sql.rows<{ count: number | bigint }>(
        `SELECT COUNT(*) AS "count" FROM "RelayMessage" WHERE "memberId" = ? AND "kind" = 'member' AND "createdAt" >= ?`,
        [memberId, since],
      );
      return Number(row!.count);
    },
    async relayedFromMember(memberId, since, limit) {
      // On SQLite the (memberId, kind, createdAt, status) index holds every column read
      // here, in the order asked for: no table rows, no sort.
      const rows = await sql.rows<{ number: number; createdAt: string | Date }>(
        `SELECT "number", "createdAt" FROM "RelayMessage"
         WHERE "memberId" = ? AND "kind" = 'member' AND "createdAt" >= ? AND "status" IN ('relayed', 'released')
         ORDER BY "createdAt" DESC LIMIT ?`,
        [memberId, since, limit],
      );
      return rows.map((row) => ({ number: Number(row.number), createdAt: instant(row.createdAt) }));
    },
    async sealedBodies(numbers) {
      if (numbers.length === 0) return [];
      const rows = await sql.rows<{ number: number; body: string; keyId: string }>(
        `SELECT "number", "body", "keyId" FROM "RelayMessage" WHERE "number" IN (${placeholders(numbers.length)})`,
        numbers,
      );
      return rows.map((row) => ({ number: Number(row.number), body: row.body, keyId: row.keyId }));
    },
    async heldMessages(conversationNumber) {
      const rows = await db.relayMessage.findMany({
        where: { conversationNumber, status: 'held' },
        orderBy: { number: 'asc' },
      });
      return rows.map(message);
    },
    async setMessageStatus(numbers, status) {
      if (numbers.length === 0) return;
      await db.relayMessage.updateMany({ where: { number: { in: numbers } }, data: { status } });
    },

    async activeBlock(memberId, now) {
      const [row] = await sql.rows<SqlRow<BlockRecord>>(
        `SELECT ${BLOCK_COLUMNS} FROM "RelayBlock"
         WHERE "memberId" = ? AND "liftedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ?)
         ORDER BY "createdAt" DESC LIMIT 1`,
        [memberId, now],
      );
      return row ? fromBlockRow(row) : null;
    },
    async addBlock(data) {
      await db.relayBlock.create({ data });
    },
    async liftBlocks(memberId, byId, now) {
      const { count } = await db.relayBlock.updateMany({
        where: { memberId, liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        data: { liftedAt: now, liftedById: byId },
      });
      return count;
    },
    async blocksOn(memberId) {
      const rows = await db.relayBlock.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });
      return rows.map(block);
    },

    async addModerationItem(data) {
      return item(await db.moderationItem.create({ data: { ...data, status: 'open' } }));
    },
    async moderationItem(number) {
      const row = await db.moderationItem.findUnique({ where: { number } });
      return row ? item(row) : null;
    },
    // Read for every held message, which is when a flood arrives.
    async openHoldItem(conversationNumber) {
      const [row] = await sql.rows<SqlRow<ModerationItemRecord>>(
        `SELECT ${ITEM_COLUMNS} FROM "ModerationItem"
         WHERE "conversationNumber" = ? AND "kind" = 'hold' AND "status" = 'open' LIMIT 1`,
        [conversationNumber],
      );
      return row ? fromItemRow(row) : null;
    },
    async openModerationItems(limit) {
      const rows = await db.moderationItem.findMany({
        where: { status: 'open' },
        orderBy: { number: 'asc' },
        take: limit,
      });
      return rows.map(item);
    },
    async resolveModerationItem(number, r) {
      await db.moderationItem.update({
        where: { number },
        data: {
          status: 'resolved',
          resolvedAt: r.now,
          resolvedById: r.byId,
          outcome: r.outcome,
          note: r.note,
          noteKeyId: r.noteKeyId,
        },
      });
    },
    async reportsBy(memberId) {
      const rows = await db.moderationItem.findMany({
        where: { reporterId: memberId, kind: 'report' },
        orderBy: { number: 'asc' },
      });
      return rows.map(item);
    },

    async conversationsInactiveSince(before, limit) {
      const rows = await db.relayConversation.findMany({
        where: { lastMessageAt: { lt: before } },
        orderBy: { lastMessageAt: 'asc' },
        take: limit,
        select: CONVERSATION_FIELDS,
      });
      return rows.map(conversation);
    },
    async deleteConversations(numbers) {
      if (numbers.length === 0) return;
      await db.relayMessage.deleteMany({ where: { conversationNumber: { in: numbers } } });
      await db.moderationItem.deleteMany({ where: { conversationNumber: { in: numbers }, kind: 'hold' } });
      await db.relayConversation.deleteMany({ where: { number: { in: numbers } } });
    },
    async deleteMemberData(memberId) {
      const owned = await db.relayConversation.findMany({ where: { memberId }, select: { number: true } });
      const numbers = owned.map((c) => c.number);
      await db.relayMessage.deleteMany({ where: { conversationNumber: { in: numbers } } });
      await db.moderationItem.deleteMany({
        where: { OR: [{ conversationNumber: { in: numbers }, kind: 'hold' }, { reporterId: memberId }] },
      });
      await db.relayConversation.deleteMany({ where: { memberId } });
      await db.relayBlock.deleteMany({ where: { memberId } });
    },
  };
}
