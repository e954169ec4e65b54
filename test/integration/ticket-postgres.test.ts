// On PostgreSQL, where several Steward processes share one database: ticket numbers stay
// unique under concurrent opens, a channel gets one live session even when two start at
// once, and concurrent SLA checks record and escalate each breach once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAccount, parseConsoleMention } from '../../adapters/console/console-adapter.js';
import { runSlaCheck } from '../../src/core/tickets/sla-check.js';
import { PG_SKIP_REASON, pgReachable } from '../support/postgres.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { command, grantRole, prismaOf } from '../support/tickets-fixtures.js';

const reachable = await pgReachable();
if (!reachable) console.warn(PG_SKIP_REASON);

describe.skipIf(!reachable)('tickets on PostgreSQL', () => {
  let bot: TestSteward;
  beforeAll(async () => {
    bot = await startTestSteward({ provider: 'postgresql', env: { STEWARD_SLA: 'urgent=10m/1h' } });
    await bot.run('/as admin');
    await grantRole(bot, 'bob', 'support');
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('gives concurrent opens distinct, gap-free numbers', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
    for (const name of people) {
      await bot.steward.hello({ account: consoleAccount(name), displayName: name, parseMention: parseConsoleMention });
    }
    const outcomes = await Promise.all(
      people.map((name) => command(bot, name, `/ticket open Problem of ${name} priority:urgent`)),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const numbers = (await prismaOf(bot).ticket.findMany({ select: { number: true } })).map((t) => t.number);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('starts one session per channel when two start at once', async () => {
    const outcomes = await Promise.all([
      command(bot, 'bob', '/session start Keynote A', 'stage'),
      command(bot, 'bob', '/session start Keynote B', 'stage'),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)!.replies[0]!.text).toContain('#stage already has a running session');
    expect(await prismaOf(bot).liveSession.count()).toBe(1);
  });

  it('records each breach once when SLA checks run concurrently', async () => {
    bot.clock.advance(11 * 60_000);
    const now = bot.clock.now();
    const results = await Promise.all([
      runSlaCheck(bot.steward.services, now),
      runSlaCheck(bot.steward.services, now),
      runSlaCheck(bot.steward.services, now),
    ]);
    expect(results.reduce((n, r) => n + r.breaches.length, 0)).toBe(12);
    expect(await prismaOf(bot).ticketSlaMark.count({ where: { stage: 'breach' } })).toBe(12);
    expect(await prismaOf(bot).ticket.count({ where: { status: 'escalated' } })).toBe(12);
  });

  it('runs the whole ticket flow, history in order', async () => {
    await bot.run('/as bob\n/ticket claim T-1\n/ticket comment T-1 On it\n/ticket resolve T-1 Fixed the encoder');
    // The twelve tickets were opened at once, so T-1 may be anyone's: rate as its reporter.
    const t1 = await prismaOf(bot).ticket.findFirstOrThrow({ where: { number: 1 } });
    const reporter = await bot.steward.services.store.repos.members.findById(t1.reporterId);
    await bot.run(`/as ${reporter!.displayName}\n/ticket rate T-1 5`);
    const show = await bot.run('/ticket show T-1');
    expect(show).toContain('Rating: 5/5');
    const order = ['opened it', 'recorded an SLA breach', 'claimed it', 'commented: On it', 'resolved it', 'rated it'];
    const positions = order.map((what) => show.indexOf(what));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
