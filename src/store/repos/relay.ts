import type {
  BlockRecord,
  ConversationRecord,
  ModerationItemRecord,
  RelayMessageRecord,
  RelayRepo,
} from '../../core/relay/repo.js';
import type { PrismaTx } from '../prisma-client.js';

// Rows carry plain strings where the domain has unions; the store only ever writes the
// union's values, so these casts restate what was written.
const conversation = (row: object) => row as ConversationRecord;
const message = (row: object) => row as RelayMessageRecord;
const item = (row: object) => row as ModerationItemRecord;
const block = (row: object) => row as BlockRecord;

const CONVERSATION_FIELDS = {
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

export function relayRepo(db: PrismaTx, provider: 'sqlite' | 'postgresql'): RelayRepo {
  return {
    async openConversationOf(memberId) {
      const row = await db.relayConversation.findUnique({ where: { openFor: memberId }, select: CONVERSATION_FIELDS });
      return row ? conversation(row) : null;
    },
    async createConversation(memberId, now) {
      if (provider === 'postgresql') {
        // Two messages from one member at once (two instances): the second waits for the
        // first and joins its conversation instead of failing on the unique openFor.
        await db.$executeRawUnsafe(
          `INSERT INTO "RelayConversation" ("memberId", "openFor", "status", "openedAt", "lastMessageAt")
           VALUES ($1, $1, 'open', $2, $2) ON CONFLICT ("openFor") DO NOTHING`,
          memberId,
          now,
        );
        const row = await db.relayConversation.findUnique({
          where: { openFor: memberId },
          select: CONVERSATION_FIELDS,
        });
        if (!row) throw new Error('the open conversation vanished while being created');
        return conversation(row);
      }
      const row = await db.relayConversation.create({
        data: { memberId, openFor: memberId, status: 'open', openedAt: now, lastMessageAt: now },
        select: CONVERSATION_FIELDS,
      });
      return conversation(row);
    },
    async conversation(number) {
      const row = await db.relayConversation.findUnique({ where: { number }, select: CONVERSATION_FIELDS });
      return row ? conversation(row) : null;
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
      await db.relayConversation.update({
        where: { number },
        data: {
          lastMessageAt: now,
          messageCount: { increment: counts.messages },
          heldCount: { increment: counts.held },
        },
      });
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
      return message(await db.relayMessage.create({ data }));
    },
    async message(number) {
      const row = await db.relayMessage.findUnique({ where: { number } });
      return row ? message(row) : null;
    },
    async messages(conversationNumber, options = {}) {
      if (options.last !== undefined) {
        const rows = await db.relayMessage.findMany({
          where: { conversationNumber },
          orderBy: { number: 'desc' },
          take: options.last,
        });
        return rows.reverse().map(message);
      }
      const rows = await db.relayMessage.findMany({ where: { conversationNumber }, orderBy: { number: 'asc' } });
      return rows.map(message);
    },
    countFromMember(memberId, since) {
      return db.relayMessage.count({ where: { memberId, kind: 'member', createdAt: { gte: since } } });
    },
    async relayedFromMember(memberId, since, limit) {
      const rows = await db.relayMessage.findMany({
        where: { memberId, kind: 'member', createdAt: { gte: since }, status: { in: ['relayed', 'released'] } },
        orderBy: { number: 'desc' },
        take: limit,
      });
      return rows.map(message);
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
      const row = await db.relayBlock.findFirst({
        where: { memberId, liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        orderBy: { createdAt: 'desc' },
      });
      return row ? block(row) : null;
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
    async openHoldItem(conversationNumber) {
      const row = await db.moderationItem.findFirst({ where: { conversationNumber, kind: 'hold', status: 'open' } });
      return row ? item(row) : null;
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
