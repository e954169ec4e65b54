// The relay and outbox repositories read and write the per-DM and per-delivery rows
// through plain SQL (src/store/sql.ts): what they return must be exactly what Prisma
// returns for the same rows (Dates as Dates, numbers as numbers, null not undefined), on
// both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_FIELDS } from '../../src/store/repos/relay.js';
import type { PrismaStore } from '../../src/store/store.js';
import { pgReachable } from '../support/postgres.js';
import { type Provider, startTestSteward, type TestSteward } from '../support/test-steward.js';

const providers: Provider[] = (await pgReachable()) ? ['sqlite', 'postgresql'] : ['sqlite'];

describe.each(providers)('relay and outbox rows on %s', (provider) => {
  let bot: TestSteward;
  let store: PrismaStore;
  const now = new Date('2026-01-02T03:04:05.678Z');
  const later = new Date(now.getTime() + 3_600_000);

  beforeAll(async () => {
    bot = await startTestSteward({ provider });
    store = bot.steward.services.store as PrismaStore;
  });
  afterAll(() => bot.close());

  it('returns conversations, messages, blocks and hold items exactly as Prisma reads them', async () => {
    const memberId = `shape-${provider}`;
    const made = await store.transact(async (repos) => {
      const conversation = await repos.relay.createConversation(memberId, now);
      // A second create joins the open conversation instead of failing on openFor.
      expect(await repos.relay.createConversation(memberId, later)).toStrictEqual(conversation);
      const relayed = await repos.relay.addMessage({
        conversationNumber: conversation.number,
        memberId,
        kind: 'member',
        authorId: memberId,
        body: 'sealed-1',
        keyId: 'dk-1',
        status: 'relayed',
        holdReason: null,
        signature: null,
        createdAt: now,
      });
      const held = await repos.relay.addMessage({
        conversationNumber: conversation.number,
        memberId,
        kind: 'member',
        authorId: null,
        body: 'sealed-2',
        keyId: 'dk-1',
        status: 'held',
        holdReason: 'rate_limit',
        signature: 'name',
        createdAt: later,
      });
      await repos.relay.recordActivity(conversation.number, later, { messages: 2, held: 1 });
      await repos.relay.addBlock({
        id: `block-${provider}`,
        memberId,
        reason: 'sealed-reason',
        keyId: 'dk-1',
        createdById: 'moderator',
        createdAt: now,
        expiresAt: later,
      });
      const item = await repos.relay.addModerationItem({
        kind: 'hold',
        category: null,
        reporterId: null,
        subjectMemberId: memberId,
        conversationNumber: conversation.number,
        messageNumber: held.number,
        reason: null,
        reasonKeyId: null,
        createdAt: now,
      });
      return { conversation, relayed, held, item };
    });
    const { relay } = store.repos;
    const { prisma } = store;

    const conversation = await relay.conversation(made.conversation.number);
    expect(conversation).toStrictEqual(
      await prisma.relayConversation.findUnique({
        where: { number: made.conversation.number },
        select: CONVERSATION_FIELDS,
      }),
    );
    expect(conversation).toMatchObject({ messageCount: 2, heldCount: 1, lastMessageAt: later, closedAt: null });
    expect(await relay.openConversationOf(memberId)).toStrictEqual(conversation);

    expect(made.relayed).toStrictEqual(
      await prisma.relayMessage.findUnique({ where: { number: made.relayed.number } }),
    );
    expect(made.held).toStrictEqual(await prisma.relayMessage.findUnique({ where: { number: made.held.number } }));
    expect(made.held.number).toBeGreaterThan(made.relayed.number);
    expect(await relay.message(made.held.number)).toStrictEqual(made.held);
    expect(await relay.messages(made.conversation.number)).toStrictEqual([made.relayed, made.held]);
    expect(await relay.messages(made.conversation.number, { last: 1 })).toStrictEqual([made.held]);

    expect(await relay.countFromMember(memberId, now)).toBe(2);
    expect(await relay.countFromMember(memberId, new Date(now.getTime() + 1))).toBe(1);
    expect(await relay.countFromMember(memberId, new Date(later.getTime() + 1))).toBe(0);
    expect(await relay.relayedFromMember(memberId, now, 10)).toStrictEqual([
      { number: made.relayed.number, createdAt: made.relayed.createdAt },
    ]);
    expect(await relay.sealedBodies([made.held.number, made.relayed.number, 999_999])).toHaveLength(2);
    expect(
      (await relay.sealedBodies([made.relayed.number, made.held.number])).sort((a, b) => a.number - b.number),
    ).toStrictEqual([
      { number: made.relayed.number, body: made.relayed.body, keyId: made.relayed.keyId },
      { number: made.held.number, body: made.held.body, keyId: made.held.keyId },
    ]);
    expect(await relay.sealedBodies([])).toStrictEqual([]);

    expect(await relay.activeBlock(memberId, now)).toStrictEqual(
      await prisma.relayBlock.findUnique({ where: { id: `block-${provider}` } }),
    );
    expect(await relay.activeBlock(memberId, later)).toBeNull();

    expect(made.item).toStrictEqual(await prisma.moderationItem.findUnique({ where: { number: made.item.number } }));
    expect(await relay.openHoldItem(made.conversation.number)).toStrictEqual(made.item);
  });

  it('claims, marks and counts outbox rows as Prisma reads them', async () => {
    const { outbox } = store.repos;
    const { prisma } = store;
    // Anything the steward queued at start-up is delivered or claimed out of the way first.
    await outbox.claimDue(new Date(Date.now() + 86_400_000), 1000, 86_400_000);
    const pendingBefore = await outbox.pendingCount();

    await store.transact(async (repos) => {
      await repos.outbox.enqueue({
        id: 'later',
        recipientKind: 'member',
        recipient: 'm',
        payload: 'p2',
        keyId: 'k',
        now: later,
      });
      await repos.outbox.enqueue({
        id: 'first',
        recipientKind: 'channel',
        recipient: 'staff',
        payload: 'p1',
        keyId: 'k',
        now,
      });
    });
    expect(await outbox.pendingCount()).toBe(pendingBefore + 2);

    const claimed = await outbox.claimDue(later, 10, 1000);
    expect(claimed.map((o) => o.id)).toEqual(['first', 'later']);
    expect(claimed).toStrictEqual(
      await prisma.outboxMessage.findMany({ where: { id: { in: ['first', 'later'] } }, orderBy: { createdAt: 'asc' } }),
    );
    // The lease holds them: a second claim in that time gets nothing.
    expect(await outbox.claimDue(later, 10, 1000)).toEqual([]);

    await outbox.markRetry('first', 'x'.repeat(600), later);
    await outbox.markDeliveredVia('first', ['slack', 'discord']);
    await outbox.markSent('first', later);
    await outbox.markFailed('later', 'no such member');
    expect(await prisma.outboxMessage.findUnique({ where: { id: 'first' } })).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: 'x'.repeat(500),
      deliveredVia: 'slack,discord',
      payload: '',
      sentAt: later,
    });
    expect(await prisma.outboxMessage.findUnique({ where: { id: 'later' } })).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'no such member',
    });
    expect(await outbox.pendingCount()).toBe(pendingBefore);
  });
});
