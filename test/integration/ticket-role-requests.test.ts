// Role-change requests as tickets: a role request opens a linked access ticket, and its
// decision closes it with the outcome. Tested both by emitting the access area's domain
// events directly and end to end through /role request and /role approve|deny.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/core/events.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { grantRole, memberId, prismaOf } from '../support/tickets-fixtures.js';

let bot: TestSteward;
beforeEach(async () => {
  bot = await startTestSteward();
  await bot.run('/as admin');
  await grantRole(bot, 'bob', 'support');
});
afterEach(async () => {
  await bot.close();
});

async function emit(event: DomainEvent) {
  const { services } = bot.steward;
  await services.store.transact((repos) => services.emit(repos, bot.clock.now(), event));
}

describe('role requests as tickets (domain events)', () => {
  it('opens one linked access ticket per request, even when the event is replayed', async () => {
    await bot.run('/as alice');
    const alice = await memberId(bot, 'alice');
    const created: DomainEvent = {
      type: 'role.request.created',
      requestId: 'r-7',
      requesterId: alice,
      role: 'support',
      orgId: 'acme',
      justification: 'I run the help desk at the conference',
    };
    await emit(created);
    await emit(created);
    expect(await prismaOf(bot).ticket.count()).toBe(1);
    const show = await bot.run('/as bob\n/ticket show T-1');
    expect(show).toContain('T-1: Role request: support in acme. I run the help desk at the conference');
    expect(show).toContain('Category: access');
    expect(show).toContain('Reporter: alice');
    expect(show).toContain('Role request: r-7');
    expect(show).toMatch(/alice +opened it for a role request \(access, normal\)/);
    const mine = await bot.run('/as alice\n/ticket list');
    expect(mine).toContain('Role request: support in acme');
  });

  it('closes the linked ticket with the outcome when the request is decided', async () => {
    await bot.run('/as alice');
    const alice = await memberId(bot, 'alice');
    const admin = await memberId(bot, 'admin');
    await emit({
      type: 'role.request.created',
      requestId: 'r-1',
      requesterId: alice,
      role: 'support',
      orgId: null,
      justification: 'Helping out',
    });
    bot.clock.advance(3_600_000);
    await emit({
      type: 'role.request.decided',
      requestId: 'r-1',
      outcome: 'denied',
      deciderId: admin,
      reason: 'Not this season',
    });
    const show = await bot.run('/as bob\n/ticket show T-1');
    expect(show).toContain('Status: closed');
    expect(show).toContain('Resolution: Role request denied: Not this season');
    expect(show).toContain('Assignee: admin');
    expect(show).toMatch(/admin +closed it: Role request denied: Not this season/);
  });

  it('a lapsed request closes the ticket without a resolution; unknown requests are ignored', async () => {
    await bot.run('/as alice');
    const alice = await memberId(bot, 'alice');
    await emit({
      type: 'role.request.created',
      requestId: 'r-2',
      requesterId: alice,
      role: 'editor',
      orgId: null,
      justification: 'Docs',
    });
    await emit({ type: 'role.request.decided', requestId: 'r-2', outcome: 'lapsed', deciderId: null, reason: null });
    await emit({
      type: 'role.request.decided',
      requestId: 'r-404',
      outcome: 'approved',
      deciderId: null,
      reason: null,
    });
    const show = await bot.run('/as bob\n/ticket show T-1');
    expect(show).toContain('Status: closed');
    expect(show).not.toContain('Resolution:');
    expect(show).toMatch(/Steward +closed it: Role request lapsed without a decision\./);
    expect(await prismaOf(bot).ticket.count()).toBe(1);
  });

  it('the ticket text is sealed under the requester’s key', async () => {
    await bot.run('/as alice');
    const alice = await memberId(bot, 'alice');
    await emit({
      type: 'role.request.created',
      requestId: 'r-3',
      requesterId: alice,
      role: 'support',
      orgId: null,
      justification: 'Unique-justification-words',
    });
    const ticket = await prismaOf(bot).ticket.findFirstOrThrow();
    expect(JSON.stringify(ticket)).not.toContain('Unique-justification');
    const key = await prismaOf(bot).dataKey.findUniqueOrThrow({ where: { ownerId: alice } });
    expect(ticket.summaryKeyId).toBe(key.id);
  });
});

describe('role requests as tickets (end to end)', () => {
  it('/role request opens an access ticket and /role approve closes it', async () => {
    const asked = await bot.run('/as alice\n/role request support Helping at the spring event');
    expect(asked).toContain('is pending');
    const list = await bot.run('/as bob\n/ticket list category:access');
    expect(list).toContain('1 active ticket:');
    expect(list).toContain('Role request: support. Helping at the spring event');
    const requestId = (await prismaOf(bot).ticket.findFirstOrThrow()).requestId;
    await bot.run(`/as admin\n/role approve ${requestId}`);
    const show = await bot.run('/as bob\n/ticket show T-1');
    expect(show).toContain('Status: closed');
    expect(show).toContain('Resolution: Role request approved.');
    expect(show).toContain(`Role request: #${requestId}`);
  });

  it('/role deny closes it as denied, with the reason', async () => {
    await bot.run('/as alice\n/role request editor Fix typos');
    const requestId = (await prismaOf(bot).ticket.findFirstOrThrow()).requestId;
    await bot.run(`/as admin\n/role deny ${requestId} Use the suggestion box`);
    const show = await bot.run('/as alice\n/ticket show T-1');
    expect(show).toContain('Status: closed');
    expect(show).toContain('Resolution: Role request denied: Use the suggestion box');
  });
});
